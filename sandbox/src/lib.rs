//! `sg-sandbox`: a local emulator of the Smart Glocal API.
//!
//! Layout: [`engine`] is the state machine (no I/O, unit-tested on its
//! own); this crate's other modules are the HTTP shell around it:
//! `api` (authentication, faults, the call), `acs` and `hosted` (the
//! customer's pages, HTML in `pages`), `control` (the test controls under
//! `/sandbox/`), `webhooks` (signed delivery with retries and faults),
//! `clock` (real or manual time), `faults`, `log`.

mod acs;
mod api;
pub mod clock;
mod config;
mod control;
pub mod engine;
pub mod faults;
mod hosted;
mod log;
mod outbox;
mod pages;
mod random;
mod webhooks;

pub use config::{Config, RsaKeys};
pub use log::Log;

use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};
use axum::Router;
use clock::Clock;
use engine::{Ctx, Engine, Reply, Settings};
use faults::Injector;
use smart_glocal::return_url::{parse_urlencoded, query_of};
use smart_glocal::signature::{HmacSha256, RsaSha256Signer, RsaSha256Verifier, Signer, Verifier};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

type DynVerifier = Box<dyn Verifier + Send + Sync>;
type DynSigner = Box<dyn Signer + Send + Sync>;

/// What every handler shares.
pub(crate) struct App {
    config: Config,
    verifier: DynVerifier,
    engine: Mutex<Engine>,
    webhooks: webhooks::Delivery,
    log: Log,
    clock: Arc<Clock>,
    faults: Arc<Injector>,
}

impl App {
    /// Runs `f` on the engine at the clock's time (after firing the
    /// timeouts that became due), then queues the webhooks produced while
    /// still holding the lock, so they leave in the order they happened.
    fn with_engine<T>(&self, f: impl FnOnce(&mut Engine, &mut Ctx) -> T) -> T {
        let mut random = random::random_hex;
        let mut ctx = Ctx::new(self.clock.now_ms(), &mut random);
        let mut engine = self.engine.lock().unwrap_or_else(|p| p.into_inner());
        engine.tick(&mut ctx);
        let out = f(&mut engine, &mut ctx);
        for ev in ctx.events.drain(..) {
            self.webhooks.enqueue(ev);
        }
        out
    }

    /// Reads the engine without changing it.
    fn read_engine<T>(&self, f: impl FnOnce(&Engine) -> T) -> T {
        f(&self.engine.lock().unwrap_or_else(|p| p.into_inner()))
    }
}

/// A running sandbox.
pub struct Running {
    pub addr: SocketAddr,
    pub task: tokio::task::JoinHandle<()>,
}

fn keys(config: &Config) -> std::io::Result<(DynVerifier, DynSigner)> {
    let bad_key = |e: smart_glocal::Error| {
        std::io::Error::new(std::io::ErrorKind::InvalidInput, e.to_string())
    };
    Ok(match &config.rsa {
        None => {
            let hmac = HmacSha256::new(config.signing_key.as_bytes()).map_err(bad_key)?;
            (Box::new(hmac.clone()), Box::new(hmac))
        }
        Some(k) => (
            Box::new(RsaSha256Verifier::from_pem(&k.partner_public_key).map_err(bad_key)?),
            Box::new(RsaSha256Signer::from_pem(&k.sg_private_key).map_err(bad_key)?),
        ),
    })
}

/// Binds `listen` and serves until the task is aborted or the process ends.
pub async fn start(listen: SocketAddr, config: Config) -> std::io::Result<Running> {
    let (verifier, signer) = keys(&config)?;
    let listener = tokio::net::TcpListener::bind(listen).await?;
    let addr = listener.local_addr()?;
    let public_url = config
        .public_url
        .clone()
        .unwrap_or_else(|| format!("http://{addr}"));
    let clock = Arc::new(Clock::new(config.clock));
    let faults = Arc::new(Injector::new(config.faults.clone()));
    let log = Log::new(config.json_log, config.quiet, clock.clone());
    let settings = Settings {
        project: config.project.clone(),
        capture: config.capture,
        auto_confirm: config.auto_confirm,
        public_url,
    };
    let app = Arc::new(App {
        engine: Mutex::new(Engine::new(settings)),
        webhooks: webhooks::Delivery::new(
            &config,
            signer,
            log.clone(),
            clock.clone(),
            faults.clone(),
        ),
        verifier,
        log,
        clock,
        faults,
        config,
    });
    let router = Router::new()
        .route("/api/v1/{*endpoint}", any(api::handle))
        .route("/api/v2/{*endpoint}", any(api::handle_v2))
        .route("/acs/{payment}", get(acs::page).post(acs::page))
        .route("/acs/{payment}/decision", post(acs::decision))
        .route(
            "/{locale}/payment/{token}",
            get(hosted::form).post(hosted::pay),
        )
        .route("/{locale}/payment/{token}/status", get(hosted::status))
        .route(
            pages::STYLE_PATH,
            get(|| async { pages::asset("text/css; charset=utf-8", pages::STYLE) }),
        )
        .route(
            pages::SUBMIT_PATH,
            get(|| async { pages::asset("text/javascript; charset=utf-8", pages::SUBMIT_JS) }),
        )
        .route("/sandbox/clock", get(control::clock).post(control::advance))
        .route("/sandbox/chargeback", post(control::chargeback))
        .route("/sandbox/stats", get(control::stats))
        .route("/health", get(|| async { "ok" }))
        .fallback(|| async { json(&Reply::error(404, "not_found", "no such route")) })
        .layer(axum::extract::DefaultBodyLimit::max(api::MAX_BODY))
        .with_state(app.clone());
    // Timeouts fire on their own in real time, not only on the next call.
    let ticker = Arc::downgrade(&app);
    tokio::spawn(async move {
        loop {
            tokio::time::sleep(Duration::from_secs(1)).await;
            let Some(app) = ticker.upgrade() else { return };
            app.with_engine(|_, _| ());
        }
    });
    let task = tokio::spawn(async move {
        if let Err(e) = axum::serve(listener, router).await {
            eprintln!("sg-sandbox: server stopped: {e}");
        }
    });
    Ok(Running { addr, task })
}

/// An engine answer as an HTTP response.
fn json(reply: &Reply) -> Response {
    let status = StatusCode::from_u16(reply.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut res = (status, reply.body.to_string()).into_response();
    res.headers_mut()
        .insert("content-type", HeaderValue::from_static("application/json"));
    res
}

/// For tests: the query of a Location header as fields.
pub fn location_fields(location: &str) -> Vec<(String, String)> {
    parse_urlencoded(query_of(location))
}

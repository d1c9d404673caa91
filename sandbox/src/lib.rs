//! `sg-sandbox`: a local emulator of the Smart Glocal API.
//!
//! Layout: [`engine`] is the state machine (no I/O, unit-tested on its
//! own). Around it, still without I/O: `router` (the whole sandbox as
//! `handle(app, now, request) -> response`, over the plain values of
//! `http`), `api` (authentication, faults, the call), `acs` and `hosted`
//! (the customer's pages, HTML in `pages`), `control` (the test controls
//! under `/sandbox/`), `outbox` (webhook order, retries and faults),
//! `faults`, `log`. The I/O is `server` (axum: requests in, answers out),
//! `webhooks` (the POSTs the outbox asks for) and `clock` (real or manual
//! time).

mod acs;
mod api;
mod bank_app;
pub mod clock;
mod config;
mod control;
pub mod engine;
pub mod faults;
mod hosted;
pub mod http;
mod log;
pub mod outbox;
mod pages;
mod random;
mod router;
#[cfg(feature = "native")]
mod server;
#[cfg(feature = "native")]
mod webhooks;
mod widget;

pub use config::{Config, RsaKeys};
pub use log::Log;

pub use api::MAX_BODY;
use clock::Clock;
use engine::{Ctx, Engine, Settings};
use faults::Injector;
pub(crate) use http::reply;
pub use router::{handle, too_large};
use smart_glocal::return_url::{parse_urlencoded, query_of};
use smart_glocal::signature::{HmacSha256, RsaSha256Signer, RsaSha256Verifier, Signer, Verifier};
use std::sync::{Arc, Mutex};

type DynVerifier = Box<dyn Verifier + Send + Sync>;
type DynSigner = Box<dyn Signer + Send + Sync>;

/// What every route shares.
pub struct App {
    config: Config,
    verifier: DynVerifier,
    engine: Mutex<Engine>,
    outbox: Mutex<outbox::Outbox>,
    /// The outbox changed: the delivery shell looks at it again.
    outbox_changed: tokio::sync::Notify,
    log: Log,
    clock: Arc<Clock>,
    faults: Arc<Injector>,
}

impl App {
    /// Runs `f` on the engine at the clock's time (after firing the
    /// timeouts that became due), then queues the webhooks produced while
    /// still holding the lock, so they leave in the order they happened.
    fn with_engine<T>(&self, now_ms: u64, f: impl FnOnce(&mut Engine, &mut Ctx) -> T) -> T {
        let mut random = random::random_hex;
        let mut ctx = Ctx::new(now_ms, &mut random);
        let mut engine = self.engine.lock().unwrap_or_else(|p| p.into_inner());
        engine.tick(&mut ctx);
        let out = f(&mut engine, &mut ctx);
        if !ctx.events.is_empty() {
            let mut outbox = self.outbox();
            for ev in ctx.events.drain(..) {
                let (fault, delay) = (self.faults.hook(), self.faults.delay_ms());
                if let Some(n) = outbox.push(now_ms, &ev, fault, delay) {
                    self.log.webhook(&n.session, &n.kind, 0, None, n.note);
                }
            }
            self.outbox_changed.notify_one();
        }
        out
    }

    fn outbox(&self) -> std::sync::MutexGuard<'_, outbox::Outbox> {
        self.outbox.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The sandbox of `config`, without a server: `public_url` is where its
    /// pages are reached. Requests go to [`handle`]; the webhooks wait in
    /// its outbox for a shell to send them.
    pub fn new(config: Config, public_url: String) -> std::io::Result<App> {
        let (verifier, signer) = keys(&config)?;
        let clock = Arc::new(Clock::new(config.clock));
        let faults = Arc::new(Injector::new(config.faults.clone()));
        let log = Log::new(config.json_log, config.quiet, clock.clone());
        let settings = Settings {
            project: config.project.clone(),
            capture: config.capture,
            auto_confirm: config.auto_confirm,
            public_url,
        };
        let outbox = outbox::Outbox::new(outbox::Settings {
            url: config.webhook_url.clone(),
            base_ms: config.webhook_retry_base_ms,
            window_ms: config.webhook_retry_window_s.saturating_mul(1000),
            v2: config.webhook_v2,
            signer,
        });
        Ok(App {
            engine: Mutex::new(Engine::new(settings)),
            outbox: Mutex::new(outbox),
            outbox_changed: tokio::sync::Notify::new(),
            verifier,
            log,
            clock,
            faults,
            config,
        })
    }

    /// The log lines kept since the last call (WebAssembly; natively they
    /// go to stdout as they come).
    pub fn take_log(&self) -> Vec<String> {
        self.log.take()
    }

    /// The sandbox's clock now.
    pub fn now_ms(&self) -> u64 {
        self.clock.now_ms()
    }

    /// The webhook attempts due at `now_ms` (after firing the timeouts
    /// that became due), for a shell to make; and when the next one waiting
    /// for its time is due.
    pub fn due_webhooks(&self, now_ms: u64) -> (Vec<outbox::Attempt>, Option<u64>) {
        self.with_engine(now_ms, |_, _| ());
        let mut outbox = self.outbox();
        (outbox.due(now_ms), outbox.next_due())
    }

    /// What became of attempt `id`: `status` the HTTP status of the answer,
    /// none when there was none. Logged; the outbox retries or moves on.
    pub fn webhook_done(&self, now_ms: u64, id: u64, status: Option<u16>) {
        let mut outbox = self.outbox();
        let Some((session, kind, attempt, first_note)) = outbox.in_flight(id) else {
            return;
        };
        let outcome = outbox.done(now_ms, id, status);
        drop(outbox);
        let retry;
        let note = match outcome {
            Some(outbox::Outcome::Delivered) | None => first_note,
            Some(outbox::Outcome::GaveUp) => " giving up: retry window over",
            Some(outbox::Outcome::Retry { in_ms }) => {
                retry = format!(" retry in {in_ms}ms");
                retry.as_str()
            }
        };
        self.log.webhook(&session, &kind, attempt, status, note);
    }

    /// Reads the engine without changing it.
    fn read_engine<T>(&self, f: impl FnOnce(&Engine) -> T) -> T {
        f(&self.engine.lock().unwrap_or_else(|p| p.into_inner()))
    }
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

#[cfg(feature = "native")]
pub use native::{start, Running};

/// The native shell: a server on a socket, the webhook client, the ticker.
#[cfg(feature = "native")]
mod native {
    use super::*;
    use std::net::SocketAddr;
    use std::time::Duration;

    /// A running sandbox.
    pub struct Running {
        pub addr: SocketAddr,
        pub task: tokio::task::JoinHandle<()>,
    }

    /// Binds `listen` and serves until the task is aborted or the process ends.
    pub async fn start(listen: SocketAddr, config: Config) -> std::io::Result<Running> {
        let listener = tokio::net::TcpListener::bind(listen).await?;
        let addr = listener.local_addr()?;
        let public_url = config
            .public_url
            .clone()
            .unwrap_or_else(|| format!("http://{addr}"));
        let app = Arc::new(App::new(config, public_url)?);
        tokio::spawn(webhooks::deliver(Arc::downgrade(&app)));
        // Timeouts fire on their own in real time, not only on the next call.
        let ticker = Arc::downgrade(&app);
        tokio::spawn(async move {
            loop {
                tokio::time::sleep(Duration::from_secs(1)).await;
                let Some(app) = ticker.upgrade() else { return };
                app.with_engine(app.clock.now_ms(), |_, _| ());
            }
        });
        let task = tokio::spawn(server::serve(listener, app));
        Ok(Running { addr, task })
    }
}

/// For tests: the query of a Location header as fields.
pub fn location_fields(location: &str) -> Vec<(String, String)> {
    parse_urlencoded(query_of(location))
}

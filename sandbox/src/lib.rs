//! `sg-sandbox`: a local emulator of the Smart Glocal API.
//!
//! The HTTP layer (axum on tokio) checks `X-PARTNER-PROJECT` and
//! `X-PARTNER-SIGN` over the exact body bytes, hands the call to the
//! [`engine`], answers, and queues the webhooks the call produced. Webhooks
//! are signed like the service signs them and delivered in order per
//! session, with exponential backoff. The ACS page at `/acs/{payment}` plays
//! the card issuer's 3-D Secure step.

pub mod engine;
mod html;
mod log;
mod time;
mod webhooks;

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};
use axum::Router;
use engine::{CaptureMode, Ctx, Engine, Reply};
use smart_glocal::model::RedirectMethod;
use smart_glocal::return_url::{parse_urlencoded, query_of, redirect_location};
use smart_glocal::signature::{HmacSha256, RsaSha256Signer, RsaSha256Verifier, Signer, Verifier};
use smart_glocal::Endpoint;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Instant;

pub use log::Log;

/// The live service's scheme: RSA-SHA256, base64.
#[derive(Clone)]
pub struct RsaKeys {
    /// The partner's SPKI public key (PEM): verifies requests.
    pub partner_public_key: String,
    /// Smart Glocal's PKCS#8 private key (PEM): signs webhooks.
    pub sg_private_key: String,
}

impl std::fmt::Debug for RsaKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RsaKeys { .. }")
    }
}

/// Everything the command line sets.
#[derive(Debug, Clone)]
pub struct Config {
    pub project: String,
    /// HMAC key, used when `rsa` is `None`.
    pub signing_key: String,
    /// `--scheme rsa`: the keys of the RSA scheme.
    pub rsa: Option<RsaKeys>,
    pub webhook_url: Option<String>,
    pub webhook_retry_base_ms: u64,
    pub webhook_retry_window_s: u64,
    pub capture: CaptureMode,
    pub json_log: bool,
    /// Base URL of the sandbox as a browser reaches it (for the ACS page).
    /// Default: `http://{listen address}`.
    pub public_url: Option<String>,
}

type DynVerifier = Box<dyn Verifier + Send + Sync>;
type DynSigner = Box<dyn Signer + Send + Sync>;

struct App {
    config: Config,
    verifier: DynVerifier,
    engine: Mutex<Engine>,
    webhooks: webhooks::Delivery,
    log: Log,
}

impl App {
    /// Runs `f` on the engine with the current time, then queues its webhooks
    /// while still holding the lock, so they leave in the order they happened.
    fn with_engine<T>(
        &self,
        f: impl FnOnce(&mut Engine, &mut Ctx, &mut Vec<smart_glocal::model::WebhookEvent>) -> T,
    ) -> T {
        let now = time::now_rfc3339();
        let mut random = random_hex;
        let mut ctx = Ctx {
            now: &now,
            random_hex: &mut random,
        };
        let mut events = Vec::new();
        let mut engine = self.engine.lock().unwrap_or_else(|p| p.into_inner());
        let out = f(&mut engine, &mut ctx, &mut events);
        for ev in events {
            self.webhooks.enqueue(ev);
        }
        out
    }
}

/// 64 random bits as hex, from the OS-seeded hasher keys of std.
fn random_hex() -> String {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u64(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(0),
    );
    format!("{:016x}", h.finish())
}

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
    let bad_key = |e: smart_glocal::Error| {
        std::io::Error::new(std::io::ErrorKind::InvalidInput, e.to_string())
    };
    let (verifier, signer): (DynVerifier, DynSigner) = match &config.rsa {
        None => {
            let hmac = HmacSha256::new(config.signing_key.as_bytes()).map_err(bad_key)?;
            (Box::new(hmac.clone()), Box::new(hmac))
        }
        Some(keys) => (
            Box::new(RsaSha256Verifier::from_pem(&keys.partner_public_key).map_err(bad_key)?),
            Box::new(RsaSha256Signer::from_pem(&keys.sg_private_key).map_err(bad_key)?),
        ),
    };
    let log = Log::new(config.json_log);
    let app = Arc::new(App {
        engine: Mutex::new(Engine::new(&config.project, config.capture, &public_url)),
        webhooks: webhooks::Delivery::new(&config, signer, log.clone()),
        verifier,
        log,
        config,
    });
    let router = Router::new()
        .route("/api/v1/{*endpoint}", any(api))
        .route("/acs/{payment}", get(acs_page).post(acs_page))
        .route("/acs/{payment}/decision", post(acs_decision))
        .route("/health", get(|| async { "ok" }))
        .fallback(|| async { json(&Reply::error(404, "not_found", "no such route")) })
        .with_state(app);
    let task = tokio::spawn(async move {
        if let Err(e) = axum::serve(listener, router).await {
            eprintln!("sg-sandbox: server stopped: {e}");
        }
    });
    Ok(Running { addr, task })
}

fn json(reply: &Reply) -> Response {
    let status = StatusCode::from_u16(reply.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut res = (status, reply.body.to_string()).into_response();
    res.headers_mut()
        .insert("content-type", HeaderValue::from_static("application/json"));
    res
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

async fn api(
    State(app): State<Arc<App>>,
    method: Method,
    Path(endpoint): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let started = Instant::now();
    let key = header(&headers, "x-partner-idempotency-key").map(str::to_string);
    let reply = (|| {
        if method != Method::POST {
            return Reply::error(405, "method_not_allowed", "every call is a POST");
        }
        let Ok(endpoint) = Endpoint::from_path(&endpoint) else {
            return Reply::error(404, "not_found", format!("unknown endpoint {endpoint}"));
        };
        if header(&headers, "x-partner-project") != Some(app.config.project.as_str()) {
            return Reply::error(401, "unauthorized", "unknown or missing X-PARTNER-PROJECT");
        }
        let Some(sig) = header(&headers, "x-partner-sign") else {
            return Reply::error(401, "unauthorized", "missing X-PARTNER-SIGN");
        };
        if app.verifier.verify(&body, sig).is_err() {
            return Reply::error(
                401,
                "unauthorized",
                "X-PARTNER-SIGN does not match the body",
            );
        }
        app.with_engine(|engine, ctx, events| {
            let (reply, evs) = engine.call(endpoint, &body, key.as_deref(), ctx);
            events.extend(evs);
            reply
        })
    })();
    let session = reply.body["session"]["id"]
        .as_str()
        .map(str::to_string)
        .or_else(|| {
            serde_json::from_slice::<serde_json::Value>(&body)
                .ok()
                .and_then(|b| b["session_id"].as_str().map(str::to_string))
        });
    app.log.request(
        method.as_str(),
        &format!("/api/v1/{endpoint}"),
        reply.status,
        started.elapsed(),
        session.as_deref(),
        reply.body["error"]["code"].as_str(),
    );
    json(&reply)
}

/// The ACS page: the POST redirect (form with PaReq, MD) or the GET redirect
/// (MD in the query) lands here.
async fn acs_page(
    State(app): State<Arc<App>>,
    method: Method,
    Path(payment): Path<String>,
    RawQuery(query): RawQuery,
    body: Bytes,
) -> Response {
    let mut fields = parse_urlencoded(query.as_deref().unwrap_or(""));
    if method == Method::POST {
        fields.extend(parse_urlencoded(&String::from_utf8_lossy(&body)));
    }
    let md = fields
        .iter()
        .find(|(k, _)| k == "MD")
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    let challenge = app
        .engine
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .acs_challenge(&payment, &md);
    let status = if challenge.is_some() { 200 } else { 404 };
    app.log
        .line(&format!("acs {method} /acs/{payment} -> {status}"));
    match challenge {
        Some(c) => html::page(StatusCode::OK, &html::acs_challenge(&payment, &c)),
        None => nothing_to_authenticate(),
    }
}

/// The ACS's answer to an unknown, forged or already answered request.
fn nothing_to_authenticate() -> Response {
    html::page(
        StatusCode::NOT_FOUND,
        &html::message(
            "Nothing to authenticate",
            "This 3-D Secure request is unknown or already answered.",
        ),
    )
}

async fn acs_decision(
    State(app): State<Arc<App>>,
    Path(payment): Path<String>,
    body: Bytes,
) -> Response {
    let fields = parse_urlencoded(&String::from_utf8_lossy(&body));
    let get = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    };
    let approve = get("decision") == "approve";
    let md = get("MD").to_string();
    let decided = app
        .with_engine(|engine, ctx, events| engine.acs_decide(&payment, &md, approve, ctx, events));
    app.log.line(&format!(
        "acs decision /acs/{payment} {} -> {}",
        if approve { "approve" } else { "decline" },
        if decided.is_some() {
            "accepted"
        } else {
            "unknown"
        }
    ));
    let Some(ret) = decided else {
        return nothing_to_authenticate();
    };
    match (ret.return_url, ret.method) {
        (None, _) => html::page(
            StatusCode::OK,
            &html::message("Authentication complete", "You can close this window."),
        ),
        (Some(url), RedirectMethod::Post) => {
            html::page(StatusCode::OK, &html::auto_post(&url, &ret.fields))
        }
        (Some(url), _) => match redirect_location(&url, &ret.fields) {
            Ok(location) => {
                let mut res = StatusCode::SEE_OTHER.into_response();
                if let Ok(v) = HeaderValue::from_str(&location) {
                    res.headers_mut().insert("location", v);
                }
                res
            }
            Err(_) => html::page(
                StatusCode::OK,
                &html::message(
                    "Authentication complete",
                    "The shop's return address is not usable.",
                ),
            ),
        },
    }
}

/// For tests: the query of a Location header as fields.
pub fn location_fields(location: &str) -> Vec<(String, String)> {
    parse_urlencoded(query_of(location))
}

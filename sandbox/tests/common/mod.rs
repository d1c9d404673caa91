//! The harness of the HTTP tests: a sandbox on loopback, a webhook
//! receiver that checks every signature (and can answer 500 at first), and
//! a customer's browser for the ACS and the hosted page.
//!
//! `SG_SANDBOX_SHELL=npm` runs the same tests against the npm package's
//! Node shell (pkg/sandbox/cli.js: the core in WebAssembly) instead of the
//! native one, and `SG_SANDBOX_SHELL=workerd` against its worker
//! (pkg/sandbox/worker.js in workerd, started by scripts/sandbox-workerd.mjs
//! through Miniflare): one behaviour, three shells.
#![allow(dead_code)]

pub mod pages;
#[allow(unused_imports)]
pub use pages::*;

use axum::body::Bytes;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use serde_json::{json, Value};
use sg_sandbox::{start, Config, Running};
use sg_wire::{Redirect, RedirectMethod};
use smart_glocal::signature::{HmacSha256, Signer, Verifier};
use smart_glocal::view::PaymentView;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub const KEY: &str = "demo-secret";
pub const RETURN: &str = "http://127.0.0.1:9/return?order=7";
/// What must never leave the sandbox in an answer, a webhook or a page.
pub const SECRETS: [&str; 3] = ["4242424242424242", "4000000000003220", "\"security_code\""];

#[derive(Default)]
pub struct Hooks {
    pub received: Mutex<Vec<(Option<String>, Vec<u8>)>>,
    pub fail_first: AtomicU32,
}

pub struct Harness {
    pub base: String,
    pub http: reqwest::Client,
    pub signer: HmacSha256,
    pub hooks: Arc<Hooks>,
    pub sandbox: Shell,
}

/// The sandbox under test: the native server in this process, or one of
/// the npm package's shells in a Node process (ended with the harness).
pub enum Shell {
    Native(Running),
    Js(tokio::process::Child),
}

/// The script of the JavaScript shell the tests run against, if any; both
/// take the native binary's flags.
pub fn js_shell() -> Option<&'static str> {
    match std::env::var("SG_SANDBOX_SHELL").ok()?.as_str() {
        "npm" => Some(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../pkg/sandbox/cli.js"
        )),
        "workerd" => Some(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../scripts/sandbox-workerd.mjs"
        )),
        "native" => None,
        other => panic!("SG_SANDBOX_SHELL must be native, npm or workerd, not {other}"),
    }
}

/// Whether the tests run against the npm package (either of its shells).
pub fn npm_shell() -> bool {
    js_shell().is_some()
}

/// Whether the tests run against the package's worker in workerd.
pub fn workerd_shell() -> bool {
    std::env::var("SG_SANDBOX_SHELL").is_ok_and(|v| v == "workerd")
}

/// The RSA keys of `config` written to files for the CLI's flags.
fn tempdir_keys(config: &Config) -> Option<(String, String)> {
    let k = config.rsa.as_ref()?;
    let dir = std::env::temp_dir().join(format!("sg-npm-keys-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let public = dir.join("partner.pub");
    let private = dir.join("sg.key");
    std::fs::write(&public, &k.partner_public_key).unwrap();
    std::fs::write(&private, &k.sg_private_key).unwrap();
    Some((public.display().to_string(), private.display().to_string()))
}

/// Starts the JavaScript shell `cli` with the flags of `config`; its address.
async fn start_js(cli: &str, config: &Config) -> (String, tokio::process::Child) {
    use tokio::io::AsyncBufReadExt;
    // Quiet, as the native harness is: nothing reads its stdout after the address.
    let mut args: Vec<String> = vec![
        cli.into(),
        "--listen".into(),
        "127.0.0.1:0".into(),
        "--quiet".into(),
    ];
    let mut flag = |name: &str, value: String| {
        args.push(name.into());
        args.push(value);
    };
    flag("--project", config.project.clone());
    flag("--signing-key", config.signing_key.clone());
    if let Some(url) = &config.webhook_url {
        flag("--webhook-url", url.clone());
    }
    flag(
        "--webhook-retry-base-ms",
        config.webhook_retry_base_ms.to_string(),
    );
    flag(
        "--webhook-retry-window-s",
        config.webhook_retry_window_s.to_string(),
    );
    if config.webhook_v2 {
        flag("--webhook-api-version", "2".into());
    }
    if config.capture == sg_sandbox::engine::CaptureMode::Manual {
        flag("--capture", "manual".into());
    }
    if config.clock == sg_sandbox::clock::ClockMode::Manual {
        flag("--clock", "manual".into());
    }
    if !config.faults.is_none() {
        flag("--faults", config.faults.spec());
        flag("--seed", config.faults.seed.to_string());
        flag("--fault-delay-ms", config.faults.delay_ms.to_string());
    }
    if let Some((public, private)) = tempdir_keys(config) {
        flag("--scheme", "rsa".into());
        flag("--partner-public-key", public);
        flag("--sg-private-key", private);
    }
    if config.auto_confirm {
        args.push("--auto-confirm".into());
    }
    let mut child =
        tokio::process::Command::new(std::env::var("NODE").unwrap_or_else(|_| "node".into()))
            .args(&args)
            .stdout(std::process::Stdio::piped())
            // The workerd shell ends (with its workerd) when its stdin
            // closes: a SIGKILL would leave workerd running.
            .stdin(std::process::Stdio::piped())
            .kill_on_drop(!workerd_shell())
            .spawn()
            .expect("node runs the package's shell (make build first)");
    let mut lines = tokio::io::BufReader::new(child.stdout.take().unwrap()).lines();
    let line = tokio::time::timeout(Duration::from_secs(60), lines.next_line())
        .await
        .expect("the npm sandbox starts")
        .unwrap()
        .expect("a line");
    // "smart-glocal-sandbox listening on http://127.0.0.1:PORT (scheme …)"
    let url = line
        .split_whitespace()
        .find(|w| w.starts_with("http://127.0.0.1:"))
        .unwrap_or_else(|| panic!("no address in: {line}"))
        .to_string();
    (url, child)
}

async fn receiver(hooks: Arc<Hooks>) -> SocketAddr {
    let app = axum::Router::new().route(
        "/webhooks",
        post(move |headers: HeaderMap, body: Bytes| {
            let hooks = Arc::clone(&hooks);
            async move {
                let sig = headers
                    .get("x-partner-sign")
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_string);
                hooks.received.lock().unwrap().push((sig, body.to_vec()));
                let failing = hooks
                    .fail_first
                    .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
                    .is_ok();
                if failing {
                    StatusCode::INTERNAL_SERVER_ERROR
                } else {
                    StatusCode::OK
                }
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    addr
}

/// A sandbox with `configure` applied to the defaults (webhooks to the
/// receiver, retried after 10 ms).
pub async fn harness_with(configure: impl FnOnce(&mut Config)) -> Harness {
    let hooks = Arc::new(Hooks::default());
    let hook_addr = receiver(Arc::clone(&hooks)).await;
    let mut config = Config::new("demo", KEY);
    config.webhook_url = Some(format!("http://{hook_addr}/webhooks"));
    config.webhook_retry_base_ms = 10;
    config.webhook_retry_window_s = 30;
    config.quiet = true;
    configure(&mut config);
    let (base, sandbox) = if let Some(cli) = js_shell() {
        let (url, child) = start_js(cli, &config).await;
        (url, Shell::Js(child))
    } else {
        let running = start("127.0.0.1:0".parse().unwrap(), config).await.unwrap();
        (format!("http://{}", running.addr), Shell::Native(running))
    };
    Harness {
        base,
        http: reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap(),
        signer: HmacSha256::new(KEY.as_bytes()).unwrap(),
        hooks,
        sandbox,
    }
}

pub async fn harness() -> Harness {
    harness_with(|_| {}).await
}

pub fn card(number: &str) -> Value {
    json!({"type":"card","card":{"type":"bank_card","bank_card":{"number":number,"expiration_month":"12","expiration_year":"29","security_code":"123"}}})
}

pub fn init_body(number: &str, extra_options: Value) -> Value {
    let mut options = json!({"return_url": RETURN});
    if let (Some(o), Some(extra)) = (options.as_object_mut(), extra_options.as_object()) {
        o.extend(extra.clone());
    }
    json!({"payment_details": card(number), "amount_details": {"amount": 15000, "currency": "usd"},
           "customer": {"reference": "lucky", "contacts": [{"email": "l@example.com"}]},
           "payment_options": options, "metadata": {"order": 7}})
}

pub fn assert_no_secrets(what: &str, text: &str) {
    for secret in SECRETS {
        assert!(!text.contains(secret), "{what} leaks card data: {text}");
    }
}

/// A webhook as received: its JSON and the SDK core's view of it.
pub struct Hook {
    pub json: Value,
    pub view: PaymentView,
}

impl Hook {
    pub fn kind(&self) -> &str {
        self.json["type"].as_str().unwrap_or("")
    }

    pub fn payment(&self) -> &Value {
        &self.json["session"]["acquiring_payments"][0]
    }

    pub fn redirect(&self) -> Redirect {
        let interaction: sg_wire::CustomerInteraction =
            serde_json::from_value(self.payment()["customer_interaction"].clone())
                .expect("a customer interaction");
        interaction.redirect.expect("a redirect")
    }
}

impl Harness {
    pub async fn send(
        &self,
        endpoint: &str,
        body: &[u8],
        headers: &[(&str, String)],
    ) -> (u16, Value) {
        let mut req = self
            .http
            .post(match endpoint.strip_prefix("v2/") {
                Some(v2) => format!("{}/api/v2/{v2}", self.base),
                None => format!("{}/api/v1/{endpoint}", self.base),
            })
            .header("content-type", "application/json")
            .body(body.to_vec());
        for (k, v) in headers {
            req = req.header(*k, v);
        }
        let res = req.send().await.unwrap();
        let status = res.status().as_u16();
        let text = res.text().await.unwrap();
        assert_no_secrets("an answer", &text);
        (status, serde_json::from_str(&text).unwrap())
    }

    pub fn signed(&self, bytes: &[u8], key: Option<&str>) -> Vec<(&'static str, String)> {
        let mut headers = vec![
            ("x-partner-project", "demo".to_string()),
            ("x-partner-sign", self.signer.sign(bytes)),
        ];
        if let Some(k) = key {
            headers.push(("x-partner-idempotency-key", k.to_string()));
        }
        headers
    }

    pub async fn call_with_key(
        &self,
        endpoint: &str,
        body: &Value,
        key: Option<&str>,
    ) -> (u16, Value) {
        let bytes = serde_json::to_vec(body).unwrap();
        self.send(endpoint, &bytes, &self.signed(&bytes, key)).await
    }

    pub async fn call(&self, endpoint: &str, body: Value) -> (u16, Value) {
        self.call_with_key(endpoint, &body, None).await
    }

    /// Calls and expects 200; returns the session.
    pub async fn ok(&self, endpoint: &str, body: Value) -> Value {
        let (status, reply) = self.call(endpoint, body).await;
        assert_eq!(status, 200, "{endpoint}: {reply}");
        assert_eq!(reply["status"], "ok");
        reply["session"].clone()
    }

    pub async fn error(&self, endpoint: &str, body: Value, status: u16, code: &str) -> Value {
        let (s, reply) = self.call(endpoint, body).await;
        assert_eq!(
            (s, reply["error"]["code"].as_str()),
            (status, Some(code)),
            "{endpoint}: {reply}"
        );
        assert_eq!(reply["status"], "error");
        reply
    }

    /// init/payment then the session id.
    pub async fn init(&self, number: &str, extra_options: Value) -> String {
        let s = self
            .ok("session/init/payment", init_body(number, extra_options))
            .await;
        s["id"].as_str().unwrap().to_string()
    }

    /// Waits for at least `n` deliveries; checks every signature, that the
    /// SDK core reads each, and that no card data left the sandbox.
    pub async fn webhooks(&self, n: usize) -> Vec<Hook> {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let got: Vec<_> = self.hooks.received.lock().unwrap().clone();
            if got.len() >= n {
                return got
                    .iter()
                    .map(|(sig, body)| {
                        self.signer
                            .verify(body, sig.as_deref().expect("signed"))
                            .expect("signature over the exact bytes");
                        assert_no_secrets("a webhook", &String::from_utf8_lossy(body));
                        let facts =
                            smart_glocal::webhook::parse_event(body).expect("the core reads it");
                        Hook {
                            json: serde_json::from_slice(body).unwrap(),
                            view: PaymentView::from_facts(&facts.session, Some(&facts.kind)),
                        }
                    })
                    .collect();
            }
            assert!(
                Instant::now() < deadline,
                "expected {n} webhooks, got {}",
                got.len()
            );
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }

    pub async fn last_webhook(&self, n: usize) -> Hook {
        self.webhooks(n).await.pop().unwrap()
    }

    /// No more than `n` deliveries arrive within a short wait.
    pub async fn no_more_webhooks(&self, n: usize) {
        tokio::time::sleep(Duration::from_millis(150)).await;
        assert_eq!(self.hooks.received.lock().unwrap().len(), n);
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.http
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .unwrap()
    }

    pub async fn control(&self, path: &str, body: Value) -> (u16, Value) {
        let res = self
            .http
            .post(format!("{}{path}", self.base))
            .json(&body)
            .send()
            .await
            .unwrap();
        (res.status().as_u16(), res.json().await.unwrap())
    }

    /// The customer's browser at the ACS: follows the redirect, checks the
    /// page, submits the decision. AnswerPart the final response.
    pub async fn acs(&self, redirect: &Redirect, approve: bool, last4: &str) -> reqwest::Response {
        let page = match redirect.method {
            RedirectMethod::Post => self
                .http
                .post(redirect.base_url.clone().unwrap())
                .query(&redirect.qs.0)
                .form(&redirect.params.0)
                .send()
                .await
                .unwrap(),
            _ => self.http.get(&redirect.url).send().await.unwrap(),
        };
        assert_eq!(page.status(), 200);
        assert!(page.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("default-src 'none'"));
        let html = page.text().await.unwrap();
        for needle in [
            "data-testid=\"acs-approve\"",
            "data-testid=\"acs-decline\"",
            "150.00 USD",
            last4,
            ">demo<",
        ] {
            assert!(html.contains(needle), "ACS page lacks {needle}: {html}");
        }
        assert!(
            !html.contains("http://") && !html.contains("https://"),
            "no external resources"
        );
        let mut form = vec![("MD".to_string(), hidden(&html, "MD").unwrap())];
        if let Some(p) = hidden(&html, "PaReq") {
            form.push(("PaReq".into(), p));
        }
        form.push((
            "decision".into(),
            if approve { "approve" } else { "decline" }.into(),
        ));
        let action = attr(&html, "action").unwrap();
        self.http
            .post(format!("{}{action}", self.base))
            .form(&form)
            .send()
            .await
            .unwrap()
    }
}

/// The value of the first `name="…" value="…"` hidden field.
pub fn hidden(html: &str, name: &str) -> Option<String> {
    let marker = format!("name=\"{name}\" value=\"");
    html.split(&marker)
        .nth(1)
        .map(|rest| rest.split('"').next().unwrap().replace("&amp;", "&"))
}

/// The value of the first `attr="…"`.
pub fn attr(html: &str, attr: &str) -> Option<String> {
    html.split(&format!("{attr}=\""))
        .nth(1)
        .map(|rest| rest.split('"').next().unwrap().replace("&amp;", "&"))
}

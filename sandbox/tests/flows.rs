//! Every flow of the sandbox over real HTTP on loopback, with a webhook
//! receiver that checks each signature and can answer 500 at first.

use axum::body::Bytes;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use serde_json::{json, Value};
use sg_sandbox::engine::CaptureMode;
use sg_sandbox::{start, Config, Running};
use smart_glocal::model::{
    EventType, PaymentStatus, Redirect, RedirectMethod, SessionStatus, WebhookEvent,
};
use smart_glocal::signature::{HmacSha256, Signer, Verifier};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const KEY: &str = "demo-secret";
const RETURN: &str = "http://127.0.0.1:9/return?order=7";

#[derive(Default)]
struct Hooks {
    received: Mutex<Vec<(Option<String>, Vec<u8>)>>,
    fail_first: AtomicU32,
}

struct Harness {
    base: String,
    http: reqwest::Client,
    signer: HmacSha256,
    hooks: Arc<Hooks>,
    _sandbox: Running,
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

async fn harness(capture: CaptureMode) -> Harness {
    let hooks = Arc::new(Hooks::default());
    let hook_addr = receiver(Arc::clone(&hooks)).await;
    let config = Config {
        project: "demo".into(),
        signing_key: KEY.into(),
        rsa: None,
        webhook_url: Some(format!("http://{hook_addr}/webhooks")),
        webhook_retry_base_ms: 10,
        webhook_retry_window_s: 30,
        capture,
        json_log: false,
        public_url: None,
    };
    let sandbox = start("127.0.0.1:0".parse().unwrap(), config).await.unwrap();
    Harness {
        base: format!("http://{}", sandbox.addr),
        http: reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap(),
        signer: HmacSha256::new(KEY.as_bytes()).unwrap(),
        hooks,
        _sandbox: sandbox,
    }
}

fn card(number: &str) -> Value {
    json!({"type":"card","card":{"type":"bank_card","bank_card":{"number":number,"expiration_month":"12","expiration_year":"29","security_code":"123"}}})
}

fn init_body(number: &str, extra_options: Value) -> Value {
    let mut options = json!({"return_url": RETURN});
    if let (Some(o), Some(extra)) = (options.as_object_mut(), extra_options.as_object()) {
        o.extend(extra.clone());
    }
    json!({"payment_details": card(number), "amount_details": {"amount": 15000, "currency": "usd"},
           "customer": {"reference": "lucky", "contacts": [{"email": "l@example.com"}]},
           "payment_options": options, "metadata": {"order": 7}})
}

impl Harness {
    async fn send(&self, endpoint: &str, body: &[u8], headers: &[(&str, String)]) -> (u16, Value) {
        let mut req = self
            .http
            .post(format!("{}/api/v1/{endpoint}", self.base))
            .header("content-type", "application/json")
            .body(body.to_vec());
        for (k, v) in headers {
            req = req.header(*k, v);
        }
        let res = req.send().await.unwrap();
        let status = res.status().as_u16();
        let text = res.text().await.unwrap();
        for secret in ["4242424242424242", "4000000000003220", "\"123\""] {
            assert!(!text.contains(secret), "a response leaks card data: {text}");
        }
        (status, serde_json::from_str(&text).unwrap())
    }

    async fn call_with_key(&self, endpoint: &str, body: &Value, key: Option<&str>) -> (u16, Value) {
        let bytes = serde_json::to_vec(body).unwrap();
        let mut headers = vec![
            ("x-partner-project", "demo".to_string()),
            ("x-partner-sign", self.signer.sign(&bytes)),
        ];
        if let Some(k) = key {
            headers.push(("x-partner-idempotency-key", k.to_string()));
        }
        self.send(endpoint, &bytes, &headers).await
    }

    async fn call(&self, endpoint: &str, body: Value) -> (u16, Value) {
        self.call_with_key(endpoint, &body, None).await
    }

    /// Calls and expects 200; returns the session.
    async fn ok(&self, endpoint: &str, body: Value) -> Value {
        let (status, reply) = self.call(endpoint, body).await;
        assert_eq!(status, 200, "{endpoint}: {reply}");
        assert_eq!(reply["status"], "ok");
        reply["session"].clone()
    }

    async fn error(&self, endpoint: &str, body: Value, status: u16, code: &str) -> Value {
        let (s, reply) = self.call(endpoint, body).await;
        assert_eq!(
            (s, reply["error"]["code"].as_str()),
            (status, Some(code)),
            "{endpoint}: {reply}"
        );
        assert_eq!(reply["status"], "error");
        reply
    }

    /// Waits for at least `n` deliveries; checks every signature and that
    /// no card data left the sandbox.
    async fn webhooks(&self, n: usize) -> Vec<WebhookEvent> {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let got: Vec<_> = self.hooks.received.lock().unwrap().clone();
            if got.len() >= n {
                return got
                    .iter()
                    .map(|(sig, body)| {
                        let sig = sig.as_deref().expect("signed");
                        self.signer
                            .verify(body, sig)
                            .expect("signature over the exact bytes");
                        let text = String::from_utf8_lossy(body);
                        assert!(
                            !text.contains("4242424242424242")
                                && !text.contains("\"security_code\""),
                            "{text}"
                        );
                        smart_glocal::webhook::parse_event(body).unwrap()
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

    async fn last_webhook(&self, n: usize) -> WebhookEvent {
        self.webhooks(n).await.pop().unwrap()
    }

    /// The customer's browser at the ACS: follows the redirect, checks the
    /// page, submits the decision. Returns the final response.
    async fn acs(&self, redirect: &Redirect, approve: bool, last4: &str) -> reqwest::Response {
        let page = match redirect.method {
            RedirectMethod::Post => {
                let base = redirect.base_url.clone().unwrap();
                let query: Vec<_> = redirect.qs.0.clone();
                let form: Vec<_> = redirect.params.0.clone();
                self.http
                    .post(base)
                    .query(&query)
                    .form(&form)
                    .send()
                    .await
                    .unwrap()
            }
            _ => self.http.get(&redirect.url).send().await.unwrap(),
        };
        assert_eq!(page.status(), 200);
        let html = page.text().await.unwrap();
        for needle in [
            "data-testid=\"acs-approve\"",
            "data-testid=\"acs-decline\"",
            "150.00 USD",
            last4,
            ">demo<",
            "method=\"POST\"",
        ] {
            assert!(html.contains(needle), "ACS page lacks {needle}: {html}");
        }
        assert!(
            !html.contains("http://") && !html.contains("https://"),
            "no external resources"
        );
        let hidden = |name: &str| {
            let marker = format!("name=\"{name}\" value=\"");
            html.split(&marker)
                .nth(1)
                .map(|rest| rest.split('"').next().unwrap().to_string())
        };
        let action = html
            .split("action=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .to_string();
        let mut form = vec![("MD".to_string(), hidden("MD").unwrap())];
        if let Some(p) = hidden("PaReq") {
            form.push(("PaReq".into(), p));
        }
        form.push((
            "decision".into(),
            if approve { "approve" } else { "decline" }.into(),
        ));
        self.http
            .post(format!("{}{action}", self.base))
            .form(&form)
            .send()
            .await
            .unwrap()
    }
}

fn redirect_of(ev: &WebhookEvent) -> Redirect {
    ev.session.acquiring_payments[0]
        .customer_interaction
        .as_ref()
        .and_then(|ci| ci.redirect.clone())
        .expect("a redirect")
}

#[tokio::test]
async fn frictionless_payment_via_create_and_start() {
    let h = harness(CaptureMode::Auto).await;
    let s = h
        .ok(
            "session/create",
            json!({"amount_details": {"amount": 15000, "currency": "usd"}, "metadata": "order123"}),
        )
        .await;
    assert_eq!(s["status"], "created");
    let id = s["id"].as_str().unwrap().to_string();
    assert!(id.starts_with("ps_"));
    let s = h.ok("session/start/payment", json!({"session_id": id, "payment_details": card("4242424242424242"), "customer": {"reference": "lucky"}})).await;
    assert_eq!(s["status"], "in_progress");
    assert_eq!(
        s["acquiring_payments"][0]["payment_details"]["card"],
        json!({"brand": "visa", "last4": "4242"})
    );
    assert_eq!(
        s["acquiring_payments"][0]["amount_details"]["amount"], 15000,
        "amount from create"
    );
    let ev = h.last_webhook(1).await;
    assert_eq!(ev.kind, EventType::ReadyToConfirm);
    let s = h.ok("session/confirm", json!({"session_id": id})).await;
    assert_eq!(s["status"], "accepted");
    let ev = h.last_webhook(2).await;
    assert_eq!(ev.kind, EventType::PaymentFinished);
    assert_eq!(
        ev.session.acquiring_payments[0].status,
        PaymentStatus::Succeeded
    );
    let s = h.ok("session/status", json!({"session_id": id})).await;
    assert_eq!(s["acquiring_payments"][0]["status"], "succeeded");
    assert!(s["acquiring_payments"][0]["finished_at"]
        .as_str()
        .unwrap()
        .ends_with('Z'));
}

#[tokio::test]
async fn three_ds_post_approve_and_decline() {
    for approve in [true, false] {
        let h = harness(CaptureMode::Auto).await;
        let started = Instant::now();
        let s = h
            .ok(
                "session/init/payment",
                init_body("4000000000003220", json!({})),
            )
            .await;
        let id = s["id"].as_str().unwrap().to_string();
        h.ok("session/confirm", json!({"session_id": id})).await;
        let ev = h.last_webhook(2).await;
        assert_eq!(ev.kind, EventType::ActionRequired);
        let r = redirect_of(&ev);
        assert_eq!(r.method, RedirectMethod::Post);
        let names: Vec<_> = r.params.0.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(names, ["PaReq", "MD"]);
        assert!(r
            .base_url
            .as_deref()
            .unwrap()
            .starts_with("http://127.0.0.1:"));

        let back = h.acs(&r, approve, "3220").await;
        assert_eq!(back.status(), 200);
        let html = back.text().await.unwrap();
        assert!(
            html.contains("action=\"http://127.0.0.1:9/return?order=7\""),
            "{html}"
        );
        assert!(
            html.contains("name=\"PaRes\"") && html.contains("name=\"MD\""),
            "{html}"
        );
        assert!(html.contains(".submit()"), "auto-submitted");

        let ev = h.last_webhook(3).await;
        assert_eq!(ev.kind, EventType::PaymentFinished);
        let payment = &ev.session.acquiring_payments[0];
        assert_eq!(
            payment.status,
            if approve {
                PaymentStatus::Succeeded
            } else {
                PaymentStatus::Failed
            }
        );
        assert!(payment.customer_interaction.is_none());
        let view = smart_glocal::PaymentView::from_event(&ev, Default::default());
        assert_eq!(
            view.state.as_str(),
            if approve { "succeeded" } else { "failed" }
        );
        println!(
            "3DS POST ({}) flow took {:?}",
            if approve { "approve" } else { "decline" },
            started.elapsed()
        );
        // The ACS answers once.
        let again = h.acs_decision_replay(&r).await;
        assert_eq!(again, 404);
    }
}

impl Harness {
    async fn acs_decision_replay(&self, r: &Redirect) -> u16 {
        let md = r
            .params
            .0
            .iter()
            .chain(r.qs.0.iter())
            .find(|(k, _)| k == "MD")
            .unwrap()
            .1
            .clone();
        let path = r.base_url.clone().unwrap();
        self.http
            .post(format!("{path}/decision"))
            .form(&[("MD", md.as_str()), ("decision", "approve")])
            .send()
            .await
            .unwrap()
            .status()
            .as_u16()
    }
}

#[tokio::test]
async fn three_ds_get_approve_and_decline() {
    for approve in [true, false] {
        let h = harness(CaptureMode::Auto).await;
        let s = h
            .ok(
                "session/init/payment",
                init_body("4000000000003063", json!({})),
            )
            .await;
        let id = s["id"].as_str().unwrap().to_string();
        h.ok("session/confirm", json!({"session_id": id})).await;
        let ev = h.last_webhook(2).await;
        let r = redirect_of(&ev);
        assert_eq!(r.method, RedirectMethod::Get);
        let back = h.acs(&r, approve, "3063").await;
        assert_eq!(back.status(), 303);
        let location = back.headers()["location"].to_str().unwrap().to_string();
        assert!(
            location.starts_with("http://127.0.0.1:9/return?order=7&PaRes="),
            "{location}"
        );
        let fields = sg_sandbox::location_fields(&location);
        let md = r.qs.0.iter().find(|(k, _)| k == "MD").unwrap().1.clone();
        assert!(fields.contains(&("MD".to_string(), md)));
        let ev = h.last_webhook(3).await;
        assert_eq!(
            ev.session.acquiring_payments[0].status,
            if approve {
                PaymentStatus::Succeeded
            } else {
                PaymentStatus::Failed
            }
        );
    }
}

#[tokio::test]
async fn declined_card_fails_on_confirm() {
    let h = harness(CaptureMode::Auto).await;
    let s = h
        .ok(
            "session/init/payment",
            init_body("4000000000000002", json!({})),
        )
        .await;
    let id = s["id"].as_str().unwrap().to_string();
    let s = h.ok("session/confirm", json!({"session_id": id})).await;
    assert_eq!(s["acquiring_payments"][0]["status"], "failed");
    let ev = h.last_webhook(2).await;
    assert_eq!(ev.kind, EventType::PaymentFinished);
    assert_eq!(
        ev.session.acquiring_payments[0].status,
        PaymentStatus::Failed
    );
    assert_eq!(
        smart_glocal::PaymentView::from_event(&ev, Default::default())
            .state
            .as_str(),
        "failed"
    );
}

#[tokio::test]
async fn delayed_capture_cancel_and_wrong_states() {
    let h = harness(CaptureMode::Manual).await;
    let s = h
        .ok(
            "session/init/payment",
            init_body("4111111111111111", json!({})),
        )
        .await;
    let id = s["id"].as_str().unwrap().to_string();
    h.error(
        "session/capture",
        json!({"session_id": id}),
        409,
        "wrong_state",
    )
    .await;
    h.error(
        "session/refund",
        json!({"session_id": id}),
        409,
        "wrong_state",
    )
    .await;
    h.ok("session/confirm", json!({"session_id": id})).await;
    h.error(
        "session/confirm",
        json!({"session_id": id}),
        409,
        "wrong_state",
    )
    .await;
    let ev = h.last_webhook(2).await;
    assert_eq!(ev.kind, EventType::ReadyToCapture);
    assert_eq!(
        ev.session.next_action.as_ref().map(|a| a.as_str()),
        Some("capture")
    );
    h.error(
        "session/capture",
        json!({"session_id": id, "amount_details": {"amount": 15001, "currency": "usd"}}),
        400,
        "invalid_amount",
    )
    .await;
    let s = h
        .ok(
            "session/capture",
            json!({"session_id": id, "amount_details": {"amount": 12000, "currency": "usd"}}),
        )
        .await;
    assert_eq!(s["status"], "accepted");
    assert_eq!(
        s["acquiring_payments"][0]["amount_details"]["amount"],
        12000
    );
    assert_eq!(h.last_webhook(3).await.kind, EventType::PaymentFinished);
    h.error(
        "session/capture",
        json!({"session_id": id}),
        409,
        "wrong_state",
    )
    .await;
    h.error(
        "session/cancel",
        json!({"session_id": id}),
        409,
        "wrong_state",
    )
    .await;

    // Cancel instead of capture.
    let s = h
        .ok(
            "session/init/payment",
            init_body("4111111111111111", json!({})),
        )
        .await;
    let id = s["id"].as_str().unwrap().to_string();
    h.ok("session/confirm", json!({"session_id": id})).await;
    h.last_webhook(5).await;
    let s = h.ok("session/cancel", json!({"session_id": id})).await;
    assert_eq!(s["status"], "cancelled");
    let session: smart_glocal::model::Session = serde_json::from_value(s).unwrap();
    assert_eq!(session.status, SessionStatus::Cancelled);
    assert_eq!(
        smart_glocal::PaymentView::from_session(&session, None, Default::default())
            .state
            .as_str(),
        "cancelled"
    );
    h.error(
        "session/confirm",
        json!({"session_id": id}),
        409,
        "wrong_state",
    )
    .await;
}

#[tokio::test]
async fn refunds() {
    let h = harness(CaptureMode::Auto).await;
    let s = h
        .ok(
            "session/init/payment",
            init_body("4242424242424242", json!({})),
        )
        .await;
    let id = s["id"].as_str().unwrap().to_string();
    h.error(
        "session/refund",
        json!({"session_id": id}),
        409,
        "wrong_state",
    )
    .await;
    h.ok("session/confirm", json!({"session_id": id})).await;
    let s = h
        .ok(
            "session/refund",
            json!({"session_id": id, "amount_details": {"amount": 5000, "currency": "usd"}}),
        )
        .await;
    assert_eq!(s["refunds"][0]["status"], "accepted");
    let ev = h.last_webhook(3).await;
    assert_eq!(ev.kind, EventType::PaymentRefunded);
    h.error(
        "session/refund",
        json!({"session_id": id, "amount_details": {"amount": 10001, "currency": "usd"}}),
        400,
        "invalid_amount",
    )
    .await;
    h.error(
        "session/refund",
        json!({"session_id": id, "amount_details": {"amount": 1, "currency": "eur"}}),
        400,
        "invalid_amount",
    )
    .await;
    let s = h.ok("session/refund", json!({"session_id": id})).await;
    assert_eq!(
        s["refunds"][1]["amount_details"]["amount"], 10000,
        "the rest"
    );
    h.error(
        "session/refund",
        json!({"session_id": id}),
        400,
        "invalid_amount",
    )
    .await;
    assert_eq!(h.last_webhook(4).await.kind, EventType::PaymentRefunded);
}

#[tokio::test]
async fn cit_recurring_pair_and_token_lifecycle() {
    let h = harness(CaptureMode::Auto).await;
    let s = h
        .ok(
            "session/init/payment",
            init_body("4242424242424242", json!({"recurrent": true})),
        )
        .await;
    let id = s["id"].as_str().unwrap().to_string();
    h.ok("session/confirm", json!({"session_id": id})).await;
    let ev = h.last_webhook(2).await;
    let rec = ev.session.acquiring_payments[0]
        .recurrent
        .clone()
        .expect("a token on payment_finished");
    assert_eq!(rec.is_active, Some(true));
    let token = rec.token;

    // A token payment initiated by the client always goes through 3DS.
    let body = json!({"payment_details": {"type": "recurrent", "recurrent": {"token": token, "initiator": "client"}},
                      "amount_details": {"amount": 15000, "currency": "usd"}, "customer": {"reference": "lucky"},
                      "payment_options": {"return_url": RETURN}});
    let s = h.ok("session/init/payment", body.clone()).await;
    let id2 = s["id"].as_str().unwrap().to_string();
    h.ok("session/confirm", json!({"session_id": id2})).await;
    let ev = h.last_webhook(4).await;
    assert_eq!(ev.kind, EventType::ActionRequired);
    let r = redirect_of(&ev);
    let back = h.acs(&r, true, "4242").await;
    assert_eq!(back.status(), 303);
    let ev = h.last_webhook(5).await;
    assert_eq!(
        ev.session.acquiring_payments[0].status,
        PaymentStatus::Succeeded
    );

    let (status, reply) = h.call("recurrent/status", json!({"token": token})).await;
    assert_eq!(
        (status, &reply["recurrent"]["is_active"]),
        (200, &json!(true))
    );
    let (_, reply) = h.call("recurrent/disable", json!({"token": token})).await;
    assert_eq!(reply["recurrent"]["is_active"], false);
    h.error("session/init/payment", body, 400, "token_disabled")
        .await;
    h.error(
        "recurrent/status",
        json!({"token": "nope"}),
        404,
        "token_not_found",
    )
    .await;
}

#[tokio::test]
async fn idempotency_replays_and_conflicts() {
    let h = harness(CaptureMode::Auto).await;
    let body = init_body("4242424242424242", json!({}));
    let (s1, r1) = h
        .call_with_key("session/init/payment", &body, Some("order-7"))
        .await;
    let (s2, r2) = h
        .call_with_key("session/init/payment", &body, Some("order-7"))
        .await;
    assert_eq!((s1, s2), (200, 200));
    assert_eq!(r1, r2, "the same answer");
    let mut other = body.clone();
    other["amount_details"]["amount"] = json!(1);
    let (s3, r3) = h
        .call_with_key("session/init/payment", &other, Some("order-7"))
        .await;
    assert_eq!(
        (s3, r3["error"]["code"].as_str()),
        (409, Some("idempotency_conflict"))
    );
    h.webhooks(1).await;
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_eq!(
        h.hooks.received.lock().unwrap().len(),
        1,
        "one session, one webhook"
    );
    // A confirm replayed with its key does not confirm twice.
    let id = r1["session"]["id"].clone();
    let (a, _) = h
        .call_with_key("session/confirm", &json!({"session_id": id}), Some("c-1"))
        .await;
    let (b, _) = h
        .call_with_key("session/confirm", &json!({"session_id": id}), Some("c-1"))
        .await;
    assert_eq!((a, b), (200, 200));
    h.webhooks(2).await;
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_eq!(h.hooks.received.lock().unwrap().len(), 2);
}

#[tokio::test]
async fn authentication_and_bad_input() {
    let h = harness(CaptureMode::Auto).await;
    let body = br#"{"session_id":"ps_1"}"#;
    let sig = h.signer.sign(body);
    let bad_sig = HmacSha256::new(b"wrong").unwrap().sign(body);
    let cases: Vec<Vec<(&str, String)>> = vec![
        vec![("x-partner-project", "demo".into())],
        vec![
            ("x-partner-project", "demo".into()),
            ("x-partner-sign", bad_sig),
        ],
        vec![
            ("x-partner-project", "other".into()),
            ("x-partner-sign", sig.clone()),
        ],
        vec![("x-partner-sign", sig.clone())],
        vec![
            ("x-partner-project", "demo".into()),
            ("x-partner-sign", sig[..63].to_string()),
        ],
    ];
    for headers in cases {
        let (status, reply) = h.send("session/status", body, &headers).await;
        assert_eq!(
            (status, reply["error"]["code"].as_str()),
            (401, Some("unauthorized")),
            "{headers:?}"
        );
    }
    // Signed over other bytes than sent.
    let (status, _) = h
        .send(
            "session/status",
            br#"{"session_id": "ps_1"}"#,
            &[
                ("x-partner-project", "demo".into()),
                ("x-partner-sign", sig),
            ],
        )
        .await;
    assert_eq!(status, 401);

    let broken = b"{\"session_id\": ";
    let (status, reply) = h
        .send(
            "session/status",
            broken,
            &[
                ("x-partner-project", "demo".into()),
                ("x-partner-sign", h.signer.sign(broken)),
            ],
        )
        .await;
    assert_eq!(
        (status, reply["error"]["code"].as_str()),
        (400, Some("malformed_json"))
    );

    let reply = h
        .error(
            "session/init/payment",
            init_body("4242424242424241", json!({})),
            400,
            "invalid_params",
        )
        .await;
    assert!(reply["error"]["description"]
        .as_str()
        .unwrap()
        .contains("payment_details.card.bank_card.number"));
    let reply = h
        .error(
            "session/confirm",
            json!({"sesion_id": "ps_1"}),
            400,
            "invalid_params",
        )
        .await;
    assert!(reply["error"]["description"]
        .as_str()
        .unwrap()
        .contains("sesion_id"));
    h.error(
        "session/start/payment",
        json!({"session_id": "ps_1", "payment_details": card("4242424242424242")}),
        404,
        "session_not_found",
    )
    .await;
    let s = h.ok("session/create", json!({})).await;
    let reply = h
        .error(
            "session/start/payment",
            json!({"session_id": s["id"], "payment_details": card("4242424242424242")}),
            400,
            "invalid_params",
        )
        .await;
    assert!(reply["error"]["description"]
        .as_str()
        .unwrap()
        .contains("amount_details"));
    h.error(
        "session/confirm",
        json!({"session_id": "ps_404"}),
        404,
        "session_not_found",
    )
    .await;
    h.error("session/start", json!({}), 404, "not_found").await;
}

#[tokio::test]
async fn webhooks_are_redelivered_after_500_in_order() {
    let h = harness(CaptureMode::Auto).await;
    h.hooks.fail_first.store(2, Ordering::SeqCst);
    let s = h
        .ok(
            "session/init/payment",
            init_body("4242424242424242", json!({})),
        )
        .await;
    let id = s["id"].as_str().unwrap().to_string();
    h.ok("session/confirm", json!({"session_id": id})).await;
    let all = h.webhooks(4).await;
    let kinds: Vec<_> = all.iter().map(|e| e.kind.as_str().to_string()).collect();
    assert_eq!(
        kinds,
        [
            "ready_to_confirm",
            "ready_to_confirm",
            "ready_to_confirm",
            "payment_finished"
        ]
    );
    let received = h.hooks.received.lock().unwrap().clone();
    assert_eq!(
        received[0], received[2],
        "a redelivery is the same bytes and signature"
    );
}

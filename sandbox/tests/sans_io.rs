//! The sandbox without a server: requests in, answers and webhook attempts
//! out, on a clock the test moves (the interface the WebAssembly shell of
//! the npm package is to use).

use serde_json::{json, Value};
use sg_sandbox::http::{Ending, Request};
use sg_sandbox::{handle, App, Config};
use smart_glocal::signature::{HmacSha256, Signer, Verifier};

const KEY: &str = "sans-io-key";

fn app() -> App {
    let mut config = Config::new("demo", KEY);
    config.webhook_url = Some("http://127.0.0.1:9/webhooks".into());
    config.webhook_retry_base_ms = 1_000;
    config.quiet = true;
    App::new(config, "http://127.0.0.1:4010".into()).unwrap()
}

fn call(app: &App, now: u64, endpoint: &str, body: &Value, signed: bool) -> (u16, Value) {
    let bytes = body.to_string().into_bytes();
    let mut headers = vec![("x-partner-project".to_string(), "demo".to_string())];
    if signed {
        let sign = HmacSha256::new(KEY.as_bytes()).unwrap().sign(&bytes);
        headers.push(("X-Partner-Sign".to_string(), sign));
    }
    let req = Request {
        method: "POST".into(),
        path: format!("/api/v1/{endpoint}"),
        query: None,
        headers,
        body: bytes,
    };
    let res = handle(app, now, &req);
    assert_eq!(res.ending, Ending::Normal);
    assert_eq!(res.header("content-type"), Some("application/json"));
    (res.status, serde_json::from_slice(&res.body).unwrap())
}

#[test]
fn a_payment_and_its_webhooks_without_a_server() {
    let app = app();
    let t0 = 1_800_000_000_000;
    let (status, unsigned) = call(&app, t0, "session/create", &json!({}), false);
    assert_eq!(
        (status, unsigned["error"]["code"].as_str()),
        (401, Some("unauthorized"))
    );

    let init = json!({
        "payment_details": {"type": "card", "card": {"type": "bank_card", "bank_card": {
            "number": "4242424242424242", "expiration_month": "12", "expiration_year": "29",
            "security_code": "123"}}},
        "amount_details": {"amount": 15000, "currency": "usd"},
        "customer": {"reference": "c1", "contacts": [{"email": "c1@example.com"}]},
        "payment_options": {"return_url": "https://shop.test/back"},
    });
    let (status, answer) = call(&app, t0, "session/init/payment", &init, true);
    assert_eq!(status, 200, "{answer}");
    let session = answer["session"]["id"].as_str().unwrap().to_string();

    // The webhook is due at once; nothing else is until it is answered.
    let (due, _) = app.due_webhooks(t0);
    assert_eq!(due.len(), 1);
    let hook: Value = serde_json::from_slice(&due[0].body).unwrap();
    assert_eq!(hook["session"]["id"], session.as_str());
    assert_eq!(hook["type"], "ready_to_confirm");
    HmacSha256::new(KEY.as_bytes())
        .unwrap()
        .verify(&due[0].body, &due[0].signature)
        .unwrap();
    assert_eq!(due[0].url, "http://127.0.0.1:9/webhooks");

    // Unanswered: tried again after the base gap, on the caller's clock.
    app.webhook_done(t0, due[0].id, None);
    assert!(app.due_webhooks(t0 + 999).0.is_empty());
    let (again, _) = app.due_webhooks(t0 + 1_000);
    assert_eq!((again.len(), again[0].attempt), (1, 2));
    app.webhook_done(t0 + 1_000, again[0].id, Some(200));

    let (status, confirmed) = call(
        &app,
        t0 + 2_000,
        "session/confirm",
        &json!({"session_id": session}),
        true,
    );
    assert_eq!(status, 200, "{confirmed}");
    let (due, _) = app.due_webhooks(t0 + 2_000);
    let kinds: Vec<String> = due
        .iter()
        .map(|a| serde_json::from_slice::<Value>(&a.body).unwrap()["type"].to_string())
        .collect();
    assert_eq!(kinds, ["\"payment_finished\""]);
}

#[test]
fn every_route_answers_without_a_server() {
    let app = app();
    let get = |path: &str| {
        handle(
            &app,
            0,
            &Request {
                method: "GET".into(),
                path: path.into(),
                query: None,
                headers: vec![],
                body: vec![],
            },
        )
    };
    assert_eq!(get("/health").body, b"ok");
    assert_eq!(get("/sandbox/stats").status, 200);
    assert_eq!(get("/sandbox/clock").status, 200);
    assert_eq!(get("/nowhere").status, 404);
    assert_eq!(
        get("/api/v1/session/status").status,
        405,
        "every call is a POST"
    );
    let page = get("/en/payment/unknown-token");
    assert_eq!(page.status, 404);
    assert!(page.header("content-security-policy").is_some());
    assert_eq!(get("/acs/pm_unknown").status, 404);
    assert!(get("/sandbox-assets/style.css")
        .header("cache-control")
        .is_some());
}

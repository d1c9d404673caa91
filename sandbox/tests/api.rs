//! The API's edges over HTTP: authentication, routes and methods, bad
//! bodies, idempotency, the body cap, and injected faults.

mod common;
use common::*;
use serde_json::json;
use sg_sandbox::faults::Faults;
use smart_glocal::signature::{HmacSha256, Signer};

#[tokio::test]
async fn authentication_is_checked_over_the_exact_bytes() {
    let h = harness().await;
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
    let other_bytes = br#"{"session_id": "ps_1"}"#;
    let (status, _) = h
        .send(
            "session/status",
            other_bytes,
            &[
                ("x-partner-project", "demo".into()),
                ("x-partner-sign", sig),
            ],
        )
        .await;
    assert_eq!(status, 401);
}

#[tokio::test]
async fn routes_methods_and_bodies() {
    let h = harness().await;
    h.error("session/start", json!({}), 404, "not_found").await;
    let res = h.get("/api/v1/session/status").await;
    assert_eq!(res.status(), 405);
    assert_eq!(h.get("/nowhere").await.status(), 404);
    let broken = b"{\"session_id\": ";
    let (status, reply) = h
        .send("session/status", broken, &h.signed(broken, None))
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
    // An unknown field is named by its parent, with a suggestion.
    let reply = h
        .error(
            "session/confirm",
            json!({"sesion_id": "ps_1"}),
            400,
            "invalid_params",
        )
        .await;
    assert!(
        reply["error"]["description"]
            .as_str()
            .unwrap()
            .contains("session_id"),
        "{reply}"
    );
    h.error(
        "session/confirm",
        json!({"session_id": "ps_404"}),
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
    // More than the body cap is refused before anything is read.
    let huge = vec![b' '; (8 << 20) + 1];
    let mut req = h
        .http
        .post(format!("{}/api/v1/session/status", h.base))
        .body(huge.clone());
    for (k, v) in h.signed(&huge, None) {
        req = req.header(k, v);
    }
    assert_eq!(req.send().await.unwrap().status(), 413);
}

#[tokio::test]
async fn idempotency_replays_and_conflicts() {
    let h = harness().await;
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
        (409, Some("idempotency_key_already_exists"))
    );
    h.webhooks(1).await;
    h.no_more_webhooks(1).await;
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
    h.no_more_webhooks(2).await;
    let stats: serde_json::Value = h.get("/sandbox/stats").await.json().await.unwrap();
    assert_eq!(stats["applied"][id.as_str().unwrap()]["confirms"], 1);
}

#[tokio::test]
async fn injected_api_faults_answer_as_documented() {
    let h =
        harness_with(|c| c.faults = Faults::parse("api.429=0.5,api.5xx=0.5", 3, 10).unwrap()).await;
    let (mut limited, mut failed) = (0, 0);
    for _ in 0..40 {
        let bytes = br#"{"session_id":"ps_1"}"#;
        let res = h
            .http
            .post(format!("{}/api/v1/session/status", h.base))
            .header("x-partner-project", "demo")
            .header("x-partner-sign", h.signer.sign(bytes))
            .body(bytes.to_vec())
            .send()
            .await
            .unwrap();
        match res.status().as_u16() {
            429 => {
                assert_eq!(res.headers()["retry-after"], "1");
                limited += 1;
            }
            503 => failed += 1,
            other => panic!("unexpected {other}"),
        }
    }
    assert!(limited > 0 && failed > 0 && limited + failed == 40);
    let stats: serde_json::Value = h.get("/sandbox/stats").await.json().await.unwrap();
    assert_eq!(stats["faults"]["api.429"], limited);
    assert_eq!(stats["faults"]["api.5xx"], failed);
}

#[tokio::test]
async fn a_dropped_connection_still_applied_the_call() {
    let h = harness_with(|c| c.faults = Faults::parse("api.drop=1", 1, 10).unwrap()).await;
    let body = init_body("4242424242424242", json!({}));
    let bytes = serde_json::to_vec(&body).unwrap();
    let mut req = h
        .http
        .post(format!("{}/api/v1/session/init/payment", h.base))
        .body(bytes.clone());
    for (k, v) in h.signed(&bytes, Some("k-drop")) {
        req = req.header(k, v);
    }
    let outcome = match req.send().await {
        Err(_) => true,
        Ok(res) => res.bytes().await.is_err(),
    };
    assert!(outcome, "no usable answer");
    // The call was applied: its webhook comes.
    assert_eq!(h.last_webhook(1).await.kind(), "ready_to_confirm");
}

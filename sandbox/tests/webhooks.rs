//! Webhook delivery and time: redelivery in order, the manual clock that
//! fires timeouts and redeliveries, and injected webhook faults.

mod common;
use common::*;
use serde_json::json;
use sg_sandbox::clock::ClockMode;
use sg_sandbox::faults::Faults;
use std::sync::atomic::Ordering;

#[tokio::test]
async fn webhooks_are_redelivered_after_500_in_order() {
    let h = harness().await;
    h.hooks.fail_first.store(2, Ordering::SeqCst);
    let id = h.init("4242424242424242", json!({})).await;
    h.ok("session/confirm", json!({"session_id": id})).await;
    let all = h.webhooks(4).await;
    let kinds: Vec<_> = all.iter().map(|e| e.kind().to_string()).collect();
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

#[tokio::test]
async fn a_manual_clock_fires_timeouts_and_redeliveries() {
    let h = harness_with(|c| {
        c.clock = ClockMode::Manual;
        c.webhook_retry_base_ms = 60_000;
        c.webhook_retry_window_s = 3600;
    })
    .await;
    let before: serde_json::Value = h.get("/sandbox/clock").await.json().await.unwrap();
    assert_eq!(before["mode"], "manual");
    h.hooks.fail_first.store(1, Ordering::SeqCst);
    let waiting = h.init("4242424242424242", json!({})).await;
    h.webhooks(1).await;
    // The redelivery waits for the clock.
    h.no_more_webhooks(1).await;
    let (status, after) = h
        .control("/sandbox/clock", json!({"advance_minutes": 1}))
        .await;
    assert_eq!(status, 200);
    assert_eq!(
        after["now_ms"].as_u64().unwrap() - before["now_ms"].as_u64().unwrap(),
        60_000
    );
    assert_eq!(h.last_webhook(2).await.kind(), "ready_to_confirm");

    let at_acs = h.init("4000000000003220", json!({})).await;
    h.ok("session/confirm", json!({"session_id": at_acs})).await;
    h.webhooks(4).await;
    h.control("/sandbox/clock", json!({"advance_minutes": 59}))
        .await;
    h.no_more_webhooks(4).await;
    h.control("/sandbox/clock", json!({"advance_minutes": 1}))
        .await;
    let ev = h.last_webhook(5).await;
    assert_eq!(
        (ev.json["session"]["id"].as_str(), ev.view.state.as_str()),
        (Some(at_acs.as_str()), "failed")
    );
    assert_eq!(ev.payment()["error"]["code"], "authentication_timeout");
    h.control("/sandbox/clock", json!({"advance_minutes": 180}))
        .await;
    let ev = h.last_webhook(6).await;
    assert_eq!(ev.json["session"]["id"].as_str(), Some(waiting.as_str()));
    assert_eq!(ev.payment()["error"]["code"], "confirmation_timeout");
    // Bad advances are refused; so is a cross-site form post.
    for bad in [
        json!({}),
        json!({"advance_minutes": -1}),
        json!({"advance_minutes": 1, "advance_seconds": 1}),
        json!({"advance_minutes": 1e12}),
    ] {
        assert_eq!(h.control("/sandbox/clock", bad).await.0, 400);
    }
    let form = h
        .http
        .post(format!("{}/sandbox/clock", h.base))
        .form(&[("advance_minutes", "1")])
        .send()
        .await
        .unwrap();
    assert_eq!(form.status(), 415);
}

#[tokio::test]
async fn injected_webhook_faults_drop_and_duplicate() {
    let h = harness_with(|c| c.faults = Faults::parse("hook.dup=1", 9, 10).unwrap()).await;
    h.init("4242424242424242", json!({})).await;
    let all = h.webhooks(2).await;
    assert_eq!(all[0].json, all[1].json, "the same event twice");
    let stats: serde_json::Value = h.get("/sandbox/stats").await.json().await.unwrap();
    assert_eq!(stats["faults"]["hook.dup"], 1);

    let h = harness_with(|c| c.faults = Faults::parse("hook.drop=1", 9, 10).unwrap()).await;
    let id = h.init("4242424242424242", json!({})).await;
    h.no_more_webhooks(0).await;
    // Webhooks are optional: the state is there to be asked for.
    let s = h.ok("session/status", json!({"session_id": id})).await;
    assert_eq!(s["next_action"], "confirm");
}

#[tokio::test]
async fn a_held_back_webhook_is_overtaken() {
    let h = harness_with(|c| c.faults = Faults::parse("hook.reorder=0.5", 4, 300).unwrap()).await;
    // Enough sessions that some first event is held back and its second overtakes it.
    let mut ids = Vec::new();
    for _ in 0..8 {
        let id = h.init("4242424242424242", json!({})).await;
        h.ok("session/confirm", json!({"session_id": id})).await;
        ids.push(id);
    }
    let all = h.webhooks(16).await;
    let overtaken = ids.iter().any(|id| {
        let kinds: Vec<_> = all
            .iter()
            .filter(|e| e.json["session"]["id"] == id.as_str())
            .map(|e| e.kind().to_string())
            .collect();
        kinds == ["payment_finished", "ready_to_confirm"]
    });
    assert!(overtaken, "no event was overtaken");
}

/// `--webhook-api-version 2`: a project set up for API v2 gets its webhooks
/// in v2's names (docs/reference/webhooks/payment-finished, API v2 tab),
/// and the SDK reads them as it reads v1's.
#[tokio::test]
async fn webhooks_in_api_v2_names() {
    let h = harness_with(|c| c.webhook_v2 = true).await;
    let id = h.init("4242424242424242", json!({})).await;
    h.ok("session/confirm", json!({"session_id": id})).await;
    let all = h.webhooks(2).await;
    for hook in &all {
        let session = &hook.json["session"];
        assert!(session.get("acquiring_payments").is_none(), "{session}");
        assert!(session["payment_list"][0]["id"]
            .as_str()
            .unwrap()
            .starts_with("pm_"));
    }
    assert_eq!(
        (all[1].kind(), all[1].view.state.as_str()),
        ("payment_finished", "succeeded")
    );
}

//! The flows over real HTTP: answers, webhooks (signed, read by the SDK
//! core) and the customer's ACS pages. The transitions themselves are
//! unit-tested in the engine; this checks what crosses the wire.

mod common;
use common::*;
use serde_json::json;
use sg_sandbox::engine::CaptureMode;
use sg_wire::RedirectMethod;

#[tokio::test]
async fn frictionless_payment_via_create_and_start() {
    let h = harness().await;
    let s = h
        .ok(
            "session/create",
            json!({"amount_details": {"amount": 15000, "currency": "usd"}, "metadata": "order123"}),
        )
        .await;
    assert_eq!(s["status"], "created");
    let id = s["id"].as_str().unwrap().to_string();
    assert!(id.starts_with("ps_"));
    let s = h
        .ok(
            "session/start/payment",
            json!({"session_id": id, "payment_details": card("4242424242424242"), "customer": {"reference": "lucky"}}),
        )
        .await;
    assert_eq!(s["status"], "in_progress");
    let pay = &s["acquiring_payments"][0];
    assert_eq!(
        pay["payment_details"]["card"],
        json!({"brand": "visa", "last4": "4242", "bin": "424242"})
    );
    assert_eq!(pay["amount_details"]["amount"], 15000, "amount from create");
    assert!(pay["id"].as_str().unwrap().starts_with("pm_"));
    assert_eq!(h.last_webhook(1).await.kind(), "ready_to_confirm");
    let s = h.ok("session/confirm", json!({"session_id": id})).await;
    assert_eq!(s["status"], "accepted");
    let ev = h.last_webhook(2).await;
    assert_eq!(ev.kind(), "payment_finished");
    assert_eq!(ev.view.state.as_str(), "succeeded");
    assert_eq!(
        ev.payment()["transaction_info"]["rrn"]
            .as_str()
            .unwrap()
            .len(),
        12
    );
    let s = h.ok("session/status", json!({"session_id": id})).await;
    assert!(s["acquiring_payments"][0]["finished_at"]
        .as_str()
        .unwrap()
        .ends_with('Z'));
}

#[tokio::test]
async fn three_ds_post_and_get_through_the_acs_pages() {
    for (number, approve, method) in [
        ("4000000000003220", true, RedirectMethod::Post),
        ("4000000000003220", false, RedirectMethod::Post),
        ("4000000000003063", true, RedirectMethod::Get),
        ("4000000000003063", false, RedirectMethod::Get),
    ] {
        let h = harness().await;
        let id = h.init(number, json!({})).await;
        h.ok("session/confirm", json!({"session_id": id})).await;
        let ev = h.last_webhook(2).await;
        assert_eq!(ev.kind(), "action_required");
        assert_eq!(ev.view.state.as_str(), "action_required");
        let r = ev.redirect();
        assert_eq!(r.method, method);
        assert!(r
            .base_url
            .as_deref()
            .unwrap()
            .starts_with("http://127.0.0.1:"));
        let back = h.acs(&r, approve, &number[12..]).await;
        let md = r
            .params
            .0
            .iter()
            .chain(&r.qs.0)
            .find(|(k, _)| k == "MD")
            .unwrap()
            .1
            .clone();
        if method == RedirectMethod::Post {
            assert_eq!(back.status(), 200);
            let csp = back.headers()["content-security-policy"]
                .to_str()
                .unwrap()
                .to_string();
            assert!(
                csp.contains("form-action 'self' http://127.0.0.1:9"),
                "{csp}"
            );
            let html = back.text().await.unwrap();
            assert_eq!(attr(&html, "action").as_deref(), Some(RETURN));
            assert!(hidden(&html, "PaRes").is_some() && hidden(&html, "MD") == Some(md.clone()));
            assert!(
                html.contains("data-autosubmit") && !html.contains("<script>"),
                "submitted by the served script"
            );
        } else {
            assert_eq!(back.status(), 303);
            let location = back.headers()["location"].to_str().unwrap().to_string();
            assert!(
                location.starts_with("http://127.0.0.1:9/return?order=7&PaRes="),
                "{location}"
            );
            assert!(
                sg_sandbox::location_fields(&location).contains(&("MD".to_string(), md.clone()))
            );
        }
        let ev = h.last_webhook(3).await;
        assert_eq!(
            ev.view.state.as_str(),
            if approve { "succeeded" } else { "failed" }
        );
        assert!(ev.payment()["customer_interaction"].is_null());
        // The ACS answers once.
        let again = h
            .http
            .post(format!("{}/decision", r.base_url.clone().unwrap()))
            .form(&[("MD", md.as_str()), ("decision", "approve")])
            .send()
            .await
            .unwrap();
        assert_eq!(again.status(), 404);
        h.no_more_webhooks(3).await;
    }
}

#[tokio::test]
async fn declined_and_errored_cards_explain_themselves() {
    let h = harness().await;
    let id = h.init("4000000000000002", json!({})).await;
    let s = h.ok("session/confirm", json!({"session_id": id})).await;
    assert_eq!(s["acquiring_payments"][0]["error"]["code"], "card_declined");
    let ev = h.last_webhook(2).await;
    assert_eq!(
        (ev.kind(), ev.view.state.as_str()),
        ("payment_finished", "failed")
    );
    assert_eq!(ev.view.failure.as_ref().unwrap().code, "card_declined");

    let id = h.init("4000000000000119", json!({})).await;
    let s = h.ok("session/confirm", json!({"session_id": id})).await;
    assert_eq!(s["status"], "error");
    let ev = h.last_webhook(4).await;
    assert_eq!(ev.view.state.as_str(), "needs_attention");
    assert!(!ev.view.is_final);
}

#[tokio::test]
async fn delayed_capture_and_cancel() {
    let h = harness_with(|c| c.capture = CaptureMode::Manual).await;
    let id = h.init("4111111111111111", json!({})).await;
    h.error(
        "session/capture",
        json!({"session_id": id}),
        409,
        "wrong_state",
    )
    .await;
    h.ok("session/confirm", json!({"session_id": id})).await;
    let ev = h.last_webhook(2).await;
    assert_eq!(
        (ev.kind(), ev.json["session"]["next_action"].as_str()),
        ("ready_to_capture", Some("capture"))
    );
    let s = h
        .ok(
            "session/capture",
            json!({"session_id": id, "amount_details": {"amount": 12000, "currency": "usd"}}),
        )
        .await;
    assert_eq!(
        s["acquiring_payments"][0]["amount_details"]["amount"],
        12000
    );
    assert_eq!(h.last_webhook(3).await.kind(), "payment_finished");

    let id = h.init("4111111111111111", json!({})).await;
    h.ok("session/confirm", json!({"session_id": id})).await;
    h.webhooks(5).await;
    let s = h.ok("session/cancel", json!({"session_id": id})).await;
    assert_eq!(s["status"], "cancelled");
    h.error(
        "session/confirm",
        json!({"session_id": id}),
        409,
        "wrong_state",
    )
    .await;
}

#[tokio::test]
async fn refunds_are_listed_inside_the_payment() {
    let h = harness().await;
    let id = h.init("4242424242424242", json!({})).await;
    h.ok("session/confirm", json!({"session_id": id})).await;
    let s = h
        .ok(
            "session/refund",
            json!({"session_id": id, "amount_details": {"amount": 5000, "currency": "usd"}}),
        )
        .await;
    let refunds = &s["acquiring_payments"][0]["refunds"];
    assert_eq!(
        (
            refunds[0]["status"].as_str(),
            refunds[0]["is_chargeback"].as_bool()
        ),
        (Some("accepted"), Some(false))
    );
    let ev = h.last_webhook(3).await;
    assert_eq!(
        (ev.kind(), ev.view.state.as_str(), ev.view.refunded_amount),
        ("payment_refunded", "partially_refunded", 5000)
    );
    let (status, body) = h
        .control("/sandbox/chargeback", json!({"session_id": id}))
        .await;
    assert_eq!(status, 200, "{body}");
    let ev = h.last_webhook(4).await;
    assert_eq!(
        (
            ev.view.state.as_str(),
            ev.view.refunded_amount,
            ev.view.chargeback
        ),
        ("refunded", 15000, true)
    );
    h.error(
        "session/refund",
        json!({"session_id": id}),
        400,
        "invalid_amount",
    )
    .await;
}

#[tokio::test]
async fn a_saved_card_pays_again_until_disabled() {
    let h = harness().await;
    let id = h.init("4242424242424242", json!({"recurrent": true})).await;
    h.ok("session/confirm", json!({"session_id": id})).await;
    let ev = h.last_webhook(2).await;
    let token = ev.payment()["recurrent"]["token"]
        .as_str()
        .expect("a token on payment_finished")
        .to_string();
    // A client-initiated token payment goes through 3-D Secure.
    let body = json!({"payment_details": {"type": "recurrent", "recurrent": {"token": token, "initiator": "client"}},
                      "amount_details": {"amount": 15000, "currency": "usd"}, "customer": {"reference": "lucky"},
                      "payment_options": {"return_url": RETURN}});
    let s = h.ok("session/init/payment", body.clone()).await;
    h.ok("session/confirm", json!({"session_id": s["id"]}))
        .await;
    let ev = h.last_webhook(4).await;
    assert_eq!(ev.kind(), "action_required");
    assert_eq!(h.acs(&ev.redirect(), true, "4242").await.status(), 303);
    assert_eq!(h.last_webhook(5).await.view.state.as_str(), "succeeded");
    let (_, reply) = h
        .call("recurrent/disable", json!({"recurrent": {"token": token}}))
        .await;
    assert_eq!(reply["recurrent"]["is_active"], false);
    h.error("session/init/payment", body, 400, "token_disabled")
        .await;
    h.error(
        "recurrent/status",
        json!({"recurrent": {"token": "nope"}}),
        404,
        "token_not_found",
    )
    .await;
}

#[tokio::test]
async fn payouts_and_the_wallet() {
    let h = harness().await;
    let s = h
        .ok(
            "session/init/payout",
            json!({"payment_method": {"type": "bank_account", "bank_account": {"system_type": "global",
                   "global": {"iban": "GB82WEST12345698765432", "description": "rent"}}},
                   "amount_details": {"amount": 2500, "currency": "eur"}, "customer": {"reference": "r1"}}),
        )
        .await;
    let id = s["id"].as_str().unwrap().to_string();
    assert!(s["payments"][0]["id"].as_str().unwrap().starts_with("po_"));
    assert!(
        !s.to_string().contains("GB82WEST12345698765432"),
        "only the IBAN's end is shown"
    );
    h.ok("session/confirm", json!({"session_id": id})).await;
    let ev = h.last_webhook(2).await;
    assert_eq!(
        (ev.view.kind.as_str(), ev.view.state.as_str()),
        ("payout", "succeeded")
    );
    let (status, w) = h
        .call(
            "wallet/balance",
            json!({"request_datetime": "2026-11-22T10:00:00Z"}),
        )
        .await;
    assert_eq!(status, 200);
    let eur = w["wallets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["amount_details"]["currency"] == "eur")
        .unwrap();
    assert_eq!(eur["amount_details"]["amount"], 1_000_000_000u64 - 2500);
}

#[tokio::test]
async fn payout_declines_cancels_status_and_idempotency() {
    let h = harness().await;
    let card = |number: &str| json!({"type": "card", "card": {"type": "bank_card", "bank_card": {"number": number}}});
    let body = |number: &str| json!({"payment_method": card(number), "amount_details": {"amount": 700, "currency": "usd"}, "customer": {"reference": "r1"}});
    // A declined payout card fails with its reason; the number never shows.
    let s = h.ok("session/init/payout", body("4000000000000002")).await;
    let id = s["id"].as_str().unwrap().to_string();
    assert_eq!(
        s["payments"][0]["payment_method"]["card"],
        json!({"brand": "visa", "last4": "0002", "bin": "400000"})
    );
    let s = h.ok("session/confirm", json!({"session_id": id})).await;
    assert_eq!(
        (s["status"].as_str(), s["payments"][0]["status"].as_str()),
        (Some("cancelled"), Some("failed"))
    );
    assert_eq!(s["payments"][0]["error"]["code"], "payout_declined");
    let ev = h.last_webhook(2).await;
    assert_eq!(
        (ev.view.kind.as_str(), ev.view.state.as_str()),
        ("payout", "failed")
    );
    // Cancelled before confirmation: no money moves, status tells so.
    let s = h.ok("session/init/payout", body("4242424242424242")).await;
    let id = s["id"].as_str().unwrap().to_string();
    let s = h.ok("session/cancel", json!({"session_id": id})).await;
    assert_eq!(s["status"], "cancelled");
    let s = h.ok("session/status", json!({"session_id": id})).await;
    assert_eq!(
        (s["status"].as_str(), s["payments"][0]["status"].as_str()),
        (Some("cancelled"), Some("pending"))
    );
    h.error(
        "session/confirm",
        json!({"session_id": id}),
        409,
        "wrong_state",
    )
    .await;
    // Idempotency: the same body replays, another is refused.
    let (a, first) = h
        .call_with_key(
            "session/init/payout",
            &body("4242424242424242"),
            Some("payout-9"),
        )
        .await;
    let (b, again) = h
        .call_with_key(
            "session/init/payout",
            &body("4242424242424242"),
            Some("payout-9"),
        )
        .await;
    assert_eq!((a, b), (200, 200));
    assert_eq!(first, again);
    let (c, other) = h
        .call_with_key(
            "session/init/payout",
            &body("4000000000000002"),
            Some("payout-9"),
        )
        .await;
    assert_eq!(
        (c, other["error"]["code"].as_str()),
        (409, Some("idempotency_key_already_exists"))
    );
}

/// `fps/customer_verification` (docs/reference/methods/fps-verification):
/// a registered test phone with its bank ends accepted, any other phone
/// cancelled, at once and without a confirm; `payment_finished` follows.
#[tokio::test]
async fn faster_payments_customers_are_verified_by_phone() {
    let h = harness().await;
    let body = |session: &str, phone: &str| {
        json!({"session_id": session,
               "payment_method": {"type": "bank_account", "bank_account": {"system_type": "faster_payment_system_verification",
                   "faster_payment_system_verification": {"phone": phone, "bank_id": "100000000111"}}},
               "participant_details": {"recipient": {"first_name": "Ivan", "last_name": "Ivanov"}}})
    };
    let mut webhooks = 0;
    for (phone, session_status, op_status, state) in [
        ("79001234567", "accepted", "succeeded", "succeeded"),
        ("79000000000", "cancelled", "failed", "failed"),
        ("79001112233", "cancelled", "failed", "failed"),
    ] {
        let created = h.ok("session/create", json!({})).await;
        let id = created["id"].as_str().unwrap().to_string();
        let s = h.ok("fps/customer_verification", body(&id, phone)).await;
        assert_eq!(s["status"], session_status, "{phone}");
        assert_eq!(s["payments"][0]["status"], op_status, "{phone}");
        assert!(s["payments"][0]["id"].as_str().unwrap().starts_with("po_"));
        assert!(
            !s.to_string().contains(phone),
            "the phone is not echoed whole"
        );
        webhooks += 1;
        let ev = h.last_webhook(webhooks).await;
        assert_eq!(
            (ev.kind(), ev.view.state.as_str()),
            ("payment_finished", state),
            "{phone}"
        );
        // Once only: the session has ended.
        h.error(
            "fps/customer_verification",
            body(&id, phone),
            409,
            "wrong_state",
        )
        .await;
    }
    h.error(
        "fps/customer_verification",
        body("ps_x", "12345"),
        400,
        "invalid_params",
    )
    .await;
}

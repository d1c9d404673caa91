//! FPS payments by QR code over HTTP: the deep link in `action_required`,
//! and the sandbox's bank app (the customer's phone) approving or
//! declining (docs/payments/payment-qr).

mod common;
use common::*;
use serde_json::json;
use smart_glocal::view::PaymentView;

async fn fps_payment(h: &Harness) -> (String, String) {
    fps_payment_with(h, json!({})).await
}

async fn fps_payment_with(h: &Harness, options: serde_json::Value) -> (String, String) {
    let s = h
        .ok(
            "session/init/payment",
            json!({"payment_details": {"type": "faster_payment_system"},
                   "amount_details": {"amount": 150000, "currency": "rub"},
                   "customer": {"reference": "c1"},
                   "payment_options": options,
                   "participant_details": {"sender": {"ipv4": "192.0.2.10"}}}),
        )
        .await;
    let id = s["id"].as_str().unwrap().to_string();
    assert_eq!(h.last_webhook(1).await.kind(), "ready_to_confirm");
    let s = h.ok("session/confirm", json!({"session_id": id})).await;
    let pay = &s["acquiring_payments"][0];
    assert_eq!(pay["payment_details"]["type"], "faster_payment_system");
    assert_eq!(pay["customer_interaction"]["type"], "inform");
    let link = pay["customer_interaction"]["inform"]["qr"]["content"]
        .as_str()
        .expect("a deep link")
        .to_string();
    let ev = h.last_webhook(2).await;
    assert_eq!(ev.kind(), "action_required");
    assert_eq!(
        ev.payment()["customer_interaction"]["inform"]["qr"]["content"],
        link.as_str()
    );
    (id, link)
}

#[tokio::test]
async fn the_deep_link_opens_the_bank_app_which_approves() {
    let h = harness().await;
    let (id, link) = fps_payment(&h).await;
    assert!(link.starts_with(&format!("{}/bank/pm_", h.base)), "{link}");
    // The SDK's view: a QR interaction, no redirect.
    let (_, status) = h.call("session/status", json!({"session_id": id})).await;
    let view: serde_json::Value =
        serde_json::from_str(&PaymentView::json_of(&status.to_string(), false).unwrap()).unwrap();
    assert_eq!(view["state"], "action_required");
    assert_eq!(view["redirect"], serde_json::Value::Null);
    assert_eq!(view["interaction"], json!({"type": "qr", "content": link}));
    let page = h.http.get(&link).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(
        html.contains("1500.00 RUB") && html.contains("data-testid=\"bank-approve\""),
        "{html}"
    );
    let code = hidden(&html, "code").unwrap();
    let forged = h
        .http
        .post(format!("{}{}", h.base, attr(&html, "action").unwrap()))
        .form(&[("code", "0000"), ("decision", "approve")])
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 404, "a wrong code answers nothing");
    let answer = h
        .http
        .post(format!("{}{}", h.base, attr(&html, "action").unwrap()))
        .form(&[("code", code.as_str()), ("decision", "approve")])
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 200);
    assert!(answer
        .text()
        .await
        .unwrap()
        .contains("data-state=\"approved\""));
    let ev = h.last_webhook(3).await;
    assert_eq!(ev.kind(), "payment_finished");
    assert_eq!(ev.payment()["status"], "succeeded");
    // Answered: the link opens nothing now.
    assert_eq!(h.http.get(&link).send().await.unwrap().status(), 404);
}

#[tokio::test]
async fn the_bank_app_declines() {
    let h = harness().await;
    let (_, link) = fps_payment(&h).await;
    let answer = h.bank_app(&link, "decline").await;
    assert!(answer
        .text()
        .await
        .unwrap()
        .contains("data-state=\"declined\""));
    let ev = h.last_webhook(3).await;
    assert_eq!(ev.payment()["status"], "failed");
    h.no_more_webhooks(3).await;
}

/// An FPS payout reaches a phone registered with its bank (the test
/// phones); to any other, the bank declines it (docs/payouts/payout-fps).
#[tokio::test]
async fn a_payout_by_phone_reaches_a_registered_phone_only() {
    let h = harness().await;
    let mut webhooks = 0;
    for (phone, bank, status) in [
        ("79001234567", "100000000111", "succeeded"),
        ("79001234567", "100000000069", "failed"),
        ("79000000000", "100000000111", "failed"),
    ] {
        let s = h
            .ok(
                "session/init/payout",
                json!({"payment_method": {"type": "bank_account", "bank_account": {"system_type": "faster_payment_system",
                           "faster_payment_system": {"phone": phone, "bank_id": bank, "description": "Payout"}}},
                       "amount_details": {"amount": 10000, "currency": "rub"}}),
            )
            .await;
        webhooks += 1;
        assert_eq!(h.last_webhook(webhooks).await.kind(), "ready_to_confirm");
        h.ok("session/confirm", json!({"session_id": s["id"]}))
            .await;
        webhooks += 1;
        let ev = h.last_webhook(webhooks).await;
        assert_eq!(
            ev.json["session"]["payments"][0]["status"], status,
            "{phone} at {bank}"
        );
        assert!(
            !ev.json.to_string().contains(phone),
            "the phone is not echoed whole"
        );
    }
}

/// With `payment_options.recurrent`, a paid FPS payment brings a recurrent
/// token (docs/restricted/recurrent-fps) that a later payment uses with no
/// bank app in between.
#[tokio::test]
async fn a_recurrent_fps_payment_brings_a_token_a_later_payment_uses() {
    let h = harness().await;
    let (_, link) = fps_payment_with(&h, json!({"recurrent": true})).await;
    assert_eq!(h.bank_app(&link, "approve").await.status(), 200);
    let ev = h.last_webhook(3).await;
    let token = ev.payment()["recurrent"]["token"]
        .as_str()
        .expect("a recurrent token")
        .to_string();
    let s = h
        .ok(
            "session/init/payment",
            json!({"payment_details": {"type": "recurrent", "recurrent": {"token": token, "initiator": "merchant"}},
                   "amount_details": {"amount": 50000, "currency": "rub"}, "customer": {"reference": "c1"}}),
        )
        .await;
    let s = h
        .ok("session/confirm", json!({"session_id": s["id"]}))
        .await;
    assert_eq!(s["acquiring_payments"][0]["status"], "succeeded", "{s}");
}

/// docs/payments/payment-qr: roubles, and a payer named by reference or
/// IPv4; the sandbox judges it by its own reading.
#[tokio::test]
async fn an_fps_payment_is_in_roubles_and_names_its_payer() {
    let h = harness().await;
    for (body, field) in [
        (
            json!({"payment_details": {"type": "faster_payment_system"}, "amount_details": {"amount": 100, "currency": "usd"},
                   "customer": {"reference": "c1"}}),
            "amount_details.currency",
        ),
        (
            json!({"payment_details": {"type": "faster_payment_system"}, "amount_details": {"amount": 100, "currency": "rub"},
                   "customer": {}}),
            "customer.reference",
        ),
    ] {
        let reply = h
            .error("session/init/payment", body, 400, "invalid_params")
            .await;
        assert!(
            reply["error"]["description"]
                .as_str()
                .unwrap()
                .contains(field),
            "{reply}"
        );
    }
    h.ok(
        "session/init/payment",
        json!({"payment_details": {"type": "faster_payment_system"}, "amount_details": {"amount": 100, "currency": "rub"},
               "customer": {}, "participant_details": {"sender": {"ipv4": "192.0.2.1"}}}),
    )
    .await;
}

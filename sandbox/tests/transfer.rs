//! Money transfers by FPS without an account over HTTP
//! (docs/payments/payment-individuals): the submerchant header on every
//! call, the payment page's terms and QR code, and the bank app.

mod common;
use common::*;
use serde_json::{json, Value};

const SUBMERCHANT: &str = "shop.example";

impl Harness {
    async fn as_submerchant(&self, endpoint: &str, body: Value) -> (u16, Value) {
        let bytes = serde_json::to_vec(&body).unwrap();
        let mut headers = self.signed(&bytes, None);
        headers.push(("x-partner-submerchant", SUBMERCHANT.into()));
        self.send(endpoint, &bytes, &headers).await
    }
}

async fn transfer_token(h: &Harness) -> (String, String) {
    let (status, s) = h
        .as_submerchant(
            "session/create",
            json!({"amount_details": {"amount": 100000, "currency": "rub"}, "customer": {"reference": "c7"},
                   "payment_options": {"return_url": "dummy:/url"}}),
        )
        .await;
    assert_eq!(status, 200, "{s}");
    let id = s["session"]["id"].as_str().unwrap().to_string();
    let body = json!({"fps_no_account_widget": {"session_id": id}});
    // Without the header, no token.
    let (status, refused) = h.call("token", body.clone()).await;
    assert_eq!(
        (status, refused["error"]["code"].as_str()),
        (400, Some("invalid_params")),
        "{refused}"
    );
    let (status, t) = h.as_submerchant("token", body).await;
    assert_eq!(status, 200, "{t}");
    (id, t["public_token"].as_str().unwrap().to_string())
}

#[tokio::test]
async fn a_transfer_is_agreed_to_then_paid_in_the_bank_app() {
    let h = harness().await;
    let (id, token) = transfer_token(&h).await;
    let path = format!("/ru/payment/{token}");
    let (status, _, html) = h.page(&path).await;
    assert_eq!(status, 200);
    assert!(
        html.contains("data-testid=\"transfer-agree\"")
            && html.contains("data-testid=\"transfer-get-qr\"")
    );
    assert!(
        html.contains("1000.00 RUB") && html.contains("data-testid=\"transfer-fee\">0.00 RUB"),
        "{html}"
    );
    // The terms first.
    let res = h.pay(&path, &[]).await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("transfer-problem"));
    h.no_more_webhooks(0).await;
    let res = h.pay(&path, &[("agree", "1".into())]).await;
    assert_eq!(res.status(), 303);
    let status_path = res.headers()["location"].to_str().unwrap().to_string();
    assert_eq!(h.last_webhook(1).await.kind(), "ready_to_confirm");
    h.ok("session/confirm", json!({"session_id": id})).await;
    let html = h.follow(&status_path).await;
    assert!(
        html.contains("<svg") && html.contains("role=\"img\""),
        "a QR code: {html}"
    );
    let link = attr(&html, "href")
        .filter(|l| l.contains("/bank/"))
        .unwrap_or_else(|| {
            html.split("data-testid=\"transfer-open-bank\"")
                .next()
                .and_then(|before| before.rsplit("href=\"").next())
                .map(|s| s.split('"').next().unwrap().replace("&amp;", "&"))
                .unwrap()
        });
    let answer = h.bank_app(&link, "approve").await;
    assert_eq!(answer.status(), 200);
    let ev = h.last_webhook(3).await;
    assert_eq!(
        (ev.kind(), ev.payment()["status"].as_str()),
        ("payment_finished", Some("succeeded"))
    );
    // Spent: the page opens nothing again.
    let (status, _, html) = h.page(&path).await;
    assert_eq!(status, 404);
    assert!(html.contains("data-reason=\"used\""));
}

#[tokio::test]
async fn a_transfer_needs_roubles_and_a_fresh_session() {
    let h = harness().await;
    let (_, usd) = h
        .as_submerchant(
            "session/create",
            json!({"amount_details": {"amount": 100, "currency": "usd"}}),
        )
        .await;
    let (status, _) = h
        .as_submerchant(
            "token",
            json!({"fps_no_account_widget": {"session_id": usd["session"]["id"]}}),
        )
        .await;
    assert_eq!(status, 400);
    // A card token's page is not a transfer's, and the other way round.
    let (_, token) = transfer_token(&h).await;
    let (_, _, html) = h.page(&format!("/en/payment/{token}")).await;
    assert!(!html.contains("hosted-card-number"));
}

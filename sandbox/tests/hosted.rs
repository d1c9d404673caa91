//! The hosted payment page over HTTP, as a customer's browser sees it.

mod common;
use common::*;
use serde_json::json;

#[tokio::test]
async fn the_page_takes_a_card_and_returns_to_the_shop() {
    let h = harness().await;
    let (id, token) = token(
        &h,
        json!({"locale": "en", "success_return_url": "https://shop.test/ok", "failure_return_url": "https://shop.test/no"}),
    )
    .await;
    let path = format!("/en/payment/{token}");
    let (status, csp, html) = h.page(&path).await;
    assert_eq!(status, 200);
    assert!(
        csp.contains("default-src 'none'")
            && csp.contains("form-action 'self'")
            && csp.contains("script-src 'self'"),
        "{csp}"
    );
    for id in [
        "hosted-card-number",
        "hosted-expiry",
        "hosted-cvc",
        "hosted-cardholder",
        "hosted-pay",
    ] {
        assert!(html.contains(&format!("data-testid=\"{id}\"")), "{id}");
    }
    assert!(html.contains("150.00 USD") && html.contains(">demo<"));
    assert!(
        !html.contains("hosted-save-card"),
        "no checkbox unless asked"
    );
    assert!(
        !html.contains("http://")
            && !html.contains("https://")
            && !html.contains("<style>")
            && !html.contains("<script>")
    );
    // Checked on the page: Luhn, then expiry against the clock. Nothing typed is echoed.
    let res = h
        .pay(&path, &pay_form("4242424242424241", "12/29", false))
        .await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("Check the card number.") && !html.contains("4242424242424241"));
    let res = h
        .pay(&path, &pay_form("4242424242424242", "01/20", false))
        .await;
    assert!(res.text().await.unwrap().contains("This card has expired."));
    h.no_more_webhooks(0).await;

    let res = h
        .pay(&path, &pay_form("4242 4242 4242 4242", "12/29", false))
        .await;
    assert_eq!(res.status(), 303);
    let status_path = res.headers()["location"].to_str().unwrap().to_string();
    assert_eq!(status_path, format!("{path}/status"));
    let ev = h.last_webhook(1).await;
    assert_eq!(ev.kind(), "ready_to_confirm");
    assert_eq!(ev.payment()["payment_details"]["card"]["last4"], "4242");
    // The merchant confirms; the page sees the result and goes to the success URL.
    h.ok("session/confirm", json!({"session_id": id})).await;
    let html = h.follow(&status_path).await;
    assert!(
        html.contains("data-state=\"succeeded\"") && html.contains("url=https://shop.test/ok"),
        "{html}"
    );
    // Used: the form is gone.
    let (status, _, html) = h.page(&path).await;
    assert_eq!(status, 404);
    assert!(
        html.contains("hosted-error")
            && html.contains("data-reason=\"used\"")
            && !html.contains("hosted-pay")
    );
    let res = h
        .pay(&path, &pay_form("4242424242424242", "12/29", false))
        .await;
    assert_eq!(res.status(), 404);
    h.no_more_webhooks(2).await;
}

#[tokio::test]
async fn three_d_secure_from_the_page_and_back_to_the_failure_url() {
    let h = harness().await;
    let (id, token) = token(
        &h,
        json!({"locale": "ru", "failure_return_url": "https://shop.test/no"}),
    )
    .await;
    let path = format!("/ru/payment/{token}");
    let (_, _, html) = h.page(&path).await;
    assert!(html.contains("lang=\"ru\"") && html.contains("Оплатить"));
    let res = h
        .pay(&path, &pay_form("4000000000003220", "12/29", false))
        .await;
    let status_path = res.headers()["location"].to_str().unwrap().to_string();
    h.ok("session/confirm", json!({"session_id": id})).await;
    // To the ACS by a self-submitting POST form.
    let html = h.follow(&status_path).await;
    let action = attr(&html, "action").unwrap();
    assert!(action.contains("/acs/pm_"), "{html}");
    let md = hidden(&html, "MD").unwrap();
    let pareq = hidden(&html, "PaReq").unwrap();
    let acs = h
        .http
        .post(&action)
        .form(&[("MD", md.clone()), ("PaReq", pareq)])
        .send()
        .await
        .unwrap();
    assert_eq!(acs.status(), 200);
    let decision_path = attr(&acs.text().await.unwrap(), "action").unwrap();
    let back = h
        .http
        .post(format!("{}{decision_path}", h.base))
        .form(&[("MD", md.as_str()), ("decision", "decline")])
        .send()
        .await
        .unwrap();
    assert_eq!(back.status(), 303);
    let location = back.headers()["location"].to_str().unwrap().to_string();
    assert_eq!(
        location,
        format!("{}{status_path}", h.base),
        "back to the page, not to the shop"
    );
    let html = h.follow(&status_path).await;
    assert!(
        html.contains("data-state=\"failed\"")
            && html.contains("url=https://shop.test/no")
            && html.contains("Оплата не прошла")
    );
}

#[tokio::test]
async fn the_checkbox_saves_a_card_the_merchant_can_use() {
    let h = harness().await;
    let (id, token) = token(&h, json!({"show_recurrent_checkbox": "true"})).await;
    let path = format!("/en/payment/{token}");
    assert!(h
        .page(&path)
        .await
        .2
        .contains("data-testid=\"hosted-save-card\""));
    h.pay(&path, &pay_form("4242424242424242", "12/29", true))
        .await;
    h.ok("session/confirm", json!({"session_id": id})).await;
    let ev = h.last_webhook(2).await;
    let saved = ev.payment()["recurrent"]["token"]
        .as_str()
        .expect("a saved card")
        .to_string();
    let s = h
        .ok(
            "session/init/payment",
            json!({"payment_details": {"type": "recurrent", "recurrent": {"token": saved, "initiator": "merchant"}},
                   "amount_details": {"amount": 500, "currency": "usd"}, "customer": {"reference": "c1"}}),
        )
        .await;
    let s = h
        .ok("session/confirm", json!({"session_id": s["id"]}))
        .await;
    assert_eq!(s["acquiring_payments"][0]["status"], "succeeded");
    // No return URL of its own: the session's.
    let html = h.follow(&format!("{path}/status")).await;
    assert!(
        html.contains(&format!("url={}", RETURN.replace('&', "&amp;"))),
        "{html}"
    );
}

#[tokio::test]
async fn unknown_and_malformed_links_open_nothing() {
    let h = harness().await;
    for path in ["/en/payment/nope", "/en/payment/nope/status"] {
        let (status, _, html) = h.page(path).await;
        assert_eq!(status, 404);
        assert!(html.contains("hosted-error") && !html.contains("hosted-pay"));
    }
    assert_eq!(h.get("/EN/payment/x").await.status(), 404);
    assert_eq!(h.get("/english/payment/x").await.status(), 404);
    let (_, token) = token(&h, json!({})).await;
    // A script in a field stays text; many fields are cut off.
    let mut form: Vec<(&str, String)> = (0..100).map(|_| ("x", "y".to_string())).collect();
    form.push(("number", "<script>".into()));
    let res = h.pay(&format!("/en/payment/{token}"), &form).await;
    assert!(!res.text().await.unwrap().contains("<script>alert"));
}

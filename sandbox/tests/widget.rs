//! The payment form widget over HTTP: its library, and its frame as the
//! customer's browser sees it inside a shop's page.

mod common;
use common::*;
use serde_json::json;

const SHOP: &str = "https://shop.test";

fn frame_query(target: &str) -> String {
    format!("parent=https%3A%2F%2Fshop.test&target={target}&masked=1")
}

fn csp_frames(csp: &str) -> &str {
    csp.split(';')
        .map(str::trim)
        .find_map(|d| d.strip_prefix("frame-ancestors "))
        .unwrap_or("")
}

#[tokio::test]
async fn the_library_and_its_style_are_served_for_any_shop() {
    let h = harness().await;
    let res = h.get("/payment-form.js").await;
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/javascript"));
    let js = res.text().await.unwrap();
    assert!(
        js.contains(&format!("var ORIGIN = \"{}\";", h.base)),
        "{js}"
    );
    assert!(js.contains("window.SmglPaymentForm = SmglPaymentForm"));
    let css = h.get("/payment-form.css").await;
    assert_eq!(css.status(), 200);
    assert!(css.text().await.unwrap().contains(".smgl-payment-form"));
    assert_eq!(h.get("/sandbox-assets/widget-frame.js").await.status(), 200);
}

#[tokio::test]
async fn a_frame_without_an_exact_parent_origin_opens_nothing() {
    let h = harness().await;
    let (_, token) = token(&h, json!({})).await;
    for query in [
        "".to_string(),
        "parent=https%3A%2F%2Fshop.test%2Fcheckout".into(),
        "parent=javascript%3Aalert(1)".into(),
        "parent=https%3A%2F%2Fshop.test&parent=https%3A%2F%2Fevil.test".into(),
        "parent=https%3A%2F%2Fshop.test&target=_blank".into(),
        "parent=https%3A%2F%2Fu%40shop.test".into(),
    ] {
        let (status, csp, html) = h.page(&format!("/widget/{token}?{query}")).await;
        assert_eq!(status, 400, "{query}");
        assert_eq!(csp_frames(&csp), "'none'", "{query}");
        assert!(!html.contains("widget-pay"), "{query}");
    }
}

#[tokio::test]
async fn the_form_in_the_frame_pays_and_tells_only_its_parent() {
    let h = harness().await;
    let (id, token) = token(&h, json!({"locale": "en"})).await;
    let path = format!("/widget/{token}?{}", frame_query("_self"));
    let (status, csp, html) = h.page(&path).await;
    assert_eq!(status, 200, "{html}");
    assert_eq!(csp_frames(&csp), SHOP, "{csp}");
    assert!(csp.contains("default-src 'none'") && csp.contains("form-action 'self'"));
    for (id, autofill) in [
        ("widget-card-number", "cc-number"),
        ("widget-expiry", "cc-exp"),
        ("widget-cvc", "cc-csc"),
        ("widget-cardholder", "cc-name"),
    ] {
        assert!(
            html.contains(&format!("data-testid=\"{id}\" autocomplete=\"{autofill}\"")),
            "{id}"
        );
    }
    assert!(html.contains("type=\"password\" id=\"cvc\""), "masked cvc");
    assert!(html.contains("data-testid=\"widget-pay\"") && !html.contains("widget-recurrent"));
    assert!(html.contains("id=\"smgl-frame\" data-parent=\"https://shop.test\""));
    // Checked as on the hosted page; nothing typed is echoed.
    let res = h
        .pay(&path, &pay_form("4242424242424241", "12/29", false))
        .await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("data-testid=\"widget-error\"") && !html.contains("4242424242424241"));
    let res = h
        .pay(&path, &pay_form("4242424242424242", "12/29", false))
        .await;
    assert_eq!(res.status(), 303);
    let status_path = res.headers()["location"].to_str().unwrap().to_string();
    assert_eq!(
        status_path,
        format!("/widget/{token}/status?{}", frame_query("_self"))
    );
    assert_eq!(h.last_webhook(1).await.kind(), "ready_to_confirm");
    h.ok("session/confirm", json!({"session_id": id})).await;
    let html = h.follow(&status_path).await;
    assert!(
        html.contains("data-outcome=\"success\"")
            && html.contains("data-testid=\"widget-result\" data-state=\"succeeded\""),
        "{html}"
    );
    assert!(
        !html.contains("http-equiv"),
        "the frame stays: the parent decides"
    );
    // Single use: the token opens nothing now, in the frame or on the page.
    let (status, csp, html) = h.page(&path).await;
    assert_eq!(status, 404);
    assert_eq!(csp_frames(&csp), SHOP);
    assert!(html.contains("data-testid=\"widget-error\" data-reason=\"used\""));
    let res = h
        .pay(&path, &pay_form("4242424242424242", "12/29", false))
        .await;
    assert_eq!(res.status(), 404);
    h.no_more_webhooks(2).await;
}

#[tokio::test]
async fn three_d_secure_inside_the_frame_comes_back_to_it() {
    let h = harness().await;
    let (id, token) = token(&h, json!({})).await;
    let path = format!("/widget/{token}?{}", frame_query("_self"));
    let res = h
        .pay(&path, &pay_form("4000000000003220", "12/29", false))
        .await;
    let status_path = res.headers()["location"].to_str().unwrap().to_string();
    h.ok("session/confirm", json!({"session_id": id})).await;
    let html = h.follow(&status_path).await;
    let action = attr(&html, "action").unwrap();
    assert!(
        action.contains("/acs/pm_") && html.contains("data-autosubmit"),
        "{html}"
    );
    let (csp, back) = h.acs_from_page(&html, "approve").await;
    assert_eq!(
        csp_frames(&csp),
        SHOP,
        "the ACS may be framed by the shop only"
    );
    assert_eq!(back.status(), 303);
    assert_eq!(
        back.headers()["location"].to_str().unwrap(),
        format!("{}{status_path}", h.base)
    );
    let html = h.follow(&status_path).await;
    assert!(html.contains("data-outcome=\"success\""), "{html}");
}

#[tokio::test]
async fn three_d_secure_in_the_whole_tab_ends_on_the_return_url() {
    let h = harness().await;
    let (id, token) = token(
        &h,
        json!({"show_recurrent_checkbox": "true", "failure_return_url": "https://shop.test/no"}),
    )
    .await;
    let path = format!("/widget/{token}?{}", frame_query("_top"));
    let (_, _, html) = h.page(&path).await;
    assert!(html.contains("data-testid=\"widget-recurrent\""));
    let res = h
        .pay(&path, &pay_form("4000000000003220", "12/29", true))
        .await;
    let status_path = res.headers()["location"].to_str().unwrap().to_string();
    h.ok("session/confirm", json!({"session_id": id})).await;
    let html = h.follow(&status_path).await;
    assert!(
        html.contains("target=\"_top\"") && html.contains("data-testid=\"widget-to-bank\""),
        "{html}"
    );
    let (csp, back) = h.acs_from_page(&html, "decline").await;
    assert_eq!(csp_frames(&csp), "'none'", "in the tab: framed by no one");
    let hosted_status = format!("/en/payment/{token}/status");
    assert_eq!(
        back.headers()["location"].to_str().unwrap(),
        format!("{}{hosted_status}", h.base)
    );
    let html = h.follow(&hosted_status).await;
    assert!(
        html.contains("data-state=\"failed\"") && html.contains("url=https://shop.test/no"),
        "{html}"
    );
}

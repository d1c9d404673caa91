//! The DOM glue in headless Chromium (wasm-bindgen-test).

use super::*;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn obj(json: &str) -> JsValue {
    js_sys::JSON::parse(json).unwrap()
}

fn element() -> Element {
    let doc = web_sys::window().unwrap().document().unwrap();
    let el = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&el).unwrap();
    el
}

fn text(root: &Element, class: &str) -> String {
    root.query_selector(&format!(".{class}"))
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap_or_default()
}

fn hidden(root: &Element, class: &str) -> bool {
    root.query_selector(&format!(".{class}"))
        .unwrap()
        .unwrap()
        .has_attribute("hidden")
}

#[wasm_bindgen_test]
fn status_view_walks_every_state() {
    let root = element();
    let mut view = StatusView::new(root.clone().into(), obj(r#"{"locale":"en-US"}"#)).unwrap();
    assert_eq!(root.get_attribute("role").as_deref(), Some("status"));
    assert_eq!(root.get_attribute("aria-live").as_deref(), Some("polite"));
    for (state, label, is_final) in [
        ("created", "Payment created", false),
        ("processing", "Processing payment…", false),
        ("awaiting_confirmation", "Confirming payment…", false),
        ("action_required", "Additional verification required", false),
        ("authorized", "Payment authorized", false),
        ("succeeded", "Payment successful", true),
        ("failed", "Payment failed", true),
        ("cancelled", "Payment cancelled", true),
        ("refunded", "Payment refunded", true),
    ] {
        let v = format!(
            r#"{{"session_id":"ps_1","state":"{state}","final":{is_final},"amount":15000,"currency":"usd","card":{{"brand":"visa","last4":"4242"}},"redirect":null,"updated_at":null}}"#
        );
        view.update(obj(&v)).unwrap();
        assert_eq!(root.get_attribute("data-state").as_deref(), Some(state));
        assert_eq!(text(&root, "sg-status__label"), label);
        assert_eq!(text(&root, "sg-status__amount"), "$150.00");
        assert_eq!(text(&root, "sg-status__card"), "VISA •••• 4242");
        assert_eq!(hidden(&root, "sg-status__progress"), is_final, "{state}");
    }
}

#[wasm_bindgen_test]
fn labels_and_ids_with_html_render_as_text() {
    let root = element();
    let mut view = StatusView::new(
        root.clone().into(),
        obj(r#"{"labels":{"succeeded":"<b>Paid</b> <img src=x onerror=alert(1)>"}}"#),
    )
    .unwrap();
    view.update(obj(r#"{"session_id":"<script>x</script>","state":"succeeded","final":true,"amount":null,"currency":null,"card":{"brand":"<i>v</i>","last4":"<u>1"},"redirect":null,"updated_at":null}"#)).unwrap();
    assert_eq!(
        text(&root, "sg-status__label"),
        "<b>Paid</b> <img src=x onerror=alert(1)>"
    );
    assert!(
        root.query_selector("b, img, i, u, script")
            .unwrap()
            .is_none(),
        "no markup was parsed"
    );
    assert!(hidden(&root, "sg-status__amount"));
}

#[wasm_bindgen_test]
fn money_uses_the_currency_exponent() {
    let root = element();
    let mut view = StatusView::new(root.clone().into(), obj(r#"{"locale":"en-US"}"#)).unwrap();
    for (amount, currency, shown) in [
        (1500, "jpy", "¥1,500"),
        (1234, "bhd", "BHD\u{a0}1.234"),
        (5, "usd", "$0.05"),
        (123456789, "eur", "€1,234,567.89"),
    ] {
        view.update(obj(&format!(r#"{{"session_id":"ps_1","state":"processing","amount":{amount},"currency":"{currency}"}}"#))).unwrap();
        assert_eq!(text(&root, "sg-status__amount"), shown);
    }
    let e = view
        .update(obj(
            r#"{"state":"processing","amount":1.5,"currency":"usd"}"#,
        ))
        .unwrap_err();
    assert_eq!(
        Reflect::get(&e, &"field".into())
            .unwrap()
            .as_string()
            .as_deref(),
        Some("view.amount")
    );
}

#[wasm_bindgen_test]
fn reconnecting_keeps_the_last_view() {
    let root = element();
    let mut view = StatusView::new(root.clone().into(), JsValue::UNDEFINED).unwrap();
    view.update(obj(r#"{"state":"processing"}"#)).unwrap();
    view.set_reconnecting(true);
    assert_eq!(
        root.get_attribute("data-connection").as_deref(),
        Some("reconnecting")
    );
    assert_eq!(
        root.get_attribute("data-state").as_deref(),
        Some("processing")
    );
    assert_eq!(text(&root, "sg-status__label"), "Reconnecting…");
    view.set_reconnecting(false);
    assert_eq!(text(&root, "sg-status__label"), "Processing payment…");
    assert!(!root.has_attribute("data-connection"));
}

#[wasm_bindgen_test]
fn redirect_plan_and_unsafe_targets() {
    let p = redirect_plan(
        obj(r#"{"url":"https://acs.test/a?foo=bar","base_url":"https://acs.test/a","method":"POST","qs":{"foo":"bar"},"params":{"PaReq":"x y","MD":7}}"#),
        JsValue::UNDEFINED,
    )
    .unwrap();
    assert_eq!(
        js_sys::JSON::stringify(&p).unwrap().as_string().unwrap(),
        r#"{"method":"POST","action":"https://acs.test/a?foo=bar","fields":[["PaReq","x y"],["MD","7"]]}"#
    );
    let forms_before = document().unwrap().forms().length();
    for url in [
        "javascript:alert(1)",
        "data:text/html,x",
        "http://acs.test/",
    ] {
        let r = obj(&format!(
            r#"{{"url":"{url}","base_url":"{url}","method":"POST"}}"#
        ));
        let e = perform_redirect(r, JsValue::UNDEFINED).unwrap_err();
        assert!(e.is_instance_of::<js_sys::Error>());
        assert_eq!(
            Reflect::get(&e, &"code".into())
                .unwrap()
                .as_string()
                .as_deref(),
            Some("unsafe_redirect")
        );
    }
    assert_eq!(
        document().unwrap().forms().length(),
        forms_before,
        "no form for an unsafe target"
    );
    let e = redirect_plan(
        obj(r#"{"url":"https://b.test/","method":"GET"}"#),
        obj(r#"{"allowedHosts":["a.test"]}"#),
    )
    .unwrap_err();
    assert_eq!(
        Reflect::get(&e, &"code".into())
            .unwrap()
            .as_string()
            .as_deref(),
        Some("unsafe_redirect")
    );
}

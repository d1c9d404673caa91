//! The browser glue in headless Chromium (wasm-bindgen-test): texts, plans
//! and targets decided from JS objects, hostile objects read safely. The DOM
//! work of the package's JavaScript is tested through the packed package
//! (js-tests/browser).

use super::follower::FollowerCore;
use super::hosted::payment_page_plan;
use super::redirect::{check_target, perform_plan, redirect_plan};
use super::status::status_text_js;
use crate::wasm::test_util::{get, obj, throwing};
use js_sys::{Function, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn text(v: &JsValue, key: &str) -> String {
    get(v, key).as_string().unwrap_or_default()
}

fn code(e: &JsValue) -> String {
    assert!(e.is_instance_of::<js_sys::Error>(), "an Error instance");
    text(e, "code")
}

#[wasm_bindgen_test]
fn every_state_has_its_texts() {
    let opts = obj(r#"{"locale":"en-US"}"#);
    for (state, label, is_final) in [
        ("created", "Payment created", false),
        ("processing", "Processing payment…", false),
        ("awaiting_confirmation", "Confirming payment…", false),
        ("action_required", "Additional verification required", false),
        ("authorized", "Payment authorized", false),
        ("succeeded", "Payment successful", true),
        ("failed", "Payment failed", true),
        ("cancelled", "Payment cancelled", true),
        ("partially_refunded", "Refunded $4.00 of $150.00", true),
        ("refunded", "Payment refunded", true),
        ("needs_attention", "We are checking this payment", false),
    ] {
        let v = format!(
            r#"{{"session_id":"ps_1","state":"{state}","final":{is_final},"amount":15000,"currency":"usd","refunded_amount":400,"card":{{"brand":"visa","last4":"4242"}},"redirect":null,"updated_at":null}}"#
        );
        let t = status_text_js(obj(&v), opts.clone()).unwrap();
        assert_eq!(text(&t, "state"), state);
        assert_eq!(text(&t, "label"), label);
        assert_eq!(text(&t, "amount"), "$150.00");
        assert_eq!(text(&t, "card"), "VISA •••• 4242");
        assert_eq!(get(&t, "progress").as_bool(), Some(!is_final), "{state}");
    }
    let first = status_text_js(JsValue::NULL, JsValue::UNDEFINED).unwrap();
    assert_eq!(text(&first, "label"), "Processing payment…");
    assert_eq!(text(&first, "reconnecting"), "Reconnecting…");
}

#[wasm_bindgen_test]
fn money_uses_the_currency_exponent() {
    let opts = obj(r#"{"locale":"en-US"}"#);
    for (amount, currency, shown) in [
        (1500, "jpy", "¥1,500"),
        (1234, "bhd", "BHD\u{a0}1.234"),
        (5, "usd", "$0.05"),
        (123456789, "eur", "€1,234,567.89"),
    ] {
        let v = format!(r#"{{"state":"processing","amount":{amount},"currency":"{currency}"}}"#);
        assert_eq!(
            text(&status_text_js(obj(&v), opts.clone()).unwrap(), "amount"),
            shown
        );
    }
    let e = status_text_js(
        obj(r#"{"state":"processing","amount":1.5,"currency":"usd"}"#),
        opts,
    )
    .unwrap_err();
    assert_eq!(text(&e, "field"), "view.amount");
}

#[wasm_bindgen_test]
fn labels_render_as_given_text() {
    let t = status_text_js(
        obj(r#"{"state":"succeeded","final":true,"failure":{"code":"c","description":"<b>x</b>"}}"#),
        obj(r#"{"labels":{"succeeded":"<b>Paid</b> <img src=x onerror=alert(1)>","reconnecting":"…"}}"#),
    )
    .unwrap();
    assert_eq!(
        text(&t, "label"),
        "<b>Paid</b> <img src=x onerror=alert(1)>"
    );
    assert_eq!(
        text(&t, "detail"),
        "",
        "a failure shows only when the payment failed"
    );
    assert_eq!(text(&t, "reconnecting"), "…");
}

#[wasm_bindgen_test]
fn a_throwing_getter_fails_one_call_only() {
    for _ in 0..2_000 {
        assert_eq!(
            code(&status_text_js(throwing("state"), JsValue::UNDEFINED).unwrap_err()),
            "invalid_params"
        );
        assert_eq!(
            code(&redirect_plan(throwing("method"), JsValue::UNDEFINED).unwrap_err()),
            "invalid_params"
        );
        let nested = Function::new_no_args(
            "return { state: 'action_required', redirect: { method: 'GET', get qs() { throw new Error('boom'); } } };",
        )
        .call0(&JsValue::NULL)
        .unwrap();
        assert!(status_text_js(nested, JsValue::UNDEFINED).is_err());
    }
    let t = status_text_js(
        obj(r#"{"state":"succeeded","final":true}"#),
        JsValue::UNDEFINED,
    )
    .unwrap();
    assert_eq!(text(&t, "label"), "Payment successful");
}

#[wasm_bindgen_test]
fn plans_targets_and_unsafe_urls() {
    let p = redirect_plan(
        obj(r#"{"url":"https://acs.test/a?foo=bar","base_url":"https://acs.test/a","method":"POST","qs":{"foo":"bar"},"params":{"PaReq":"x y","MD":7}}"#),
        JsValue::UNDEFINED,
    )
    .unwrap();
    assert_eq!(
        JSON::stringify(&p).unwrap().as_string().unwrap(),
        r#"{"method":"POST","action":"https://acs.test/a?foo=bar","fields":[["PaReq","x y"],["MD","7"]]}"#
    );
    let blank = perform_plan(
        obj(r#"{"url":"https://acs.test/","method":"GET"}"#),
        obj(r#"{"target":"_blank"}"#),
    )
    .unwrap();
    assert_eq!(
        (text(&blank, "target"), text(&blank, "features")),
        ("_blank".into(), "noopener".into())
    );
    let framed = perform_plan(
        obj(r#"{"url":"https://acs.test/","method":"POST"}"#),
        obj(r#"{"target":"acs-frame"}"#),
    )
    .unwrap();
    assert_eq!(
        (text(&framed, "target"), text(&framed, "rel")),
        ("acs-frame".into(), "".into())
    );
    for url in [
        "javascript:alert(1)",
        "data:text/html,x",
        "http://acs.test/",
        "https://acs.bank.test:99999/",
    ] {
        let r = obj(&format!(
            r#"{{"url":"{url}","base_url":"{url}","method":"POST"}}"#
        ));
        assert_eq!(
            code(&perform_plan(r, JsValue::UNDEFINED).unwrap_err()),
            "unsafe_redirect",
            "{url}"
        );
    }
    let e = redirect_plan(
        obj(r#"{"url":"https://b.test/","method":"GET"}"#),
        obj(r#"{"allowedHosts":["a.test"]}"#),
    )
    .unwrap_err();
    assert_eq!(code(&e), "unsafe_redirect");
    assert!(check_target(Some("https:".into()), Some("acs.test".into())).is_ok());
    assert!(check_target(Some("http:".into()), Some("[::1]".into())).is_ok());
    assert_eq!(
        code(&check_target(Some("http:".into()), Some("acs.test".into())).unwrap_err()),
        "unsafe_redirect"
    );
    assert_eq!(
        code(&check_target(None, None).unwrap_err()),
        "unsafe_redirect",
        "what the platform cannot parse"
    );
}

#[wasm_bindgen_test]
fn the_follower_decides_each_step() {
    let mut f = FollowerCore::new(
        "/status/ps_1".into(),
        obj(r#"{"intervalMs":100,"timeoutMs":10000,"target":"acs-frame"}"#),
    )
    .unwrap();
    let failed = f.step(JsValue::UNDEFINED, 0.0).unwrap();
    assert!(
        get(&failed, "text").is_null(),
        "a failed poll shows reconnecting"
    );
    assert_eq!(get(&failed, "delay").as_f64(), Some(100.0));
    let action = obj(
        r#"{"state":"action_required","final":false,"updated_at":"t1","redirect":{"url":"https://acs.test/x","method":"GET"}}"#,
    );
    let s = f.step(action.clone(), 10.0).unwrap();
    assert_eq!(text(&get(&s, "redirect"), "target"), "acs-frame");
    let again = f.step(action, 20.0).unwrap();
    assert!(get(&again, "redirect").is_undefined(), "redirected once");
    let done = f
        .step(obj(r#"{"state":"succeeded","final":true}"#), 30.0)
        .unwrap();
    assert_eq!(get(&done, "delay").as_f64(), Some(-1.0));
    let e = f
        .step(obj(r#"{"state":"processing"}"#), 10_000.0)
        .unwrap_err();
    assert_eq!(code(&e), "timeout");
    assert_eq!(
        text(
            &FollowerCore::new("/s".into(), obj(r#"{"intervalMs":0}"#))
                .err()
                .unwrap(),
            "field"
        ),
        "opts.intervalMs"
    );
}

#[wasm_bindgen_test]
fn the_hosted_payment_page() {
    let ru = payment_page_plan("tok/1".into(), obj(r#"{"locale":"ru"}"#)).unwrap();
    assert_eq!(
        text(&ru, "action"),
        "https://pay.smart-glocal.com/ru/payment/tok%2F1"
    );
    let p = payment_page_plan(
        "tok".into(),
        obj(r#"{"target":"_blank","base":"http://127.0.0.1:4010"}"#),
    )
    .unwrap();
    assert_eq!(text(&p, "action"), "http://127.0.0.1:4010/en/payment/tok");
    assert_eq!(text(&p, "features"), "noopener");
    assert_eq!(
        text(
            &payment_page_plan("tok".into(), obj(r#"{"locale":"EN"}"#)).unwrap_err(),
            "field"
        ),
        "opts.locale"
    );
    assert_eq!(
        text(
            &payment_page_plan(JsValue::from(7), JsValue::UNDEFINED).unwrap_err(),
            "field"
        ),
        "publicToken"
    );
}

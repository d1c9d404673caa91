//! The glue itself, run by wasm-bindgen-test in Node: JS values in, JS
//! values and `SmartGlocalError`s out, hostile objects read safely.

use super::client::ClientCore;
use crate::wasm::error::js_error;
use crate::wasm::test_util::{get, obj, throwing};
use smart_glocal::error::Error;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

fn assert_error(e: &JsValue, code: &str) {
    assert!(e.is_instance_of::<js_sys::Error>(), "an Error instance");
    assert_eq!(
        get(e, "name").as_string().as_deref(),
        Some("SmartGlocalError")
    );
    assert_eq!(get(e, "code").as_string().as_deref(), Some(code));
}

#[wasm_bindgen_test]
fn errors_carry_their_details() {
    let e = js_error(Error::Api {
        status: 409,
        code: "wrong_state".into(),
        description: "already confirmed".into(),
    });
    assert_error(&e, "api_error");
    assert_eq!(
        get(&e, "api_code").as_string().as_deref(),
        Some("wrong_state")
    );
    assert_eq!(get(&e, "status").as_f64(), Some(409.0));
    let e = js_error(Error::MalformedPayload {
        field: "session.id".into(),
        line: 3,
        column: 7,
        message: "x".into(),
    });
    assert_eq!(get(&e, "line").as_f64(), Some(3.0));
    assert_eq!(get(&e, "column").as_f64(), Some(7.0));
    assert_eq!(get(&e, "field").as_string().as_deref(), Some("session.id"));
    let e = js_error(Error::PayloadTooLarge {
        what: "the body".into(),
        limit: 5,
    });
    assert_error(&e, "payload_too_large");
    assert_eq!(get(&e, "limit").as_f64(), Some(5.0));
}

#[wasm_bindgen_test]
fn core_rejects_bad_config_naming_the_field() {
    for (config, field) in [
        (r#"{"project":"demo"}"#, "signingKey"),
        (
            r#"{"project":"demo","signingKey":"k","timeoutMs":-5}"#,
            "timeoutMs",
        ),
        (
            r#"{"project":"demo","signingKey":"k","maxRetries":99}"#,
            "maxRetries",
        ),
        (
            r#"{"project":"demo","signingKey":"k","baseUrl":"http://api.example.test"}"#,
            "baseUrl",
        ),
        ("null", "config"),
    ] {
        let e = ClientCore::new(obj(config)).err().expect(config);
        assert_error(&e, "invalid_params");
        assert_eq!(
            get(&e, "field").as_string().as_deref(),
            Some(field),
            "{config}"
        );
    }
    assert_error(
        &ClientCore::new(JsValue::UNDEFINED).err().unwrap(),
        "invalid_params",
    );
    let e = ClientCore::new(throwing("project")).err().unwrap();
    assert_error(&e, "invalid_params");
    assert_eq!(get(&e, "field").as_string().as_deref(), Some("project"));
}

#[wasm_bindgen_test]
fn throwing_getters_are_errors_of_that_call_only() {
    let session = r#"{"id":"ps_1","status":"accepted","acquiring_payments":[{"id":"pm","status":"succeeded"}]}"#;
    for _ in 0..2_000 {
        let e =
            super::events::view_of_text(session, throwing("includeMetadata"), false).unwrap_err();
        assert_error(&e, "invalid_params");
    }
    let ok = super::events::view_of_text(session, JsValue::UNDEFINED, false).unwrap();
    assert!(ok.contains(r#""state":"succeeded""#), "{ok}");
}

#[wasm_bindgen_test]
fn events_and_views_from_their_text() {
    let big = br#"{"type":"payment_finished","session":{"id":"ps_1","status":"accepted","acquiring_payments":[{"id":"pm_1","status":"succeeded","amount_details":{"amount":9007199254740993,"currency":"usd"}}]}}"#;
    let e = super::events::event_view(big).unwrap_err();
    assert_error(&e, "malformed_payload");
    assert_eq!(
        get(&e, "field").as_string().as_deref(),
        Some("session.acquiring_payments[0].amount_details.amount")
    );
    let event = r#"{"type":"action_required","session":{"id":"ps_1","status":"in_progress","acquiring_payments":[{"id":"pm_1","status":"pending","metadata":{"o":1},"customer_interaction":{"type":"redirect","redirect":{"url":"https://acs.test/","method":"POST","params":{"n":1e21,"__proto__":"x"}}}}]}}"#;
    let view = super::events::event_view(event.as_bytes()).unwrap();
    assert!(view.contains(r#""state":"action_required""#), "{view}");
    assert!(
        view.contains(r#""n":"1e+21""#),
        "numbers as JS writes them: {view}"
    );
    let with_metadata =
        super::events::view_of_text(event, obj(r#"{"includeMetadata":true}"#), false).unwrap();
    assert!(
        with_metadata.ends_with(r#","metadata":{"o":1}}"#),
        "{with_metadata}"
    );
    let path = super::events::operation_path(event, false).unwrap();
    assert_eq!(
        js_sys::JSON::stringify(&path)
            .unwrap()
            .as_string()
            .as_deref(),
        Some(r#"["session","acquiring_payments",0]"#)
    );
    assert!(
        super::events::operation_path(r#"{"id":"ps_2","status":"created"}"#, false)
            .unwrap()
            .is_null()
    );
}

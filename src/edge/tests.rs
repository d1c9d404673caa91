//! The glue itself, run by wasm-bindgen-test in Node: JS values in, JS
//! values and `SmartGlocalError`s out.

use super::*;
use js_sys::{Object, Reflect};
use wasm_bindgen_test::wasm_bindgen_test;

fn obj(json: &str) -> JsValue {
    JSON::parse(json).unwrap()
}

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).unwrap()
}

fn client() -> SmartGlocal {
    SmartGlocal::new(obj(
        r#"{"project":"demo","signingKey":"demo-secret","baseUrl":"http://127.0.0.1:9"}"#,
    ))
    .unwrap()
}

async fn settle(p: Promise) -> Result<JsValue, JsValue> {
    JsFuture::from(p).await
}

fn assert_error(e: &JsValue, code: &str) {
    assert!(e.is_instance_of::<js_sys::Error>(), "an Error instance");
    assert_eq!(
        get(e, "name").as_string().as_deref(),
        Some("SmartGlocalError")
    );
    assert_eq!(get(e, "code").as_string().as_deref(), Some(code));
}

use js_sys::JSON;

#[wasm_bindgen_test]
fn errors_carry_their_details() {
    let e = error::to_js(&Error::Api {
        status: 409,
        code: "wrong_state".into(),
        description: "already confirmed".into(),
    });
    assert_error(&e, "api_error");
    assert_eq!(
        get(&e, "api_code").as_string().as_deref(),
        Some("wrong_state")
    );
    assert_eq!(
        get(&e, "api_description").as_string().as_deref(),
        Some("already confirmed")
    );
    assert_eq!(get(&e, "status").as_f64(), Some(409.0));
    let e = error::to_js(&Error::MalformedPayload {
        line: 3,
        column: 7,
        message: "x".into(),
    });
    assert_eq!(get(&e, "line").as_f64(), Some(3.0));
    assert_eq!(get(&e, "column").as_f64(), Some(7.0));
    let e = error::to_js(&Error::invalid(
        "payment_details.card.number",
        "fails the Luhn check",
    ));
    assert_eq!(
        get(&e, "field").as_string().as_deref(),
        Some("payment_details.card.number")
    );
    let e = error::to_js(&Error::Http { status: 502 });
    assert_eq!(get(&e, "status").as_f64(), Some(502.0));
}

#[wasm_bindgen_test]
fn constructor_rejects_bad_config() {
    for (config, field) in [
        (r#"{"project":"demo"}"#, "config.signingKey"),
        (
            r#"{"project":"demo","signingKey":"k","timeoutMs":-5}"#,
            "config.timeoutMs",
        ),
        (
            r#"{"project":"demo","signingKey":"k","maxRetries":99}"#,
            "maxRetries",
        ),
        ("null", "config"),
    ] {
        let e = SmartGlocal::new(obj(config)).err().expect(config);
        assert_error(&e, "invalid_params");
        assert_eq!(
            get(&e, "field").as_string().as_deref(),
            Some(field),
            "{config}"
        );
    }
    let e = SmartGlocal::new(JsValue::UNDEFINED).err().unwrap();
    assert_error(&e, "invalid_params");
}

#[wasm_bindgen_test]
async fn sign_and_verify() {
    let sg = client();
    let body = r#"{"type":"payment_finished","session":{"id":"ps_1","status":"accepted"}}"#;
    let sig = settle(sg.sign(body.into()))
        .await
        .unwrap()
        .as_string()
        .unwrap();
    assert_eq!(sig.len(), 64);
    let bytes = js_sys::Uint8Array::from(body.as_bytes());
    assert_eq!(
        settle(sg.sign(bytes.clone().into()))
            .await
            .unwrap()
            .as_string(),
        Some(sig.clone())
    );

    let ev = settle(sg.verify_webhook(bytes.into(), sig.clone().into()))
        .await
        .unwrap();
    assert_eq!(
        get(&ev, "type").as_string().as_deref(),
        Some("payment_finished")
    );

    let e = settle(sg.verify_webhook(body.into(), JsValue::NULL))
        .await
        .unwrap_err();
    assert_error(&e, "missing_signature");
    let e = settle(sg.verify_webhook(body.into(), sig[..63].into()))
        .await
        .unwrap_err();
    assert_error(&e, "bad_signature");
    let e = settle(sg.verify_webhook(JsValue::from(5), sig.into()))
        .await
        .unwrap_err();
    assert_error(&e, "invalid_params");
}

#[wasm_bindgen_test]
async fn prepare_builds_signed_requests() {
    let sg = client();
    let req = settle(sg.prepare(
        "session/refund".into(),
        obj(r#"{"session_id":"ps_1","amount_details":{"amount":5,"currency":"USD"}}"#),
        obj(r#"{"idempotencyKey":"r-1"}"#),
    ))
    .await
    .unwrap();
    assert_eq!(
        get(&req, "url").as_string().as_deref(),
        Some("http://127.0.0.1:9/api/v1/session/refund")
    );
    let body = get(&req, "body").as_string().unwrap();
    assert_eq!(
        body,
        r#"{"session_id":"ps_1","amount_details":{"amount":5,"currency":"usd"}}"#
    );
    let headers = get(&req, "headers");
    let sig = settle(sg.sign(body.into())).await.unwrap();
    assert_eq!(get(&headers, "X-PARTNER-SIGN"), sig);
    assert_eq!(
        get(&headers, "X-PARTNER-IDEMPOTENCY-KEY")
            .as_string()
            .as_deref(),
        Some("r-1")
    );

    // Without a key, a mutating endpoint gets a fresh random one per call.
    let a = settle(sg.prepare(
        "session/confirm".into(),
        obj(r#"{"session_id":"ps_1"}"#),
        JsValue::UNDEFINED,
    ))
    .await
    .unwrap();
    let b = settle(sg.prepare(
        "session/confirm".into(),
        obj(r#"{"session_id":"ps_1"}"#),
        JsValue::UNDEFINED,
    ))
    .await
    .unwrap();
    let key = |r: &JsValue| {
        get(&get(r, "headers"), "X-PARTNER-IDEMPOTENCY-KEY")
            .as_string()
            .unwrap()
    };
    assert_eq!(key(&a).len(), 32);
    assert_ne!(key(&a), key(&b));

    let e = settle(sg.prepare(
        "session/nope".into(),
        Object::new().into(),
        JsValue::UNDEFINED,
    ))
    .await
    .unwrap_err();
    assert_error(&e, "invalid_params");
}

#[wasm_bindgen_test]
async fn calls_reject_bad_params_before_any_io() {
    let sg = client();
    let e = settle(sg.confirm(JsValue::from(7), JsValue::UNDEFINED))
        .await
        .unwrap_err();
    assert_eq!(get(&e, "field").as_string().as_deref(), Some("sessionId"));
    let e = settle(sg.capture(
        "ps_1".into(),
        obj(r#"{"amount":0,"currency":"usd"}"#),
        JsValue::UNDEFINED,
    ))
    .await
    .unwrap_err();
    assert_eq!(
        get(&e, "field").as_string().as_deref(),
        Some("amount_details.amount")
    );
    // Nothing listens on port 9: a valid call reaches the network and fails there.
    let e = settle(
        SmartGlocal::new(obj(
            r#"{"project":"demo","signingKey":"k","baseUrl":"http://127.0.0.1:9","maxRetries":0}"#,
        ))
        .unwrap()
        .status("ps_1".into(), JsValue::UNDEFINED),
    )
    .await
    .unwrap_err();
    assert_error(&e, "network");
}

#[wasm_bindgen_test]
fn payment_view_from_objects_and_text() {
    let ev = r#"{"type":"action_required","session":{"id":"ps_1","status":"in_progress","acquiring_payments":[{"id":"pm_1","status":"pending","customer_interaction":{"type":"redirect","redirect":{"url":"https://acs.test","base_url":"https://acs.test","method":"POST","params":{"PaReq":"p","MD":"m"}}}}]}}"#;
    for input in [obj(ev), JsValue::from_str(ev)] {
        let v = payment_view(input, JsValue::UNDEFINED).unwrap();
        assert_eq!(
            get(&v, "state").as_string().as_deref(),
            Some("action_required")
        );
        assert_eq!(get(&v, "final").as_bool(), Some(false));
        let redirect = get(&v, "redirect");
        assert_eq!(
            get(&get(&redirect, "params"), "PaReq")
                .as_string()
                .as_deref(),
            Some("p")
        );
    }
    let e = payment_view(JsValue::from(1), JsValue::UNDEFINED).unwrap_err();
    assert_error(&e, "invalid_params");
}

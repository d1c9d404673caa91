//! Every JSON example of the API documentation pages (`shared/seeds/`) as a
//! golden fixture, copied byte for byte into `tests/fixtures/`.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::Value;
use sg_wire::*;
use smart_glocal::request::AnswerPart;
use smart_glocal::response::interpret_text;
use smart_glocal::session::{dedup_key, find_session};
use smart_glocal::tree::{Path, Reader};
use smart_glocal::webhook::parse_event;
use smart_glocal::{params, Endpoint, Error, PaymentState, PaymentView};

/// The typed wire model of a webhook (the native reader of the sandbox and tests).
fn typed_event(text: &str) -> WebhookEvent {
    sg_wire::parse(text.as_bytes()).unwrap()
}

/// The view of an event, an answer or a session, as the packages derive it.
fn view_of(text: &str) -> PaymentView {
    let doc = smart_glocal::json::parse(text.as_bytes()).unwrap();
    let (event, facts) = find_session(&Reader::API, &doc.root(), &Path::root("")).unwrap();
    PaymentView::from_facts(&facts, event.as_ref())
}

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}.json", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn json(s: &str) -> Value {
    serde_json::from_str(s).unwrap()
}

/// Request examples pass validation and are sent as written (same fields,
/// same values).
#[test]
fn request_examples_validate_and_keep_their_content() {
    for (name, endpoint) in [
        ("000-create-request", Endpoint::SessionCreate),
        ("000-start-request", Endpoint::StartPayment),
        ("000-confirm-request", Endpoint::Confirm),
        ("000-cancel-request", Endpoint::Cancel),
        ("000-capture-request", Endpoint::Capture),
        ("002-create-request", Endpoint::SessionCreate),
        ("003-init-request", Endpoint::InitPayment),
        ("004-start-request", Endpoint::StartPayment),
    ] {
        let text = fixture(name);
        let body = params::read(endpoint, &text)
            .unwrap_or_else(|e| panic!("{name}: {e}"))
            .body;
        let sent: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(sent, json(&text), "{name}");
    }
}

#[test]
fn seed_000_ready_to_confirm() {
    let text = fixture("000-ready-to-confirm");
    assert!(parse_event(text.as_bytes()).is_ok());
    let ev = typed_event(&text);
    assert_eq!(ev.kind, EventType::ReadyToConfirm);
    let s = &ev.session;
    assert_eq!(s.id, "ps_3230");
    assert_eq!(s.status, SessionStatus::InProgress);
    assert_eq!(s.created_at.as_deref(), Some("2024-05-27T02:03:00.000000Z"));
    let p = &s.acquiring_payments[0];
    assert_eq!(p.id, "pm_2018");
    assert_eq!(p.status, PaymentStatus::Pending);
    let c = p.customer.as_ref().unwrap();
    assert_eq!(c.reference.as_deref(), Some("user123"));
    assert_eq!(c.contacts[0].email.as_deref(), Some("user@gmail.com"));
    let d = p.payment_details.as_ref().unwrap();
    assert_eq!(d.kind, PaymentDetailsType::Card);
    let card = d.card.as_ref().unwrap();
    assert_eq!(card.brand.as_deref(), Some("visa"));
    assert_eq!(card.last4.as_deref(), Some("4242"));
    assert_eq!(
        p.amount_details,
        Some(AmountDetails {
            amount: 10000,
            currency: "usd".into()
        })
    );
    assert_eq!(p.metadata, Some(Value::String("good".into())));
    let v = view_of(&text);
    assert_eq!(v.state, PaymentState::AwaitingConfirmation);
    assert_eq!(
        (v.amount, v.currency.as_deref()),
        (Some(10000), Some("usd"))
    );
}

#[test]
fn seed_000_ready_to_capture() {
    let text = fixture("000-ready-to-capture");
    let ev = parse_event(text.as_bytes()).unwrap();
    assert_eq!(ev.kind, EventType::ReadyToCapture);
    assert_eq!(
        ev.session.operation.as_ref().unwrap().status,
        PaymentStatus::Pending
    );
    let v = view_of(&text);
    assert_eq!(v.state, PaymentState::Authorized);
    assert!(!v.is_final);
}

/// Seed 000's action_required example is not JSON (no comma after
/// `base_url`, extra closing braces): it must fail with its position.
#[test]
fn seed_000_broken_action_required_fails_with_position() {
    let text = fixture("000-action-required-broken");
    let err = parse_event(text.as_bytes()).unwrap_err();
    // The missing comma: the parser stops at the start of the line after `base_url`.
    let expected_line = text
        .lines()
        .position(|l| l.starts_with("\"base_url\""))
        .unwrap()
        + 2;
    match &err {
        Error::MalformedPayload {
            line,
            column,
            message,
            ..
        } => {
            assert_eq!(*line, expected_line, "{message}");
            assert_eq!(*column, 1, "{message}");
            assert!(message.contains("expected `,` or `}`"), "{message}");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(err.code(), "malformed_payload");
    assert!(err
        .to_string()
        .contains(&format!("line {expected_line}, column 1")));
}

/// Seed 000's webhook signature example has 63 hex digits.
#[cfg(feature = "signing")]
#[test]
fn seed_000_short_signature_is_rejected() {
    use smart_glocal::signature::{HmacSha256, Verifier};
    let sig = "a4f1698616d6ad7b8b73a9d72d281eeb443b64dee3f38df430eeed6aa29e1dc";
    assert_eq!(sig.len(), 63);
    let key = HmacSha256::new(b"secret").unwrap();
    let body = fixture("000-ready-to-confirm");
    assert_eq!(key.verify(body.as_bytes(), sig), Err(Error::BadSignature));
    assert_eq!(
        smart_glocal::webhook::verify_event(&key, body.as_bytes(), Some(sig)),
        Err(Error::BadSignature)
    );
}

#[test]
fn seed_002_responses() {
    // The documented success example has a trailing comma after `updated_at`:
    // not JSON. A strict reader refuses it, naming the position.
    let text = fixture("002-response-ok-trailing-comma");
    match interpret_text(200, text.as_bytes(), AnswerPart::Session) {
        Err(Error::MalformedPayload { line, column, .. }) => {
            assert_eq!(line, 8);
            assert_eq!(column, 1);
        }
        other => panic!("{other:?}"),
    }
    // Without the comma it is the documented session.
    let fixed = text.replace("000Z\",\n}", "000Z\"\n}");
    let session = interpret_text(200, fixed.as_bytes(), AnswerPart::Session).unwrap();
    let s: Session = serde_json::from_str(&session).unwrap();
    assert_eq!(
        (s.id.as_str(), &s.status),
        ("ps_3230", &SessionStatus::Created)
    );
    assert_eq!(view_of(&session).state, PaymentState::Created);

    let err = interpret_text(
        400,
        fixture("002-response-error").as_bytes(),
        AnswerPart::Session,
    )
    .unwrap_err();
    assert_eq!(
        err,
        Error::Api {
            status: 400,
            code: "error code".into(),
            description: "error description".into()
        }
    );
}

#[test]
fn seed_003_response() {
    let text = fixture("003-response-ok");
    let env: Envelope = sg_wire::parse(text.as_bytes()).unwrap();
    assert_eq!(env.status, EnvelopeStatus::Ok);
    let s = env.session.unwrap();
    assert!(interpret_text(200, text.as_bytes(), AnswerPart::Session).is_ok());
    assert_eq!(s.status, SessionStatus::InProgress);
    let p = &s.acquiring_payments[0];
    assert_eq!(p.id, "pm_203");
    assert_eq!(p.status, PaymentStatus::InProgress);
    assert_eq!(
        p.payment_options.as_ref().unwrap().return_url.as_deref(),
        Some("https://website.com")
    );
    let v = view_of(&text);
    assert_eq!(v.state, PaymentState::Processing);
    assert_eq!(v.card.unwrap().last4.as_deref(), Some("4242"));
    assert!(matches!(
        interpret_text(
            422,
            fixture("003-response-error").as_bytes(),
            AnswerPart::Session
        ),
        Err(Error::Api { status: 422, .. })
    ));
}

#[test]
fn seed_004_action_required_get() {
    let text = fixture("004-action-required");
    assert!(parse_event(text.as_bytes()).is_ok());
    let ev = typed_event(&text);
    assert_eq!(ev.kind, EventType::ActionRequired);
    let p = &ev.session.acquiring_payments[0];
    let d = p.payment_details.as_ref().unwrap();
    assert_eq!(d.kind, PaymentDetailsType::Recurrent);
    let r = d.recurrent.as_ref().unwrap();
    assert_eq!(
        (r.token.as_str(), &r.initiator),
        ("token_value", &Some(Initiator::Client))
    );
    let merchant_fee = &p.amounts.as_ref().unwrap()["fee"]["merchant_fee"];
    assert_eq!(merchant_fee["amount"], 10);
    let redirect = p
        .customer_interaction
        .as_ref()
        .unwrap()
        .redirect
        .as_ref()
        .unwrap();
    assert_eq!(redirect.method, RedirectMethod::Get);
    assert_eq!(redirect.url, "https://smart-glocal.com?foo=bar");
    assert_eq!(
        redirect.base_url.as_deref(),
        Some("https://smart-glocal.com")
    );
    assert_eq!(redirect.qs.0, vec![("foo".to_string(), "bar".to_string())]);
    assert_eq!(
        redirect.params.0,
        vec![
            ("PaReq".to_string(), "sdfew^//asdhbv".to_string()),
            ("MD".to_string(), "abc75daefnn".to_string())
        ]
    );
    let v = view_of(&text);
    assert_eq!(v.state, PaymentState::ActionRequired);
    assert_eq!(v.redirect.as_ref(), Some(redirect));
    assert_eq!(v.card, None, "a token payment shows no card");
    let shown = v.to_out().to_json();
    assert!(!shown.contains("token_value"), "{shown}");
}

#[test]
fn seed_004_payment_finished() {
    let text = fixture("004-payment-finished");
    let ev = typed_event(&text);
    assert_eq!(ev.kind, EventType::PaymentFinished);
    assert_eq!(ev.session.status, SessionStatus::Accepted);
    let p = &ev.session.acquiring_payments[0];
    assert_eq!(p.status, PaymentStatus::Succeeded);
    assert_eq!(
        p.finished_at.as_deref(),
        Some("2024-05-27T02:03:00.000000Z")
    );
    let rec = p.recurrent.as_ref().unwrap();
    assert_eq!(
        rec.token,
        "feda2b2106a2e8747bbdc4c9f53c7f5f6ab845ffa1b7cc68ca839720af99b3d1"
    );
    assert_eq!(rec.created_at.as_deref(), Some("2020-07-14T13:17:11+03:00"));
    assert_eq!(
        rec.finished_at.as_deref(),
        Some("2020-07-31T16:05:42+03:00")
    );
    assert_eq!(rec.is_active, Some(true));
    let v = view_of(&text);
    assert_eq!(v.state, PaymentState::Succeeded);
    assert!(v.is_final);
    // Session, type, status of the session and of the operation, and how many refunds it lists
    // (so that a second partial refund is not taken for the first).
    assert_eq!(
        dedup_key(&parse_event(text.as_bytes()).unwrap()),
        "ps_3230:payment_finished:accepted:succeeded:0"
    );
}

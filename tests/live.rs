//! The live reference pages' examples (`tests/fixtures/live/`, see its
//! README): webhooks and answers read by the core as the packages read them
//! (views, the current operation, dedup keys), the typed wire models, and
//! request examples validated and kept as written.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::Value;
use sg_wire::{parse, PaymentStatus, SessionStatus, WebhookEvent};
use smart_glocal::request::AnswerPart;
use smart_glocal::response::interpret_text;
use smart_glocal::session::{dedup_key, find_session, OperationKind};
use smart_glocal::tree::{Path, Reader};
use smart_glocal::webhook::parse_event;
use smart_glocal::{params, Endpoint, Error, PaymentView};

fn fixture(name: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/live/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn view_of(text: &str) -> PaymentView {
    let doc = smart_glocal::json::parse(text.as_bytes()).unwrap();
    let (event, facts) = find_session(&Reader::API, &doc.root(), &Path::root("")).unwrap();
    PaymentView::from_facts(&facts, event.as_ref())
}

#[test]
fn a_chargeback_refund_inside_the_payment() {
    let text = fixture("webhooks-payment-refunded");
    let facts = parse_event(text.as_bytes()).unwrap();
    let op = facts.session.operation.as_ref().unwrap();
    assert_eq!(
        (
            op.kind,
            op.id.as_str(),
            op.refunds.refunded,
            op.refunds.chargeback
        ),
        (OperationKind::Payment, "pm_2705", 1000, true)
    );
    let view = view_of(&text);
    assert_eq!(
        (
            view.state.as_str(),
            view.is_final,
            view.refunded_amount,
            view.chargeback
        ),
        ("refunded", true, 1000, true)
    );
    let typed: WebhookEvent = parse(text.as_bytes()).unwrap();
    let refund = &typed.session.acquiring_payments[0].refunds[0];
    assert_eq!(
        (refund.id.as_str(), refund.is_chargeback),
        ("rf_203", Some(true))
    );
    assert_eq!(
        typed.session.acquiring_payments[0].status,
        PaymentStatus::Succeeded,
        "the payment stays succeeded"
    );
}

#[test]
fn partial_refunds_add_up_and_failed_ones_do_not_count() {
    let text = fixture("objects-session-partly-refunded");
    let view = view_of(&text);
    assert_eq!(
        (view.state.as_str(), view.refunded_amount, view.chargeback),
        ("partially_refunded", 400, false)
    );
    assert!(view.is_final);
    let session = interpret_text(200, text.as_bytes(), AnswerPart::Session).unwrap();
    let typed: sg_wire::Session = serde_json::from_str(&session).unwrap();
    let p = &typed.acquiring_payments[0];
    assert_eq!(p.refunds.len(), 3);
    let info = p.transaction_info.as_ref().unwrap();
    assert_eq!(
        (
            info.rrn.as_deref(),
            info.arn.as_deref(),
            info.auth_code.as_deref()
        ),
        (
            Some("425307614919"),
            Some("74537604221431003881865"),
            Some("057442")
        )
    );
    // Each refund is a delivery of its own.
    let again = text.replacen(r#"{ "id": "rf_206""#, r#"{ "id": "rf_207", "status": "accepted", "amount_details": { "amount": 1, "currency": "usd" } }, { "id": "rf_206""#, 1);
    let key = |t: &str| {
        let doc = smart_glocal::json::parse(t.as_bytes()).unwrap();
        let ev = format!(
            r#"{{"type":"payment_refunded","session":{}}}"#,
            doc.root().get("session").unwrap().raw()
        );
        dedup_key(&parse_event(ev.as_bytes()).unwrap())
    };
    assert_ne!(key(&text), key(&again));
}

#[test]
fn payouts_are_read_from_payments() {
    let text = fixture("webhooks-payment-finished-payout");
    let view = view_of(&text);
    assert_eq!(
        (view.kind, view.state.as_str(), view.amount),
        (OperationKind::Payout, "succeeded", Some(10000))
    );
    let card = view.card.unwrap();
    assert_eq!(
        (card.brand.as_deref(), card.last4.as_deref()),
        (Some("visa"), Some("4242"))
    );
    let typed: WebhookEvent = parse(text.as_bytes()).unwrap();
    let payout = &typed.session.payments[0];
    assert_eq!(payout.id, "po_1313");
    let method = payout.payment_method.as_ref().unwrap();
    assert_eq!(method.card.as_ref().unwrap().bin.as_deref(), Some("444600"));
    assert_eq!(
        payout
            .transaction_info
            .as_ref()
            .unwrap()
            .auth_code
            .as_deref(),
        Some("057441")
    );
}

#[test]
fn payments_in_api_v1_and_v2_lists_read_the_same() {
    let v1 = view_of(&fixture("webhooks-payment-finished-payment"));
    let v2 = view_of(&fixture("webhooks-payment-finished-v2"));
    for v in [&v1, &v2] {
        assert_eq!(
            (v.kind, v.state.as_str(), v.amount, v.currency.as_deref()),
            (
                OperationKind::Payment,
                "succeeded",
                Some(10000),
                Some("usd")
            )
        );
    }
    let facts = parse_event(fixture("webhooks-payment-finished-v2").as_bytes()).unwrap();
    assert_eq!(facts.session.operation.unwrap().at.list, "payment_list");
}

#[test]
fn a_failure_in_an_error_session_is_not_final_and_hides_the_reject_reasons() {
    let text = fixture("webhooks-payment-finished-error-session");
    let view = view_of(&text);
    assert_eq!(
        (view.state.as_str(), view.is_final),
        ("needs_attention", false)
    );
    let failure = view.failure.clone().unwrap();
    assert_eq!(failure.code, "antifraud_rejected");
    let out = view.to_out().to_json();
    assert!(
        !out.contains("reject_reasons")
            && !out.contains("velocity")
            && !out.contains("cards_blacklist"),
        "{out}"
    );
    let typed: WebhookEvent = parse(text.as_bytes()).unwrap();
    assert_eq!(typed.session.status, SessionStatus::Error);
    let reasons = &typed.session.acquiring_payments[0]
        .error
        .as_ref()
        .unwrap()
        .reject_reasons;
    assert_eq!(reasons[0].rule_alias.as_deref(), Some("velocity"));
}

#[test]
fn a_decline_is_a_final_failure_with_its_reason() {
    let view = view_of(&fixture("objects-session-declined"));
    assert_eq!((view.state.as_str(), view.is_final), ("failed", true));
    assert_eq!(view.failure.unwrap().code, "card_declined");
}

#[test]
fn unknown_fields_are_tolerated() {
    let text = fixture("conversion-session-create-response");
    let session = interpret_text(200, text.as_bytes(), AnswerPart::Session).unwrap();
    let back: Value = serde_json::from_str(&session).unwrap();
    assert_eq!(
        back["exchange_amounts"][0]["rate"], 1.358822,
        "kept as the API sent it"
    );
    assert_eq!(view_of(&text).state.as_str(), "created");
}

#[test]
fn token_and_wallet_answers() {
    let ok = interpret_text(
        200,
        fixture("token-response-ok").as_bytes(),
        AnswerPart::Whole,
    )
    .unwrap();
    let ok: Value = serde_json::from_str(&ok).unwrap();
    assert_eq!(ok["public_token"].as_str().unwrap().len(), 64);
    match interpret_text(
        200,
        fixture("token-response-error").as_bytes(),
        AnswerPart::Whole,
    ) {
        Err(Error::Api { code, .. }) => assert_eq!(code, "error code"),
        other => panic!("{other:?}"),
    }
    let info = interpret_text(
        200,
        fixture("token-info-response-card").as_bytes(),
        AnswerPart::Whole,
    )
    .unwrap();
    assert!(info.contains("\"last4\": \"4242\""));
    let wallets = interpret_text(
        200,
        fixture("wallet-balance-response").as_bytes(),
        AnswerPart::Whole,
    )
    .unwrap();
    let wallets: Value = serde_json::from_str(&wallets).unwrap();
    assert_eq!(wallets["wallets"][1]["amount_details"]["currency"], "eur");
    // recurrent/disable resolves with the `recurrent` member.
    let disabled = interpret_text(
        200,
        fixture("recurrent-disable-response").as_bytes(),
        Endpoint::RecurrentDisable.answer_part(),
    )
    .unwrap();
    let disabled: Value = serde_json::from_str(&disabled).unwrap();
    assert_eq!(
        (disabled["is_active"].as_bool(), disabled["type"].as_str()),
        (Some(false), Some("recurrent_token"))
    );
    let subscription = interpret_text(
        200,
        fixture("subscription-token-info-response").as_bytes(),
        Endpoint::TokenInfo.answer_part(),
    )
    .unwrap();
    assert!(
        subscription.contains("\"country\": \"USA\""),
        "{subscription}"
    );
}

/// `examples.json`: which example goes with which call.
fn manifest() -> Value {
    serde_json::from_str(&fixture("examples")).unwrap()
}

fn endpoint(name: &Value) -> Endpoint {
    Endpoint::from_path(name.as_str().unwrap()).unwrap()
}

#[test]
fn every_example_file_is_wired_to_its_call() {
    let m = manifest();
    let named = |list: &str, key: &dyn Fn(&Value) -> String| -> Vec<String> {
        m[list].as_array().unwrap().iter().map(key).collect()
    };
    let requests = named("requests", &|r| r[0].as_str().unwrap().to_string());
    let answers = named("answers", &|a| a["answer"].as_str().unwrap().to_string());
    let dir = format!("{}/tests/fixtures/live", env!("CARGO_MANIFEST_DIR"));
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let file = entry.file_name().into_string().unwrap();
        let Some(name) = file.strip_suffix(".json") else {
            continue;
        };
        let wired = if name.contains("-request") {
            requests.iter().any(|r| r == name) || name == "token-request-fps-trailing-comma"
        } else if name.contains("-response") {
            answers.iter().any(|a| a == name)
        } else {
            true
        };
        assert!(wired, "{name} is in no list of examples.json");
        seen += 1;
    }
    assert!(seen >= 48, "{seen} files");
}

#[test]
fn request_examples_validate_and_keep_their_content() {
    let m = manifest();
    let examples = m["requests"].as_array().unwrap();
    assert!(examples.len() >= 27);
    for example in examples {
        let name = example[0].as_str().unwrap();
        let text = fixture(name);
        let body = params::read(endpoint(&example[1]), &text)
            .unwrap_or_else(|e| panic!("{name}: {e}"))
            .body;
        let sent: Value = serde_json::from_str(&body).unwrap();
        let written: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(sent, written, "{name}");
    }
}

/// Every documented answer is read by the call that receives it; those
/// that carry a session give a view and an operation.
#[test]
fn answer_examples_are_read_by_their_call() {
    let m = manifest();
    let mut sessions = 0;
    for answer in m["answers"].as_array().unwrap() {
        let name = answer["answer"].as_str().unwrap();
        let endpoint = endpoint(&answer["endpoint"]);
        let text = fixture(name);
        match interpret_text(200, text.as_bytes(), endpoint.answer_part()) {
            Ok(read) => {
                let _: Value = serde_json::from_str(&read).unwrap();
                assert_ne!(name, "token-response-error");
            }
            Err(Error::Api { code, .. }) => {
                assert_eq!(
                    (name, code.as_str()),
                    ("token-response-error", "error code")
                )
            }
            Err(e) => panic!("{name}: {e}"),
        }
        if endpoint.answer_part() == AnswerPart::Session {
            let view = view_of(&text);
            assert!(
                view.amount.is_some() || view.state.as_str() == "created",
                "{name}"
            );
            sessions += 1;
        }
    }
    assert_eq!(sessions, 5);
    let confirmed = view_of(&fixture("session-confirm-response"));
    assert_eq!(
        (confirmed.kind, confirmed.state.as_str(), confirmed.is_final),
        (OperationKind::Payout, "processing", false)
    );
    let status = view_of(&fixture("session-status-response"));
    assert_eq!(status.state.as_str(), "awaiting_confirmation");
    let paid = view_of(&fixture("session-init-payment-response"));
    assert_eq!(
        (paid.kind, paid.card.and_then(|c| c.last4).as_deref()),
        (OperationKind::Payment, Some("4242"))
    );
}

/// webhooks/ready-to-confirm (payout tab) and ready-to-capture: the
/// operation waits for the merchant, and the view says which step.
#[test]
fn ready_to_confirm_and_ready_to_capture() {
    let confirm = fixture("webhooks-ready-to-confirm-payout");
    let facts = parse_event(confirm.as_bytes()).unwrap();
    assert_eq!(facts.session.operation.as_ref().unwrap().id, "po_1313");
    let v = view_of(&confirm);
    assert_eq!(
        (v.kind, v.state.as_str(), v.is_final),
        (OperationKind::Payout, "awaiting_confirmation", false)
    );
    let capture = fixture("webhooks-ready-to-capture");
    let v = view_of(&capture);
    assert_eq!(
        (v.kind, v.state.as_str(), v.amount),
        (OperationKind::Payment, "authorized", Some(10000))
    );
    assert_eq!(v.card.and_then(|c| c.last4).as_deref(), Some("4242"));
    let typed: WebhookEvent = parse(capture.as_bytes()).unwrap();
    assert_eq!(typed.session.acquiring_payments[0].id, "pm_1313");
}

#[test]
fn the_money_transfer_example_is_not_json() {
    match params::read(
        Endpoint::Token,
        &fixture("token-request-fps-trailing-comma"),
    ) {
        Err(Error::InvalidParams { field, message }) => {
            assert_eq!(field, "params");
            assert!(message.contains("line 4"), "{message}");
        }
        other => panic!("{other:?}"),
    }
    let fixed =
        fixture("token-request-fps-trailing-comma").replace("\"ps_123456\",", "\"ps_123456\"");
    assert!(params::read(Endpoint::Token, &fixed).is_ok());
}

/// API v2 (the method pages' v2 tabs): every call goes to `/api/v2/…`, and a
/// payout's destination is `payout_details` (v1: `payment_method`).
#[test]
fn api_v2_paths_and_names() {
    use smart_glocal::client::{read_config, CallOptions};
    let config = |extra: &str| {
        let text = format!(r#"{{"project":"p","signingKey":"k"{extra}}}"#);
        let doc = smart_glocal::json::parse(text.as_bytes()).unwrap();
        read_config(Some(&doc.root()))
    };
    let v2 = config(r#","apiVersion":2"#).unwrap();
    let payout = fixture("payout-fps-request").replace("payment_method", "payout_details");
    let plan = v2
        .plan(
            Endpoint::InitPayout,
            &payout,
            CallOptions::default(),
            || Ok([1; 16]),
        )
        .unwrap();
    assert_eq!(
        plan.request.request().url,
        "https://demo.smart-glocal.com/api/v2/session/init/payout"
    );
    // The v1 name is an unknown field in v2, and the other way round.
    let v1_body = fixture("payout-fps-request");
    assert!(v2
        .plan(
            Endpoint::InitPayout,
            &v1_body,
            CallOptions::default(),
            || Ok([1; 16])
        )
        .is_err());
    let v1 = config("").unwrap();
    assert!(v1
        .plan(
            Endpoint::InitPayout,
            &payout,
            CallOptions::default(),
            || Ok([1; 16])
        )
        .is_err());
    let status = v1
        .plan(
            Endpoint::Status,
            r#"{"session_id":"ps_1"}"#,
            CallOptions::default(),
            || Ok([1; 16]),
        )
        .unwrap();
    assert_eq!(
        status.request.request().url,
        "https://demo.smart-glocal.com/api/v1/session/status"
    );
    for bad in [
        r#","apiVersion":3"#,
        r#","apiVersion":"2""#,
        r#","apiVersion":1.5"#,
    ] {
        match config(bad) {
            Err(Error::InvalidParams { field, .. }) => assert_eq!(field, "apiVersion", "{bad}"),
            other => panic!("{bad}: {other:?}"),
        }
    }
}

/// webhooks/action-required: 3-D Secure by a POST form, read into a view
/// whose redirect is what the page performs.
#[test]
fn the_action_required_example_is_a_post_redirect() {
    let text = fixture("webhooks-action-required");
    let event = parse_event(text.as_bytes()).unwrap();
    assert_eq!(event.session.id, "ps_3230");
    let v = view_of(&text);
    assert_eq!(v.state.as_str(), "action_required");
    let r = v.redirect.expect("a redirect");
    assert_eq!(
        (r.url.as_str(), r.base_url.as_deref()),
        ("https://website.com?foo=bar", Some("https://website.com"))
    );
    assert_eq!(v.card.and_then(|c| c.last4).as_deref(), Some("8801"));
}

use super::*;
use crate::session::find_session;
use serde_json::{json, Value};

fn view_of(text: &str) -> Result<PaymentView, Error> {
    let doc = crate::json::parse(text.as_bytes()).map_err(|e| Error::syntax(&e))?;
    let r = Reader::API;
    let (event, facts) = find_session(&r, &doc.root(), &Path::root(""))?;
    Ok(PaymentView::from_facts(&facts, event.as_ref()))
}

fn view(v: Value) -> PaymentView {
    view_of(&v.to_string()).unwrap()
}

fn session(status: &str, payment_status: Option<&str>) -> Value {
    let mut s = json!({"id":"ps_1","status":status,"updated_at":"2024-05-27T02:03:00.000000Z"});
    if let Some(ps) = payment_status {
        s["acquiring_payments"] = json!([{
            "id":"pm_1","status":ps,
            "payment_details":{"type":"card","card":{"brand":"visa","last4":"4242"}},
            "amount_details":{"amount":10000,"currency":"usd"},
            "metadata":"order-7"
        }]);
    }
    s
}

#[test]
fn states() {
    assert_eq!(view(session("created", None)).state, PaymentState::Created);
    assert_eq!(
        view(session("in_progress", Some("in_progress"))).state,
        PaymentState::Processing
    );
    assert_eq!(
        view(json!({"type":"ready_to_confirm","session":session("in_progress", Some("pending"))}))
            .state,
        PaymentState::AwaitingConfirmation
    );
    assert_eq!(
        view(json!({"type":"ready_to_capture","session":session("in_progress", Some("pending"))}))
            .state,
        PaymentState::Authorized
    );
    let mut s = session("in_progress", Some("pending"));
    s["next_action"] = json!("capture");
    assert_eq!(view(s).state, PaymentState::Authorized);
    let v =
        view(json!({"type":"payment_finished","session":session("accepted", Some("succeeded"))}));
    assert_eq!(v.state, PaymentState::Succeeded);
    assert!(v.is_final);
    assert_eq!(
        view(session("cancelled", Some("failed"))).state,
        PaymentState::Failed
    );
    assert_eq!(
        view(session("cancelled", Some("pending"))).state,
        PaymentState::Cancelled
    );
    assert_eq!(
        view(json!({"status":"ok","session":session("error", Some("in_progress"))})).state,
        PaymentState::Processing,
        "session error is not final"
    );
}

#[test]
fn refunds_inside_the_payment() {
    let with_refunds = |refunds: Value| {
        let mut s = session("accepted", Some("succeeded"));
        s["acquiring_payments"][0]["refunds"] = refunds;
        view(json!({"type":"payment_refunded","session":s}))
    };
    let partial = with_refunds(json!([
        {"id":"rf_1","status":"accepted","amount_details":{"amount":400,"currency":"usd"}},
        {"id":"rf_2","status":"in_progress","amount_details":{"amount":600,"currency":"usd"}}
    ]));
    assert_eq!(partial.state, PaymentState::PartiallyRefunded);
    assert_eq!(partial.refunded_amount, 400);
    assert!(partial.is_final);
    assert!(!partial.chargeback);
    let full = with_refunds(json!([
        {"id":"rf_1","status":"accepted","amount_details":{"amount":4000,"currency":"usd"}},
        {"id":"rf_2","status":"accepted","amount_details":{"amount":6000,"currency":"usd"}}
    ]));
    assert_eq!(
        (full.state.clone(), full.refunded_amount),
        (PaymentState::Refunded, 10000)
    );
    let chargeback = with_refunds(json!([
        {"id":"rf_3","status":"accepted","is_chargeback":true,"amount_details":{"amount":10000,"currency":"usd"}}
    ]));
    assert!(chargeback.chargeback);
    assert_eq!(chargeback.state, PaymentState::Refunded);
    let declined = with_refunds(
        json!([{"id":"rf_4","status":"declined","amount_details":{"amount":10000,"currency":"usd"}}]),
    );
    assert_eq!(
        declined.state,
        PaymentState::Succeeded,
        "a declined refund refunds nothing"
    );
    let no_amount = with_refunds(json!([{"id":"rf_5","status":"accepted"}]));
    assert_eq!(no_amount.state, PaymentState::Refunded);
    // A refund at the session level (never sent by the live service) changes nothing.
    let mut s = session("accepted", Some("succeeded"));
    s["refunds"] = json!([{"id":"rf_1","status":"accepted"}]);
    assert_eq!(view(s).state, PaymentState::Succeeded);
}

#[test]
fn failures_and_needs_attention() {
    let mut s = session("cancelled", Some("failed"));
    s["acquiring_payments"][0]["error"] = json!({"code":"card_declined","description":"Insufficient funds",
        "reject_reasons":[{"rule_alias":"velocity","list_alias":"l","expiration_date":"2030-01-01"}]});
    let v = view(s.clone());
    assert_eq!(v.state, PaymentState::Failed);
    assert_eq!(
        v.failure,
        Some(Failure {
            code: "card_declined".into(),
            description: "Insufficient funds".into()
        })
    );
    assert!(
        !v.to_out().to_json().contains("velocity"),
        "never the reject reasons"
    );
    s["status"] = json!("error");
    let v = view(s);
    assert_eq!(v.state, PaymentState::NeedsAttention);
    assert!(!v.is_final, "an error session is not final");
    assert_eq!(v.failure.unwrap().code, "card_declined");
}

#[test]
fn payouts_are_read_from_their_list() {
    let s = json!({"type":"payment_finished","session":{"id":"ps_2","status":"accepted","payments":[{
        "id":"po_1313","status":"succeeded",
        "payment_method":{"type":"card","card":{"last4":"4242","brand":"visa","bin":"444600"}},
        "amount_details":{"amount":10000,"currency":"usd"},"transaction_info":{"rrn":"425307614918","auth_code":"057441"}}]}});
    let v = view(s);
    assert_eq!(
        (v.kind, v.state.clone()),
        (OperationKind::Payout, PaymentState::Succeeded)
    );
    assert_eq!(v.card.unwrap().last4.as_deref(), Some("4242"));
    let iban = json!({"id":"ps_3","status":"in_progress","payout_list":[{"id":"po_1","status":"pending",
        "payment_method":{"type":"bank_account","bank_account":{"system_type":"global","global":{"iban":"BE71096123456769"}}}}],
        "next_action":"confirm"});
    let v = view(iban);
    assert_eq!(
        (v.kind, v.state),
        (OperationKind::Payout, PaymentState::AwaitingConfirmation)
    );
    assert_eq!(v.card, None);
    let v2 = view(
        json!({"id":"ps_4","status":"accepted","payment_list":[{"id":"pm_1","status":"succeeded"}]}),
    );
    assert_eq!(
        (v2.kind, v2.state),
        (OperationKind::Payment, PaymentState::Succeeded),
        "API v2 names"
    );
}

#[test]
fn view_is_browser_safe() {
    let mut s = session("in_progress", Some("pending"));
    s["acquiring_payments"][0]["payment_details"] = json!({"type":"card","card":{"number":"4000000000003220","security_code":"123","expiration_month":"12","expiration_year":"29"}});
    s["acquiring_payments"][0]["recurrent"] = json!({"token":"tok_secret"});
    s["acquiring_payments"][0]["customer_interaction"] = json!({"type":"redirect","redirect":{"url":"https://acs.test/?a=1","base_url":"https://acs.test/","method":"POST","qs":{"a":"1"},"params":{"PaReq":"x^y","MD":"m"}}});
    // Built from text so that the order of the params is the sender's.
    let text = format!(r#"{{"type":"action_required","session":{s}}}"#).replace(
        r#""params":{"MD":"m","PaReq":"x^y"}"#,
        r#""params":{"PaReq":"x^y","MD":"m"}"#,
    );
    let v = view_of(&text).unwrap();
    assert_eq!(v.state, PaymentState::ActionRequired);
    let out = v.to_out().to_json();
    for secret in [
        "4000000000003220",
        "123\"",
        "tok_secret",
        "order-7",
        "metadata",
    ] {
        assert!(!out.contains(secret), "{secret} in {out}");
    }
    assert_eq!(v.card.clone().unwrap().last4.as_deref(), Some("3220"));
    let r = v.redirect.unwrap();
    assert_eq!(
        r.params.0,
        vec![("PaReq".into(), "x^y".into()), ("MD".into(), "m".into())]
    );
    // last4 of more than four digits is never shown.
    let mut s = session("accepted", Some("succeeded"));
    s["acquiring_payments"][0]["payment_details"]["card"]["last4"] = json!("4242424242424242");
    assert_eq!(view(s).card.unwrap().last4, None);
}

#[test]
fn amounts_beyond_2_53_are_refused_naming_the_field() {
    for (text, field) in [
        (
            r#"{"type":"payment_finished","session":{"id":"ps_1","status":"accepted","acquiring_payments":[{"id":"pm_1","status":"succeeded","amount_details":{"amount":9007199254740993,"currency":"usd"}}]}}"#,
            "session.acquiring_payments[0].amount_details.amount",
        ),
        (
            r#"{"type":"payment_refunded","session":{"id":"ps_1","status":"accepted","acquiring_payments":[{"id":"pm_0","status":"succeeded"},{"id":"pm_1","status":"succeeded","refunds":[{"id":"rf","status":"accepted","amount_details":{"amount":1e300,"currency":"usd"}}]}]}}"#,
            "session.acquiring_payments[1].refunds[0].amount_details.amount",
        ),
        (
            r#"{"type":"payment_finished","session":{"id":"ps_1","status":"accepted","payments":[{"id":"po_1","status":"succeeded","amounts":{"fee":{"merchant_fee":18446744073709551616}}}]}}"#,
            "session.payments[0].amounts.fee.merchant_fee",
        ),
    ] {
        match view_of(text) {
            Err(Error::MalformedPayload { field: f, line, .. }) => {
                assert_eq!(f, field);
                assert_eq!(line, 1, "native reads know the position");
            }
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn metadata_on_request_and_shape() {
    let s = session("accepted", Some("succeeded"));
    let text = PaymentView::json_of(&s.to_string(), true).unwrap();
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        v,
        json!({"session_id":"ps_1","kind":"payment","state":"succeeded","final":true,"amount":10000,"currency":"usd",
               "card":{"brand":"visa","last4":"4242"},"refunded_amount":0,"chargeback":false,"failure":null,"redirect":null,
               "interaction":null,"updated_at":"2024-05-27T02:03:00.000000Z","metadata":"order-7"})
    );
    let without = PaymentView::json_of(&s.to_string(), false).unwrap();
    assert!(!without.contains("metadata"));
    let mut s2 = session("created", None);
    s2["metadata"] = json!({"order":1});
    assert!(PaymentView::json_of(&s2.to_string(), true)
        .unwrap()
        .ends_with(r#""metadata":{"order":1}}"#));
    let err = PaymentView::json_of(r#"{"nope":1}"#, false).unwrap_err();
    assert_eq!(err.code(), "invalid_params");
    assert!(err.to_string().contains("sessionOrEvent.id"), "{err}");
    assert!(PaymentView::json_of("7", false).is_err());
    assert!(PaymentView::json_of("{", false).is_err());
}

#[test]
fn read_back_from_the_page() {
    let s = session("accepted", Some("succeeded"));
    let text = PaymentView::json_of(&s.to_string(), false).unwrap();
    let doc = crate::json::parse(text.as_bytes()).unwrap();
    let back = read_view(&doc.root()).unwrap();
    assert_eq!(back, view(session("accepted", Some("succeeded"))));
    let doc = crate::json::parse(br#"{"state":"succeeded","card":{"last4":"42424"}}"#).unwrap();
    let v = read_view(&doc.root()).unwrap();
    assert!(v.is_final, "final follows the state when absent");
    assert_eq!(v.card.unwrap().last4, None);
    for (bad, field) in [
        (r#"{"final":true}"#, "view.state"),
        (r#"{"state":"succeeded","amount":1.5}"#, "view.amount"),
        (
            r#"{"state":"succeeded","amount":9007199254740992}"#,
            "view.amount",
        ),
        (r#"[]"#, "view"),
    ] {
        let doc = crate::json::parse(bad.as_bytes()).unwrap();
        match read_view(&doc.root()) {
            Err(Error::InvalidParams { field: f, .. }) => assert_eq!(f, field, "{bad}"),
            other => panic!("{bad}: {other:?}"),
        }
    }
}

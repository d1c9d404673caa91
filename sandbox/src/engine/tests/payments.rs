//! Payments: confirm, 3-D Secure, declines, capture, cancel, idempotency,
//! bad bodies, timeouts.

use super::*;
use sg_wire::{NextAction, PaymentStatus, SessionStatus};

#[test]
fn a_frictionless_payment_succeeds_on_confirm() {
    let mut t = auto();
    let id = t.init("4242424242424242");
    let s = t.status(&id);
    assert_eq!(s["status"], "in_progress");
    assert_eq!(s["next_action"], "confirm");
    let (body, ev) = t.session_call(Endpoint::Confirm, &id);
    assert_eq!(ev, [EventType::PaymentFinished]);
    let s = &body["session"];
    assert_eq!(s["status"], "accepted");
    assert_eq!(op_status(s), "succeeded");
    let card = &s["acquiring_payments"][0]["payment_details"]["card"];
    assert_eq!(
        (card["last4"].as_str(), card["bin"].as_str()),
        (Some("4242"), Some("424242"))
    );
    assert!(
        !body.to_string().contains("4242424242424242"),
        "the number is never kept"
    );
    assert!(s["acquiring_payments"][0]["transaction_info"]["rrn"].is_string());
    // Confirmed twice: refused, nothing sent.
    let (r, ev) = t.call(Endpoint::Confirm, &format!(r#"{{"session_id":"{id}"}}"#));
    assert_eq!(
        (r.status, r.body["error"]["code"].as_str(), ev.len()),
        (409, Some("wrong_state"), 0)
    );
    assert_eq!(t.engine.applied_counts()[&id].confirms, 1);
}

#[test]
fn three_d_secure_goes_to_the_acs_and_back() {
    for (number, approve, post) in [
        ("4000000000003220", true, true),
        ("4000000000003220", false, true),
        ("4000000000003063", true, false),
    ] {
        let mut t = auto();
        let id = t.init(number);
        let (body, ev) = t.session_call(Endpoint::Confirm, &id);
        assert_eq!(ev, [EventType::ActionRequired]);
        let pay = &body["session"]["acquiring_payments"][0];
        let redirect = &pay["customer_interaction"]["redirect"];
        assert_eq!(redirect["method"], if post { "POST" } else { "GET" });
        let op = pay["id"].as_str().unwrap().to_string();
        let md = if post {
            redirect["params"]["MD"].as_str().unwrap().to_string()
        } else {
            redirect["qs"]["MD"].as_str().unwrap().to_string()
        };
        assert!(t.engine.acs_challenge(&op, "forged").is_none());
        let challenge = t.engine.acs_challenge(&op, &md).expect("challenge");
        assert_eq!(
            (challenge.amount, challenge.last4.as_str()),
            (15000, &number[12..])
        );
        let (ret, ev) = t.ctx_run(|e, ctx| e.acs_decide(&op, &md, approve, ctx));
        let ret = ret.expect("decided");
        assert_eq!(ev, [EventType::PaymentFinished]);
        assert_eq!(ret.return_url.as_deref(), Some(RETURN));
        assert!(ret.fields.iter().any(|(k, v)| k == "MD" && *v == md));
        let s = t.status(&id);
        assert_eq!(op_status(&s), if approve { "succeeded" } else { "failed" });
        // A second decision finds nothing.
        let (again, ev) = t.ctx_run(|e, ctx| e.acs_decide(&op, &md, true, ctx));
        assert!(again.is_none() && ev.is_empty());
    }
}

#[test]
fn declined_and_service_errors_show_their_reasons() {
    let mut t = auto();
    let id = t.init("4000000000000002");
    let (body, _) = t.session_call(Endpoint::Confirm, &id);
    let s = &body["session"];
    assert_eq!(
        (s["status"].as_str(), op_status(s)),
        (Some("cancelled"), "failed")
    );
    assert_eq!(s["acquiring_payments"][0]["error"]["code"], "card_declined");

    let id = t.init("4000000000000119");
    let (body, ev) = t.session_call(Endpoint::Confirm, &id);
    assert_eq!(ev, [EventType::PaymentFinished]);
    let s = &body["session"];
    assert_eq!(
        (s["status"].as_str(), op_status(s)),
        (Some("error"), "failed")
    );
    assert!(s["error"]["code"].is_string());
}

#[test]
fn manual_capture_holds_then_captures_at_most_the_amount() {
    let mut t = t(CaptureMode::Manual, false);
    let id = t.init("4242424242424242");
    let (body, ev) = t.session_call(Endpoint::Confirm, &id);
    assert_eq!(ev, [EventType::ReadyToCapture]);
    assert_eq!(body["session"]["next_action"], "capture");
    let more =
        format!(r#"{{"session_id":"{id}","amount_details":{{"amount":15001,"currency":"usd"}}}}"#);
    assert_eq!(t.call(Endpoint::Capture, &more).0.status, 400);
    let less =
        format!(r#"{{"session_id":"{id}","amount_details":{{"amount":9000,"currency":"usd"}}}}"#);
    let (body, ev) = t.ok(Endpoint::Capture, &less);
    assert_eq!(ev, [EventType::PaymentFinished]);
    assert_eq!(
        body["session"]["acquiring_payments"][0]["amount_details"]["amount"],
        9000
    );
    assert_eq!(t.engine.applied_counts()[&id].captures, 1);
}

#[test]
fn cancel_leaves_the_operation_unfinished() {
    let mut t = auto();
    let id = t.init("4242424242424242");
    let (body, ev) = t.session_call(Endpoint::Cancel, &id);
    assert!(ev.is_empty());
    assert_eq!(
        (
            body["session"]["status"].as_str(),
            op_status(&body["session"])
        ),
        (Some("cancelled"), "pending")
    );
    assert_eq!(
        t.call(Endpoint::Confirm, &format!(r#"{{"session_id":"{id}"}}"#))
            .0
            .status,
        409
    );
}

#[test]
fn idempotency_replays_the_same_call_and_refuses_another() {
    let mut t = auto();
    let body = card_body("4242424242424242");
    let (first, ev) = t.call_key(Endpoint::InitPayment, &body, Some("k1"));
    assert_eq!(ev.len(), 1);
    let (again, ev) = t.call_key(Endpoint::InitPayment, &body, Some("k1"));
    assert_eq!((first, ev.len()), (again, 0));
    let (other, ev) = t.call_key(
        Endpoint::InitPayment,
        &card_body("4000000000003220"),
        Some("k1"),
    );
    assert_eq!(
        (other.status, other.body["error"]["code"].as_str(), ev.len()),
        (409, Some("idempotency_key_already_exists"), 0)
    );
}

#[test]
fn bad_bodies_are_refused_by_the_sandboxs_own_rules() {
    let mut t = auto();
    let (r, _) = t.call(Endpoint::Confirm, "{");
    assert_eq!(r.body["error"]["code"], "malformed_json");
    let (r, _) = t.call(Endpoint::Confirm, r#"{"sesion_id":"ps_1"}"#);
    assert_eq!(r.body["error"]["code"], "invalid_params");
    assert!(r.body["error"]["description"]
        .as_str()
        .unwrap()
        .contains("session_id"));
    let (r, _) = t.call(Endpoint::InitPayment, &card_body("4242424242424241"));
    assert_eq!(r.body["error"]["code"], "invalid_params");
    assert!(!r.body.to_string().contains("4242424242424241"));
    assert_eq!(
        t.call(Endpoint::Status, r#"{"session_id":"ps_nope"}"#)
            .0
            .status,
        404
    );
}

#[test]
fn timeouts_fail_what_waits_too_long() {
    let mut t = auto();
    let waiting = t.init("4242424242424242");
    let at_acs = t.init("4000000000003220");
    t.session_call(Endpoint::Confirm, &at_acs);
    t.now += ACTION_TIMEOUT_MS - 1;
    assert!(t.ctx_run(|e, ctx| e.tick(ctx)).1.is_empty());
    t.now += 1;
    assert_eq!(
        t.ctx_run(|e, ctx| e.tick(ctx)).1,
        [EventType::PaymentFinished]
    );
    assert_eq!(
        t.status(&at_acs)["acquiring_payments"][0]["error"]["code"],
        "authentication_timeout"
    );
    t.now = NOW + CONFIRM_TIMEOUT_MS;
    assert_eq!(
        t.ctx_run(|e, ctx| e.tick(ctx)).1,
        [EventType::PaymentFinished]
    );
    let s = t.status(&waiting);
    assert_eq!(
        (s["status"].as_str(), op_status(&s)),
        (Some("cancelled"), "failed")
    );
    assert!(
        t.ctx_run(|e, ctx| e.tick(ctx)).1.is_empty(),
        "each timeout fires once"
    );
}

#[test]
fn an_uncaptured_hold_is_released_after_five_days() {
    let mut t = t(CaptureMode::Manual, false);
    let id = t.init("4242424242424242");
    let (_, ev) = t.session_call(Endpoint::Confirm, &id);
    assert_eq!(ev, [EventType::ReadyToCapture]);
    t.now += super::super::HOLD_RELEASE_MS - 1;
    assert!(t.ctx_run(|e, ctx| e.tick(ctx)).1.is_empty(), "still held");
    t.now += 1;
    assert_eq!(
        t.ctx_run(|e, ctx| e.tick(ctx)).1,
        [EventType::PaymentFinished]
    );
    let s = t.status(&id);
    assert_eq!(
        (s["status"].as_str(), op_status(&s)),
        (Some("cancelled"), "failed")
    );
    assert_eq!(s["acquiring_payments"][0]["error"]["code"], "hold_released");
    let late = format!(r#"{{"session_id":"{id}"}}"#);
    assert_eq!(
        t.call(Endpoint::Capture, &late).0.status,
        409,
        "too late to capture"
    );
}

#[test]
fn auto_confirm_skips_ready_to_confirm() {
    let mut t = t(CaptureMode::Auto, true);
    let (body, ev) = t.ok(Endpoint::InitPayment, &card_body("4242424242424242"));
    assert_eq!(ev, [EventType::PaymentFinished]);
    assert_eq!(op_status(&body["session"]), "succeeded");
}

#[test]
fn wire_statuses_come_only_from_the_stage() {
    // Every session the flows above leave behind renders consistently.
    let mut t = t(CaptureMode::Manual, false);
    for number in [
        "4242424242424242",
        "4000000000003220",
        "4000000000000002",
        "4000000000000119",
    ] {
        let id = t.init(number);
        t.session_call(Endpoint::Confirm, &id);
    }
    for rec in t.engine.sessions.values() {
        let shown = rec.stage.shown();
        let s = rec.render();
        assert_eq!(s.status, shown.session);
        assert_eq!(s.next_action, shown.next_action);
        assert_eq!(s.acquiring_payments[0].status, shown.operation);
        if s.next_action == Some(NextAction::Capture) {
            assert_eq!(s.status, SessionStatus::InProgress);
            assert_eq!(s.acquiring_payments[0].status, PaymentStatus::Pending);
        }
    }
}

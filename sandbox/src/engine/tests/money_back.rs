//! Money going back or out: refunds, chargebacks, payouts.

use super::*;

#[test]
fn refunds_are_partial_several_and_bounded_and_chargebacks_take_the_rest() {
    let mut t = auto();
    let id = t.init("4242424242424242");
    t.session_call(Endpoint::Confirm, &id);
    let refund = |amount: u64| {
        format!(
            r#"{{"session_id":"{id}","amount_details":{{"amount":{amount},"currency":"usd"}}}}"#
        )
    };
    let (_, ev) = t.ok(Endpoint::Refund, &refund(5000));
    assert_eq!(ev, [EventType::PaymentRefunded]);
    t.ok(Endpoint::Refund, &refund(4000));
    assert_eq!(
        t.call(Endpoint::Refund, &refund(6001)).0.body["error"]["code"],
        "invalid_amount"
    );
    let wrong_currency =
        format!(r#"{{"session_id":"{id}","amount_details":{{"amount":1,"currency":"eur"}}}}"#);
    assert_eq!(t.call(Endpoint::Refund, &wrong_currency).0.status, 400);
    let (s, ev) = t.ctx_run(|e, ctx| e.chargeback(&id, ctx));
    assert_eq!(ev, [EventType::PaymentRefunded]);
    let s = serde_json::to_value(s.unwrap()).unwrap();
    let refunds = s["acquiring_payments"][0]["refunds"]
        .as_array()
        .unwrap()
        .clone();
    let amounts: Vec<_> = refunds
        .iter()
        .map(|r| {
            (
                r["amount_details"]["amount"].as_u64(),
                r["is_chargeback"].as_bool(),
            )
        })
        .collect();
    assert_eq!(
        amounts,
        [
            (Some(5000), Some(false)),
            (Some(4000), Some(false)),
            (Some(6000), Some(true))
        ]
    );
    // Nothing is left to refund.
    assert_eq!(t.call(Endpoint::Refund, &refund(1)).0.status, 400);
    assert_eq!(t.engine.applied_counts()[&id].refunds, [5000, 4000]);
}

#[test]
fn payouts_draw_on_the_wallet() {
    let mut t = auto();
    let payout = |amount: u64, number: &str| {
        format!(
            r#"{{"payment_method":{{"type":"card","card":{{"type":"bank_card","bank_card":{{"number":"{number}"}}}}}},"amount_details":{{"amount":{amount},"currency":"usd"}},"customer":{{"reference":"c1"}}}}"#
        )
    };
    let (body, ev) = t.ok(Endpoint::InitPayout, &payout(100_000, "4242424242424242"));
    assert_eq!(ev, [EventType::ReadyToConfirm]);
    let id = body["session"]["id"].as_str().unwrap().to_string();
    assert!(body["session"]["payments"][0]["id"]
        .as_str()
        .unwrap()
        .starts_with("po_"));
    let (body, ev) = t.session_call(Endpoint::Confirm, &id);
    assert_eq!(ev, [EventType::PaymentFinished]);
    assert_eq!(body["session"]["payments"][0]["status"], "succeeded");
    let (w, _) = t.ok(
        Endpoint::WalletBalance,
        r#"{"request_datetime":"2026-11-22T00:00:00Z"}"#,
    );
    assert_eq!(
        w["wallets"][0]["amount_details"]["amount"],
        wallet::OPENING_BALANCE - 100_000
    );
    // More than the wallet holds fails.
    let (body, _) = t.ok(
        Endpoint::InitPayout,
        &payout(wallet::OPENING_BALANCE, "4242424242424242"),
    );
    let id = body["session"]["id"].as_str().unwrap().to_string();
    let (body, _) = t.session_call(Endpoint::Confirm, &id);
    assert_eq!(
        body["session"]["payments"][0]["error"]["code"],
        "insufficient_funds"
    );
    // A refund of a payout is refused.
    let (r, _) = t.call(Endpoint::Refund, &format!(r#"{{"session_id":"{id}"}}"#));
    assert_eq!(r.status, 409);
}

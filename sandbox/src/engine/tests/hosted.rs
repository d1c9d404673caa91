//! The hosted payment page, public tokens and saved cards.

use super::*;
use crate::engine::hosted::{FormProblem, HostedForm};

/// A session ready for the hosted page, and its public token.
fn hosted_token(t: &mut T, checkbox: bool) -> (String, String) {
    let (body, ev) = t.ok(
        Endpoint::SessionCreate,
        r#"{"amount_details":{"amount":15000,"currency":"usd"},"customer":{"reference":"c1"},"payment_options":{"return_url":"https://shop.test/r"}}"#,
    );
    assert!(ev.is_empty());
    let id = body["session"]["id"].as_str().unwrap().to_string();
    let (body, _) = t.ok(
        Endpoint::Token,
        &format!(
            r#"{{"acquiring_widget":{{"session_id":"{id}","locale":"en","show_recurrent_checkbox":"{checkbox}","success_return_url":"https://shop.test/ok","failure_return_url":"https://shop.test/no"}}}}"#
        ),
    );
    (id, body["public_token"].as_str().unwrap().to_string())
}

fn form(number: &str) -> HostedForm {
    HostedForm {
        number: number.into(),
        expiry: "12/29".into(),
        cvc: "123".into(),
        cardholder: String::new(),
        save_card: true,
    }
}

#[test]
fn the_hosted_page_pays_once_and_follows_to_the_return_url() {
    let mut t = auto();
    let (id, token) = hosted_token(&mut t, true);
    let page = t.engine.hosted_page(&token, t.now).unwrap();
    assert_eq!((page.amount, page.recurrent_checkbox), (15000, true));
    // A card to correct spends nothing.
    let (next, ev) = t.ctx_run(|e, ctx| e.hosted_pay(&token, "en", &form("4242424242424241"), ctx));
    assert_eq!(
        (next, ev.len()),
        (HostedNext::Correct(FormProblem::Number), 0)
    );
    let (next, ev) = t.ctx_run(|e, ctx| e.hosted_pay(&token, "en", &form("4242424242424242"), ctx));
    assert_eq!(
        (next, ev),
        (HostedNext::Wait, vec![EventType::ReadyToConfirm])
    );
    // Used: no second payment from the same token.
    assert_eq!(t.engine.hosted_page(&token, t.now), Err(HostedError::Used));
    let (again, ev) =
        t.ctx_run(|e, ctx| e.hosted_pay(&token, "en", &form("4242424242424242"), ctx));
    assert_eq!(
        (again, ev.len()),
        (HostedNext::Refused(HostedError::Used), 0)
    );
    let (body, ev) = t.session_call(Endpoint::Confirm, &id);
    assert_eq!(ev, [EventType::PaymentFinished]);
    // The checkbox saved the card: the token comes with payment_finished.
    let saved = body["session"]["acquiring_payments"][0]["recurrent"]["token"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        t.engine.hosted_status(&token),
        HostedNext::Done {
            succeeded: true,
            url: Some("https://shop.test/ok".into())
        }
    );
    let (r, _) = t.ok(
        Endpoint::RecurrentStatus,
        &format!(r#"{{"recurrent":{{"token":"{saved}"}}}}"#),
    );
    assert_eq!(r["recurrent"]["is_active"], true);
}

#[test]
fn the_hosted_page_sends_3ds_to_the_acs_and_failures_to_the_failure_url() {
    let mut t = auto();
    let (id, token) = hosted_token(&mut t, false);
    t.ctx_run(|e, ctx| e.hosted_pay(&token, "ru", &form("4000000000003220"), ctx));
    let (body, _) = t.session_call(Endpoint::Confirm, &id);
    let HostedNext::Acs(redirect) = t.engine.hosted_status(&token) else {
        panic!("3-D Secure expected")
    };
    let md = redirect
        .params
        .0
        .iter()
        .find(|(k, _)| k == "MD")
        .unwrap()
        .1
        .clone();
    let op = body["session"]["acquiring_payments"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    // No recurrent token without the checkbox, whatever the form said.
    assert!(body["session"]["acquiring_payments"][0]["recurrent"].is_null());
    let (ret, _) = t.ctx_run(|e, ctx| e.acs_decide(&op, &md, false, ctx));
    assert_eq!(
        ret.unwrap().return_url.unwrap(),
        format!("http://127.0.0.1:4010/ru/payment/{token}/status")
    );
    assert_eq!(
        t.engine.hosted_status(&token),
        HostedNext::Done {
            succeeded: false,
            url: Some("https://shop.test/no".into())
        }
    );
}

#[test]
fn hosted_tokens_expire_and_unknown_ones_open_nothing() {
    let mut t = auto();
    let (id, token) = hosted_token(&mut t, false);
    assert_eq!(
        t.engine.hosted_page("nope", t.now),
        Err(HostedError::Unknown)
    );
    assert_eq!(
        t.engine.hosted_status("nope"),
        HostedNext::Refused(HostedError::Unknown)
    );
    assert_eq!(
        t.engine.hosted_page(&token, t.now + PUBLIC_TOKEN_TTL_MS),
        Err(HostedError::Expired)
    );
    t.session_call(Endpoint::Cancel, &id);
    assert_eq!(
        t.engine.hosted_page(&token, t.now),
        Err(HostedError::Closed)
    );
    // A token for a session without an amount is refused when asked for.
    let (body, _) = t.ok(Endpoint::SessionCreate, "{}");
    let bare = body["session"]["id"].as_str().unwrap();
    let (r, _) = t.call(
        Endpoint::Token,
        &format!(r#"{{"acquiring_widget":{{"session_id":"{bare}"}}}}"#),
    );
    assert_eq!(r.status, 400);
    let info = t
        .ok(
            Endpoint::TokenInfo,
            &format!(r#"{{"type":"public_token","public_token":{{"token":"{token}"}}}}"#),
        )
        .0;
    assert_eq!(info["info"]["type"], "public_token");
}

#[test]
fn recurrent_tokens_pay_until_disabled() {
    let mut t = auto();
    let (body, _) = t.ok(
        Endpoint::InitPayment,
        &card_body("4242424242424242")
            .replace(r#""return_url""#, r#""recurrent":true,"return_url""#),
    );
    let id = body["session"]["id"].as_str().unwrap().to_string();
    let (body, _) = t.session_call(Endpoint::Confirm, &id);
    let token = body["session"]["acquiring_payments"][0]["recurrent"]["token"]
        .as_str()
        .unwrap()
        .to_string();
    let mit = format!(
        r#"{{"payment_details":{{"type":"recurrent","recurrent":{{"token":"{token}","initiator":"merchant"}}}},"amount_details":{{"amount":100,"currency":"usd"}},"customer":{{"reference":"c1"}}}}"#
    );
    let (body, _) = t.ok(Endpoint::InitPayment, &mit);
    let id = body["session"]["id"].as_str().unwrap().to_string();
    let (body, ev) = t.session_call(Endpoint::Confirm, &id);
    assert_eq!(
        (ev, op_status(&body["session"])),
        (vec![EventType::PaymentFinished], "succeeded")
    );
    t.ok(
        Endpoint::RecurrentDisable,
        &format!(r#"{{"recurrent":{{"token":"{token}"}}}}"#),
    );
    let (r, _) = t.call(Endpoint::InitPayment, &mit);
    assert_eq!(r.body["error"]["code"], "token_disabled");
}

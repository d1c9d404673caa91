//! Hostile documents the core must read as one reader would, or refuse:
//! repeated keys (escaped or not), payload keys that must never reach an
//! error, numbers JavaScript cannot hold, redirects a page must never follow.

use smart_glocal::error::Error;
use smart_glocal::webhook::parse_event;
use smart_glocal::PaymentView;

const PAID: &str = r#"{"type":"payment_finished","session":{"id":"ps_1","status":"accepted","acquiring_payments":[{"id":"pm_1","status":"succeeded","amount_details":{"amount":100,"currency":"usd"}}]}}"#;

fn malformed(body: &str) -> (String, usize, usize, String) {
    match parse_event(body.as_bytes()) {
        Err(Error::MalformedPayload {
            field,
            line,
            column,
            message,
        }) => (field, line, column, message),
        other => panic!("{body}: {other:?}"),
    }
}

#[test]
fn a_repeated_key_anywhere_is_refused_at_its_second_occurrence() {
    assert!(parse_event(PAID.as_bytes()).is_ok());
    // Each member a split reader would see differently, repeated after it.
    for (member, again) in [
        (r#""status":"succeeded""#, r#""status":"failed""#),
        (r#""status":"succeeded""#, r#""st\u0061tus":"failed""#),
        (
            r#""type":"payment_finished""#,
            r#""type":"ready_to_confirm""#,
        ),
        (r#""amount":100"#, r#""amount":1"#),
        (r#""currency":"usd""#, r#""currency":"jpy""#),
        (r#""id":"ps_1""#, r#""id":"ps_2""#),
    ] {
        let body = PAID.replacen(member, &format!("{member},{again}"), 1);
        let (_, line, column, message) = malformed(&body);
        assert_eq!(message, "repeated key", "{body}");
        assert_eq!(line, 1);
        let second = body.find(member).unwrap() + member.len() + 1;
        assert_eq!(column, second + 1, "points at the second key: {body}");
    }
    // The payments list: an empty one first, the paid one second.
    let lists = PAID.replacen(
        r#""acquiring_payments":["#,
        r#""acquiring_payments":[],"acquiring_payments":["#,
        1,
    );
    assert_eq!(malformed(&lists).3, "repeated key");
    // A whole second session.
    let twice = PAID.replacen(
        r#""session":"#,
        r#""session":{"id":"x","status":"accepted"},"session":"#,
        1,
    );
    assert_eq!(malformed(&twice).3, "repeated key");
    // Keys equal once decoded, and the view of caller text alike.
    let escaped = PAID.replacen(r#""id":"ps_1""#, r#""id":"ps_1","\u0069d":"ps_2""#, 1);
    assert_eq!(malformed(&escaped).3, "repeated key");
    assert!(matches!(
        PaymentView::json_of(&escaped, false),
        Err(Error::MalformedPayload { .. })
    ));
}

#[test]
fn payload_keys_never_reach_an_error() {
    for key in [
        "4111111111111111",
        "DE89370400440532013000",
        "rt_secret_token_1",
    ] {
        let body = PAID.replacen(
            r#""currency":"usd"}"#,
            &format!(r#""currency":"usd"}},"amounts":{{"{key}":9007199254740993}}"#),
            1,
        );
        let (field, line, column, message) = malformed(&body);
        assert_eq!(field, "session.acquiring_payments[0].amounts");
        assert!(
            !field.contains(key) && !message.contains(key),
            "{field}: {message}"
        );
        assert_eq!(line, 1);
        assert_eq!(column, body.find(":9007").unwrap() + 2);
        // Under a documented name, the documented path.
        let fee = body.replace(key, "fee");
        assert_eq!(
            malformed(&fee).0,
            "session.acquiring_payments[0].amounts.fee"
        );
        let nested = body.replace(
            &format!(r#"{{"{key}":9007199254740993}}"#),
            &format!(r#"{{"fee":{{"{key}":9007199254740993}}}}"#),
        );
        assert_eq!(
            malformed(&nested).0,
            "session.acquiring_payments[0].amounts.fee"
        );
    }
}

#[test]
fn numbers_javascript_cannot_hold_are_refused() {
    for (number, message) in [
        ("1E400", "is not a finite number"),
        ("-1e999", "is not a finite number"),
        ("-0", "is negative zero"),
        ("-0.0", "is negative zero"),
    ] {
        let body = PAID.replacen(
            r#""currency":"usd"}"#,
            &format!(r#""currency":"usd"}},"amounts":{{"fee":{number}}}"#),
            1,
        );
        let (field, _, _, m) = malformed(&body);
        assert_eq!(
            (field.as_str(), m.as_str()),
            ("session.acquiring_payments[0].amounts.fee", message)
        );
    }
    let negative_zero = PAID.replace(r#""amount":100"#, r#""amount":-0"#);
    let (field, _, _, m) = malformed(&negative_zero);
    assert_eq!(field, "session.acquiring_payments[0].amount_details.amount");
    assert_eq!(m, "must be a whole number of minor units");
}

#[test]
fn a_view_never_carries_a_redirect_that_is_not_http() {
    let with = |url: &str, base: &str| {
        PAID.replace(r#""status":"succeeded""#, r#""status":"pending""#)
            .replace("payment_finished", "action_required")
            .replacen(
                r#""currency":"usd"}"#,
                &format!(
                    r#""currency":"usd"}},"customer_interaction":{{"type":"redirect","redirect":{{"url":{url},"base_url":{base},"method":"GET"}}}}"#
                ),
                1,
            )
    };
    let ok = PaymentView::json_of(&with(r#""https://acs.test/x""#, "null"), false).unwrap();
    assert!(
        ok.contains(r#""state":"action_required""#) && ok.contains("https://acs.test/x"),
        "{ok}"
    );
    for (url, base) in [
        (r#""javascript:alert(1)""#, "null"),
        (r#""data:text/html,x""#, "null"),
        (r#""file:///etc/passwd""#, "null"),
        (r#""JavaScript:alert(1)""#, "null"),
        (r#""https://user:pw@acs.test/""#, "null"),
        (r#""https://acs.test/x""#, r#""javascript:alert(1)""#),
    ] {
        let view = PaymentView::json_of(&with(url, base), false).unwrap();
        assert!(view.contains(r#""redirect":null"#), "{view}");
        assert!(!view.contains("javascript") && !view.contains("data:") && !view.contains("file:"));
        assert!(!view.contains(r#""state":"action_required""#), "{view}");
    }
}

/// A Faster Payments payment waiting in the customer's bank app: the view
/// says `action_required` with the deep link as an `interaction`, never as
/// a redirect; a link that is not http(s) is not shown.
#[test]
fn a_qr_interaction_is_an_interaction_never_a_redirect() {
    let with = |content: &str| {
        PAID.replace(r#""status":"succeeded""#, r#""status":"pending""#)
            .replace("payment_finished", "action_required")
            .replace("usd", "rub")
            .replacen(
                r#""currency":"rub"}"#,
                &format!(
                    r#""currency":"rub"}},"customer_interaction":{{"type":"inform","inform":{{"qr":{{"content":{content}}}}}}}"#
                ),
                1,
            )
    };
    let view = PaymentView::json_of(
        &with(r#""https://qr.nspk.ru/AS1000670LSS7DN18SJQDNP4B05KLJL2""#),
        false,
    )
    .unwrap();
    assert!(view.contains(r#""state":"action_required""#), "{view}");
    assert!(view.contains(r#""interaction":{"type":"qr","content":"https://qr.nspk.ru/AS1000670LSS7DN18SJQDNP4B05KLJL2"}"#), "{view}");
    assert!(view.contains(r#""redirect":null"#), "{view}");
    for bad in [r#""javascript:alert(1)""#, r#""data:text/html,x""#] {
        let view = PaymentView::json_of(&with(bad), false).unwrap();
        assert!(
            view.contains(r#""interaction":null"#)
                && !view.contains("javascript")
                && !view.contains("data:"),
            "{view}"
        );
    }
    // Once paid, no interaction is left in the view.
    let done = with(r#""https://qr.nspk.ru/x""#)
        .replace(r#""status":"pending""#, r#""status":"succeeded""#)
        .replace("action_required", "payment_finished");
    assert!(PaymentView::json_of(&done, false)
        .unwrap()
        .contains(r#""interaction":null"#));
}

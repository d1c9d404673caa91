use super::*;
use crate::limits::MAX_PARAMS_BYTES;

fn body(e: Endpoint, json: &str) -> Result<String, Error> {
    read(e, json).map(|r| r.body)
}

fn err_field(r: Result<String, Error>) -> (String, String) {
    match r {
        Err(Error::InvalidParams { field, message }) => (field, message),
        other => panic!("expected invalid_params, got {other:?}"),
    }
}

#[test]
fn init_payment_seed_003_shape_round_trips() {
    let json = r#"{"payment_details":{"type":"card","card":{"type":"bank_card","bank_card":{"number":"4242424242424242","expiration_month":"05","expiration_year":"25","security_code":"123"}}},"amount_details":{"amount":10000,"currency":"USD"},"customer":{"reference":"lucky"},"payment_options":{"return_url":"https://website.com"}}"#;
    let r = read(Endpoint::InitPayment, json).unwrap();
    assert_eq!(
        r.body,
        json.replace("USD", "usd"),
        "same shape, same order, currency lowercased"
    );
    let Params::InitPayment(p) = r.params else {
        panic!()
    };
    assert_eq!(
        p.amount_details,
        Amount {
            amount: 10000,
            currency: "usd".into()
        }
    );
    assert!(
        matches!(p.payment_details, PaymentDetails::Card { shape: CardShape::Nested, ref card } if card.last4() == "4242")
    );
}

#[test]
fn bodies_keep_the_callers_text() {
    let json = "{ \"session_id\" : \"ps_1\",\n \"amount_details\": {\"currency\": \"\\u0055sD\", \"amount\": 5} }";
    assert_eq!(
        body(Endpoint::Refund, json).unwrap(),
        "{ \"session_id\" : \"ps_1\",\n \"amount_details\": {\"currency\": \"usd\", \"amount\": 5} }",
        "spacing and order kept; an escaped currency is written plainly"
    );
}

#[test]
fn start_payment_seed_000_flat_card_round_trips() {
    let json = r#"{"session_id":"3230","payment_details":{"type":"card","card":{"number":"4242424242424242","expiration_month":"12","expiration_year":"22","security_code":"123","cardholder_name":"John Doe"}},"customer":{"reference":"lucky"},"metadata":"good"}"#;
    assert_eq!(body(Endpoint::StartPayment, json).unwrap(), json);
}

#[test]
fn start_payment_seed_004_recurrent_round_trips() {
    let json = r#"{"session_id":"ps_3230","payment_details":{"type":"recurrent","recurrent":{"token":"token_value","initiator":"client"}},"amount_details":{"amount":10000,"currency":"usd"},"customer":{"reference":"lucky"},"payment_options":{"return_url":"https://smart-glocal.com"}}"#;
    assert_eq!(body(Endpoint::StartPayment, json).unwrap(), json);
}

#[test]
fn validation_names_the_field_and_hides_the_value() {
    let card = |number: &str, month: &str, cvc: &str| {
        format!(
            r#"{{"payment_details":{{"type":"card","card":{{"type":"bank_card","bank_card":{{"number":"{number}","expiration_month":"{month}","expiration_year":"29","security_code":"{cvc}"}}}}}},"amount_details":{{"amount":1,"currency":"usd"}},"customer":{{}}}}"#
        )
    };
    let cases = [
        (
            card("4242424242424241", "05", "123"),
            "payment_details.card.bank_card.number",
        ),
        (
            card("4242424242424242", "13", "123"),
            "payment_details.card.bank_card.expiration_month",
        ),
        (
            card("4242424242424242", "0", "123"),
            "payment_details.card.bank_card.expiration_month",
        ),
        (
            card("4242424242424242", "05", "12"),
            "payment_details.card.bank_card.security_code",
        ),
        (
            card("4242424242424242", "05", "12345"),
            "payment_details.card.bank_card.security_code",
        ),
    ];
    for (json, field) in cases {
        let (f, m) = err_field(body(Endpoint::InitPayment, &json));
        assert_eq!(f, field);
        let shown = format!("{f} {m}");
        assert!(!shown.contains("424242"), "{shown}");
        assert!(!shown.contains("12345"), "{shown}");
    }
    // Security code given as a number: the message must not quote it.
    let json = r#"{"payment_details":{"type":"card","card":{"number":"4242424242424242","expiration_month":"05","expiration_year":"29","security_code":987}},"amount_details":{"amount":1,"currency":"usd"},"customer":{}}"#;
    let (f, m) = err_field(body(Endpoint::InitPayment, json));
    assert_eq!(f, "payment_details.card.security_code");
    assert!(!m.contains("987"), "{m}");
}

#[test]
fn amounts_and_currency() {
    let p = |amount: &str, currency: &str| {
        format!(
            r#"{{"session_id":"ps_1","amount_details":{{"amount":{amount},"currency":"{currency}"}}}}"#
        )
    };
    for bad in [
        "0",
        "-1",
        "1.5",
        "9007199254740992",
        "1e30",
        "\"10\"",
        "1e2",
        "4.0",
    ] {
        let (f, _) = err_field(body(Endpoint::Capture, &p(bad, "usd")));
        assert_eq!(f, "amount_details.amount", "{bad}");
    }
    assert!(body(Endpoint::Capture, &p("9007199254740991", "usd")).is_ok());
    for bad in ["us", "usdd", "u5d", "долл"] {
        let (f, _) = err_field(body(Endpoint::Capture, &p("1", bad)));
        assert_eq!(f, "amount_details.currency", "{bad}");
    }
    assert!(body(Endpoint::Refund, &p("1", "EuR"))
        .unwrap()
        .contains("\"eur\""));
}

#[test]
fn unknown_fields_are_named_by_their_parent_only() {
    let (f, m) = err_field(body(Endpoint::Confirm, r#"{"sesion_id":"ps_1"}"#));
    assert_eq!(
        (f.as_str(), m.as_str()),
        (
            "params",
            "has an unknown field (did you mean `session_id`?)"
        )
    );
    let (f, m) = err_field(body(
        Endpoint::Confirm,
        r#"{"session_id":"ps_1","4242424242424242":"05/29"}"#,
    ));
    assert_eq!((f.as_str(), m.as_str()), ("params", "has an unknown field"));
    let (f, m) = err_field(body(
        Endpoint::InitPayment,
        r#"{"payment_details":{"type":"card","card":{"type":"bank_card","bank_card":{"number":"4242424242424242","expiration_month":"05","expiration_year":"29","cvv":"1"}}},"amount_details":{"amount":1,"currency":"usd"},"customer":{}}"#,
    ));
    assert_eq!(f, "payment_details.card.bank_card");
    assert!(!m.contains("cvv"), "{m}");
}

#[test]
fn missing_and_wrong_fields_are_named() {
    let (f, _) = err_field(body(Endpoint::Confirm, r#"{}"#));
    assert_eq!(f, "session_id");
    let (f, _) = err_field(body(Endpoint::Confirm, r#"{"session_id":" "}"#));
    assert_eq!(f, "session_id");
    let (f, _) = err_field(body(
        Endpoint::InitPayment,
        r#"{"payment_details":{"type":"cash"},"amount_details":{"amount":1,"currency":"usd"},"customer":{}}"#,
    ));
    assert_eq!(f, "payment_details.type");
    let (f, _) = err_field(body(
        Endpoint::InitPayment,
        r#"{"payment_details":{"type":"card","card":{"number":"4242424242424242","expiration_month":"05","expiration_year":"29"}},"amount_details":{"amount":1,"currency":"usd"},"customer":{},"payment_options":{"return_url":"javascript:alert(1)"}}"#,
    ));
    assert_eq!(f, "payment_options.return_url");
    let (f, _) = err_field(body(
        Endpoint::RecurrentDisable,
        r#"{"recurrent":{"token":""}}"#,
    ));
    assert_eq!(f, "recurrent.token");
    // The shape before the reference was read (docs/reference/methods/recurrent-disable).
    let (f, m) = err_field(body(Endpoint::RecurrentDisable, r#"{"token":"t"}"#));
    assert_eq!((f.as_str(), m.contains("unknown field")), ("params", true));
    let (f, m) = err_field(body(Endpoint::Status, "[1,2"));
    assert!(
        f.starts_with("params") && m.contains("line 1, column 5"),
        "{f}: {m}"
    );
    let (f, _) = err_field(body(Endpoint::Status, "7"));
    assert_eq!(f, "params");
    let (f, _) = err_field(body(
        Endpoint::InitPayment,
        r#"{"amount_details":{"amount":1,"currency":"usd"},"customer":{}}"#,
    ));
    assert_eq!(f, "payment_details");
}

#[test]
fn repeated_keys_are_refused_wherever_they_are() {
    let (f, m) = err_field(body(
        Endpoint::Refund,
        r#"{"session_id":"ps_1","session_id":"ps_2"}"#,
    ));
    assert_eq!((f.as_str(), m.as_str()), ("params", "has a repeated field"));
    let (f, _) = err_field(body(
        Endpoint::InitPayment,
        r#"{"payment_details":{"type":"card","card":{"number":"4242424242424242","number":"4000000000000002","expiration_month":"05","expiration_year":"29"}},"amount_details":{"amount":1,"currency":"usd"},"customer":{}}"#,
    ));
    assert_eq!(f, "payment_details.card");
    let (f, _) = err_field(body(
        Endpoint::SessionCreate,
        r#"{"payment_options":{"return_url":"https://a.test","return_url":"javascript:x"}}"#,
    ));
    assert_eq!(f, "payment_options");
    let (f, _) = err_field(body(
        Endpoint::SessionCreate,
        r#"{"metadata":[{"a":1,"a":2}]}"#,
    ));
    assert_eq!(f, "metadata", "named by our member, its insides by nothing");
}

#[test]
fn return_urls_accept_the_faster_payments_dummy() {
    let json = r#"{"payment_options":{"return_url":"dummy:/url"}}"#;
    assert_eq!(body(Endpoint::SessionCreate, json).unwrap(), json);
    for bad in ["dummy:/other", "dummy:url", "DUMMY:/url"] {
        let json = format!(r#"{{"payment_options":{{"return_url":"{bad}"}}}}"#);
        assert_eq!(
            err_field(body(Endpoint::SessionCreate, &json)).0,
            "payment_options.return_url"
        );
    }
    // Unknown options pass through.
    let json = r#"{"payment_options":{"return_url":"https://x.test","future_option":{"a":1}}}"#;
    assert_eq!(body(Endpoint::SessionCreate, json).unwrap(), json);
}

#[test]
fn tokens() {
    let ok = r#"{"acquiring_widget":{"session_id":"ps_1","locale":"ru","show_recurrent_checkbox":"true","success_return_url":"https://shop.test/ok","failure_return_url":"https://shop.test/no"}}"#;
    let Params::Token(TokenRequest::AcquiringWidget(w)) = read(Endpoint::Token, ok).unwrap().params
    else {
        panic!()
    };
    assert!(w.show_recurrent_checkbox);
    assert_eq!(w.locale.as_deref(), Some("ru"));
    for (bad, field) in [
        (r#"{}"#, "params"),
        (
            r#"{"acquiring_widget":{"session_id":"ps_1"},"tokenize_widget":{}}"#,
            "params",
        ),
        (
            r#"{"acquiring_widget":{"locale":"en"}}"#,
            "acquiring_widget.session_id",
        ),
        (
            r#"{"acquiring_widget":{"session_id":"ps_1","locale":"EN-us"}}"#,
            "acquiring_widget.locale",
        ),
        (
            r#"{"acquiring_widget":{"session_id":"ps_1","success_return_url":"ftp://x"}}"#,
            "acquiring_widget.success_return_url",
        ),
        (
            r#"{"acquiring_widget":{"session_id":"ps_1","show_recurrent_checkbox":"yes"}}"#,
            "acquiring_widget.show_recurrent_checkbox",
        ),
    ] {
        assert_eq!(err_field(body(Endpoint::Token, bad)).0, field, "{bad}");
    }
    assert!(read(
        Endpoint::Token,
        r#"{"tokenize_widget":{"access":true,"locale":"en"}}"#
    )
    .is_ok());
    for ok in [
        r#"{"type":"card","card":{"type":"encrypted_card","encrypted_card":{"number_hash":"h"}}}"#,
        r#"{"type":"public_token","public_token":{"token":"t"}}"#,
        r#"{"type":"recurrent_token","recurrent_token":{"token":"t"}}"#,
    ] {
        assert!(read(Endpoint::TokenInfo, ok).is_ok(), "{ok}");
    }
    for (bad, field) in [
        (r#"{"type":"card"}"#, "card"),
        (
            r#"{"type":"public_token","public_token":{"token":"t"},"card":{}}"#,
            "card",
        ),
        (r#"{"type":"coupon"}"#, "type"),
        (
            r#"{"type":"public_token","public_token":{"token":" "}}"#,
            "public_token.token",
        ),
    ] {
        assert_eq!(err_field(body(Endpoint::TokenInfo, bad)).0, field, "{bad}");
    }
}

#[test]
fn payouts() {
    let card = r#"{"payment_method":{"type":"card","card":{"type":"bank_card","bank_card":{"number":"4242424242424242"}}},"amount_details":{"amount":1000,"currency":"USD"},"participant_details":{"recipient":{"first_name":"J"}},"metadata":{"seller":7}}"#;
    let r = read(Endpoint::InitPayout, card).unwrap();
    assert_eq!(r.body, card.replace("USD", "usd"));
    let iban = r#"{"payment_method":{"type":"bank_account","bank_account":{"system_type":"global","global":{"iban":"BE71096123456769","description":"invoice 7"}}},"amount_details":{"amount":1000,"currency":"eur"}}"#;
    assert!(matches!(
        read(Endpoint::InitPayout, iban).unwrap().params,
        Params::InitPayout(InitPayout {
            payment_method: PaymentMethod::BankAccount(_),
            ..
        })
    ));
    for (bad, field) in [
        (card.replace("4242424242424242", "4242424242424241"), "payment_method.card.bank_card.number"),
        (iban.replace("BE71", "BE72"), "payment_method.bank_account.global.iban"),
        (iban.replace("invoice 7", " "), "payment_method.bank_account.global.description"),
        (iban.replace("global\",", "local\","), "payment_method.bank_account.system_type"),
        (card.replace("\"recipient\":{\"first_name\":\"J\"}", "\"recipient\":7"), "participant_details.recipient"),
        (r#"{"payment_method":{"type":"wallet"},"amount_details":{"amount":1,"currency":"usd"}}"#.into(), "payment_method.wallet"),
        (r#"{"payment_method":{"type":"cash"},"amount_details":{"amount":1,"currency":"usd"}}"#.into(), "payment_method.type"),
        (r#"{"payment_method":{"type":"card","card":{"type":"bank_card","bank_card":{"number":"4242424242424242"}}}}"#.into(), "amount_details"),
    ] {
        let (f, m) = err_field(body(Endpoint::InitPayout, &bad));
        assert_eq!(f, field, "{bad}");
        assert!(!m.contains("4242") && !m.contains("BE7"), "{m}");
    }
    // Every documented method (docs/payouts/*): Russian accounts, phones on
    // the Faster Payments System (roubles only), UK accounts, wallets.
    let fps = r#"{"payment_method":{"type":"bank_account","bank_account":{"system_type":"faster_payment_system","faster_payment_system":{"phone":"79001234567","bank_id":"100000000111","description":"Payout"}}},"amount_details":{"amount":1000,"currency":"rub"}}"#;
    for ok in [
        fps.to_string(),
        r#"{"payment_method":{"type":"bank_account","bank_account":{"system_type":"ru","ru":{"bik":"044525974","account":"40817810100000270411","full_name":"Ivanov Ivan","description":"Payout","inn":"123456789012"}}},"amount_details":{"amount":1000,"currency":"rub"}}"#.into(),
        r#"{"payment_method":{"type":"bank_account","bank_account":{"system_type":"global","global":{"description":"Salary","account_type":"CHECKING","sort_code":"12-34-56","account_number":"12345678"}}},"amount_details":{"amount":1000,"currency":"gbp"},"participant_details":{"recipient":{"bank_name":"Bank","currency":"gbp","country_iso3":"GBR","first_name":"J","last_name":"D"},"sender":{"company_name":"Shop"}}}"#.into(),
        r#"{"payment_method":{"type":"wallet","wallet":{"type":"global","global":{"name":"J D","description":"Payout","msisdn":"+447700900123"}}},"amount_details":{"amount":1000,"currency":"gbp"}}"#.into(),
    ] {
        assert!(read(Endpoint::InitPayout, &ok).is_ok(), "{ok}");
    }
    let (f, m) = err_field(body(Endpoint::InitPayout, &fps.replace("rub", "usd")));
    assert_eq!(
        (f.as_str(), m.contains("rub")),
        ("amount_details.currency", true)
    );
    let hash = r#"{"session_id":"ps_1","payment_method":{"type":"card","card":{"type":"encrypted_card","encrypted_card":{"number_hash":"abc"}}}}"#;
    assert!(read(Endpoint::StartPayout, hash).is_ok());
    let create = r#"{"payment_method":{"type":"card","card":{"type":"bank_card","bank_card":{"number":"4000000000000002"}}}}"#;
    assert!(read(Endpoint::SessionCreate, create).is_ok());
    assert!(
        !format!(
            "{:?}",
            read(Endpoint::SessionCreate, create).unwrap().params
        )
        .contains("4000"),
        "Debug never shows a number"
    );
}

#[test]
fn wallet_balance() {
    assert!(read(
        Endpoint::WalletBalance,
        r#"{"request_datetime":"2024-04-10T19:53:00+03:00"}"#
    )
    .is_ok());
    assert_eq!(
        err_field(body(
            Endpoint::WalletBalance,
            r#"{"request_datetime":"yesterday"}"#
        ))
        .0,
        "request_datetime"
    );
}

#[test]
fn size_is_capped() {
    let big = format!(r#"{{"metadata":"{}"}}"#, "x".repeat(MAX_PARAMS_BYTES));
    assert_eq!(
        read(Endpoint::SessionCreate, &big).unwrap_err().code(),
        "payload_too_large"
    );
}

#[test]
fn unknown_fields_pass_only_when_asked_and_known_ones_are_still_checked() {
    use crate::request::ApiVersion;
    let with_new_field = r#"{"payment_details":{"type":"card","card":{"number":"4242424242424242","expiration_month":"05","expiration_year":"29","new_field":1}},"amount_details":{"amount":1,"currency":"usd"},"customer":{},"brand_new":{"x":1}}"#;
    let (f, _) = err_field(body(Endpoint::InitPayment, with_new_field));
    assert_eq!(
        f, "params",
        "refused by default (the root's unknown member first)"
    );
    let sent = read_with(Endpoint::InitPayment, with_new_field, ApiVersion::V1, true).unwrap();
    assert_eq!(sent.body, with_new_field, "sent as written");
    let bad_card = with_new_field.replace("4242424242424242", "4242424242424241");
    match read_with(Endpoint::InitPayment, &bad_card, ApiVersion::V1, true) {
        Err(Error::InvalidParams { field, .. }) => assert_eq!(field, "payment_details.card.number"),
        other => panic!("{other:?}"),
    }
    let repeated = with_new_field.replace(r#""brand_new":{"x":1}"#, r#""brand_new":{"x":1,"x":2}"#);
    assert!(
        read_with(Endpoint::InitPayment, &repeated, ApiVersion::V1, true).is_err(),
        "repeats never pass"
    );
}

#[test]
fn an_fps_payment_is_in_roubles_and_names_its_payer() {
    let fps = |amount: &str, customer: &str, participants: &str| {
        format!(
            r#"{{"payment_details":{{"type":"faster_payment_system"}},"amount_details":{amount},"customer":{customer}{participants}}}"#
        )
    };
    let rub = r#"{"amount":150000,"currency":"rub"}"#;
    assert!(body(
        Endpoint::InitPayment,
        &fps(rub, r#"{"reference":"c1"}"#, "")
    )
    .is_ok());
    let ip = r#","participant_details":{"sender":{"ipv4":"192.0.2.10"}}"#;
    assert!(body(Endpoint::InitPayment, &fps(rub, "{}", ip)).is_ok());
    let (f, m) = err_field(body(
        Endpoint::InitPayment,
        &fps(
            r#"{"amount":100,"currency":"usd"}"#,
            r#"{"reference":"c1"}"#,
            "",
        ),
    ));
    assert_eq!(
        (f.as_str(), m.as_str()),
        (
            "amount_details.currency",
            "must be \"rub\" for a faster_payment_system payment"
        )
    );
    for customer in ["{}", r#"{"reference":" "}"#, r#"{"reference":7}"#] {
        let (f, _) = err_field(body(Endpoint::InitPayment, &fps(rub, customer, "")));
        assert_eq!(f, "customer.reference", "{customer}");
    }
}

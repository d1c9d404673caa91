//! Input strategies: valid documents of each kind, mutated; and alphabets
//! that reach the corners of each parser.

use proptest::prelude::*;

/// Seeds of request bodies (every endpoint's shape).
pub const PARAMS: &[&str] = &[
    r#"{"payment_details":{"type":"card","card":{"type":"bank_card","bank_card":{"number":"4242424242424242","expiration_month":"05","expiration_year":"25","security_code":"123"}}},"amount_details":{"amount":10000,"currency":"USD"},"customer":{"reference":"lucky","contacts":[{"email":"a@b.c"}]},"payment_options":{"return_url":"https://website.com","recurrent":true}}"#,
    r#"{"session_id":"ps_3230","payment_details":{"type":"recurrent","recurrent":{"token":"t","initiator":"client"}},"metadata":[1,{"a":null}]}"#,
    r#"{"session_id":"3230","amount_details":{"amount":1,"currency":"EUR"}}"#,
    r#"{"token":"tok"}"#,
    r#"{"payment_method":{"type":"card","card":{"type":"bank_card","bank_card":{"number":"4000000000000002"}}},"amount_details":{"amount":1000,"currency":"usd"},"participant_details":{"recipient":{"first_name":"J"}}}"#,
    r#"{"payment_method":{"type":"bank_account","bank_account":{"system_type":"global","global":{"iban":"BE71096123456769","description":"d"}}},"amount_details":{"amount":1,"currency":"eur"}}"#,
    r#"{"acquiring_widget":{"session_id":"ps_1","locale":"en","show_recurrent_checkbox":true,"success_return_url":"https://s.test/ok"}}"#,
    r#"{"type":"card","card":{"type":"encrypted_card","encrypted_card":{"number_hash":"h"}}}"#,
    r#"{"request_datetime":"2024-04-10T19:53:00+03:00"}"#,
    r#"{"payment_details":{"type":"card","card":{"number":"4242424242424242","expiration_month":"12","expiration_year":"2029","cardholder_name":"J D"}},"payment_options":{"return_url":"dummy:/url"}}"#,
];

/// Seeds of webhooks and answers (live shapes included).
pub const EVENTS: &[&str] = &[
    r#"{"type":"action_required","session":{"id":"ps_1","status":"in_progress","next_action":"confirm","acquiring_payments":[{"id":"pm_1","status":"pending","payment_details":{"type":"card","card":{"brand":"visa","last4":"4242","number":"4000000000003220"}},"amount_details":{"amount":15000,"currency":"usd"},"recurrent":{"token":"tok_secret"},"customer_interaction":{"type":"redirect","redirect":{"url":"https://a.b?x=1","base_url":"https://a.b","method":"POST","qs":{"x":"1"},"params":{"PaReq":"p","MD":7}}}}]}}"#,
    r#"{"type":"payment_refunded","session":{"id":"ps_3230","status":"accepted","acquiring_payments":[{"id":"pm_2705","status":"succeeded","amount_details":{"amount":1000,"currency":"usd"},"refunds":[{"id":"rf_203","status":"accepted","is_chargeback":true,"amount_details":{"amount":1000,"currency":"usd"}}]}]}}"#,
    r#"{"type":"payment_finished","session":{"id":"ps_2","status":"error","payments":[{"id":"po_1","status":"failed","payment_method":{"type":"card","card":{"last4":"4242","brand":"visa","bin":"444600"}},"amount_details":{"amount":10000,"currency":"usd"},"error":{"code":"c","description":"d","reject_reasons":[{"rule_alias":"r"}]},"amounts":{"fee":{"merchant_fee":{"amount":10}}}}]}}"#,
    r#"{"status":"ok","session":{"id":"ps_1","status":"created","payment_list":[]}}"#,
    r#"{"status":"error","error":{"code":"idempotency_key_already_exists","description":"d"}}"#,
    r#"{"status":"ok","recurrent":{"token":"t","is_active":true},"public_token":"x","info":{"last4":"4242"}}"#,
];

/// Seeds of views a page receives.
pub const VIEWS: &[&str] = &[
    r#"{"session_id":"ps_1","kind":"payment","state":"partially_refunded","final":true,"amount":1000,"currency":"usd","card":{"brand":"visa","last4":"4242"},"refunded_amount":400,"chargeback":false,"failure":null,"redirect":null,"updated_at":"t"}"#,
    r#"{"session_id":"ps_1","state":"action_required","final":false,"redirect":{"url":"https://acs.test/?a=1","base_url":"https://acs.test/","method":"POST","qs":{"a":1e21},"params":{"PaReq":"x","MD":true}}}"#,
];

/// Seeds of client configurations.
pub const CONFIGS: &[&str] = &[
    r#"{"project":"demo","signingKey":"s3cret","baseUrl":"http://127.0.0.1:4010","timeoutMs":5000,"maxRetries":2,"submerchant":"sub-1"}"#,
    r#"{"project":"demo","privateKey":"-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----","webhookPublicKey":"x"}"#,
];

/// Bytes that matter to JSON, and some that do not.
pub const TOKENS: &[&[u8]] = &[
    b"{",
    b"}",
    b"[",
    b"]",
    b"\"",
    b",",
    b":",
    b"\\",
    b"\\u",
    b"\\ud800",
    b"null",
    b"-1",
    b"1e999",
    b"0.5",
    b"9007199254740992",
    b"18446744073709551616",
    "é".as_bytes(),
    "\u{1F4B3}".as_bytes(),
    b"\xff",
    b"\x00",
    b" ",
    b"\n",
    b"%",
    b"%zz",
    b"&",
    b"=",
    b"4242424242424242",
    b"\"amount\":",
    b"\"currency\":\"USD\"",
    b"\"session_id\":\"ps_1\",",
    b"{\"a\":1,\"a\":2}",
];

/// `seeds`, each mutated up to eight times (cut, flip, insert a token, drop).
pub fn mutated(seeds: &'static [&'static str]) -> impl Strategy<Value = Vec<u8>> {
    (
        0..seeds.len(),
        prop::collection::vec((0u8..4, any::<usize>(), any::<u8>(), 0..TOKENS.len()), 0..8),
    )
        .prop_map(move |(i, edits)| {
            let mut v = seeds[i].as_bytes().to_vec();
            for (kind, at, byte, token) in edits {
                match kind {
                    0 if !v.is_empty() => v.truncate(at % v.len()),
                    1 if !v.is_empty() => {
                        let n = v.len();
                        v[at % n] = byte;
                    }
                    2 => {
                        let at = at % (v.len() + 1);
                        v.splice(at..at, TOKENS[token].iter().copied());
                    }
                    _ if !v.is_empty() => {
                        let n = v.len();
                        v.remove(at % n);
                    }
                    _ => {}
                }
            }
            v
        })
}

pub fn mutated_params() -> impl Strategy<Value = Vec<u8>> {
    mutated(PARAMS)
}

pub fn mutated_events() -> impl Strategy<Value = Vec<u8>> {
    mutated(EVENTS)
}

pub fn mutated_views() -> impl Strategy<Value = Vec<u8>> {
    mutated(VIEWS)
}

pub fn mutated_configs() -> impl Strategy<Value = Vec<u8>> {
    mutated(CONFIGS)
}

pub fn mutated_json() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        mutated(PARAMS),
        mutated(EVENTS),
        prop::collection::vec(any::<u8>(), 0..64)
    ]
}

/// Short strings over JSON's own alphabet (where parsers disagree if at all).
pub fn json_alphabet() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(
        prop_oneof![
            Just(b'{'),
            Just(b'}'),
            Just(b'['),
            Just(b']'),
            Just(b'"'),
            Just(b','),
            Just(b':'),
            Just(b'\\'),
            Just(b'u'),
            Just(b'0'),
            Just(b'1'),
            Just(b'-'),
            Just(b'.'),
            Just(b'e'),
            Just(b' '),
            Just(b'n'),
            Just(b't'),
            Just(b'a'),
            any::<u8>()
        ],
        0..40,
    )
}

/// Strings shaped like URLs, with the characters that trick parsers.
pub fn url_like() -> impl Strategy<Value = String> {
    prop_oneof![
        "(https?|HTTPS|javascript|data|ftp)://[a-z0-9.:@\\[\\]\\\\/ ?#%&=-]{0,30}",
        "(/|//)[a-z0-9./?#%&=-]{0,20}",
        ".{0,30}",
    ]
}

/// Strings shaped like form bodies.
pub fn form_like() -> impl Strategy<Value = String> {
    prop_oneof!["([A-Za-z]{1,6}=[A-Za-z0-9%+&=]{0,12}&){0,6}", ".{0,60}"]
}

/// PEM-like texts: real labels around arbitrary or near-DER base64.
pub fn pem_like() -> impl Strategy<Value = String> {
    (
        prop_oneof![
            Just("PRIVATE KEY"),
            Just("PUBLIC KEY"),
            Just("RSA PRIVATE KEY"),
            Just("ENCRYPTED PRIVATE KEY")
        ],
        prop::collection::vec(any::<u8>(), 0..200),
        any::<bool>(),
    )
        .prop_map(|(label, der, close)| {
            let mut der = der;
            if !der.is_empty() {
                der[0] = 0x30;
            }
            let body = smart_glocal::signature::base64::encode(&der);
            let end = if close {
                format!("\n-----END {label}-----")
            } else {
                String::new()
            };
            format!("-----BEGIN {label}-----\n{body}{end}")
        })
}

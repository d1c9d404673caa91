//! Request bodies as logs may show them: card numbers, security codes,
//! expiry dates, cardholder names, tokens and account numbers replaced, by
//! the names they go by anywhere in the body; and any key, string or number
//! holding a secret of a recognisable shape ([`looks_secret`]: a card number
//! with or without separators, an IBAN, a hex token) whatever its name.

mod shapes;

use crate::json::{self, Kind, Value};
use crate::prelude::*;
pub use shapes::looks_secret;

/// Members whose values never reach a log or a hook.
pub const REDACTED_FIELDS: [&str; 20] = [
    "number",
    "security_code",
    "expiration_month",
    "expiration_year",
    "cardholder_name",
    "token",
    "number_hash",
    "iban",
    "public_token",
    "recurrent_token",
    "subscription_token",
    "account",
    "account_number",
    "sort_code",
    "pan",
    "card_number",
    "cvv",
    "cvc",
    "password",
    "encrypted_card",
];

/// What replaces a redacted value.
pub const REDACTED: &str = "[redacted]";

/// `body` (a JSON object) with every redacted member's value replaced; a
/// body that is not a JSON object is replaced whole.
pub fn redact_body(body: &str) -> String {
    let Ok(doc) = json::parse(body.as_bytes()) else {
        return REDACTED.into();
    };
    if doc.root().kind() != Kind::Object {
        return REDACTED.into();
    }
    let mut spans = Vec::new();
    collect(doc.root(), &mut spans);
    spans.sort_by_key(|s| s.start);
    let mut out = String::with_capacity(body.len());
    let mut at = 0;
    for span in spans {
        if span.start < at {
            continue;
        }
        out.push_str(&body[at..span.start]);
        out.push('"');
        out.push_str(REDACTED);
        out.push('"');
        at = span.end;
    }
    out.push_str(&body[at..]);
    out
}

fn collect(v: Value<'_>, spans: &mut Vec<core::ops::Range<usize>>) {
    match v.kind() {
        Kind::Object => {
            for (k, child) in v.members() {
                let name = k.as_str().unwrap_or_default();
                if looks_secret(&name) {
                    spans.push(k.span());
                }
                if REDACTED_FIELDS.contains(&name.as_ref()) {
                    spans.push(child.span());
                } else {
                    collect(child, spans);
                }
            }
        }
        Kind::Array => v.elements().for_each(|c| collect(c, spans)),
        Kind::Number if looks_secret(v.raw()) => spans.push(v.span()),
        Kind::String if v.as_str().is_some_and(|s| looks_secret(&s)) => spans.push(v.span()),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redacts_by_name_anywhere() {
        let body = r#"{"payment_details":{"type":"card","card":{"type":"bank_card","bank_card":{"number":"4242424242424242","expiration_month":"05","expiration_year":"29","security_code":"123","cardholder_name":"J D"}}},"amount_details":{"amount":100,"currency":"usd"},"metadata":{"list":[{"token":"tok_1"}]}}"#;
        let out = redact_body(body);
        for secret in ["4242", "\"05\"", "\"29\"", "123", "J D", "tok_1"] {
            assert!(!out.contains(secret), "{secret} in {out}");
        }
        assert!(out.contains(r#""amount":100"#) && out.contains(r#""number":"[redacted]""#));
        assert_eq!(
            redact_body(r#"{"acquiring_widget":{"session_id":"ps_1"},"public_token":"x"}"#),
            r#"{"acquiring_widget":{"session_id":"ps_1"},"public_token":"[redacted]"}"#
        );
        assert_eq!(redact_body("4242424242424242"), REDACTED);
        // A card number where no name says so: as a key, in metadata, as a number.
        let odd = r#"{"4242424242424242x":1,"metadata":{"note":"card 4000000000000002 ok","n":4242424242424242,"order":12345}}"#;
        let out = redact_body(odd);
        assert!(!out.contains("4242") && !out.contains("4000"), "{out}");
        assert!(out.contains("12345"), "short numbers stay: {out}");
        assert_eq!(redact_body("{not json 4242"), REDACTED);
    }

    #[test]
    fn redacts_by_shape_whatever_the_name() {
        let body = r#"{"metadata":{"pan":"4111 1111 1111 1111","note":"card 4111-1111-1111-1111 please","zw":"4111\u200b1111\u200b1111\u200b1111","recurrent_token":"rt_1","who":{"account":"40817810099910004312"},"bank":"DE89 3704 0044 0532 0130 00","t":"feda2b2106a2e8747bbdc4c9f53c7f5f6ab845ffa1b7cc68ca839720af99b3d1","order":"A-1001"}}"#;
        let out = redact_body(body);
        for secret in ["4111", "rt_1", "40817", "DE89", "feda2b"] {
            assert!(!out.contains(secret), "{secret} in {out}");
        }
        assert!(out.contains(r#""order":"A-1001""#), "{out}");
        assert_eq!(out.matches(REDACTED).count(), 7, "{out}");
    }
}

//! Request bodies as logs may show them: card numbers, security codes,
//! expiry dates, cardholder names, tokens and account numbers replaced, by
//! the names they go by anywhere in the body; and any key, string or number
//! holding twelve digits in a row (a card number where it should not be).

use crate::json::{self, Kind, Value};
use crate::prelude::*;

/// Members whose values never reach a log or a hook.
pub const REDACTED_FIELDS: [&str; 9] = [
    "number",
    "security_code",
    "expiration_month",
    "expiration_year",
    "cardholder_name",
    "token",
    "number_hash",
    "iban",
    "public_token",
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
                if has_digit_run(&name) {
                    spans.push(k.span());
                }
                if REDACTED_FIELDS.contains(&name.as_ref()) && child.kind() != Kind::Object {
                    spans.push(child.span());
                } else {
                    collect(child, spans);
                }
            }
        }
        Kind::Array => v.elements().for_each(|c| collect(c, spans)),
        Kind::String | Kind::Number if has_digit_run(v.raw()) => spans.push(v.span()),
        _ => {}
    }
}

/// Twelve or more digits in a row (the shortest card number).
fn has_digit_run(s: &str) -> bool {
    let mut run = 0;
    for b in s.bytes() {
        run = if b.is_ascii_digit() { run + 1 } else { 0 };
        if run >= 12 {
            return true;
        }
    }
    false
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
}

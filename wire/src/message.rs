//! serde's errors as the SDK's `malformed_payload`: the position kept, any
//! value serde quoted taken out (a card number must never reach a message).

use smart_glocal::Error;

/// A JSON syntax or shape error of a payload, with its position. The
/// message is cleaned of any value it quoted.
pub fn malformed(err: &serde_json::Error) -> Error {
    Error::MalformedPayload {
        field: String::new(),
        line: err.line(),
        column: err.column(),
        message: safe_message(err),
    }
}

/// The part of a serde message that is safe to show.
///
/// serde quotes the offending value in `invalid type: string "4242…",
/// expected …`. A card number or security code must never reach a message,
/// so the quoted value is replaced by its kind only, and positions (which we
/// report separately) are dropped.
pub fn safe_message(err: &serde_json::Error) -> String {
    use serde_json::error::Category;
    match err.classify() {
        Category::Io => "could not read input".into(),
        Category::Eof => "unexpected end of input".into(),
        Category::Syntax => strip_position(&err.to_string()),
        Category::Data => redact_data_message(&strip_position(&err.to_string())),
    }
}

fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

/// `invalid type: string "secret", expected u64` -> `invalid type: string, expected u64`.
/// Messages that carry no value (`missing field `x``) are kept.
fn redact_data_message(msg: &str) -> String {
    for prefix in ["invalid type: ", "invalid value: ", "invalid length "] {
        if let Some(rest) = msg.strip_prefix(prefix) {
            let kind = rest.split([' ', ',']).next().unwrap_or("value");
            let expected = rest
                .rfind(", expected ")
                .map(|i| &rest[i + 2..])
                .unwrap_or("");
            let kind = match kind {
                "floating" => "floating point number",
                "unit" => "null",
                k => k,
            };
            return if expected.is_empty() {
                format!("{}{kind}", prefix)
            } else {
                format!("{}{kind}, {expected}", prefix)
            };
        }
    }
    if msg.starts_with("unknown variant ") {
        // `unknown variant `4242…`, expected one of …`: keep the list only.
        return match msg.rfind(", expected ") {
            Some(i) => format!("unknown variant, {}", &msg[i + 2..]),
            None => "unknown variant".into(),
        };
    }
    msg.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_messages_never_quote_values() {
        let err = serde_json::from_str::<u64>("\"4242424242424242\"").unwrap_err();
        let msg = safe_message(&err);
        assert!(!msg.contains("4242"), "{msg}");
        assert!(msg.contains("expected u64"), "{msg}");

        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        enum E {
            A,
        }
        let err = serde_json::from_str::<E>("\"4242424242424242\"").unwrap_err();
        let msg = safe_message(&err);
        assert!(!msg.contains("4242"), "{msg}");
        assert!(msg.contains("expected `A`"), "{msg}");

        let err = serde_json::from_str::<String>("123").unwrap_err();
        let msg = safe_message(&err);
        assert!(!msg.contains("123"), "{msg}");
        assert_eq!(msg, "invalid type: integer, expected a string");
    }
}

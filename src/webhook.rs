//! Webhooks: raw bytes + `X-PARTNER-SIGN` → typed event.
//!
//! The signature is checked over the bytes exactly as received, before any
//! parsing. Parsing never panics: bad input becomes `malformed_payload`
//! naming the line and column. Webhooks carry no timestamp, so replay
//! protection comes from idempotent processing: see [`dedup_key`].

use crate::error::Error;
use crate::model::{self, WebhookEvent};

/// The header that carries the signature.
pub const SIGNATURE_HEADER: &str = crate::request::HEADER_SIGN;

/// Parses a webhook body that has already been verified.
pub fn parse_event(body: &[u8]) -> Result<WebhookEvent, Error> {
    model::parse(body)
}

/// The signature to check: `None`, empty or blank is `missing_signature`.
pub fn require_signature(signature: Option<&str>) -> Result<&str, Error> {
    signature
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .ok_or(Error::MissingSignature)
}

/// Verifies `signature` over `body`, then parses the event.
///
/// `None` or an empty signature is `missing_signature`; a signature that is
/// malformed or does not match is `bad_signature`.
#[cfg(feature = "signing")]
pub fn verify_event(
    verifier: &impl crate::signature::Verifier,
    body: &[u8],
    signature: Option<&str>,
) -> Result<WebhookEvent, Error> {
    verifier.verify(body, require_signature(signature)?)?;
    parse_event(body)
}

/// What identifies a delivery for deduplication: session id, event type and
/// the status of the current payment (`-` when there is none). The same
/// delivery sent twice yields the same key.
pub fn dedup_key(event: &WebhookEvent) -> String {
    let payment = event
        .session
        .current_payment()
        .map(|p| p.status.as_str())
        .unwrap_or("-");
    format!("{}:{}:{}", event.session.id, event.kind, payment)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn malformed_bodies_name_the_position_and_never_panic() {
        match parse_event(b"{\"type\":\"ready_to_confirm\",\n\"session\": {\"id\": 1}}") {
            Err(Error::MalformedPayload {
                line,
                column,
                message,
            }) => {
                assert_eq!(line, 2);
                assert!(column > 1);
                assert!(message.contains("expected a string"), "{message}");
                assert!(!message.contains('1'), "no value quoted: {message}");
            }
            other => panic!("{other:?}"),
        }
        // A deterministic spray of byte strings: every one is an error or an
        // event, never a panic.
        let base = br#"{"type":"payment_finished","session":{"id":"ps_1","status":"accepted","acquiring_payments":[{"id":"pm_1","status":"succeeded"}]}}"#;
        assert!(parse_event(base).is_ok());
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..20_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let mut bytes = base.to_vec();
            let cut = (seed as usize) % (bytes.len() + 1);
            bytes.truncate(cut);
            let pos = (seed >> 20) as usize % (bytes.len().max(1));
            if !bytes.is_empty() {
                bytes[pos] = (seed >> 40) as u8;
            }
            let _ = parse_event(&bytes);
        }
        assert!(matches!(
            parse_event(b""),
            Err(Error::MalformedPayload { line: 1, .. })
        ));
        assert!(matches!(
            parse_event(b"{\"type\":\"x\",\"session\":{\"id\":\"a\",\"status\":\"b\"}} trailing"),
            Err(Error::MalformedPayload { .. })
        ));
    }

    #[cfg(feature = "signing")]
    #[test]
    fn verification_comes_first() {
        use crate::signature::{HmacSha256, Signer};
        let key = HmacSha256::new(b"demo-secret").unwrap();
        let body = br#"{"type":"brand_new_type","session":{"id":"ps_1","status":"created","future_field":[1]}}"#;
        let sig = key.sign(body);
        let ev = verify_event(&key, body, Some(&sig)).unwrap();
        assert_eq!(ev.kind.as_str(), "brand_new_type");
        assert_eq!(dedup_key(&ev), "ps_1:brand_new_type:-");
        assert_eq!(verify_event(&key, body, None), Err(Error::MissingSignature));
        assert_eq!(
            verify_event(&key, body, Some(" ")),
            Err(Error::MissingSignature)
        );
        assert_eq!(
            verify_event(&key, b"{not json", Some(&sig)),
            Err(Error::BadSignature),
            "an unsigned body is never parsed"
        );
        let garbage = b"{not json";
        let gsig = key.sign(garbage);
        assert!(matches!(
            verify_event(&key, garbage, Some(&gsig)),
            Err(Error::MalformedPayload { .. })
        ));
    }
}

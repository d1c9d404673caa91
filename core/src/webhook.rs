//! Webhooks: raw bytes + `X-PARTNER-SIGN` → the event.
//!
//! The signature is checked over the bytes exactly as received, before any
//! parsing. Parsing never panics: bad input becomes `malformed_payload`
//! naming the line and column, or the field. Webhooks carry no timestamp,
//! so replay protection comes from idempotent processing: see
//! [`crate::session::dedup_key`].

use crate::error::Error;
use crate::session::EventFacts;
use crate::tree::{Path, Reader};

/// The signature to check: `None`, empty or blank is `missing_signature`.
pub fn require_signature(signature: Option<&str>) -> Result<&str, Error> {
    signature
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .ok_or(Error::MissingSignature)
}

/// Reads a webhook body that has already been verified.
pub fn parse_event(body: &[u8]) -> Result<EventFacts, Error> {
    let doc = crate::json::parse(body).map_err(|e| Error::syntax(&e))?;
    crate::session::read_event(&Reader::API, &doc.root(), &Path::root(""))
}

/// Verifies `signature` over `body`, then reads the event.
///
/// `None` or an empty signature is `missing_signature`; a signature that is
/// malformed or does not match is `bad_signature`.
#[cfg(feature = "signing")]
pub fn verify_event(
    verifier: &impl crate::signature::Verifier,
    body: &[u8],
    signature: Option<&str>,
) -> Result<EventFacts, Error> {
    verifier.verify(body, require_signature(signature)?)?;
    parse_event(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn malformed_bodies_name_the_position_and_never_panic() {
        match parse_event(b"{\"type\":\"ready_to_confirm\",\n\"session\": {\"id\": 1}}") {
            Err(Error::MalformedPayload {
                field,
                line,
                column,
                message,
            }) => {
                assert_eq!(field, "session.id");
                assert_eq!((line, column), (2, 19));
                assert_eq!(message, "must be a string");
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
        assert_eq!(
            crate::session::dedup_key(&ev),
            "ps_1:brand_new_type:created:-:0"
        );
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

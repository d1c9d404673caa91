//! One call, planned: its options, its checked body, its idempotency key
//! and the request to sign.

use super::ClientSpec;
use crate::error::Error;
use crate::prelude::*;
use crate::request::{
    key_plan, validate_submerchant, AnswerPart, Endpoint, KeyPlan, UnsignedRequest,
};
use crate::tree::{only_known, Node, Path, Reader};

/// `opts` of a call.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CallOptions {
    pub idempotency_key: Option<String>,
    /// Overrides the client's `submerchant` for this call.
    pub submerchant: Option<String>,
    /// `passUnknownFields: true`: members of the body this SDK does not know
    /// are sent as written (known ones are still checked).
    pub pass_unknown_fields: bool,
}

/// Reads a call's `opts` (absent is none).
pub fn read_call_options<N: Node>(opts: Option<&N>) -> Result<CallOptions, Error> {
    let r = Reader::caller("opts");
    let path = Path::root("opts");
    let Some(opts) = opts else {
        return Ok(CallOptions::default());
    };
    only_known(
        &r,
        opts,
        &path,
        &["idempotencyKey", "submerchant", "passUnknownFields"],
    )?;
    let submerchant = r.string(opts, &path, "submerchant")?;
    if let Some(s) = &submerchant {
        validate_submerchant(s, "opts.submerchant")?;
    }
    Ok(CallOptions {
        idempotency_key: r.string(opts, &path, "idempotencyKey")?,
        submerchant,
        pass_unknown_fields: r
            .boolean(opts, &path, "passUnknownFields")?
            .unwrap_or(false),
    })
}

/// A planned call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallPlan {
    pub endpoint: Endpoint,
    pub answer_part: AnswerPart,
    pub request: UnsignedRequest,
    pub idempotency_key: Option<String>,
    /// Whether the body differs from the caller's text (normalised); when
    /// not, it is those bytes exactly.
    pub body_edited: bool,
}

impl ClientSpec {
    /// Checks `params_text` for `endpoint` and builds the request to sign.
    /// `draw` gives 16 random bytes when a key must be drawn (a mutating
    /// call without the caller's key); it is called at most once.
    pub fn plan(
        &self,
        endpoint: Endpoint,
        params_text: &str,
        opts: CallOptions,
        draw: impl FnOnce() -> Result<[u8; crate::request::DRAWN_KEY_BYTES], Error>,
    ) -> Result<CallPlan, Error> {
        let checked = crate::params::read_with(
            endpoint,
            params_text,
            self.target.version(),
            opts.pass_unknown_fields,
        )?;
        let (body, body_edited) = (checked.body, checked.edited);
        let key = match key_plan(endpoint, opts.idempotency_key)? {
            KeyPlan::Given(k) => Some(k),
            KeyPlan::Draw => Some(crate::request::drawn_key(&draw()?)),
            KeyPlan::None => None,
        };
        let submerchant = opts.submerchant.or_else(|| self.submerchant.clone());
        let request = self.target.prepare(
            endpoint,
            body.into_bytes(),
            key.as_deref(),
            submerchant.as_deref(),
        )?;
        Ok(CallPlan {
            endpoint,
            answer_part: endpoint.answer_part(),
            request,
            idempotency_key: key,
            body_edited,
        })
    }
}

/// The body of a call on one session (`confirm(sessionId)`,
/// `refund(sessionId, amountDetails, { metadata })`): `session_id` must
/// have been a string (`None` when it was not); `amount_details` and
/// `metadata` are JSON text (checked with the body by `params::read`).
pub fn session_body(
    session_id: Option<&str>,
    amount_details: Option<&str>,
    metadata: Option<&str>,
) -> Result<String, Error> {
    let id = session_id.ok_or_else(|| Error::invalid("sessionId", "must be a string"))?;
    let mut body = String::from("{\"session_id\":");
    crate::json::write_escaped(&mut body, id);
    for (name, value) in [("amount_details", amount_details), ("metadata", metadata)] {
        if let Some(text) = value {
            body.push_str(",\"");
            body.push_str(name);
            body.push_str("\":");
            body.push_str(text);
        }
    }
    body.push('}');
    Ok(body)
}

/// The body of `recurrent/status` and `recurrent/disable`:
/// `{"recurrent":{"token":…}}`, as the reference sends it
/// (developer.smart-glocal.com/docs/reference/methods/recurrent-disable).
pub fn recurrent_body(token: Option<&str>) -> Result<String, Error> {
    let token = token.ok_or_else(|| Error::invalid("token", "must be a string"))?;
    let mut body = String::from("{\"recurrent\":{\"token\":");
    crate::json::write_escaped(&mut body, token);
    body.push_str("}}");
    Ok(body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::client::read_config;

    fn spec() -> ClientSpec {
        let doc = crate::json::parse(br#"{"project":"demo","signingKey":"k","baseUrl":"http://127.0.0.1:4010","submerchant":"shop-1"}"#).unwrap();
        read_config(Some(&doc.root())).unwrap()
    }

    fn opts(text: &str) -> Result<CallOptions, Error> {
        let doc = crate::json::parse(text.as_bytes()).unwrap();
        read_call_options(Some(&doc.root()))
    }

    #[test]
    fn plans_keys_and_headers() {
        let s = spec();
        let body = session_body(Some("ps_\"1"), None, None).unwrap();
        assert_eq!(body, r#"{"session_id":"ps_\"1"}"#);
        let drawn = s
            .plan(Endpoint::Confirm, &body, CallOptions::default(), || {
                Ok([7; 16])
            })
            .unwrap();
        assert_eq!(
            drawn.idempotency_key.as_deref(),
            Some("07070707070707070707070707070707")
        );
        assert_eq!(
            drawn.request.request().header("X-PARTNER-SUBMERCHANT"),
            Some("shop-1")
        );
        assert_eq!(
            drawn.request.request().url,
            "http://127.0.0.1:4010/api/v1/session/confirm"
        );
        let given = s
            .plan(
                Endpoint::Confirm,
                &body,
                opts(r#"{"idempotencyKey":"order-1","submerchant":"other"}"#).unwrap(),
                || panic!("no draw"),
            )
            .unwrap();
        assert_eq!(given.idempotency_key.as_deref(), Some("order-1"));
        assert_eq!(
            given.request.request().header("X-PARTNER-SUBMERCHANT"),
            Some("other")
        );
        let read = s
            .plan(Endpoint::Status, &body, CallOptions::default(), || {
                panic!("no draw")
            })
            .unwrap();
        assert_eq!(read.idempotency_key, None);
        assert_eq!(read.answer_part, AnswerPart::Session);
        assert!(s
            .plan(Endpoint::Confirm, "{}", CallOptions::default(), || Ok(
                [0; 16]
            ))
            .is_err());
        assert_eq!(
            session_body(None, None, None).unwrap_err(),
            Error::invalid("sessionId", "must be a string")
        );
        assert_eq!(
            session_body(Some("ps_1"), Some(r#"{"amount":5,"currency":"EUR"}"#), None).unwrap(),
            r#"{"session_id":"ps_1","amount_details":{"amount":5,"currency":"EUR"}}"#
        );
        let refund = session_body(Some("ps_1"), None, Some(r#"{"reason":"return"}"#)).unwrap();
        assert_eq!(
            refund,
            r#"{"session_id":"ps_1","metadata":{"reason":"return"}}"#
        );
        assert!(s
            .plan(Endpoint::Refund, &refund, CallOptions::default(), || Ok(
                [1; 16]
            ))
            .is_ok());
        assert!(
            s.plan(Endpoint::Capture, &refund, CallOptions::default(), || Ok(
                [1; 16]
            ))
            .is_err(),
            "a capture takes no metadata"
        );
        assert_eq!(
            recurrent_body(Some("t")).unwrap(),
            r#"{"recurrent":{"token":"t"}}"#
        );
        assert!(
            matches!(opts(r#"{"idempotencyKy":"x"}"#), Err(Error::InvalidParams { ref field, .. }) if field == "opts")
        );
        assert!(
            matches!(opts(r#"{"idempotencyKey":5}"#), Err(Error::InvalidParams { ref field, .. }) if field == "opts.idempotencyKey")
        );
        assert!(opts(r#"{"submerchant":""}"#).is_err());
    }
}

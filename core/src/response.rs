//! Interpretation of an API answer: HTTP status + body → what the call
//! returns, or an error.

use crate::error::Error;
use crate::prelude::*;
use crate::request::AnswerPart;
use crate::tree::{Kind, Node, Path, Reader};

/// Reads an answer of the API. `body` is the parsed body, or the error of a
/// body that is not JSON (with its position).
///
/// - the error envelope, whatever the HTTP status → `api_error` with the
///   API's code and description and the HTTP status;
/// - a non-2xx status without an envelope → `http_error`;
/// - a 2xx status with a body that is not the envelope → `malformed_payload`;
/// - otherwise what `returns` names (a session is checked: every amount
///   within 2^53 − 1), handed back as the node the API sent.
pub fn interpret<N: Node>(
    status: u16,
    body: Result<N, Error>,
    returns: AnswerPart,
) -> Result<N, Error> {
    let ok = (200..300).contains(&status);
    let root = match body {
        Ok(root) if root.kind() == Kind::Object => root,
        Ok(_) | Err(_) if !ok => return Err(Error::Http { status }),
        Ok(root) => {
            return Err(Reader::API.error(
                Some(&root),
                &Path::root(""),
                "the answer must be an object",
            ))
        }
        Err(e) => return Err(e),
    };
    let r = Reader::API;
    let path = Path::root("");
    let envelope_status = r.string(&root, &path, "status")?;
    let error = r.object(&root, &path, "error")?;
    if envelope_status.as_deref() == Some("error") || error.is_some() || !ok {
        return Err(match error {
            Some(e) => {
                let ep = path.key("error");
                Error::Api {
                    status,
                    code: r.string(&e, &ep, "code")?.unwrap_or_default(),
                    description: r.string(&e, &ep, "description")?.unwrap_or_default(),
                }
            }
            None if ok => Error::Api {
                status,
                code: String::new(),
                description: "the answer says status error without details".into(),
            },
            None => Error::Http { status },
        });
    }
    if envelope_status.as_deref() != Some("ok") {
        return Err(Error::Api {
            status,
            code: String::new(),
            description: "the answer's status is not ok".into(),
        });
    }
    match returns.key() {
        None => Ok(root),
        Some(key) => {
            let member = r
                .object(&root, &path, key)?
                .ok_or_else(|| Error::MalformedPayload {
                    field: key.into(),
                    line: 0,
                    column: 0,
                    message: cat(&["the answer has no `", key, "`"]),
                })?;
            if returns == AnswerPart::Session {
                crate::session::read_session(&r, &member, &path.key(key))?;
            }
            Ok(member)
        }
    }
}

/// [`interpret`] of a JSON text (native callers and tests).
pub fn interpret_text(status: u16, body: &[u8], returns: AnswerPart) -> Result<String, Error> {
    let doc = crate::json::parse(body);
    let parsed = match &doc {
        Ok(d) => Ok(d.root()),
        Err(e) => Err(Error::syntax(e)),
    };
    interpret(status, parsed, returns).map(|v| v.raw().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcomes() {
        let ok = br#"{"status":"ok","session":{"id":"ps_1","status":"created"}}"#;
        assert_eq!(
            interpret_text(200, ok, AnswerPart::Session).unwrap(),
            r#"{"id":"ps_1","status":"created"}"#
        );
        let err = br#"{"status":"error","error":{"code":"invalid_session","description":"no such session"}}"#;
        assert_eq!(
            interpret_text(404, err, AnswerPart::Session),
            Err(Error::Api {
                status: 404,
                code: "invalid_session".into(),
                description: "no such session".into()
            })
        );
        assert!(matches!(
            interpret_text(200, err, AnswerPart::Session),
            Err(Error::Api { status: 200, .. })
        ));
        assert_eq!(
            interpret_text(502, b"<html>bad gateway</html>", AnswerPart::Session),
            Err(Error::Http { status: 502 })
        );
        assert_eq!(
            interpret_text(500, ok, AnswerPart::Session),
            Err(Error::Http { status: 500 })
        );
        assert!(matches!(
            interpret_text(200, b"<html>", AnswerPart::Session),
            Err(Error::MalformedPayload {
                line: 1,
                column: 1,
                ..
            })
        ));
        assert!(matches!(
            interpret_text(200, br#"{"status":"pending"}"#, AnswerPart::Session),
            Err(Error::Api { .. })
        ));
        assert!(matches!(
            interpret_text(200, br#"{"status":"ok"}"#, AnswerPart::Session),
            Err(Error::MalformedPayload { .. })
        ));
        let token = br#"{"status":"ok","public_token":"e065c2f1"}"#;
        assert_eq!(
            interpret_text(200, token, AnswerPart::Whole).unwrap(),
            String::from_utf8_lossy(token)
        );
        let big = br#"{"status":"ok","session":{"id":"ps_1","status":"accepted","acquiring_payments":[{"id":"pm","status":"succeeded","amount_details":{"amount":9007199254740993,"currency":"usd"}}]}}"#;
        assert!(matches!(
            interpret_text(200, big, AnswerPart::Session),
            Err(Error::MalformedPayload { ref field, .. }) if field == "session.acquiring_payments[0].amount_details.amount"
        ));
    }
}

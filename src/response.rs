//! Interpretation of an API answer: HTTP status + body → envelope or error.

use crate::error::Error;
use crate::model::{self, Envelope, EnvelopeStatus};

/// Reads an answer of the API.
///
/// - the error envelope, whatever the HTTP status → `api_error` with the
///   API's code and description and the HTTP status;
/// - a non-2xx status without an envelope → `http_error`;
/// - a 2xx status with a body that is not the envelope → `malformed_payload`;
/// - otherwise the envelope.
pub fn parse_response(status: u16, body: &[u8]) -> Result<Envelope, Error> {
    let ok = (200..300).contains(&status);
    let env: Envelope = match model::parse(body) {
        Ok(env) => env,
        Err(e) if ok => return Err(e),
        Err(_) => return Err(Error::Http { status }),
    };
    if env.status == EnvelopeStatus::Error || env.error.is_some() || !ok {
        return Err(match env.error {
            Some(err) => Error::Api {
                status,
                code: err.code,
                description: err.description,
            },
            None if ok => Error::Api {
                status,
                code: String::new(),
                description: format!("status {}", env.status),
            },
            None => Error::Http { status },
        });
    }
    if env.status != EnvelopeStatus::Ok {
        return Err(Error::Api {
            status,
            code: String::new(),
            description: format!("unexpected envelope status `{}`", env.status),
        });
    }
    Ok(env)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcomes() {
        let ok = br#"{"status":"ok","session":{"id":"ps_1","status":"created"}}"#;
        assert_eq!(parse_response(200, ok).unwrap().session.unwrap().id, "ps_1");
        let err = br#"{"status":"error","error":{"code":"invalid_session","description":"no such session"}}"#;
        assert_eq!(
            parse_response(404, err),
            Err(Error::Api {
                status: 404,
                code: "invalid_session".into(),
                description: "no such session".into()
            })
        );
        assert!(matches!(
            parse_response(200, err),
            Err(Error::Api { status: 200, .. })
        ));
        assert_eq!(
            parse_response(502, b"<html>bad gateway</html>"),
            Err(Error::Http { status: 502 })
        );
        assert_eq!(parse_response(500, ok), Err(Error::Http { status: 500 }));
        assert!(matches!(
            parse_response(200, b"<html>"),
            Err(Error::MalformedPayload {
                line: 1,
                column: 1,
                ..
            })
        ));
        assert!(matches!(
            parse_response(200, br#"{"status":"pending"}"#),
            Err(Error::Api { .. })
        ));
    }
}

//! After each attempt: retry (when, with the same request), or what the
//! call returns, or its error.

use crate::error::Error;
use crate::prelude::*;
use crate::request::AnswerPart;
use crate::retry::{Outcome, RetryPolicy};
use crate::tree::Node;

/// What one attempt came to, as the glue saw it.
#[derive(Debug)]
pub enum Attempt<N> {
    /// The request could not be sent or the answer not read.
    Network(String),
    /// No complete answer within the timeout.
    Timeout,
    /// The answer was over its cap (never retried).
    TooLarge(Error),
    /// An answer: its status, its `Retry-After`, its body parsed (or the
    /// error of a body that is not JSON).
    Answer {
        status: u16,
        retry_after: Option<String>,
        body: Result<N, Error>,
    },
}

/// What to do next.
#[derive(Debug)]
pub enum Next<N> {
    /// Send the same request again after `delay_ms`. `api_code` is the
    /// API's error code of this attempt, if it sent one.
    Retry {
        delay_ms: u64,
        api_code: Option<String>,
    },
    /// The call's result: the node the API sent (see [`AnswerPart`]).
    Done(N),
}

/// Decides after attempt number `attempt` (0 for the first). `jitter` is a
/// random number in [0, 1), `now_ms` the Unix time in milliseconds.
pub fn after_attempt<N: Node>(
    policy: &RetryPolicy,
    attempt: u32,
    outcome: Attempt<N>,
    returns: AnswerPart,
    jitter: f64,
    now_ms: u64,
) -> Result<Next<N>, Error> {
    let (error, retry_after, status) = match outcome {
        Attempt::Network(message) => (Error::Network { message }, None, None),
        Attempt::Timeout => (Error::Timeout, None, None),
        Attempt::TooLarge(e) => return Err(e),
        Attempt::Answer {
            status,
            retry_after,
            body,
        } => match crate::response::interpret(status, body, returns) {
            Ok(node) => return Ok(Next::Done(node)),
            Err(e) => (e, retry_after, Some(status)),
        },
    };
    let api_code = match &error {
        Error::Api { code, .. } if !code.is_empty() => Some(code.clone()),
        _ => None,
    };
    let outcome = match (&error, status) {
        (Error::Timeout, _) => Outcome::Timeout,
        (_, None) => Outcome::Network,
        (_, Some(status)) => Outcome::Status {
            status,
            api_code: api_code.as_deref(),
            retry_after: retry_after.as_deref(),
        },
    };
    match policy.next_delay_ms(attempt, outcome, jitter, now_ms) {
        Some(delay_ms) => Ok(Next::Retry { delay_ms, api_code }),
        None => Err(error),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::{parse, Doc};

    fn answer<'d>(
        doc: &'d Doc<'d>,
        status: u16,
        retry_after: Option<&str>,
    ) -> Attempt<crate::json::Value<'d>> {
        Attempt::Answer {
            status,
            retry_after: retry_after.map(str::to_string),
            body: Ok(doc.root()),
        }
    }

    #[test]
    fn decisions() {
        let p = RetryPolicy { max_retries: 2 };
        let ok = parse(br#"{"status":"ok","session":{"id":"ps_1","status":"created"}}"#).unwrap();
        assert!(matches!(
            after_attempt(&p, 0, answer(&ok, 200, None), AnswerPart::Session, 0.5, 0),
            Ok(Next::Done(_))
        ));
        let conflict = parse(br#"{"status":"error","error":{"code":"idempotency_key_already_exists","description":"spent"}}"#).unwrap();
        let e = after_attempt(
            &p,
            0,
            answer(&conflict, 409, None),
            AnswerPart::Session,
            0.5,
            0,
        )
        .unwrap_err();
        assert_eq!(e.code(), "api_error", "a spent key is never retried");
        let limited = parse(
            br#"{"status":"error","error":{"code":"rate_limited","description":"slow down"}}"#,
        )
        .unwrap();
        match after_attempt(
            &p,
            1,
            answer(&limited, 429, Some("3")),
            AnswerPart::Session,
            0.5,
            0,
        ) {
            Ok(Next::Retry { delay_ms, api_code }) => {
                assert_eq!(delay_ms, 3000);
                assert_eq!(api_code.as_deref(), Some("rate_limited"));
            }
            other => panic!("{other:?}"),
        }
        assert!(after_attempt(
            &p,
            2,
            answer(&limited, 429, Some("3")),
            AnswerPart::Session,
            0.5,
            0
        )
        .is_err());
        let html = parse(b"\"<html>\"").unwrap();
        assert!(matches!(
            after_attempt(&p, 0, answer(&html, 502, None), AnswerPart::Session, 0.0, 0),
            Ok(Next::Retry { delay_ms: 250, .. })
        ));
        assert!(matches!(
            after_attempt::<crate::json::Value>(
                &p,
                0,
                Attempt::Timeout,
                AnswerPart::Session,
                1.0,
                0
            ),
            Ok(Next::Retry { delay_ms: 500, .. })
        ));
        assert!(matches!(
            after_attempt::<crate::json::Value>(
                &p,
                0,
                Attempt::TooLarge(Error::Timeout),
                AnswerPart::Session,
                1.0,
                0
            ),
            Err(Error::Timeout)
        ));
        let bad = Attempt::<crate::json::Value>::Answer {
            status: 200,
            retry_after: None,
            body: Err(Error::MalformedPayload {
                field: String::new(),
                line: 2,
                column: 3,
                message: "x".into(),
            }),
        };
        assert!(matches!(
            after_attempt(&p, 0, bad, AnswerPart::Session, 0.0, 0),
            Err(Error::MalformedPayload { line: 2, .. })
        ));
    }
}

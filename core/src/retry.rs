//! The retry decision, as a pure function of the attempt and its outcome.
//!
//! Retried: connection failures, timeouts, HTTP 409, 429 and every status
//! ≥ 500, except an answer whose error code says the idempotency key was
//! already used for another request: that can never succeed.
//! Every mutating call carries one idempotency key across all its attempts,
//! so a retry can never apply an operation twice.
//! Backoff: 0.5 s · 2^n, capped at 5 s, with "equal jitter": the delay is
//! drawn uniformly from [½·d, d]. A 429 (or 503) with `Retry-After` waits
//! what it says (seconds or an HTTP date), at most 60 s. Retries count
//! against `maxRetries` whatever caused them.

use crate::limits::MAX_RETRY_AFTER_MS;

/// Default number of retries after the first attempt.
pub const DEFAULT_MAX_RETRIES: u32 = 2;
const BASE_MS: u64 = 500;
const CAP_MS: u64 = 5_000;

/// API error codes that no retry can change: the key is spent.
pub const NEVER_RETRIED_CODES: [&str; 2] =
    ["idempotency_key_already_exists", "idempotency_conflict"];

/// What came of one attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome<'a> {
    /// The request could not be sent, or the answer not read.
    Network,
    /// No complete answer within the timeout.
    Timeout,
    /// An HTTP answer: its status, the API's error code if it sent its error
    /// envelope, and its `Retry-After` header.
    Status {
        status: u16,
        api_code: Option<&'a str>,
        retry_after: Option<&'a str>,
    },
}

impl Outcome<'_> {
    /// A bare status (no envelope, no header).
    pub fn status(status: u16) -> Outcome<'static> {
        Outcome::Status {
            status,
            api_code: None,
            retry_after: None,
        }
    }

    /// Whether another attempt may succeed where this one failed.
    pub fn is_retryable(&self) -> bool {
        match *self {
            Outcome::Network | Outcome::Timeout => true,
            Outcome::Status {
                status, api_code, ..
            } => {
                if api_code.is_some_and(|c| NEVER_RETRIED_CODES.contains(&c)) {
                    return false;
                }
                status == 409 || status == 429 || status >= 500
            }
        }
    }
}

/// How many times to retry.
impl crate::Error {
    /// Whether the same call, sent again with the same idempotency key, may
    /// succeed: the rule of [`Outcome::is_retryable`] for the error a call
    /// ended with (a timeout, a network failure, a 409, 429 or 5xx answer).
    /// Its outcome is unknown then: the API may have applied it.
    pub fn is_retryable(&self) -> bool {
        match self {
            crate::Error::Timeout => Outcome::Timeout.is_retryable(),
            crate::Error::Network { .. } => Outcome::Network.is_retryable(),
            crate::Error::Api { status, code, .. } => Outcome::Status {
                status: *status,
                api_code: Some(code),
                retry_after: None,
            }
            .is_retryable(),
            crate::Error::Http { status } => Outcome::status(*status).is_retryable(),
            _ => false,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    pub max_retries: u32,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: DEFAULT_MAX_RETRIES,
        }
    }
}

impl RetryPolicy {
    /// After attempt number `attempt` (0 for the first) ended with
    /// `outcome`: `Some(delay in ms)` to try again, `None` to stop.
    /// `jitter` is a random number in [0, 1), `now_ms` the Unix time in
    /// milliseconds (for an HTTP-date `Retry-After`), both from the caller.
    pub fn next_delay_ms(
        &self,
        attempt: u32,
        outcome: Outcome,
        jitter: f64,
        now_ms: u64,
    ) -> Option<u64> {
        if attempt >= self.max_retries || !outcome.is_retryable() {
            return None;
        }
        if let Outcome::Status {
            status: 429 | 503,
            retry_after: Some(value),
            ..
        } = outcome
        {
            if let Some(ms) = retry_after_ms(value, now_ms) {
                return Some(ms);
            }
        }
        Some(backoff_ms(attempt, jitter))
    }
}

/// A `Retry-After` value (delay seconds or an HTTP date) as milliseconds
/// from `now_ms`, capped at [`MAX_RETRY_AFTER_MS`]; `None` if unreadable.
pub fn retry_after_ms(value: &str, now_ms: u64) -> Option<u64> {
    let v = value.trim();
    let ms = if !v.is_empty() && v.len() <= 10 && v.bytes().all(|b| b.is_ascii_digit()) {
        v.parse::<u64>().ok()?.saturating_mul(1000)
    } else {
        let at = crate::time::parse_http_date(v)?.saturating_mul(1000);
        at.saturating_sub(now_ms)
    };
    Some(ms.min(MAX_RETRY_AFTER_MS))
}

/// The delay before retry number `n + 1`: ½·d + jitter·½·d with
/// d = min(500 ms · 2^n, 5 s).
pub fn backoff_ms(n: u32, jitter: f64) -> u64 {
    let nominal = BASE_MS.checked_shl(n.min(16)).unwrap_or(CAP_MS).min(CAP_MS);
    let jitter = if jitter.is_finite() {
        jitter.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let half = nominal / 2;
    half + (half as f64 * jitter) as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_say_whether_the_call_may_succeed_again() {
        use crate::Error;
        let api = |status, code: &str| Error::Api {
            status,
            code: code.into(),
            description: String::new(),
        };
        for (e, retryable) in [
            (Error::Timeout, true),
            (
                Error::Network {
                    message: "reset".into(),
                },
                true,
            ),
            (Error::Http { status: 502 }, true),
            (Error::Http { status: 404 }, false),
            (api(429, "too_many_requests"), true),
            (api(409, "in_progress"), true),
            (api(409, "idempotency_key_already_exists"), false),
            (api(400, "invalid_params"), false),
            (Error::BadSignature, false),
        ] {
            assert_eq!(e.is_retryable(), retryable, "{e:?}");
        }
    }

    #[test]
    fn what_is_retried() {
        for s in [409, 429, 500, 502, 503, 599] {
            assert!(Outcome::status(s).is_retryable(), "{s}");
        }
        for s in [200, 400, 401, 403, 404, 422] {
            assert!(!Outcome::status(s).is_retryable(), "{s}");
        }
        assert!(Outcome::Network.is_retryable());
        assert!(Outcome::Timeout.is_retryable());
        for code in NEVER_RETRIED_CODES {
            let o = Outcome::Status {
                status: 409,
                api_code: Some(code),
                retry_after: None,
            };
            assert!(!o.is_retryable(), "{code}");
        }
        let busy = Outcome::Status {
            status: 409,
            api_code: Some("wrong_state"),
            retry_after: None,
        };
        assert!(busy.is_retryable());
    }

    #[test]
    fn attempts_are_bounded() {
        let p = RetryPolicy::default();
        assert!(p.next_delay_ms(0, Outcome::Network, 0.5, 0).is_some());
        assert!(p.next_delay_ms(1, Outcome::status(503), 0.5, 0).is_some());
        assert_eq!(p.next_delay_ms(2, Outcome::status(503), 0.5, 0), None);
        assert_eq!(p.next_delay_ms(0, Outcome::status(400), 0.5, 0), None);
        let none = RetryPolicy { max_retries: 0 };
        assert_eq!(none.next_delay_ms(0, Outcome::Timeout, 0.5, 0), None);
    }

    #[test]
    fn retry_after_is_honoured_and_capped() {
        let p = RetryPolicy { max_retries: 3 };
        let limited = |v: &'static str| Outcome::Status {
            status: 429,
            api_code: None,
            retry_after: Some(v),
        };
        assert_eq!(p.next_delay_ms(0, limited("2"), 0.9, 0), Some(2000));
        assert_eq!(p.next_delay_ms(0, limited("0"), 0.9, 0), Some(0));
        assert_eq!(p.next_delay_ms(0, limited("3600"), 0.9, 0), Some(60_000));
        let now = 1_445_412_470_000; // 10 s before the date below
        assert_eq!(
            p.next_delay_ms(0, limited("Wed, 21 Oct 2015 07:28:00 GMT"), 0.9, now),
            Some(10_000)
        );
        assert_eq!(
            p.next_delay_ms(
                0,
                limited("Wed, 21 Oct 2015 07:28:00 GMT"),
                0.9,
                now + 60_000
            ),
            Some(0)
        );
        // Unreadable: the usual backoff.
        assert_eq!(p.next_delay_ms(0, limited("soon"), 1.0, 0), Some(500));
        assert_eq!(
            p.next_delay_ms(3, limited("1"), 1.0, 0),
            None,
            "counted in maxRetries"
        );
    }

    #[test]
    fn backoff_doubles_caps_and_jitters() {
        assert_eq!(backoff_ms(0, 0.0), 250);
        assert_eq!(backoff_ms(0, 1.0), 500);
        assert_eq!(backoff_ms(1, 1.0), 1000);
        assert_eq!(backoff_ms(2, 1.0), 2000);
        assert_eq!(backoff_ms(3, 1.0), 4000);
        assert_eq!(backoff_ms(4, 1.0), 5000);
        assert_eq!(backoff_ms(60, 1.0), 5000);
        assert_eq!(backoff_ms(u32::MAX, 0.0), 2500);
        assert_eq!(backoff_ms(1, f64::NAN), 500);
        for i in 0..100 {
            let j = f64::from(i) / 100.0;
            let d = backoff_ms(2, j);
            assert!((1000..=2000).contains(&d), "{d}");
        }
    }
}

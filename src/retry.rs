//! The retry decision, as a pure function of the attempt and its outcome.
//!
//! Retried: connection failures, timeouts, HTTP 409 and every status ≥ 500.
//! Every mutating call carries one idempotency key across all its attempts,
//! so a retry can never apply an operation twice.
//! Backoff: 0.5 s · 2^n, capped at 5 s, with "equal jitter": the delay is
//! drawn uniformly from [½·d, d], so retries of many clients spread out but
//! never come sooner than half the nominal delay.

/// Default number of retries after the first attempt.
pub const DEFAULT_MAX_RETRIES: u32 = 2;
/// Most retries a client may be configured with.
pub const MAX_RETRIES_LIMIT: u32 = 10;
const BASE_MS: u64 = 500;
const CAP_MS: u64 = 5_000;

/// What came of one attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The request could not be sent, or the answer not read.
    Network,
    /// No complete answer within the timeout.
    Timeout,
    /// An HTTP answer with this status.
    Status(u16),
}

impl Outcome {
    /// Whether another attempt may succeed where this one failed.
    pub fn is_retryable(self) -> bool {
        match self {
            Outcome::Network | Outcome::Timeout => true,
            Outcome::Status(s) => s == 409 || s >= 500,
        }
    }
}

/// How many times to retry.
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
    /// `jitter` is a random number in [0, 1) supplied by the caller.
    pub fn next_delay_ms(&self, attempt: u32, outcome: Outcome, jitter: f64) -> Option<u64> {
        if attempt >= self.max_retries || !outcome.is_retryable() {
            return None;
        }
        Some(backoff_ms(attempt, jitter))
    }
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
    fn what_is_retried() {
        for s in [409, 500, 502, 503, 599] {
            assert!(Outcome::Status(s).is_retryable(), "{s}");
        }
        for s in [200, 400, 401, 403, 404, 422, 429] {
            assert!(!Outcome::Status(s).is_retryable(), "{s}");
        }
        assert!(Outcome::Network.is_retryable());
        assert!(Outcome::Timeout.is_retryable());
    }

    #[test]
    fn attempts_are_bounded() {
        let p = RetryPolicy::default();
        assert!(p.next_delay_ms(0, Outcome::Network, 0.5).is_some());
        assert!(p.next_delay_ms(1, Outcome::Status(503), 0.5).is_some());
        assert_eq!(p.next_delay_ms(2, Outcome::Status(503), 0.5), None);
        assert_eq!(p.next_delay_ms(0, Outcome::Status(400), 0.5), None);
        let none = RetryPolicy { max_retries: 0 };
        assert_eq!(none.next_delay_ms(0, Outcome::Timeout, 0.5), None);
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

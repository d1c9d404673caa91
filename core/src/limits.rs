//! Every cap on what comes from outside, in one table. A message that
//! states a cap is built from its constant here ([`range_rule`]), so
//! the number is written once. The package JavaScript's own copy caps
//! (`js/own.js`: members and nesting of an options object) guard the copy
//! before the core sees anything and are stated there.

use crate::prelude::*;

// Bodies, in bytes. A body is refused by its declared `Content-Length`
// before it is read, and by counting while it streams (see `body_cap`).

/// Default cap of a webhook body.
pub const WEBHOOK_MAX_BYTES: u64 = 1 << 20;
/// Default cap of a POST return's body (3-D Secure sends a few fields).
pub const RETURN_MAX_BYTES: u64 = 64 * 1024;
/// Cap of an API answer.
pub const RESPONSE_MAX_BYTES: u64 = 8 << 20;
/// Cap of a body given to `sign` or `verifyWebhook` directly.
pub const SIGN_MAX_BYTES: u64 = 8 << 20;
/// Largest `maxBytes` a caller may set.
pub const MAX_MAX_BYTES: u64 = 64 << 20;
/// The largest request body accepted.
pub const MAX_PARAMS_BYTES: usize = 1 << 20;

// Shapes of trees and texts.

/// Deepest nesting of arrays and objects accepted (serde_json's limit too).
pub use smart_glocal_json::MAX_DEPTH;
/// Most members or elements a reader looks at in one container; a caller
/// object claiming more is refused rather than walked.
pub const MAX_ENTRIES: usize = 10_000;
/// Most fields a 3-D Secure return may carry.
pub const MAX_RETURN_FIELDS: usize = 64;
/// Longest `Location` built (Cloudflare refuses URLs over 16 KiB anyway).
pub const MAX_LOCATION_BYTES: usize = 16 * 1024;
/// Most fields of `qs` or `params` a redirect may carry.
pub const MAX_REDIRECT_FIELDS: usize = 256;
/// Most entries of `allowedHosts`.
pub const MAX_ALLOWED_HOSTS: usize = 64;
/// Most custom labels of a status view.
pub const MAX_LABELS: usize = 64;
/// Longest status URL `followPayment` takes.
pub const MAX_STATUS_URL_BYTES: usize = 2048;
/// The longest value of a header the caller fills (idempotency key,
/// submerchant).
pub const MAX_HEADER_VALUE_LEN: usize = 255;
/// Longest accepted idempotency key (a header value).
pub const MAX_IDEMPOTENCY_KEY_LEN: usize = MAX_HEADER_VALUE_LEN;
/// The smallest RSA modulus accepted, in bits.
pub const MIN_RSA_BITS: usize = 2048;

// Time and retries, in milliseconds.

/// Longest an attempt of a call may be configured to take.
pub const ATTEMPT_MAX_TIMEOUT_MS: u32 = 600_000;
/// Most retries a client may be configured with.
pub const MAX_RETRIES_LIMIT: u32 = 10;
/// The longest wait a `Retry-After` may ask for.
pub const MAX_RETRY_AFTER_MS: u64 = 60_000;
/// Longest `intervalMs` / `timeoutMs` of `followPayment` (a day).
pub const FOLLOW_MAX_MS: u64 = 86_400_000;
/// Longest one status poll may take.
pub const POLL_MAX_MS: u64 = 30_000;

/// `must be <what> from <min> to <max>`: the message of a numeric option
/// out of its range, the numbers taken from the table.
pub fn range_rule(what: &str, min: u64, max: u64) -> String {
    let min = crate::money::decimal_digits(min);
    let max = crate::money::decimal_digits(max);
    cat(&["must be ", what, " from ", &min, " to ", &max])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_state_the_table() {
        assert_eq!(
            range_rule("a whole number of milliseconds", 1, FOLLOW_MAX_MS),
            "must be a whole number of milliseconds from 1 to 86400000"
        );
        assert_eq!(
            range_rule("a whole number of bytes", 1, MAX_MAX_BYTES),
            "must be a whole number of bytes from 1 to 67108864"
        );
        assert_eq!(
            range_rule("an integer", 0, MAX_RETRIES_LIMIT.into()),
            "must be an integer from 0 to 10"
        );
    }
}

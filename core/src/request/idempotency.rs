//! Idempotency keys: every mutating call carries one, the caller's or one
//! drawn for that call, and keeps it on every retry.

use super::Endpoint;
use crate::error::Error;
use crate::prelude::*;

/// Bytes of randomness in a drawn key (128 bits).
pub const DRAWN_KEY_BYTES: usize = 16;

/// Checks an idempotency key: 1 to 255 visible ASCII characters, so it is a
/// valid header value.
pub fn validate_idempotency_key(key: &str) -> Result<(), Error> {
    super::headers::check_header_value(key, "idempotencyKey")
}

/// Which key a call carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyPlan {
    /// The caller's.
    Given(String),
    /// None: a read.
    None,
    /// A fresh random key must be drawn (see [`drawn_key`]).
    Draw,
}

/// The key policy: the caller's key when given (checked), else a drawn one
/// for a mutating call, else none.
pub fn key_plan(endpoint: Endpoint, given: Option<String>) -> Result<KeyPlan, Error> {
    match given {
        Some(k) => {
            validate_idempotency_key(&k)?;
            Ok(KeyPlan::Given(k))
        }
        None if endpoint.is_mutating() => Ok(KeyPlan::Draw),
        None => Ok(KeyPlan::None),
    }
}

/// A drawn key: 32 lowercase hex digits of 128 random bits.
pub fn drawn_key(random: &[u8; DRAWN_KEY_BYTES]) -> String {
    crate::hex::encode(random)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policy() {
        assert_eq!(key_plan(Endpoint::Confirm, None), Ok(KeyPlan::Draw));
        assert_eq!(key_plan(Endpoint::Status, None), Ok(KeyPlan::None));
        assert_eq!(
            key_plan(Endpoint::Status, Some("k".into())),
            Ok(KeyPlan::Given("k".into()))
        );
        assert!(key_plan(Endpoint::Confirm, Some("a\r\nb".into())).is_err());
        assert!(key_plan(Endpoint::Confirm, Some(String::new())).is_err());
        assert!(key_plan(Endpoint::Confirm, Some("x".repeat(256))).is_err());
        assert_eq!(drawn_key(&[0xab; 16]), "ab".repeat(16));
    }
}

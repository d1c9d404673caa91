//! Header names, as the API spells them (HTTP compares them ignoring case),
//! and the one rule for the values the SDK puts in headers of its own.

use crate::error::Error;
use crate::limits::MAX_HEADER_VALUE_LEN;
use crate::prelude::*;

pub const HEADER_CONTENT_TYPE: &str = "Content-Type";
pub const HEADER_PROJECT: &str = "X-PARTNER-PROJECT";
pub const HEADER_SIGN: &str = "X-PARTNER-SIGN";
pub const HEADER_IDEMPOTENCY_KEY: &str = "X-PARTNER-IDEMPOTENCY-KEY";
/// The payer's identifier for legal entities; mandatory for faster-payments
/// transfers.
pub const HEADER_SUBMERCHANT: &str = "X-PARTNER-SUBMERCHANT";
pub const HEADER_RETRY_AFTER: &str = "Retry-After";

/// A value the caller gives for a header: 1 to [`MAX_HEADER_VALUE_LEN`]
/// visible ASCII characters (no space, control or other byte that a header
/// could not carry as it is). Named by `field` on error, never quoted.
pub fn check_header_value(value: &str, field: &str) -> Result<(), Error> {
    if value.is_empty()
        || value.len() > MAX_HEADER_VALUE_LEN
        || !value.bytes().all(|b| b.is_ascii_graphic())
    {
        let max = crate::money::decimal_digits(MAX_HEADER_VALUE_LEN as u64);
        return Err(Error::invalid(
            field,
            cat(&["must be 1 to ", &max, " visible ASCII characters"]),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_rule_for_header_values_with_its_number_in_the_message() {
        assert!(check_header_value("order-42-confirm", "idempotencyKey").is_ok());
        for bad in ["", "two words", "tab\tkey", "ключ"] {
            assert!(check_header_value(bad, "f").is_err(), "{bad:?}");
        }
        let long = "k".repeat(MAX_HEADER_VALUE_LEN + 1);
        match check_header_value(&long, "submerchant") {
            Err(Error::InvalidParams { field, message }) => {
                assert_eq!(field, "submerchant");
                assert!(message.contains("1 to 255 "), "{message}");
                assert!(!message.contains("kkk"));
            }
            other => panic!("{other:?}"),
        }
        assert!(check_header_value(&long[1..], "submerchant").is_ok());
    }
}

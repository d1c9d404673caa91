//! Card details in requests: the number (digits, length, Luhn), expiry,
//! security code. Messages never include a value.

use super::object::{invalid, Obj};
use crate::error::Error;
use crate::json::Value;
use crate::prelude::*;
use crate::tree::Path;

/// A card to pay with. `Debug` shows nothing of it.
#[derive(Clone, PartialEq, Eq)]
pub struct BankCard {
    pub number: String,
    pub expiration_month: String,
    pub expiration_year: String,
    pub security_code: Option<String>,
    pub cardholder_name: Option<String>,
}

impl core::fmt::Debug for BankCard {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("BankCard { .. }")
    }
}

/// The members of a card's details.
pub const BANK_CARD_FIELDS: [&str; 5] = [
    "number",
    "expiration_month",
    "expiration_year",
    "security_code",
    "cardholder_name",
];

impl BankCard {
    /// Reads the card fields of `o` (either documented shape holds the same
    /// five names).
    pub fn read(o: &Obj<'_, '_>) -> Result<BankCard, Error> {
        let path = o.path();
        let number = o.required_string("number")?;
        validate_card_number(&number).map_err(|m| invalid(&path.key("number"), m))?;
        let expiration_month = o.required_string("expiration_month")?;
        let month_ok = (1..=2).contains(&expiration_month.len())
            && expiration_month.bytes().all(|b| b.is_ascii_digit())
            && matches!(expiration_month.parse::<u8>(), Ok(1..=12));
        if !month_ok {
            return Err(invalid(
                &path.key("expiration_month"),
                "must be a month from 1 to 12, as a string (\"05\")",
            ));
        }
        let expiration_year = o.required_string("expiration_year")?;
        if !matches!(expiration_year.len(), 2 | 4)
            || !expiration_year.bytes().all(|b| b.is_ascii_digit())
        {
            return Err(invalid(
                &path.key("expiration_year"),
                "must be 2 or 4 digits, as a string (\"29\")",
            ));
        }
        let security_code = o.string("security_code")?;
        if let Some(code) = &security_code {
            if !(3..=4).contains(&code.len()) || !code.bytes().all(|b| b.is_ascii_digit()) {
                return Err(invalid(&path.key("security_code"), "must be 3 or 4 digits"));
            }
        }
        let cardholder_name = o.string("cardholder_name")?;
        if cardholder_name
            .as_deref()
            .is_some_and(|n| n.trim().is_empty())
        {
            return Err(invalid(&path.key("cardholder_name"), "must not be empty"));
        }
        Ok(BankCard {
            number,
            expiration_month,
            expiration_year,
            security_code,
            cardholder_name,
        })
    }

    /// The last four digits.
    pub fn last4(&self) -> &str {
        last4(&self.number)
    }
}

/// The last four characters of an ASCII card number (all of it if shorter).
pub fn last4(number: &str) -> &str {
    number.get(number.len().saturating_sub(4)..).unwrap_or("")
}

/// The card number alone (a payout card): the `number` member of `v`.
pub fn read_number(v: Value<'_>, path: &Path) -> Result<String, Error> {
    let o = Obj::new(v, path, &["number"])?;
    let number = o.required_string("number")?;
    validate_card_number(&number).map_err(|m| invalid(&path.key("number"), m))?;
    Ok(number)
}

/// Card number checks. The message never includes the number.
pub fn validate_card_number(number: &str) -> Result<(), &'static str> {
    if !number.bytes().all(|b| b.is_ascii_digit()) {
        return Err("must contain digits only");
    }
    if !(12..=19).contains(&number.len()) {
        return Err("must have 12 to 19 digits");
    }
    if !luhn_ok(number) {
        return Err("fails the Luhn check");
    }
    Ok(())
}

/// The Luhn checksum over ASCII digits.
pub fn luhn_ok(digits: &str) -> bool {
    let mut sum = 0u32;
    for (i, b) in digits.bytes().rev().enumerate() {
        let mut d = u32::from(b.wrapping_sub(b'0'));
        if d > 9 {
            return false;
        }
        if i % 2 == 1 {
            d *= 2;
            if d > 9 {
                d -= 9;
            }
        }
        sum += d;
    }
    sum % 10 == 0
}

/// The card scheme of a number, from its first digits (what a page shows).
pub fn brand_of(number: &str) -> &'static str {
    match number.as_bytes() {
        [b'4', ..] => "visa",
        [b'5', b'1'..=b'5', ..] | [b'2', b'2'..=b'7', ..] => "mastercard",
        [b'3', b'4' | b'7', ..] => "amex",
        [b'6', ..] => "discover",
        _ => "unknown",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luhn() {
        assert!(luhn_ok("4242424242424242"));
        assert!(luhn_ok("4000000000003220"));
        assert!(!luhn_ok("4242424242424241"));
        assert!(validate_card_number("4242 4242 4242 4242").is_err());
        assert!(validate_card_number("42424242424").is_err()); // 11 digits
        assert!(validate_card_number("79927398713").is_err()); // Luhn ok but 11 digits
        assert!(validate_card_number("799273987139").is_err()); // 12 digits, Luhn fails
        assert!(validate_card_number("000000000000").is_ok()); // 12 digits, Luhn ok
        assert!(validate_card_number("00000000000000000000").is_err()); // 20 digits
        assert_eq!(last4("4242424242424242"), "4242");
        assert_eq!(last4("42"), "42");
        assert_eq!(brand_of("5105105105105100"), "mastercard");
        assert_eq!(brand_of("2223000048400011"), "mastercard");
        assert_eq!(brand_of("378282246310005"), "amex");
    }
}

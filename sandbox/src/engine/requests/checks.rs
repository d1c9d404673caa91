//! The public rules of the numbers a request carries, written for the
//! sandbox: Luhn for cards (ISO/IEC 7812), mod 97 for IBANs (ISO 13616),
//! digit counts for Russian and Faster Payments details, ISO 4217 codes,
//! return URLs and timestamps.

use super::{invalid, Obj};
use crate::engine::Reply;

/// The Luhn check of a digit string.
pub fn luhn_ok(digits: &str) -> bool {
    let mut sum = 0;
    for (i, c) in digits.bytes().rev().enumerate() {
        if !c.is_ascii_digit() {
            return false;
        }
        let d = u32::from(c - b'0');
        sum += if i % 2 == 1 {
            (d * 2) / 10 + (d * 2) % 10
        } else {
            d
        };
    }
    !digits.is_empty() && sum % 10 == 0
}

/// ISO 13616: two letters, two check digits, then letters and digits; the
/// four first characters moved to the end, letters as 10 to 35, mod 97 is 1.
pub fn iban_ok(iban: &str) -> bool {
    let b = iban.as_bytes();
    if !(15..=34).contains(&b.len())
        || !b[..2].iter().all(u8::is_ascii_uppercase)
        || !b[2..4].iter().all(u8::is_ascii_digit)
        || !b
            .iter()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
    {
        return false;
    }
    let rem = b[4..].iter().chain(&b[..4]).fold(0u64, |r, &c| {
        if c.is_ascii_digit() {
            (r * 10 + u64::from(c - b'0')) % 97
        } else {
            (r * 100 + u64::from(c - b'A' + 10)) % 97
        }
    });
    rem == 1
}

/// The last four characters of an account, card or phone number.
pub fn mask_last4(s: &str) -> String {
    s.chars()
        .rev()
        .take(4)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect()
}

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// A member of only digits, `lengths` long.
pub fn digits(o: &Obj, key: &str, lengths: &[usize], what: &str) -> Result<String, Reply> {
    let s = o.text(key)?;
    if !all_digits(&s) || !lengths.contains(&s.len()) {
        return Err(invalid(&o.name(key), what));
    }
    Ok(s)
}

/// A phone in international form: 10 to 15 digits, `+` allowed; digits returned.
pub fn phone(o: &Obj, key: &str) -> Result<String, Reply> {
    let s = o.text(key)?;
    let d = s.strip_prefix('+').unwrap_or(&s);
    if !all_digits(d) || !(10..=15).contains(&d.len()) {
        return Err(invalid(
            &o.name(key),
            "must be a phone number in international form",
        ));
    }
    Ok(d.to_string())
}

/// Three letters, any case (ISO 4217).
pub fn currency_ok(s: &str) -> bool {
    s.len() == 3 && s.bytes().all(|b| b.is_ascii_alphabetic())
}

/// Where a customer is sent back: an absolute http(s) URL, or the literal
/// `dummy:/url` of faster-payments transfers (docs/payments/payment-individuals).
pub fn return_url(o: &Obj, key: &str) -> Result<String, Reply> {
    let url = o.text(key)?;
    let lower = url.to_ascii_lowercase();
    let http = (lower.starts_with("https://") || lower.starts_with("http://"))
        && url
            .split("://")
            .nth(1)
            .is_some_and(|rest| !rest.is_empty() && !rest.starts_with('/'))
        && !url.bytes().any(|b| b <= b' ' || b == b'\\');
    if !http && url != "dummy:/url" {
        return Err(invalid(&o.name(key), "must be an absolute http(s) URL"));
    }
    Ok(url)
}

/// An RFC 3339 date and time (`2024-04-10T19:53:00+03:00`).
pub fn timestamp(o: &Obj, key: &str) -> Result<(), Reply> {
    let s = o.text(key)?;
    let b = s.as_bytes();
    let shape = b.len() >= 20
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[7] == b'-'
        && (b[10] == b'T' || b[10] == b't')
        && b[13] == b':'
        && b[16] == b':';
    if !shape {
        return Err(invalid(&o.name(key), "must be an RFC 3339 date and time"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules() {
        assert!(luhn_ok("4242424242424242") && !luhn_ok("4242424242424241") && !luhn_ok(""));
        assert!(iban_ok("GB82WEST12345698765432") && iban_ok("DE89370400440532013000"));
        assert!(!iban_ok("GB82WEST12345698765433") && !iban_ok("gb82west12345698765432"));
        assert_eq!(mask_last4("40817810100000270411"), "0411");
        assert!(currency_ok("RUB") && !currency_ok("rubl"));
    }
}

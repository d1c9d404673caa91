//! Secrets recognised by their shape inside any text, whatever the field
//! is called: card numbers (twelve digits in a row, or a Luhn-valid run of
//! 12 to 19 digits written with spaces, dashes, dots or invisible
//! characters between them), IBANs (mod 97, with or without spaces) and
//! hex tokens (32 or more hex digits: public and recurrent tokens, hashes).

use crate::params::{luhn_ok, validate_iban};
use crate::prelude::*;

/// Whether `s` holds a secret of a recognisable shape.
pub fn looks_secret(s: &str) -> bool {
    has_run(s, 12, u8::is_ascii_digit)
        || has_run(s, 32, u8::is_ascii_hexdigit)
        || has_card_number(s)
        || has_iban(s)
}

/// `min` bytes in a row that `is` accepts.
fn has_run(s: &str, min: usize, is: fn(&u8) -> bool) -> bool {
    let mut run = 0;
    s.bytes().any(|b| {
        run = if is(&b) { run + 1 } else { 0 };
        run >= min
    })
}

/// What may stand between the digits of a card number as people (and
/// forms that paste them) write it: spaces, dashes, dots, no-break and
/// zero-width spaces, joiners, the word joiner and the BOM.
fn is_digit_separator(c: char) -> bool {
    matches!(
        c,
        ' ' | '-'
            | '.'
            | '\u{a0}'
            | '\u{2007}'
            | '\u{202f}'
            | '\u{2010}'..='\u{2015}'
            | '\u{200b}'..='\u{200d}'
            | '\u{2060}'
            | '\u{feff}'
    )
}

/// A Luhn-valid number of 12 to 19 digits written in groups: separators
/// between the groups (never two in a row: `1 - 2` is prose), starting and
/// ending at a group's edge (`call 8 4111 1111 1111 1111` holds one).
fn has_card_number(s: &str) -> bool {
    let mut digits = String::new();
    // Where each group of the current run starts, in `digits`.
    let mut edges: Vec<usize> = Vec::new();
    let mut gap = false;
    for c in s.chars().chain(core::iter::once('x')) {
        if c.is_ascii_digit() {
            if digits.is_empty() || gap {
                edges.push(digits.len());
            }
            digits.push(c);
            gap = false;
            continue;
        }
        if is_digit_separator(c) && !digits.is_empty() && !gap {
            gap = true;
            continue;
        }
        edges.push(digits.len());
        if grouped_luhn(&digits, &edges) {
            return true;
        }
        digits.clear();
        edges.clear();
        gap = false;
    }
    false
}

/// Whether the digits between two group edges make a Luhn-valid number of
/// 12 to 19 digits.
fn grouped_luhn(digits: &str, edges: &[usize]) -> bool {
    if digits.len() < 12 {
        return false;
    }
    edges.iter().enumerate().any(|(i, &from)| {
        edges[i + 1..]
            .iter()
            .filter(|&&to| (12..=19).contains(&(to - from)))
            .any(|&to| digits.get(from..to).is_some_and(luhn_ok))
    })
}

/// An IBAN (two letters, two check digits, 11 to 30 letters or digits,
/// mod 97), in capitals or not, its groups separated by single spaces.
fn has_iban(s: &str) -> bool {
    // Letters and digits in a row, single spaces dropped, in capitals.
    let mut compact = String::new();
    let mut last_space = false;
    for c in s.chars().chain(core::iter::once('\n')) {
        if c.is_ascii_alphanumeric() {
            compact.push(c.to_ascii_uppercase());
            last_space = false;
        } else if c == ' ' && !last_space && !compact.is_empty() {
            last_space = true;
        } else {
            if iban_inside(&compact) {
                return true;
            }
            compact.clear();
            last_space = false;
        }
    }
    false
}

fn iban_inside(compact: &str) -> bool {
    let b = compact.as_bytes();
    if b.len() < 15 {
        return false;
    }
    (0..=b.len() - 15).any(|i| {
        b[i].is_ascii_uppercase()
            && b[i + 1].is_ascii_uppercase()
            && b[i + 2].is_ascii_digit()
            && b[i + 3].is_ascii_digit()
            && (15..=34.min(b.len() - i)).any(|len| {
                compact
                    .get(i..i + len)
                    .is_some_and(|c| validate_iban(c).is_ok())
            })
    })
}

#[cfg(test)]
mod tests {
    use super::looks_secret;

    #[test]
    fn shapes() {
        for secret in [
            "4111 1111 1111 1111",
            "pan: 4111-1111-1111-1111, thanks",
            "4111\u{200b}1111\u{200b}1111\u{200b}1111",
            "4111\u{a0}1111.1111\u{2060}1111",
            "card 3782 822463 10005 (amex)",
            "call 8 4111 1111 1111 1111 2 times",
            "411111111111",
            "DE89 3704 0044 0532 0130 00",
            "iban de89370400440532013000 ok",
            "GB82WEST12345698765432",
            "feda2b2106a2e8747bbdc4c9f53c7f5f6ab845ffa1b7cc68ca839720af99b3d1",
        ] {
            assert!(looks_secret(secret), "{secret}");
        }
        for plain in [
            "order 12345",
            "+7 999 123-45-67",
            "2026-12-01 10:00",
            "4111 1111 1111 1112",
            "1 - 2 - 3 - 4 - 5 - 6 - 7 - 8 - 9 - 0 - 1 - 2",
            "ps_3230",
            "GB82 WEST 1234 5698 7654 33",
            "a3f0c2e1-9b7d-4c55-8e21-7f3a9d0b6c14",
        ] {
            assert!(!looks_secret(plain), "{plain}");
        }
    }
}

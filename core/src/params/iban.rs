//! IBAN checks (ISO 13616): country, check digits, and the mod-97 rule.

/// `Ok` for a well-formed IBAN written without spaces, in capitals. The
/// message never includes the IBAN.
pub fn validate_iban(iban: &str) -> Result<(), &'static str> {
    let b = iban.as_bytes();
    if !(15..=34).contains(&b.len()) {
        return Err("must be an IBAN of 15 to 34 characters, without spaces");
    }
    if !b
        .iter()
        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
    {
        return Err("must be an IBAN of capital letters and digits, without spaces");
    }
    if !(b[0].is_ascii_uppercase() && b[1].is_ascii_uppercase()) {
        return Err("must start with a two-letter country code");
    }
    if !(b[2].is_ascii_digit() && b[3].is_ascii_digit()) {
        return Err("must have two check digits after the country code");
    }
    // Move the first four characters to the end, letters as 10..35, mod 97.
    let mut rem = 0u32;
    for &c in b[4..].iter().chain(&b[..4]) {
        let v = if c.is_ascii_digit() {
            u32::from(c - b'0')
        } else {
            u32::from(c - b'A') + 10
        };
        rem = if v >= 10 {
            (rem * 100 + v) % 97
        } else {
            (rem * 10 + v) % 97
        };
    }
    if rem != 1 {
        return Err("fails the IBAN check digits (mod 97)");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::validate_iban;

    #[test]
    fn ibans() {
        for ok in [
            "GB82WEST12345698765432",
            "DE89370400440532013000",
            "BE71096123456769",
            "FR1420041010050500013M02606",
            "NL91ABNA0417164300",
        ] {
            assert_eq!(validate_iban(ok), Ok(()), "{ok}");
        }
        for bad in [
            "GB82WEST12345698765433",
            "GB82 WEST 1234 5698 7654 32",
            "gb82west12345698765432",
            "GB8AWEST12345698765432",
            "1282WEST12345698765432",
            "GB82",
            "",
            "GB82WEST1234569876543ÿ",
        ] {
            assert!(validate_iban(bad).is_err(), "{bad}");
        }
    }
}

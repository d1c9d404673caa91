//! Money: integer minor units → an exact decimal string, using the
//! currency's exponent (ISO 4217 minor units: JPY 0, USD 2, BHD 3).

use crate::error::Error;
use crate::prelude::*;
use crate::tree::{IntegerRead, Node};

/// Whether `tag` may be given to `Intl.NumberFormat` as a locale: 1 to 35
/// letters, digits and hyphens (`en`, `en-US`, `de-CH-1996`).
pub fn is_language_tag(tag: &str) -> bool {
    !tag.is_empty()
        && tag.len() <= 35
        && tag.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// Reads the amount and currency a page asks to format: whole minor
/// units (0 to 2^53 − 1) and a three-letter code, naming the bad one
/// (`amount`, `currency`) without quoting it. (The locale is the status
/// display's option, read by `StatusOptions`.)
pub fn read_money<N: Node>(amount: &N, currency: &N) -> Result<(u64, String), Error> {
    // The texts of the view's own amounts (one copy of each in the binary).
    let amount = match amount.safe_integer() {
        IntegerRead::Ok(n) => n,
        IntegerRead::TooLarge => {
            let rule = "is above 2^53 - 1 (JavaScript cannot hold it exactly)";
            return Err(Error::invalid("amount", rule));
        }
        _ => {
            return Err(Error::invalid(
                "amount",
                "must be a whole number of minor units",
            ))
        }
    };
    match currency.string() {
        Some(c) if crate::params::is_currency_code(&c) => Ok((amount, c)),
        _ => Err(Error::invalid("currency", crate::params::CURRENCY_RULE)),
    }
}

/// Digits after the decimal point of `currency` (case-insensitive).
/// Unknown codes are taken as 2.
pub fn exponent(currency: &str) -> u32 {
    let mut code = [0u8; 3];
    if currency.len() != 3 {
        return 2;
    }
    for (c, b) in code.iter_mut().zip(currency.bytes()) {
        *c = b.to_ascii_uppercase();
    }
    // ISO 4217 codes whose minor unit is not 2, three letters each.
    const ZERO: &[u8] = b"BIFCLPDJFGNFISKJPYKMFKRWPYGRWFUGXUYIVNDVUVXAFXOFXPF";
    const THREE: &[u8] = b"BHDIQDJODKWDLYDOMRTND";
    const FOUR: &[u8] = b"CLFUYW";
    let has = |list: &[u8]| list.chunks(3).any(|c| c == code);
    if has(ZERO) {
        0
    } else if has(THREE) {
        3
    } else if has(FOUR) {
        4
    } else {
        2
    }
}

/// `15000, "usd"` → `"150.00"`; `1500, "jpy"` → `"1500"`; `1234, "bhd"` → `"1.234"`.
/// Exact for every amount (no floating point), ready for `Intl.NumberFormat`.
pub fn to_decimal(amount: u64, currency: &str) -> String {
    let e = exponent(currency) as usize;
    let mut digits = decimal_digits(amount);
    if e == 0 {
        return digits;
    }
    if digits.len() <= e {
        digits.insert_str(0, &"0".repeat(e + 1 - digits.len()));
    }
    digits.insert(digits.len() - e, '.');
    digits
}

pub(crate) use smart_glocal_json::decimal_digits;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exponents_and_decimals() {
        assert_eq!(to_decimal(15000, "usd"), "150.00");
        assert_eq!(to_decimal(5, "USD"), "0.05");
        assert_eq!(to_decimal(0, "eur"), "0.00");
        assert_eq!(to_decimal(1500, "jpy"), "1500");
        assert_eq!(to_decimal(1234, "bhd"), "1.234");
        assert_eq!(to_decimal(7, "kwd"), "0.007");
        assert_eq!(
            to_decimal(9_007_199_254_740_991, "usd"),
            "90071992547409.91"
        );
        assert_eq!(exponent("xx"), 2);
        assert_eq!(exponent("ключ"), 2);
    }

    #[test]
    fn format_arguments_name_the_bad_one() {
        let read = |amount: &str, currency: &str| {
            let a = crate::json::parse(amount.as_bytes()).unwrap();
            let c = crate::json::parse(currency.as_bytes()).unwrap();
            read_money(&a.root(), &c.root())
        };
        assert_eq!(read("1234", r#""BHD""#).unwrap(), (1234, "BHD".into()));
        assert_eq!(read("0", r#""jpy""#).unwrap(), (0, "jpy".into()));
        for (amount, currency, field) in [
            ("1.5", r#""usd""#, "amount"),
            ("-1", r#""usd""#, "amount"),
            (r#""5""#, r#""usd""#, "amount"),
            ("9007199254740992", r#""usd""#, "amount"),
            ("null", r#""usd""#, "amount"),
            ("5", r#""dollars""#, "currency"),
            ("5", "840", "currency"),
        ] {
            match read(amount, currency) {
                Err(Error::InvalidParams { field: f, message }) => {
                    assert_eq!(f, field, "{amount} {currency}");
                    assert!(!message.contains("dollars"), "{message}");
                }
                other => panic!("{amount} {currency}: {other:?}"),
            }
        }
    }
}

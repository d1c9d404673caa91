//! Money: integer minor units → an exact decimal string, using the
//! currency's exponent (ISO 4217 minor units: JPY 0, USD 2, BHD 3).

use crate::prelude::*;
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

/// The decimal digits of `n`, by hand: no formatting machinery, which the
/// size-bound browser build does not carry.
pub(crate) fn decimal_digits(mut n: u64) -> String {
    let mut digits = Vec::with_capacity(20);
    loop {
        digits.push(b'0' + (n % 10) as u8);
        n /= 10;
        if n == 0 {
            break;
        }
    }
    digits.iter().rev().map(|&d| char::from(d)).collect()
}

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
}

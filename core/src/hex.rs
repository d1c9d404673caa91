//! Hexadecimal: lowercase out (HMAC signatures, drawn idempotency keys),
//! either case in (signatures, `\u` escapes, percent-encoding).

use crate::prelude::*;
/// Lowercase hex of `bytes`.
pub fn encode(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(char::from(DIGITS[usize::from(b >> 4)]));
        s.push(char::from(DIGITS[usize::from(b & 15)]));
    }
    s
}

/// The value of one hex digit (either case), written once in the JSON crate.
pub use smart_glocal_json::nibble;

/// Decodes hex (either case) into exactly `N` bytes; `None` if malformed.
pub fn decode_fixed<const N: usize>(s: &str) -> Option<[u8; N]> {
    let s = s.as_bytes();
    if s.len() != N * 2 {
        return None;
    }
    let mut out = [0u8; N];
    for (i, pair) in s.chunks_exact(2).enumerate() {
        out[i] = nibble(pair[0])? << 4 | nibble(pair[1])?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let bytes = [0u8, 1, 0xab, 0xff];
        assert_eq!(encode(&bytes), "0001abff");
        assert_eq!(decode_fixed::<4>("0001ABff"), Some(bytes));
        assert_eq!(decode_fixed::<4>("0001abf"), None);
        assert_eq!(decode_fixed::<4>("0001abfg"), None);
        assert_eq!(decode_fixed::<2>("é0"), None);
    }
}

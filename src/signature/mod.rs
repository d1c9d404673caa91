//! Signing and verification of the exact body bytes.
//!
//! HMAC-SHA256 with lowercase hex is the scheme the API documentation shows.
//! The live service signs with RSA PKCS#1 v1.5 over SHA-256, base64: natively
//! behind the `rsa` feature, on WebCrypto in the edge build; `keys` checks
//! the PEM keys for both.
//! Verification compares in constant time.

pub mod base64;
mod hmac_sha256;
pub mod keys;
#[cfg(feature = "rsa")]
mod rsa_native;

pub use hmac_sha256::HmacSha256;
#[cfg(feature = "rsa")]
pub use rsa_native::{RsaSha256Signer, RsaSha256Verifier};

use crate::error::Error;

/// Produces the `X-PARTNER-SIGN` value for a body.
pub trait Signer {
    fn sign(&self, body: &[u8]) -> String;
}

/// Checks an `X-PARTNER-SIGN` value against a body.
pub trait Verifier {
    /// `Err(BadSignature)` when the signature is malformed or does not match.
    fn verify(&self, body: &[u8], signature: &str) -> Result<(), Error>;
}

/// Lowercase hex of `bytes`.
pub fn to_hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(char::from(DIGITS[usize::from(b >> 4)]));
        s.push(char::from(DIGITS[usize::from(b & 15)]));
    }
    s
}

/// Decodes hex (either case) into exactly `N` bytes; `None` if malformed.
pub fn from_hex<const N: usize>(s: &str) -> Option<[u8; N]> {
    let s = s.as_bytes();
    if s.len() != N * 2 {
        return None;
    }
    let nibble = |c: u8| match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    };
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
    fn hex_round_trip() {
        let bytes = [0u8, 1, 0xab, 0xff];
        assert_eq!(to_hex(&bytes), "0001abff");
        assert_eq!(from_hex::<4>("0001ABff"), Some(bytes));
        assert_eq!(from_hex::<4>("0001abf"), None);
        assert_eq!(from_hex::<4>("0001abfg"), None);
        assert_eq!(from_hex::<2>("é0"), None);
    }
}

//! Signing and verification of the exact body bytes.
//!
//! HMAC-SHA256 with lowercase hex is the scheme the API documentation shows.
//! The live service signs with RSA PKCS#1 v1.5 over SHA-256, base64: natively
//! behind the `rsa` feature, on WebCrypto in the edge build; `keys` checks
//! the PEM keys for both.
//! Verification compares in constant time.

use crate::prelude::*;
pub mod base64;
#[cfg(feature = "signing")]
mod hmac_sha256;
pub mod keys;
#[cfg(feature = "rsa")]
mod rsa_native;

#[cfg(feature = "signing")]
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

/// How signatures are made: the scheme of the API documentation's examples
/// or the live service's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
    /// HMAC-SHA256, 64 lowercase hex digits (either case accepted).
    Hmac,
    /// RSA PKCS#1 v1.5 with SHA-256, standard base64.
    Rsa,
}

impl Scheme {
    pub fn as_str(self) -> &'static str {
        match self {
            Scheme::Hmac => "hmac",
            Scheme::Rsa => "rsa",
        }
    }

    /// The one scheme a configuration gives: HMAC keys or RSA keys, never
    /// both, never none. The edge client and the sandbox both decide so.
    pub fn choose(hmac_given: bool, rsa_given: bool) -> Result<Scheme, Error> {
        match (hmac_given, rsa_given) {
            (true, true) => Err(Error::InvalidKey {
                message: "configure one scheme: signingKey (HMAC) or privateKey and webhookPublicKey (RSA), not both".into(),
            }),
            (true, false) => Ok(Scheme::Hmac),
            (false, true) => Ok(Scheme::Rsa),
            (false, false) => Err(Error::invalid(
                "signingKey",
                "is required (or privateKey for the RSA scheme)",
            )),
        }
    }

    /// The header value for signature bytes.
    pub fn encode(self, signature: &[u8]) -> String {
        match self {
            Scheme::Hmac => crate::hex::encode(signature),
            Scheme::Rsa => base64::encode(signature),
        }
    }

    /// The bytes of an `X-PARTNER-SIGN` value: `missing_signature` when
    /// absent or blank, `bad_signature` when it is not of this scheme's form
    /// (an HMAC signature must be exactly 32 bytes of hex).
    pub fn decode(self, signature: Option<&str>) -> Result<Vec<u8>, Error> {
        let sig = crate::webhook::require_signature(signature)?;
        match self {
            Scheme::Hmac => crate::hex::decode_fixed::<32>(sig)
                .map(|b| b.to_vec())
                .ok_or(Error::BadSignature),
            Scheme::Rsa => {
                // A 16384-bit key makes a 2 KiB signature; nothing longer is one.
                if sig.len() > 4096 {
                    return Err(Error::BadSignature);
                }
                base64::decode(sig.bytes()).ok_or(Error::BadSignature)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_forms() {
        let hex = "ab".repeat(32);
        assert_eq!(Scheme::Hmac.decode(Some(&hex)).unwrap(), vec![0xab; 32]);
        assert_eq!(Scheme::Hmac.encode(&[0xab; 32]), hex);
        assert_eq!(
            Scheme::Hmac.decode(Some(&hex[..63])),
            Err(Error::BadSignature)
        );
        assert_eq!(Scheme::Hmac.decode(None), Err(Error::MissingSignature));
        assert_eq!(
            Scheme::Hmac.decode(Some("  ")),
            Err(Error::MissingSignature)
        );
        assert_eq!(Scheme::Rsa.decode(Some("Zm9v")).unwrap(), b"foo");
        assert_eq!(Scheme::Rsa.encode(b"foo"), "Zm9v");
        assert_eq!(Scheme::Rsa.decode(Some("Zm9v*")), Err(Error::BadSignature));
        assert_eq!(
            Scheme::Rsa.decode(Some(&"A".repeat(5000))),
            Err(Error::BadSignature)
        );
    }
}

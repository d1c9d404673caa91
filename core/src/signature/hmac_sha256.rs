use super::{Signer, Verifier};
use crate::error::Error;
use crate::hex::{decode_fixed as from_hex, encode as to_hex};
use crate::prelude::*;
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// HMAC-SHA256 over the raw body, as 64 lowercase hex digits.
///
/// `Debug` never shows the key.
#[derive(Clone)]
pub struct HmacSha256 {
    mac: Hmac<Sha256>,
}

impl HmacSha256 {
    /// A signer with the partner's secret key. The key must not be empty.
    pub fn new(key: &[u8]) -> Result<Self, Error> {
        if key.is_empty() {
            return Err(Error::InvalidKey {
                message: "the signing key must not be empty".into(),
            });
        }
        let mac = Hmac::<Sha256>::new_from_slice(key).map_err(|_| Error::InvalidKey {
            message: "the signing key cannot be used for HMAC-SHA256".into(),
        })?;
        Ok(HmacSha256 { mac })
    }

    fn mac(&self, body: &[u8]) -> Hmac<Sha256> {
        let mut mac = self.mac.clone();
        mac.update(body);
        mac
    }
}

impl core::fmt::Debug for HmacSha256 {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("HmacSha256 { key: <redacted> }")
    }
}

impl Signer for HmacSha256 {
    fn sign(&self, body: &[u8]) -> String {
        to_hex(&self.mac(body).finalize().into_bytes())
    }
}

impl Verifier for HmacSha256 {
    fn verify(&self, body: &[u8], signature: &str) -> Result<(), Error> {
        let expected = from_hex::<32>(signature.trim()).ok_or(Error::BadSignature)?;
        // `verify_slice` compares in constant time.
        self.mac(body)
            .verify_slice(&expected)
            .map_err(|_| Error::BadSignature)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // RFC 4231, test case 2.
    #[test]
    fn rfc4231_vector() {
        let s = HmacSha256::new(b"Jefe").unwrap();
        let sig = s.sign(b"what do ya want for nothing?");
        assert_eq!(
            sig,
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        assert!(s.verify(b"what do ya want for nothing?", &sig).is_ok());
        assert!(s
            .verify(b"what do ya want for nothing?", &sig.to_uppercase())
            .is_ok());
    }

    #[test]
    fn rejects_tampering_and_malformed_signatures() {
        let s = HmacSha256::new(b"demo-secret").unwrap();
        let sig = s.sign(b"{}");
        assert_eq!(s.verify(b"{} ", &sig), Err(Error::BadSignature));
        assert_eq!(s.verify(b"{}", &sig[..63]), Err(Error::BadSignature));
        assert_eq!(s.verify(b"{}", ""), Err(Error::BadSignature));
        assert_eq!(
            HmacSha256::new(b"other").unwrap().verify(b"{}", &sig),
            Err(Error::BadSignature)
        );
        assert!(HmacSha256::new(b"").is_err());
        assert!(!format!("{s:?}").contains("demo-secret"));
    }
}

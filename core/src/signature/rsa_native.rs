//! RSA PKCS#1 v1.5 with SHA-256, base64: the live service's scheme, natively
//! (`rsa` crate). Requests are signed with the partner's private key,
//! webhooks verified with Smart Glocal's public key.

use super::keys::{rsa_private_key, rsa_public_key};
use super::{base64, Signer, Verifier};
use crate::error::Error;
use crate::prelude::*;
use rsa::pkcs1v15::{Signature, SigningKey, VerifyingKey};
use rsa::pkcs8::{DecodePrivateKey, DecodePublicKey};
use rsa::signature::{RandomizedSigner, SignatureEncoding, Verifier as _};
use sha2::Sha256;

/// Signs with a PKCS#8 RSA private key. `Debug` never shows the key.
#[derive(Clone)]
pub struct RsaSha256Signer {
    key: SigningKey<Sha256>,
}

impl RsaSha256Signer {
    pub fn from_pem(pem: &str) -> Result<Self, Error> {
        let checked = rsa_private_key(pem, "privateKey")?;
        let key =
            rsa::RsaPrivateKey::from_pkcs8_der(&checked.der).map_err(|_| Error::InvalidKey {
                message: "privateKey: the RSA key cannot be read".into(),
            })?;
        Ok(RsaSha256Signer {
            key: SigningKey::new(key),
        })
    }
}

impl core::fmt::Debug for RsaSha256Signer {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("RsaSha256Signer { key: <redacted> }")
    }
}

impl Signer for RsaSha256Signer {
    fn sign(&self, body: &[u8]) -> String {
        // Randomized (blinded) private-key operation: no timing leak of the key.
        let sig = self.key.sign_with_rng(&mut rand_core::OsRng, body);
        base64::encode(&sig.to_vec())
    }
}

/// Verifies with an SPKI RSA public key.
#[derive(Clone, Debug)]
pub struct RsaSha256Verifier {
    key: VerifyingKey<Sha256>,
}

impl RsaSha256Verifier {
    pub fn from_pem(pem: &str) -> Result<Self, Error> {
        let checked = rsa_public_key(pem, "webhookPublicKey")?;
        let key = rsa::RsaPublicKey::from_public_key_der(&checked.der).map_err(|_| {
            Error::InvalidKey {
                message: "webhookPublicKey: the RSA key cannot be read".into(),
            }
        })?;
        Ok(RsaSha256Verifier {
            key: VerifyingKey::new(key),
        })
    }
}

impl Verifier for RsaSha256Verifier {
    fn verify(&self, body: &[u8], signature: &str) -> Result<(), Error> {
        let bytes = base64::decode(signature.trim().bytes()).ok_or(Error::BadSignature)?;
        let sig = Signature::try_from(bytes.as_slice()).map_err(|_| Error::BadSignature)?;
        self.key.verify(body, &sig).map_err(|_| Error::BadSignature)
    }
}

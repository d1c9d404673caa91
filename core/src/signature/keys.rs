//! RSA keys as PEM, checked without any crypto dependency: PKCS#8
//! `PRIVATE KEY` for signing requests, SPKI `PUBLIC KEY` for verifying
//! webhooks, RSA only, at least 2048 bits. The checked DER goes to WebCrypto
//! (edge) or the `rsa` crate (native). Messages never echo key material.

use crate::error::Error;
use crate::limits::MIN_RSA_BITS;
use crate::prelude::*;

/// `rsaEncryption`, 1.2.840.113549.1.1.1.
const RSA_OID: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];

fn invalid(message: &str) -> Error {
    Error::InvalidKey {
        message: message.into(),
    }
}

/// A checked RSA key: its DER and modulus size.
#[derive(Clone, PartialEq, Eq)]
pub struct RsaKeyDer {
    pub der: Vec<u8>,
    pub bits: usize,
}

impl core::fmt::Debug for RsaKeyDer {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("RsaKeyDer")
            .field("bits", &self.bits)
            .finish_non_exhaustive()
    }
}

/// The DER inside a PEM block with `label`. `field` names the option in messages.
fn pem_body(pem: &str, label: &str, field: &str) -> Result<Vec<u8>, Error> {
    let begin = cat(&["-----BEGIN ", label, "-----"]);
    let end = cat(&["-----END ", label, "-----"]);
    let Some(start) = pem.find(&begin) else {
        let other = pem.find("-----BEGIN ").and_then(|i| {
            let rest = pem.get(i + 11..)?;
            rest.find("-----").and_then(|j| rest.get(..j))
        });
        return Err(invalid(&match other {
            Some("RSA PRIVATE KEY") => cat(&[
                field,
                ": a PKCS#1 key; convert it to PKCS#8 with `openssl pkcs8 -topk8 -nocrypt`",
            ]),
            Some("ENCRYPTED PRIVATE KEY") => cat(&[
                field,
                ": an encrypted key; give it unencrypted (secret bindings protect it)",
            ]),
            Some("RSA PUBLIC KEY") => cat(&[
                field,
                ": a PKCS#1 public key; give the SPKI form (BEGIN PUBLIC KEY)",
            ]),
            Some(_) => cat(&[field, ": expected a PEM block BEGIN ", label]),
            None => cat(&[field, ": not a PEM key (expected BEGIN ", label, ")"]),
        }));
    };
    let body_start = start + begin.len();
    let body_len = pem
        .get(body_start..)
        .and_then(|rest| rest.find(&end))
        .ok_or_else(|| invalid(&cat(&[field, ": the PEM block has no END line"])))?;
    let body = pem.get(body_start..body_start + body_len).unwrap_or("");
    super::base64::decode(body.bytes().filter(|b| !b.is_ascii_whitespace()))
        .ok_or_else(|| invalid(&cat(&[field, ": the PEM body is not base64"])))
}

/// One DER element: (tag, contents, rest).
fn tlv(input: &[u8]) -> Option<(u8, &[u8], &[u8])> {
    let (&tag, rest) = input.split_first()?;
    let (&first, rest) = rest.split_first()?;
    let (len, rest) = if first < 0x80 {
        (usize::from(first), rest)
    } else {
        let n = usize::from(first & 0x7f);
        if n == 0 || n > 4 || rest.len() < n {
            return None;
        }
        let len = rest[..n]
            .iter()
            .fold(0usize, |acc, &b| acc << 8 | usize::from(b));
        (len, &rest[n..])
    };
    if rest.len() < len {
        return None;
    }
    Some((tag, &rest[..len], &rest[len..]))
}

fn expect(input: &[u8], tag: u8) -> Option<(&[u8], &[u8])> {
    let (t, content, rest) = tlv(input)?;
    (t == tag).then_some((content, rest))
}

const SEQUENCE: u8 = 0x30;
const INTEGER: u8 = 0x02;
const OCTET_STRING: u8 = 0x04;
const BIT_STRING: u8 = 0x03;
const OID: u8 = 0x06;

/// The algorithm OID of an AlgorithmIdentifier.
fn algorithm(input: &[u8]) -> Option<(&[u8], &[u8])> {
    let (alg, rest) = expect(input, SEQUENCE)?;
    let (oid, _) = expect(alg, OID)?;
    Some((oid, rest))
}

/// Bits of a DER INTEGER taken as unsigned.
fn integer_bits(content: &[u8]) -> usize {
    let trimmed: &[u8] = match content.iter().position(|&b| b != 0) {
        Some(i) => &content[i..],
        None => return 0,
    };
    trimmed.len() * 8 - trimmed[0].leading_zeros() as usize
}

fn check_bits(bits: usize, field: &str) -> Result<(), Error> {
    if bits < MIN_RSA_BITS {
        return Err(invalid(&cat(&[field, ": the RSA key is under 2048 bits"])));
    }
    Ok(())
}

/// A PKCS#8 `PRIVATE KEY` PEM holding an RSA key of ≥ 2048 bits.
pub fn rsa_private_key(pem: &str, field: &str) -> Result<RsaKeyDer, Error> {
    let der = pem_body(pem, "PRIVATE KEY", field)?;
    let malformed = || invalid(&cat(&[field, ": malformed PKCS#8 key"]));
    let (outer, _) = expect(&der, SEQUENCE).ok_or_else(malformed)?;
    let (_version, rest) = expect(outer, INTEGER).ok_or_else(malformed)?;
    let (oid, rest) = algorithm(rest).ok_or_else(malformed)?;
    if oid != RSA_OID {
        return Err(invalid(&cat(&[
            field,
            ": not an RSA key (RSASSA-PKCS1-v1_5 needs RSA)",
        ])));
    }
    let (key, _) = expect(rest, OCTET_STRING).ok_or_else(malformed)?;
    let (rsa, _) = expect(key, SEQUENCE).ok_or_else(malformed)?;
    let (_v, rest) = expect(rsa, INTEGER).ok_or_else(malformed)?;
    let (n, _) = expect(rest, INTEGER).ok_or_else(malformed)?;
    let bits = integer_bits(n);
    check_bits(bits, field)?;
    Ok(RsaKeyDer { der, bits })
}

/// An SPKI `PUBLIC KEY` PEM holding an RSA key of ≥ 2048 bits.
pub fn rsa_public_key(pem: &str, field: &str) -> Result<RsaKeyDer, Error> {
    let der = pem_body(pem, "PUBLIC KEY", field)?;
    let malformed = || invalid(&cat(&[field, ": malformed SPKI public key"]));
    let (outer, _) = expect(&der, SEQUENCE).ok_or_else(malformed)?;
    let (oid, rest) = algorithm(outer).ok_or_else(malformed)?;
    if oid != RSA_OID {
        return Err(invalid(&cat(&[field, ": not an RSA key"])));
    }
    let (bits_str, _) = expect(rest, BIT_STRING).ok_or_else(malformed)?;
    let (&unused, key) = bits_str.split_first().ok_or_else(malformed)?;
    if unused != 0 {
        return Err(malformed());
    }
    let (rsa, _) = expect(key, SEQUENCE).ok_or_else(malformed)?;
    let (n, _) = expect(rsa, INTEGER).ok_or_else(malformed)?;
    let bits = integer_bits(n);
    check_bits(bits, field)?;
    Ok(RsaKeyDer { der, bits })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn der_lengths_and_bits() {
        assert_eq!(tlv(&[0x02, 0x01, 0x05]), Some((0x02, &[5u8][..], &[][..])));
        assert_eq!(
            tlv(&[0x04, 0x82, 0x00, 0x02, 1, 2, 9]),
            Some((0x04, &[1u8, 2][..], &[9u8][..]))
        );
        assert_eq!(tlv(&[0x04, 0x85, 0, 0, 0, 0, 1]), None);
        assert_eq!(tlv(&[0x04, 0x03, 1]), None);
        assert_eq!(integer_bits(&[0x00, 0x80, 0x00]), 16);
        assert_eq!(integer_bits(&[0x01]), 1);
        assert_eq!(integer_bits(&[0x00]), 0);
    }

    #[test]
    fn garbage_is_invalid_key_without_echo() {
        for pem in [
            "",
            "not a key",
            "-----BEGIN PRIVATE KEY-----\nzz*zz\n-----END PRIVATE KEY-----",
            "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----",
            "-----BEGIN PRIVATE KEY-----\nMIIB",
            "-----BEGIN RSA PRIVATE KEY-----\nc2VjcmV0LWtleS1tYXRlcmlhbA==\n-----END RSA PRIVATE KEY-----",
            "-----BEGIN ENCRYPTED PRIVATE KEY-----\nc2VjcmV0\n-----END ENCRYPTED PRIVATE KEY-----",
        ] {
            let e = rsa_private_key(pem, "privateKey").unwrap_err();
            assert_eq!(e.code(), "invalid_key", "{pem:?}");
            let m = e.message();
            assert!(m.starts_with("invalid key: privateKey"), "{m}");
            for secret in ["c2VjcmV0", "zz*zz", "MIIB", "AAAA"] {
                assert!(!m.contains(secret), "{m}");
            }
        }
        assert_eq!(
            rsa_public_key("x", "webhookPublicKey").unwrap_err().code(),
            "invalid_key"
        );
    }
}

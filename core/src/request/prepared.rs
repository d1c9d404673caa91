//! A request ready to send, and one waiting for its signature.

use super::headers::HEADER_SIGN;

/// Where the signature header goes among a request's headers: after
/// `Content-Type` and `X-PARTNER-PROJECT`.
pub const SIGNATURE_AT: usize = 2;
use crate::prelude::*;

/// A request ready to send: the body is exactly the bytes that were signed.
#[derive(Clone, PartialEq, Eq)]
pub struct PreparedRequest {
    pub method: &'static str,
    pub url: String,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
}

impl PreparedRequest {
    /// The value of a header, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

impl core::fmt::Debug for PreparedRequest {
    /// The body may hold card data: only its length is shown.
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("PreparedRequest")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("headers", &self.headers)
            .field("body_len", &self.body.len())
            .finish()
    }
}

/// A request waiting for its signature. Signing may be asynchronous
/// (WebCrypto), so it happens outside this pure core.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnsignedRequest(PreparedRequest);

impl UnsignedRequest {
    pub(super) fn new(req: PreparedRequest) -> UnsignedRequest {
        UnsignedRequest(req)
    }

    /// The bytes to sign.
    pub fn body(&self) -> &[u8] {
        &self.0.body
    }

    /// The request before signing (headers without `X-PARTNER-SIGN`).
    pub fn request(&self) -> &PreparedRequest {
        &self.0
    }

    /// Attaches the signature of [`UnsignedRequest::body`], after the
    /// project header (at [`SIGNATURE_AT`], where the edge package's
    /// JavaScript puts the WebCrypto signature too).
    pub fn signed(mut self, signature: String) -> PreparedRequest {
        self.0
            .headers
            .insert(SIGNATURE_AT, (HEADER_SIGN, signature));
        self.0
    }

    /// Signs with a synchronous signer.
    #[cfg(feature = "signing")]
    pub fn sign_with(self, signer: &impl crate::signature::Signer) -> PreparedRequest {
        let sig = signer.sign(self.body());
        self.signed(sig)
    }
}

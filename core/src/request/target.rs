//! Where requests go and on whose behalf.

use super::headers::{
    HEADER_CONTENT_TYPE, HEADER_IDEMPOTENCY_KEY, HEADER_PROJECT, HEADER_SUBMERCHANT,
};
use super::{Endpoint, PreparedRequest, UnsignedRequest};
use crate::error::Error;
use crate::prelude::*;

/// The test host. The live host is [`LIVE_BASE_URL`].
pub const DEFAULT_BASE_URL: &str = "https://demo.smart-glocal.com";
/// The live host.
pub const LIVE_BASE_URL: &str = "https://proxy.smart-glocal.com";

/// The API's base URL, the project name and the API version (1 or 2:
/// `/api/v1/…` or `/api/v2/…`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    base_url: String,
    project: String,
    version: ApiVersion,
}

/// The API's version: the path of every call, and in v2 the name of a
/// payout's destination (`payout_details` for v1's `payment_method`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ApiVersion {
    #[default]
    V1,
    V2,
}

impl ApiVersion {
    /// The path prefix of every call.
    pub fn prefix(self) -> &'static str {
        match self {
            ApiVersion::V1 => "/api/v1/",
            ApiVersion::V2 => "/api/v2/",
        }
    }

    /// The request member that says where a payout goes.
    pub fn payout_method_key(self) -> &'static str {
        match self {
            ApiVersion::V1 => "payment_method",
            ApiVersion::V2 => "payout_details",
        }
    }
}

impl Target {
    /// The base URL must be `https:` (card data never travels in clear), or
    /// `http:` to a loopback host (a local sandbox), with no query or
    /// fragment; the project name visible ASCII (a header value).
    pub fn new(base_url: &str, project: &str) -> Result<Target, Error> {
        crate::url::parse_secure(base_url, true)
            .ok_or_else(|| Error::invalid("baseUrl", crate::url::SECURE_BASE_RULE))?;
        if project.is_empty() || !project.bytes().all(|b| b.is_ascii_graphic()) {
            return Err(Error::invalid(
                "project",
                "must be a non-empty name of visible ASCII characters",
            ));
        }
        Ok(Target {
            base_url: base_url.trim_end_matches('/').to_string(),
            project: project.to_string(),
            version: ApiVersion::V1,
        })
    }

    /// The same target, speaking `version`.
    pub fn with_version(mut self, version: ApiVersion) -> Target {
        self.version = version;
        self
    }

    pub fn version(&self) -> ApiVersion {
        self.version
    }

    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    pub fn project(&self) -> &str {
        &self.project
    }

    /// The request for `endpoint` with `body` (already validated, see
    /// [`crate::params::read`]), without its signature. A submerchant goes
    /// in `X-PARTNER-SUBMERCHANT`.
    pub fn prepare(
        &self,
        endpoint: Endpoint,
        body: Vec<u8>,
        idempotency_key: Option<&str>,
        submerchant: Option<&str>,
    ) -> Result<UnsignedRequest, Error> {
        if let Some(k) = idempotency_key {
            super::validate_idempotency_key(k)?;
        }
        if let Some(s) = submerchant {
            validate_submerchant(s, "submerchant")?;
        }
        let mut headers = vec![
            (HEADER_CONTENT_TYPE, "application/json".to_string()),
            (HEADER_PROJECT, self.project.clone()),
        ];
        if let Some(k) = idempotency_key {
            headers.push((HEADER_IDEMPOTENCY_KEY, k.to_string()));
        }
        if let Some(s) = submerchant {
            headers.push((HEADER_SUBMERCHANT, s.to_string()));
        }
        Ok(UnsignedRequest::new(PreparedRequest {
            method: "POST",
            url: cat(&[
                self.base_url.as_str(),
                self.version.prefix(),
                endpoint.path(),
            ]),
            headers,
            body,
        }))
    }
}

/// A submerchant identifier: 1 to 255 visible ASCII characters (a header value).
pub fn validate_submerchant(s: &str, field: &str) -> Result<(), Error> {
    super::headers::check_header_value(s, field)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls() {
        for ok in [
            "https://demo.smart-glocal.com",
            "https://proxy.smart-glocal.com/",
            "http://127.0.0.1:4010",
            "http://localhost:4010/",
            "http://[::1]:4010",
        ] {
            assert!(Target::new(ok, "p").is_ok(), "{ok}");
        }
        for bad in [
            "http://api.example.test",
            "http://127.0.0.2/",
            "demo.smart-glocal.com",
            "https://x/?a",
            "https://x/#f",
            "ftp://x",
            "https://host:99999/",
        ] {
            let e = Target::new(bad, "p").unwrap_err();
            assert!(
                matches!(&e, Error::InvalidParams { field, .. } if field == "baseUrl"),
                "{bad}: {e}"
            );
        }
        assert!(Target::new("https://x", "bad project").is_err());
        assert!(Target::new("https://x", "").is_err());
    }

    #[test]
    fn headers_and_url() {
        let t = Target::new("https://demo.smart-glocal.com/", "your_project_name").unwrap();
        let req = t
            .prepare(
                Endpoint::Confirm,
                b"{}".to_vec(),
                Some("key-1"),
                Some("sub-7"),
            )
            .unwrap()
            .signed("abc".into());
        assert_eq!(
            req.url,
            "https://demo.smart-glocal.com/api/v1/session/confirm"
        );
        assert_eq!(req.method, "POST");
        assert_eq!(req.header("content-type"), Some("application/json"));
        assert_eq!(req.header("X-PARTNER-PROJECT"), Some("your_project_name"));
        assert_eq!(req.header("X-PARTNER-SIGN"), Some("abc"));
        assert_eq!(req.header("X-PARTNER-IDEMPOTENCY-KEY"), Some("key-1"));
        assert_eq!(req.header("X-PARTNER-SUBMERCHANT"), Some("sub-7"));
        let plain = t
            .prepare(Endpoint::Status, vec![], None, None)
            .unwrap()
            .signed("s".into());
        assert_eq!(plain.header("X-PARTNER-IDEMPOTENCY-KEY"), None);
        assert_eq!(plain.header("X-PARTNER-SUBMERCHANT"), None);
        assert!(t
            .prepare(Endpoint::Confirm, vec![], Some("a\r\nb"), None)
            .is_err());
        assert!(t
            .prepare(Endpoint::Confirm, vec![], None, Some("a b"))
            .is_err());
    }
}

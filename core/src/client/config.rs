//! `new SmartGlocal(config)`: the configuration, read strictly.

use crate::error::Error;
use crate::limits::{range_rule, ATTEMPT_MAX_TIMEOUT_MS, MAX_RETRIES_LIMIT};
use crate::prelude::*;
use crate::request::{validate_submerchant, ApiVersion, Target, DEFAULT_BASE_URL};
use crate::retry::{RetryPolicy, DEFAULT_MAX_RETRIES};
use crate::signature::keys::{rsa_private_key, rsa_public_key, RsaKeyDer};
use crate::signature::Scheme;
use crate::tree::{only_known, IntegerRead, Kind, Node, Path, Reader};

/// Default time an attempt may take, answer included.
pub const DEFAULT_TIMEOUT_MS: u32 = 10_000;

/// The keys of the one scheme a client uses. `Debug` shows no key.
#[derive(Clone, PartialEq, Eq)]
pub enum Keys {
    /// The shared HMAC secret.
    Hmac(Vec<u8>),
    /// The partner's private key (signs requests) and Smart Glocal's public
    /// key (verifies webhooks), checked DER.
    Rsa {
        private: RsaKeyDer,
        public: Option<RsaKeyDer>,
    },
}

impl core::fmt::Debug for Keys {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(match self {
            Keys::Hmac(_) => "Keys::Hmac(<redacted>)",
            Keys::Rsa { .. } => "Keys::Rsa(<redacted>)",
        })
    }
}

impl Keys {
    pub fn scheme(&self) -> Scheme {
        match self {
            Keys::Hmac(_) => Scheme::Hmac,
            Keys::Rsa { .. } => Scheme::Rsa,
        }
    }
}

/// A checked client configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientSpec {
    pub target: Target,
    pub keys: Keys,
    pub timeout_ms: u32,
    pub retry: RetryPolicy,
    /// Sent as `X-PARTNER-SUBMERCHANT` unless a call says otherwise.
    pub submerchant: Option<String>,
    /// Whether `onRequest` / `onResponse` hooks were given.
    pub on_request: bool,
    pub on_response: bool,
}

const FIELDS: [&str; 11] = [
    "project",
    "apiVersion",
    "signingKey",
    "privateKey",
    "webhookPublicKey",
    "baseUrl",
    "timeoutMs",
    "maxRetries",
    "submerchant",
    "onRequest",
    "onResponse",
];

/// Reads `config` (a missing one is an error naming `config`). Fields are
/// named as the caller wrote them (`baseUrl`); keys are never echoed.
pub fn read_config<N: Node>(config: Option<&N>) -> Result<ClientSpec, Error> {
    let r = Reader::caller("config");
    let path = Path::root("");
    let config =
        config.ok_or_else(|| Error::invalid("config", "is required: { project, signingKey }"))?;
    only_known(&r, config, &path, &FIELDS)?;
    let project = r.required(r.string(config, &path, "project")?, &path, "project")?;
    let base_url = r.string(config, &path, "baseUrl")?;
    let version = match whole(&r, config, &path, "apiVersion")? {
        None | Some(1) => ApiVersion::V1,
        Some(2) => ApiVersion::V2,
        Some(_) => return Err(Error::invalid("apiVersion", "must be 1 or 2")),
    };
    let target = Target::new(base_url.as_deref().unwrap_or(DEFAULT_BASE_URL), &project)?
        .with_version(version);
    let signing_key = r.string(config, &path, "signingKey")?;
    let private_key = r.string(config, &path, "privateKey")?;
    let public_key = r.string(config, &path, "webhookPublicKey")?;
    let keys = match Scheme::choose(
        signing_key.is_some(),
        private_key.is_some() || public_key.is_some(),
    )? {
        Scheme::Hmac => {
            let key = signing_key.unwrap_or_default();
            if key.is_empty() {
                return Err(Error::InvalidKey {
                    message: "the signing key must not be empty".into(),
                });
            }
            Keys::Hmac(key.into_bytes())
        }
        Scheme::Rsa => {
            let private = private_key.ok_or_else(|| {
                Error::invalid(
                    "privateKey",
                    "is required with webhookPublicKey (the RSA scheme)",
                )
            })?;
            Keys::Rsa {
                private: rsa_private_key(&private, "privateKey")?,
                public: match public_key {
                    Some(p) => Some(rsa_public_key(&p, "webhookPublicKey")?),
                    None => None,
                },
            }
        }
    };
    let timeout_ms = match whole(&r, config, &path, "timeoutMs")? {
        None => DEFAULT_TIMEOUT_MS,
        Some(n) if (1..=u64::from(ATTEMPT_MAX_TIMEOUT_MS)).contains(&n) => n as u32,
        Some(_) => {
            let rule = range_rule("an integer", 1, ATTEMPT_MAX_TIMEOUT_MS.into());
            return Err(Error::invalid("timeoutMs", rule));
        }
    };
    let max_retries = match whole(&r, config, &path, "maxRetries")? {
        None => DEFAULT_MAX_RETRIES,
        Some(n) if n <= u64::from(MAX_RETRIES_LIMIT) => n as u32,
        Some(_) => {
            let rule = range_rule("an integer", 0, MAX_RETRIES_LIMIT.into());
            return Err(Error::invalid("maxRetries", rule));
        }
    };
    let submerchant = r.string(config, &path, "submerchant")?;
    if let Some(s) = &submerchant {
        validate_submerchant(s, "submerchant")?;
    }
    Ok(ClientSpec {
        target,
        keys,
        timeout_ms,
        retry: RetryPolicy { max_retries },
        submerchant,
        on_request: hook(&r, config, &path, "onRequest")?,
        on_response: hook(&r, config, &path, "onResponse")?,
    })
}

/// A whole number member, any other number or type being an error.
fn whole<N: Node>(r: &Reader, node: &N, path: &Path, key: &str) -> Result<Option<u64>, Error> {
    let Some(v) = r.child(node, path, key)? else {
        return Ok(None);
    };
    match v.safe_integer() {
        IntegerRead::Ok(n) => Ok(Some(n)),
        IntegerRead::NotANumber => Err(r.error(Some(&v), &path.key(key), "must be a number")),
        _ => Ok(Some(u64::MAX)),
    }
}

fn hook<N: Node>(r: &Reader, node: &N, path: &Path, key: &str) -> Result<bool, Error> {
    match r.child(node, path, key)? {
        None => Ok(false),
        Some(v) if v.kind() == Kind::Function => Ok(true),
        Some(v) => Err(r.error(Some(&v), &path.key(key), "must be a function")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<ClientSpec, Error> {
        let doc = crate::json::parse(text.as_bytes()).unwrap();
        read_config(Some(&doc.root()))
    }

    fn field(e: Error) -> String {
        match e {
            Error::InvalidParams { field, .. } => field,
            other => other.code().into(),
        }
    }

    #[test]
    fn defaults_and_limits() {
        let spec = read(r#"{"project":"demo","signingKey":"k"}"#).unwrap();
        assert_eq!(spec.target.base_url(), DEFAULT_BASE_URL);
        assert_eq!((spec.timeout_ms, spec.retry.max_retries), (10_000, 2));
        assert_eq!(spec.keys.scheme(), Scheme::Hmac);
        assert!(!format!("{spec:?}").contains("\"k\""), "no key in Debug");
        for (config, expected) in [
            (r#"{"signingKey":"s3cret-value"}"#, "project"),
            (r#"{"project":"p"}"#, "signingKey"),
            (r#"{"project":"p","signingKey":""}"#, "invalid_key"),
            (
                r#"{"project":"p","signingKey":"s3cret-value","baseUrl":"demo.smart-glocal.com"}"#,
                "baseUrl",
            ),
            (
                r#"{"project":"p","signingKey":"s3cret-value","baseUrl":"http://api.example.test"}"#,
                "baseUrl",
            ),
            (
                r#"{"project":"p","signingKey":"s3cret-value","timeoutMs":0}"#,
                "timeoutMs",
            ),
            (
                r#"{"project":"p","signingKey":"s3cret-value","timeoutMs":-5}"#,
                "timeoutMs",
            ),
            (
                r#"{"project":"p","signingKey":"s3cret-value","timeoutMs":600001}"#,
                "timeoutMs",
            ),
            (
                r#"{"project":"p","signingKey":"s3cret-value","maxRetries":11}"#,
                "maxRetries",
            ),
            (
                r#"{"project":"p","signingKey":"s3cret-value","maxRetries":1.5}"#,
                "maxRetries",
            ),
            (
                r#"{"project":"p","signingKey":"s3cret-value","signingkey":"typo"}"#,
                "config",
            ),
            (
                r#"{"project":"p q","signingKey":"s3cret-value"}"#,
                "project",
            ),
            (
                r#"{"project":"p","signingKey":"k","privateKey":"pem"}"#,
                "invalid_key",
            ),
            (
                r#"{"project":"p","signingKey":"k","submerchant":"a b"}"#,
                "submerchant",
            ),
            (
                r#"{"project":"p","signingKey":"k","onRequest":"log"}"#,
                "onRequest",
            ),
            (r#"[]"#, "config"),
        ] {
            let e = read(config).unwrap_err();
            assert!(!e.message().contains("s3cret-value"), "{}", e.message());
            assert_eq!(field(e), expected, "{config}");
        }
        assert_eq!(
            read(r#"{"project":"p","signingKey":"k","signingkey":"typo"}"#)
                .unwrap_err()
                .message(),
            "invalid `config`: has an unknown field (did you mean `signingKey`?)"
        );
        assert!(
            matches!(read_config::<crate::json::Value>(None), Err(Error::InvalidParams { ref field, .. }) if field == "config")
        );
    }
}

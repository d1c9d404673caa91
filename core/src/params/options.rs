//! `payment_options` and the URLs a customer is sent back to.

use super::object::invalid;
use crate::error::Error;
use crate::json::{Kind, Value};
use crate::prelude::*;
use crate::tree::Path;

/// The `return_url` of faster-payments transfers, which have no page to
/// return to: the API documents this literal value.
pub const DUMMY_RETURN_URL: &str = "dummy:/url";

/// `payment_options`. Options this SDK does not know are passed through.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PaymentOptions {
    pub return_url: Option<String>,
    /// On a first payment: ask for a recurrent token.
    pub recurrent: Option<bool>,
}

impl PaymentOptions {
    pub fn read(v: Value<'_>, path: &Path) -> Result<PaymentOptions, Error> {
        if v.kind() != Kind::Object {
            return Err(invalid(path, "must be an object"));
        }
        // Passed through as written: nothing in it may repeat a key.
        if v.repeated_key_within().is_some() {
            return Err(invalid(path, "has a repeated field"));
        }
        let return_url = match v.get("return_url").filter(|v| !v.is_null()) {
            None => None,
            Some(u) => {
                let here = path.key("return_url");
                let url = u
                    .as_str()
                    .ok_or_else(|| invalid(&here, "must be a string"))?;
                if url != DUMMY_RETURN_URL && !is_absolute_http_url(&url) {
                    return Err(invalid(
                        &here,
                        "must be an absolute http(s) URL (or \"dummy:/url\" for faster-payments transfers)",
                    ));
                }
                Some(url.into_owned())
            }
        };
        let recurrent = match v.get("recurrent").filter(|v| !v.is_null()) {
            None => None,
            Some(r) => Some(
                r.as_bool()
                    .ok_or_else(|| invalid(&path.key("recurrent"), "must be a boolean"))?,
            ),
        };
        Ok(PaymentOptions {
            return_url,
            recurrent,
        })
    }
}

pub use crate::url::is_absolute_http_url;

/// A URL a customer is sent to after a hosted page: absolute http(s).
pub fn return_url(v: Value<'_>, path: &Path) -> Result<String, Error> {
    let url = v
        .as_str()
        .ok_or_else(|| invalid(path, "must be a string"))?;
    if !is_absolute_http_url(&url) {
        return Err(invalid(path, "must be an absolute http(s) URL"));
    }
    Ok(url.into_owned())
}

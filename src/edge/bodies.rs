//! Bodies from outside: their caps, the 3-D Secure return, and what logs
//! may show of a request body.

use crate::wasm::error::{js_error, JsResult};
use crate::wasm::js_node::JsNode;
use smart_glocal::body_cap::BodyCap;
use smart_glocal::error::Error;
use smart_glocal::limits::{
    RESPONSE_MAX_BYTES, RETURN_MAX_BYTES, SIGN_MAX_BYTES, WEBHOOK_MAX_BYTES,
};
use smart_glocal::prelude::*;
use smart_glocal::return_url::{fields_in, query_of, return_location, FieldsIn};
use wasm_bindgen::prelude::*;

/// The cap of a body, in bytes: `kind` is `"webhook"` or `"return"` (with
/// the caller's `{ maxBytes }`), `"response"` or `"sign"`. Refuses at once
/// when `contentLength` already says the body is over it.
#[wasm_bindgen(js_name = bodyCap)]
pub fn body_cap(kind: &str, opts: JsValue, content_length: Option<String>) -> JsResult<f64> {
    let opts = JsNode::of(&opts).filter(|n| !n.0.is_null());
    let cap = match kind {
        "webhook" => BodyCap::read(opts.as_ref(), WEBHOOK_MAX_BYTES)?,
        "return" => BodyCap::read(opts.as_ref(), RETURN_MAX_BYTES)?,
        "response" => BodyCap {
            limit: RESPONSE_MAX_BYTES,
        },
        _ => BodyCap {
            limit: SIGN_MAX_BYTES,
        },
    };
    cap.check_declared(content_length.as_deref())?;
    Ok(cap.limit as f64)
}

/// `payload_too_large` for a body over `limit` bytes.
#[wasm_bindgen(js_name = tooLarge)]
pub fn too_large(limit: f64) -> JsValue {
    js_error(
        BodyCap {
            limit: limit as u64,
        }
        .too_large(),
    )
}

/// Where a 3-D Secure return carries its fields: `"query"` or `"body"`.
#[wasm_bindgen(js_name = returnFieldsIn)]
pub fn return_fields_in(method: &str, content_type: Option<String>) -> JsResult<String> {
    Ok(match fields_in(method, content_type.as_deref())? {
        FieldsIn::Query => "query",
        FieldsIn::Body => "body",
    }
    .into())
}

/// The `Location` of the `303` for a return: `target` with the fields of
/// `source` (the request's URL for `"query"`, its form body for `"body"`).
#[wasm_bindgen(js_name = returnLocation)]
pub fn return_location_js(target: JsValue, source: &str, fields_in: &str) -> JsResult<String> {
    let target = target
        .as_string()
        .ok_or_else(|| Error::invalid("targetUrl", "must be a string"))?;
    let encoded = if fields_in == "query" {
        query_of(source)
    } else {
        source
    };
    Ok(return_location(&target, encoded)?)
}

/// The caps the package checks before handing text to wasm, in bytes.
#[wasm_bindgen(js_name = maxParamsBytes)]
pub fn max_params_bytes() -> f64 {
    smart_glocal::limits::MAX_PARAMS_BYTES as f64
}

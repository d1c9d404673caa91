//! Bodies from outside: their caps.

use crate::wasm::error::{js_error, JsResult};
use crate::wasm::js_node::JsNode;
use smart_glocal::body_cap::BodyCap;
use smart_glocal::limits::{
    RESPONSE_MAX_BYTES, RETURN_MAX_BYTES, SIGN_MAX_BYTES, WEBHOOK_MAX_BYTES,
};
use smart_glocal::prelude::*;
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

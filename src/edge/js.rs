//! Conversions at the JS boundary, timers and randomness.

use crate::error::Error;
use js_sys::{ArrayBuffer, Promise, Uint8Array, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(callback: &js_sys::Function, ms: f64) -> JsValue;

    #[wasm_bindgen(js_namespace = crypto, js_name = getRandomValues, catch)]
    fn get_random_values(buf: &mut [u8]) -> Result<JsValue, JsValue>;
}

/// `JSON.stringify(value)`; `undefined` gives `default`. Values JSON cannot
/// hold (BigInt, cycles, functions) are `invalid_params` naming `field`.
pub fn to_json(value: &JsValue, field: &str, default: &str) -> Result<String, Error> {
    if value.is_undefined() {
        return Ok(default.to_string());
    }
    JSON::stringify(value)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| Error::invalid(field, "must be a JSON-compatible object"))
}

/// `JSON.parse(text)` of JSON this crate produced or already validated.
pub fn from_json(text: &str) -> Result<JsValue, Error> {
    JSON::parse(text).map_err(|_| Error::MalformedPayload {
        line: 1,
        column: 1,
        message: "not JSON".into(),
    })
}

/// A body given as a string (UTF-8), `Uint8Array` or `ArrayBuffer`.
pub fn bytes(value: &JsValue, field: &str) -> Result<Vec<u8>, Error> {
    if let Some(s) = value.as_string() {
        Ok(s.into_bytes())
    } else if let Some(a) = value.dyn_ref::<Uint8Array>() {
        Ok(a.to_vec())
    } else if let Some(b) = value.dyn_ref::<ArrayBuffer>() {
        Ok(Uint8Array::new(b).to_vec())
    } else {
        Err(Error::invalid(
            field,
            "must be a string, Uint8Array or ArrayBuffer",
        ))
    }
}

/// A required string argument.
pub fn string(value: &JsValue, field: &str) -> Result<String, Error> {
    value
        .as_string()
        .ok_or_else(|| Error::invalid(field, "must be a string"))
}

/// Random bytes from `crypto.getRandomValues`.
pub fn random_bytes<const N: usize>() -> Result<[u8; N], Error> {
    let mut buf = [0u8; N];
    get_random_values(&mut buf).map_err(|_| Error::Network {
        message: "crypto.getRandomValues is not available".into(),
    })?;
    Ok(buf)
}

/// A random number in [0, 1) for backoff jitter.
pub fn random_unit() -> f64 {
    let b = random_bytes::<4>().unwrap_or([0x80, 0, 0, 0]);
    f64::from(u32::from_le_bytes(b)) / 4_294_967_296.0
}

/// Resolves after `ms` milliseconds (global `setTimeout`: workers and Node).
pub async fn sleep(ms: u64) {
    let p = Promise::new(&mut |resolve, _reject| {
        set_timeout(&resolve, ms as f64);
    });
    let _ = JsFuture::from(p).await;
}

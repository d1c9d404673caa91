//! Helpers of both builds' wasm-bindgen tests: JS values from JSON, their
//! members, and hostile objects.

use js_sys::{Function, Reflect, JSON};
use wasm_bindgen::prelude::*;

pub fn obj(json: &str) -> JsValue {
    JSON::parse(json).unwrap()
}

pub fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).unwrap()
}

/// An object whose `key` getter throws, built by JavaScript.
pub fn throwing(key: &str) -> JsValue {
    Function::new_with_args(
        "key",
        "return Object.defineProperty({}, key, { enumerable: true, get() { throw new Error('boom'); } });",
    )
    .call1(&JsValue::NULL, &key.into())
    .unwrap()
}

//! Helpers of both builds' wasm-bindgen tests: JS values from JSON, their
//! members, and hostile objects.

use js_sys::{Function, Reflect, JSON};
use wasm_bindgen::prelude::*;

/// What the instance's start function does (wasm-bindgen-test does not run
/// it): the core gets the host's number functions.
pub fn start() {
    super::numbers::install();
}

pub fn obj(json: &str) -> JsValue {
    start();
    JSON::parse(json).unwrap()
}

pub fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).unwrap()
}

/// An object whose `key` getter throws, built by JavaScript.
pub fn throwing(key: &str) -> JsValue {
    start();
    Function::new_with_args(
        "key",
        "return Object.defineProperty({}, key, { enumerable: true, get() { throw new Error('boom'); } });",
    )
    .call1(&JsValue::NULL, &key.into())
    .unwrap()
}

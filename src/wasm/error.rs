//! Core errors → JavaScript `SmartGlocalError` (a real `Error` subclass).

use crate::error::Error;
use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/js/error.js")]
extern "C" {
    #[wasm_bindgen(extends = js_sys::Error)]
    type SmartGlocalError;

    #[wasm_bindgen(constructor)]
    fn new(code: &str, message: &str, details: &Object) -> SmartGlocalError;
}

fn set(obj: &Object, key: &str, value: JsValue) {
    // Setting a property on a fresh plain object cannot fail.
    let _ = Reflect::set(obj, &JsValue::from_str(key), &value);
}

/// The `SmartGlocalError` for `err`: `code`, `message`, and per kind `field`,
/// `line`/`column`, `api_code`/`api_description`/`status`, or `status`.
pub fn to_js(err: &Error) -> JsValue {
    let details = Object::new();
    match err {
        Error::InvalidParams { field, .. } => set(&details, "field", field.into()),
        Error::MalformedPayload { line, column, .. } => {
            set(&details, "line", (*line as f64).into());
            set(&details, "column", (*column as f64).into());
        }
        Error::Api {
            status,
            code,
            description,
        } => {
            set(&details, "api_code", code.into());
            set(&details, "api_description", description.into());
            set(&details, "status", (*status).into());
        }
        Error::Http { status } => set(&details, "status", (*status).into()),
        _ => {}
    }
    SmartGlocalError::new(err.code(), &err.message(), &details).into()
}

/// `Result<T, Error>` → `Result<T, JsValue>` for exported functions.
pub trait IntoJs<T> {
    fn js(self) -> Result<T, JsValue>;
}

impl<T> IntoJs<T> for Result<T, Error> {
    fn js(self) -> Result<T, JsValue> {
        self.map_err(|e| to_js(&e))
    }
}

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

/// The `SmartGlocalError` for `err`: `code`, `message`, and per kind
/// `field`, `line`/`column`, `api_code`/`api_description`/`status`, `status`
/// or `limit`.
impl From<Error> for JsValue {
    fn from(err: Error) -> JsValue {
        let details = Object::new();
        match &err {
            Error::InvalidParams { field, .. } => set(&details, "field", field.into()),
            Error::MalformedPayload {
                field,
                line,
                column,
                ..
            } => {
                if !field.is_empty() {
                    set(&details, "field", field.into());
                }
                if *line > 0 {
                    set(&details, "line", (*line as f64).into());
                    set(&details, "column", (*column as f64).into());
                }
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
            Error::PayloadTooLarge { limit, .. } => set(&details, "limit", (*limit as f64).into()),
            _ => {}
        }
        SmartGlocalError::new(err.code(), &err.message(), &details).into()
    }
}

/// `Result<T, Error>` → `Result<T, JsValue>` for exported functions.
pub type JsResult<T> = Result<T, JsValue>;

/// The `internal` error of a call whose instance failed and was reset
/// (`what` says how: "a WebAssembly trap", …).
#[wasm_bindgen(js_name = internalError)]
pub fn internal_error(what: &str) -> JsValue {
    Error::Internal {
        message: what.into(),
    }
    .into()
}

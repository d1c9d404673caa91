//! Core errors → JavaScript `SmartGlocalError` (a real `Error` subclass).

use js_sys::{Object, Reflect};
use smart_glocal::error::Error;
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

/// What an export throws: a `SmartGlocalError` made from a core error, or
/// a JavaScript value passed through. (A type of the glue's own, since the
/// core's `Error` and `JsValue` are both foreign here.)
pub struct Thrown(JsValue);

impl From<Error> for Thrown {
    fn from(err: Error) -> Thrown {
        Thrown(js_error(err))
    }
}

impl From<JsValue> for Thrown {
    fn from(value: JsValue) -> Thrown {
        Thrown(value)
    }
}

/// The thrown value, as the tests read it.
impl core::ops::Deref for Thrown {
    type Target = JsValue;
    fn deref(&self) -> &JsValue {
        &self.0
    }
}

impl core::fmt::Debug for Thrown {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        self.0.fmt(f)
    }
}

impl From<Thrown> for JsValue {
    fn from(thrown: Thrown) -> JsValue {
        thrown.0
    }
}

/// The `SmartGlocalError` for `err`: `code`, `message`, and per kind
/// `field`, `line`/`column`, `api_code`/`api_description`/`status`, `status`
/// or `limit`.
pub fn js_error(err: Error) -> JsValue {
    {
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
            // Only the edge package reads API answers (core/src/response.rs).
            #[cfg(feature = "edge")]
            Error::Api {
                status,
                code,
                description,
            } => {
                set(&details, "api_code", code.into());
                set(&details, "api_description", description.into());
                set(&details, "status", (*status).into());
            }
            #[cfg(feature = "edge")]
            Error::Http { status } => set(&details, "status", (*status).into()),
            Error::PayloadTooLarge { limit, .. } => set(&details, "limit", (*limit as f64).into()),
            _ => {}
        }
        // Only the edge package makes calls that can be sent again.
        #[cfg(feature = "edge")]
        if err.is_retryable() {
            set(&details, "retryable", true.into());
        }
        SmartGlocalError::new(err.code(), &err.message(), &details).into()
    }
}

/// The result of an exported function: `?` takes core errors and JS values.
pub type JsResult<T> = Result<T, Thrown>;

/// An error the package's JavaScript raises, built by the core like every
/// other (one export for all three): `invalid_params` naming `field`,
/// `unsafe_redirect` (a page step that failed), or `internal` (a call whose
/// instance failed and was reset: `message` says how, "a WebAssembly
/// trap", …).
#[wasm_bindgen(js_name = errorOf)]
pub fn error_of(code: &str, field: &str, message: &str) -> JsValue {
    js_error(match code {
        "invalid_params" => Error::invalid(field, message),
        "unsafe_redirect" => Error::UnsafeRedirect {
            message: message.into(),
        },
        _ => Error::Internal {
            message: message.into(),
        },
    })
}

//! The 3-D Secure return as a `GET` (`returnToGet`): where its fields are
//! and the `Location` that carries them (full build only).

use crate::wasm::error::JsResult;
use smart_glocal::error::Error;
use smart_glocal::prelude::*;
use smart_glocal::return_url::{fields_in, query_of, return_location, FieldsIn};
use wasm_bindgen::prelude::*;

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

//! The two number functions the core asks its host for (feature
//! `host-numbers` of `smart-glocal`, json/src/number.rs): JavaScript's
//! own `parseFloat` and `String`, so the package carries no float parsing or
//! printing of its own. Handed over when the instance starts.

use alloc::string::String;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// `parseFloat(text)`: on a JSON number, the value `JSON.parse` gives.
    #[wasm_bindgen(js_name = parseFloat)]
    fn parse_float(text: &str) -> f64;

    /// `String(n)`.
    #[wasm_bindgen(js_name = String)]
    fn string_of(n: f64) -> String;
}

pub fn install() {
    smart_glocal::json::set_host_numbers(parse_float, string_of);
}

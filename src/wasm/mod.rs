//! Glue shared by both wasm builds: the error class, reading JS values as
//! trees (every read that could run the caller's code is a `catch` import,
//! so no exception ever unwinds through wasm), and writing core outputs as
//! JS objects.

pub mod error;
#[cfg(feature = "fault-injection")]
pub mod fault;
pub mod js_node;
mod numbers;
/// Core outputs as JS objects (the browser's; the edge answers with JSON text).
#[cfg(feature = "browser")]
pub mod out;
#[cfg(test)]
pub mod test_util;

/// At start (and after wasm-bindgen's `__wbg_reset_state`, the packages'
/// recovery in `js/runtime.js`, which calls `__wbindgen_start` on the new
/// instance): the core gets the host's number functions.
#[wasm_bindgen::prelude::wasm_bindgen(start, private)]
fn on_start() {
    numbers::install();
}

//! Glue shared by both wasm builds: the error class, reading JS values as
//! trees (every read that could run the caller's code is a `catch` import,
//! so no exception ever unwinds through wasm), and writing core outputs as
//! JS objects.

pub mod error;
pub mod js_node;
pub mod out;

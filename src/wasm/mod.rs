//! Glue shared by the two wasm builds: the error class.

pub mod error;

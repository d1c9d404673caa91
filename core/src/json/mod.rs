//! The crate's own JSON reader: a strict RFC 8259 parser into a flat tape,
//! and the text helpers that go with it.
//!
//! Why not serde_json here: the caller's parameters must be checked field by
//! field and then sent *as given* (the signed bytes are the caller's JSON,
//! with only the normalisations the core makes), errors must name the field
//! and its line and column, numbers must never be rounded, and repeated keys
//! must be refused (a check on the first `number` while the API reads the
//! second would be a bypass). A tape keeps every value's byte span, so all of
//! that is direct, and the parser is a few kilobytes of wasm instead of one
//! monomorphised deserializer per type.
//!
//! Limits: nesting deeper than [`MAX_DEPTH`](crate::limits::MAX_DEPTH) is refused; input longer than
//! `u32::MAX` bytes is refused before anything is allocated.

mod number;
mod parse;
mod text;
mod value;

#[cfg(feature = "host-numbers")]
pub use number::set_host_numbers;
pub use number::{js_number_text, to_f64};
pub use parse::{parse, parse_keeping_repeats, SyntaxError, REPEATED_KEY};
pub use text::{position, write_escaped};
pub use value::{Doc, Elements, Kind, Members, Value};

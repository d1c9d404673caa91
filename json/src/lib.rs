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
//! Limits: nesting deeper than [`MAX_DEPTH`] is refused; input longer than
//! `u32::MAX` bytes is refused before anything is allocated.
//!
//! Its own crate so the edge build can compile it for speed (opt-level 3,
//! scripts/build-pkg.sh) while the rest stays size-optimised; the core
//! re-exports it as `smart_glocal::json`. The small pieces the core shares
//! with it (the prelude, `MAX_DEPTH`, one hex digit, decimal digits) are
//! written here once.

// Without std, like the core (the browser package's budget).
#![cfg_attr(not(test), no_std)]

extern crate alloc;

#[doc(hidden)]
pub mod prelude {
    //! What every module uses from `alloc` (the core's prelude re-exports it).
    #![allow(unused_imports)]
    pub use alloc::borrow::{Cow, ToOwned};
    pub use alloc::boxed::Box;
    pub use alloc::format;
    pub use alloc::string::{String, ToString};
    pub use alloc::vec;
    pub use alloc::vec::Vec;
}

use prelude::*;

/// Deepest nesting of arrays and objects accepted (serde_json's limit too).
pub const MAX_DEPTH: usize = 127;

/// The value of one hex digit (either case): the one reading of hex for
/// signatures, JSON `\u` escapes and percent-encoding.
#[doc(hidden)]
pub fn nibble(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

/// The decimal digits of `n`, by hand: no formatting machinery, which the
/// size-bound browser build does not carry.
#[doc(hidden)]
pub fn decimal_digits(mut n: u64) -> String {
    let mut digits = Vec::with_capacity(20);
    loop {
        digits.push(b'0' + (n % 10) as u8);
        n /= 10;
        if n == 0 {
            break;
        }
    }
    digits.iter().rev().map(|&d| char::from(d)).collect()
}

mod number;
mod parse;
mod repeats;
#[cfg(any(
    all(target_arch = "wasm32", target_feature = "simd128"),
    all(target_arch = "x86_64", target_feature = "sse2")
))]
mod simd;
mod sort;
mod string;
mod text;
mod value;

#[cfg(feature = "host-numbers")]
pub use number::set_host_numbers;
pub use number::{js_number_text, to_f64};
pub use parse::{
    parse, parse_keeping_repeats, parse_text_keeping_repeats, SyntaxError, REPEATED_KEY,
};
pub use text::{position, write_escaped};
pub use value::{Doc, Elements, Kind, Members, Value};

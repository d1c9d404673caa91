//! What every module of the core uses from `alloc`: the browser build is
//! `no_std` (no formatting machinery behind panics), the others use std.

#![allow(unused_imports)]

pub use alloc::borrow::{Cow, ToOwned};
pub use alloc::boxed::Box;
pub use alloc::format;
pub use alloc::string::{String, ToString};
pub use alloc::vec;
pub use alloc::vec::Vec;

/// `parts` joined, without `[&str]::concat` (whose generic copy costs a
/// kilobyte in the size-bound browser build).
pub fn cat(parts: &[&str]) -> String {
    let mut s = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for p in parts {
        s.push_str(p);
    }
    s
}

//! What every module of the core uses from `alloc`: the browser build is
//! `no_std` (no formatting machinery behind panics), the others use std.

#![allow(unused_imports)]

pub use smart_glocal_json::prelude::*;

/// `parts` joined, without `[&str]::concat` (whose generic copy costs a
/// kilobyte in the size-bound browser build).
pub fn cat(parts: &[&str]) -> String {
    let mut s = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for p in parts {
        s.push_str(p);
    }
    s
}

//! Reading JSON-shaped trees whatever holds them.
//!
//! The readers of the core (API answers, webhook events, views, client
//! configuration) are written once against [`Node`]. Natively a node is a
//! [`crate::json::Value`] of the core's own parser; in the wasm builds it is
//! a JavaScript value (a `JSON.parse` result, or an object the caller passed),
//! whose reads may throw (getters, proxies): those come back as
//! [`Unreadable`], never as an exception through wasm.

use crate::prelude::*;
mod json_node;
mod out;
mod path;
mod read;
#[cfg(test)]
pub(crate) mod spy;
mod strict;

pub use json_node::js_number_text;
pub use out::Out;
pub use path::Path;
pub use read::{Reader, Source};
pub use strict::{only_known, suggestion, unknown_field_message};

/// What a node holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Null,
    Bool,
    Number,
    String,
    Array,
    Object,
    /// A JavaScript function (only JS trees have them).
    Function,
    /// `undefined`, a symbol, a BigInt: nothing JSON can hold.
    Other,
}

/// A read that could not be made: a getter or a proxy trap threw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unreadable;

/// Why [`Node::elements_upto`] stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ElementsError {
    Unreadable,
    /// The element at this index is absent (a hole in a JS array).
    Missing(usize),
}

/// A node of a JSON-shaped tree.
pub trait Node: Sized {
    fn kind(&self) -> Kind;
    /// A member of an object; `None` when absent (or `undefined`).
    fn get(&self, key: &str) -> Result<Option<Self>, Unreadable>;
    /// The members named `keys` (the first of each name; `None` when
    /// absent), in one walk where the tree's `get` walks the members.
    /// `Err(i)`: reading `keys[i]` failed.
    fn get_each<const K: usize>(&self, keys: [&str; K]) -> Result<[Option<Self>; K], usize> {
        let mut out = core::array::from_fn(|_| None);
        for (i, key) in keys.iter().enumerate() {
            out[i] = self.get(key).map_err(|_| i)?;
        }
        Ok(out)
    }
    /// An object's own keys, in order; `Err` past [`MAX_ENTRIES`](crate::limits::MAX_ENTRIES).
    fn keys(&self) -> Result<Vec<String>, Unreadable>;
    /// An object's own members with their keys, in order. The default
    /// reads each key with `get` (O(1) in a JS object); a tree whose `get`
    /// walks the members reads them in one walk here, or an object of n
    /// members would take n² steps.
    fn entries(&self) -> Result<Vec<(String, Self)>, Unreadable> {
        let keys = self.keys()?;
        let mut out = Vec::with_capacity(keys.len());
        for key in keys {
            if let Some(v) = self.get(&key)? {
                out.push((key, v));
            }
        }
        Ok(out)
    }
    /// An array's length.
    fn length(&self) -> Result<usize, Unreadable>;
    /// An array's element.
    fn at(&self, index: usize) -> Result<Option<Self>, Unreadable>;
    /// An array's first `len` elements in order (`len` from
    /// [`Node::length`]). A tree whose `at` is not O(1) reads them in one
    /// walk here: element by element would make every array quadratic.
    fn elements_upto(&self, len: usize) -> Result<Vec<Self>, ElementsError> {
        let mut out = Vec::with_capacity(len);
        for i in 0..len {
            match self.at(i).map_err(|_| ElementsError::Unreadable)? {
                Some(v) => out.push(v),
                None => return Err(ElementsError::Missing(i)),
            }
        }
        Ok(out)
    }
    fn string(&self) -> Option<String>;
    /// Whether a string equals `text` (`None` for anything but a string),
    /// without copying it where the tree can compare in place.
    fn string_is(&self, text: &str) -> Option<bool> {
        self.string().map(|s| s == text)
    }
    fn boolean(&self) -> Option<bool>;
    /// A number as the nearest `f64`.
    fn number(&self) -> Option<f64>;
    /// A non-negative whole number ≤ 2^53 − 1, exactly; see [`IntegerRead`].
    fn safe_integer(&self) -> IntegerRead;
    /// A number or boolean as JavaScript's `String(value)` writes it.
    fn scalar_text(&self) -> Option<String>;
    /// 1-based line and byte column in the source text, when there is one.
    fn position(&self) -> Option<(usize, usize)> {
        None
    }
}

/// The outcome of reading a whole number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntegerRead {
    Ok(u64),
    NotANumber,
    NotWhole,
    Negative,
    /// Above 2^53 − 1: JavaScript could not hold it exactly.
    TooLarge,
}

/// The largest amount JavaScript can hold exactly (2^53 − 1).
pub const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

/// [`IntegerRead`] of a float (a JavaScript number).
pub fn integer_of_f64(n: f64) -> IntegerRead {
    if !n.is_finite() {
        IntegerRead::NotWhole
    } else if n > MAX_SAFE_INTEGER as f64 {
        // Every float this large is whole; JavaScript rounded it.
        IntegerRead::TooLarge
    } else if n < 0.0 || (n == 0.0 && n.is_sign_negative()) {
        if n == (n as i64) as f64 {
            IntegerRead::Negative
        } else {
            IntegerRead::NotWhole
        }
    } else if n == (n as u64) as f64 {
        IntegerRead::Ok(n as u64)
    } else {
        IntegerRead::NotWhole
    }
}

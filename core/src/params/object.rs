//! Reading one object of a request body strictly.
//!
//! Every member must be one the API knows: a typo in a payment request must
//! not be dropped silently. An unknown member is reported by its parent's
//! path only ("has an unknown field"), because the name itself is the
//! caller's data and may be anything, a card number included; the error may
//! suggest one of *our* names when the unknown one is close to it.

use super::edits::Edits;
use crate::error::Error;
use crate::json::{Kind, Value};
use crate::prelude::*;
use crate::tree::{unknown_field_message, Path};

/// Name of a request body's root in errors.
pub const ROOT: &str = "params";

/// `invalid_params` naming `path`.
pub fn invalid(path: &Path, message: &str) -> Error {
    Error::invalid(path.render(ROOT), message)
}

/// One object of a request body, with the names it may have.
pub struct Obj<'d, 'p> {
    value: Value<'d>,
    path: &'p Path<'p>,
}

impl<'d, 'p> Obj<'d, 'p> {
    /// `value` must be an object whose members all appear in `known`.
    pub fn new(value: Value<'d>, path: &'p Path<'p>, known: &[&str]) -> Result<Self, Error> {
        if value.kind() != Kind::Object {
            return Err(invalid(path, "must be an object"));
        }
        if value.repeated_key().is_some() {
            return Err(invalid(path, "has a repeated field"));
        }
        for (key, _) in value.members() {
            let name = key.as_str().unwrap_or_default();
            if !known.contains(&name.as_ref()) && !path.passes_unknown() {
                return Err(invalid(path, &unknown_field_message(&name, known)));
            }
        }
        Ok(Obj { value, path })
    }

    pub fn path(&self) -> &'p Path<'p> {
        self.path
    }

    /// A member; `null` counts as absent.
    pub fn get(&self, key: &str) -> Option<Value<'d>> {
        self.value.get(key).filter(|v| !v.is_null())
    }

    pub fn required(&self, key: &str) -> Result<Value<'d>, Error> {
        self.get(key)
            .ok_or_else(|| invalid(&self.path.key(key), "is required"))
    }

    pub fn string(&self, key: &str) -> Result<Option<String>, Error> {
        match self.get(key) {
            None => Ok(None),
            Some(v) => v
                .as_str()
                .map(|s| Some(s.into_owned()))
                .ok_or_else(|| invalid(&self.path.key(key), "must be a string")),
        }
    }

    pub fn required_string(&self, key: &str) -> Result<String, Error> {
        self.string(key)?
            .ok_or_else(|| invalid(&self.path.key(key), "is required"))
    }

    /// A string that must hold more than whitespace.
    pub fn nonblank(&self, key: &str) -> Result<String, Error> {
        let s = self.required_string(key)?;
        if s.trim().is_empty() {
            return Err(invalid(&self.path.key(key), "must not be empty"));
        }
        Ok(s)
    }

    pub fn boolean(&self, key: &str) -> Result<Option<bool>, Error> {
        match self.get(key) {
            None => Ok(None),
            Some(v) => v
                .as_bool()
                .map(Some)
                .ok_or_else(|| invalid(&self.path.key(key), "must be a boolean")),
        }
    }

    /// A member that must be an object, kept as its raw JSON text.
    pub fn raw_object(&self, key: &str) -> Result<Option<RawJson>, Error> {
        match self.get(key) {
            None => Ok(None),
            Some(v) if v.kind() == Kind::Object => self.passed_on(key, v).map(Some),
            Some(_) => Err(invalid(&self.path.key(key), "must be an object")),
        }
    }

    /// Any JSON value, kept as its raw text (`metadata`).
    pub fn raw(&self, key: &str) -> Result<Option<RawJson>, Error> {
        self.get(key).map(|v| self.passed_on(key, v)).transpose()
    }

    /// A value passed on as written, which must repeat no key anywhere:
    /// named by our member (its own keys are the caller's data).
    fn passed_on(&self, key: &str, v: Value<'d>) -> Result<RawJson, Error> {
        if v.repeated_key_within().is_some() {
            return Err(invalid(&self.path.key(key), "has a repeated field"));
        }
        Ok(RawJson(v.raw().into()))
    }
}

/// A JSON value passed through as the caller wrote it.
#[derive(Clone, PartialEq, Eq)]
pub struct RawJson(pub String);

impl core::fmt::Debug for RawJson {
    /// Passed-through values may hold anything: only their size is shown.
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("RawJson")
            .field("len", &self.0.len())
            .finish()
    }
}

/// Writes a string member of the body in ASCII lowercase (decoded and
/// written plainly, so an escaped `\u0055` cannot slip through as `U`).
pub fn lowercase_in_body(value: Value<'_>, edits: &mut Edits) {
    let decoded = value.as_str().unwrap_or_default();
    let lower = decoded.to_ascii_lowercase();
    let mut plain = String::with_capacity(lower.len() + 2);
    crate::json::write_escaped(&mut plain, &lower);
    if plain != value.raw() {
        edits.replace(value.span(), plain);
    }
}

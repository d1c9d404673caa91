//! What the core hands back: a small JSON-shaped value built once, written
//! as JSON text natively and turned into a JavaScript object by the wasm
//! glue. Field names live here, in one place.

use crate::prelude::*;
/// A JSON-shaped output value.
#[derive(Debug, Clone, PartialEq)]
pub enum Out {
    Null,
    Bool(bool),
    /// A whole number (amounts, counts), at most 2^53 − 1 where it reaches JS.
    Int(u64),
    Str(String),
    Arr(Vec<Out>),
    Obj(Vec<(&'static str, Out)>),
    /// An object whose keys are data (form fields): kept in order.
    Map(Vec<(String, Out)>),
    /// JSON text passed through as received (native writing only: metadata).
    Raw(String),
}

/// `{"key":value,…}`.
fn write_members<'a>(out: &mut String, members: impl Iterator<Item = (&'a str, &'a Out)>) {
    out.push('{');
    for (i, (k, v)) in members.enumerate() {
        if i > 0 {
            out.push(',');
        }
        crate::json::write_escaped(out, k);
        out.push(':');
        v.write_json(out);
    }
    out.push('}');
}

impl Out {
    pub fn str(s: impl Into<String>) -> Out {
        Out::Str(s.into())
    }

    /// `Null` for `None`.
    pub fn opt<T>(v: Option<T>, f: impl FnOnce(T) -> Out) -> Out {
        v.map_or(Out::Null, f)
    }

    /// Writes compact JSON text.
    pub fn write_json(&self, out: &mut String) {
        match self {
            Out::Null => out.push_str("null"),
            Out::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Out::Int(n) => out.push_str(&crate::money::decimal_digits(*n)),
            Out::Str(s) => crate::json::write_escaped(out, s),
            Out::Arr(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write_json(out);
                }
                out.push(']');
            }
            Out::Obj(fields) => write_members(out, fields.iter().map(|(k, v)| (*k, v))),
            Out::Raw(text) => out.push_str(text),
            Out::Map(fields) => write_members(out, fields.iter().map(|(k, v)| (k.as_str(), v))),
        }
    }

    pub fn to_json(&self) -> String {
        let mut s = String::new();
        self.write_json(&mut s);
        s
    }
}

#[cfg(test)]
mod tests {
    use super::Out;

    #[test]
    fn writes_json() {
        let v = Out::Obj(vec![
            ("a", Out::Int(1)),
            (
                "b",
                Out::Arr(vec![Out::Null, Out::Bool(true), Out::str("x\"y")]),
            ),
            ("c", Out::Map(vec![("k k".into(), Out::str(""))])),
        ]);
        assert_eq!(
            v.to_json(),
            r#"{"a":1,"b":[null,true,"x\"y"],"c":{"k k":""}}"#
        );
    }
}

//! A body as JSON, refused when any object repeats a key: two readers that
//! keep different copies of a repeated key would disagree on the request.

use super::invalid;
use crate::engine::Reply;
use serde::de::{Deserialize, Deserializer, Error as _, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};
use std::fmt;

/// A value whose objects have no repeated key.
struct Strict(Value);

impl<'de> Deserialize<'de> for Strict {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Strict, D::Error> {
        d.deserialize_any(StrictVisitor).map(Strict)
    }
}

struct StrictVisitor;

impl<'de> Visitor<'de> for StrictVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Value, E> {
        serde_json::Number::from_f64(v)
            .map(Value::Number)
            .ok_or_else(|| E::custom("a number that is not finite"))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut out = Vec::new();
        while let Some(Strict(v)) = seq.next_element()? {
            out.push(v);
        }
        Ok(Value::Array(out))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let Strict(v) = map.next_value()?;
            if out.insert(key, v).is_some() {
                return Err(A::Error::custom("repeated key"));
            }
        }
        Ok(Value::Object(out))
    }
}

/// The body as a JSON value, or `400` naming why (and where) it is not one.
pub fn parse_strict(body: &[u8]) -> Result<Value, Reply> {
    let text = std::str::from_utf8(body)
        .map_err(|_| Reply::error(400, "malformed_json", "the body is not UTF-8"))?;
    match serde_json::from_str::<Strict>(text) {
        Ok(Strict(v)) => Ok(v),
        Err(e) if e.to_string().starts_with("repeated key") => Err(invalid(
            "params",
            &format!(
                "has a repeated field at line {}, column {}",
                e.line(),
                e.column()
            ),
        )),
        Err(e) => Err(Reply::error(
            400,
            "malformed_json",
            format!(
                "the body is not JSON at line {}, column {}",
                e.line(),
                e.column()
            ),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeats_are_refused_anywhere() {
        assert!(parse_strict(br#"{"a":{"b":1,"c":[{"d":1}]}}"#).is_ok());
        for bad in [
            r#"{"a":1,"a":2}"#,
            r#"{"a":{"b":1,"b":2}}"#,
            r#"[{"x":1,"\u0078":2}]"#,
        ] {
            assert_eq!(
                parse_strict(bad.as_bytes()).unwrap_err().status,
                400,
                "{bad}"
            );
        }
        assert!(parse_strict(b"{").is_err());
    }
}

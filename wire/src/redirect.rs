//! serde for the core's `Redirect` and its `Fields`: `#[serde(with =
//! "redirect::opt")]` on an `Option<Redirect>`.

use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;
use smart_glocal::model::{Fields, Redirect, RedirectMethod};
use std::fmt;

#[derive(Serialize, Deserialize)]
#[serde(remote = "Redirect")]
struct RedirectDef {
    #[serde(default)]
    url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    base_url: Option<String>,
    #[serde(with = "crate::strings")]
    method: RedirectMethod,
    #[serde(default, with = "fields")]
    qs: Fields,
    #[serde(default, with = "fields")]
    params: Fields,
}

pub mod opt {
    use super::*;

    #[derive(Serialize, Deserialize)]
    struct Wrap(#[serde(with = "RedirectDef")] Redirect);

    pub fn serialize<S: Serializer>(value: &Option<Redirect>, s: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(r) => s.serialize_some(&Wrap(r.clone())),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Redirect>, D::Error> {
        Ok(Option::<Wrap>::deserialize(d)?.map(|w| w.0))
    }
}

/// An object of form fields, in order, every value kept as a string
/// (numbers and booleans as their JSON text, `null` as "").
mod fields {
    use super::*;

    pub fn serialize<S: Serializer>(value: &Fields, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(value.0.len()))?;
        for (k, v) in &value.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Fields, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Fields;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object of fields")
            }
            fn visit_unit<E>(self) -> Result<Fields, E> {
                Ok(Fields::default())
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Fields, A::Error> {
                let mut out = Vec::new();
                while let Some((k, v)) = map.next_entry::<String, Value>()? {
                    let v = match v {
                        Value::String(s) => s,
                        Value::Null => String::new(),
                        other => other.to_string(),
                    };
                    out.push((k, v));
                }
                Ok(Fields(out))
            }
        }
        d.deserialize_any(V)
    }
}

//! `customer_interaction.redirect` and its form fields (also read by the
//! core's readers from any tree; serde only for the native wire models).

use super::RedirectMethod;
use crate::prelude::*;

/// `customer_interaction.redirect`: where to send the customer for 3-D Secure.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Redirect {
    #[cfg_attr(feature = "serde", serde(default))]
    pub url: String,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub base_url: Option<String>,
    pub method: RedirectMethod,
    #[cfg_attr(feature = "serde", serde(default))]
    pub qs: Fields,
    #[cfg_attr(feature = "serde", serde(default))]
    pub params: Fields,
}

/// A JSON object of form fields, in the order received, values kept as
/// strings byte for byte (numbers and booleans as their JSON text, `null` as "").
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Fields(pub Vec<(String, String)>);

#[cfg(feature = "serde")]
impl serde::Serialize for Fields {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Fields {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use core::fmt;
        use serde::de::{MapAccess, Visitor};
        use serde_json::Value;
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

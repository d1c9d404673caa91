//! serde for the core's string enums (`SessionStatus`, `EventType`, …),
//! which know their wire text but not serde: `#[serde(with = "strings")]` on
//! a field of such a type, `strings::opt` on an `Option` of one.

use serde::{Deserialize, Deserializer, Serializer};
use smart_glocal::model::WireText;
use std::borrow::Cow;

pub fn serialize<T: WireText, S: Serializer>(value: &T, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(value.as_wire())
}

pub fn deserialize<'de, T: WireText, D: Deserializer<'de>>(d: D) -> Result<T, D::Error> {
    let text = Cow::<'de, str>::deserialize(d)?;
    Ok(T::from_wire(&text))
}

pub mod opt {
    use super::*;

    pub fn serialize<T: WireText, S: Serializer>(
        value: &Option<T>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(v) => s.serialize_some(v.as_wire()),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, T: WireText, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<T>, D::Error> {
        let text = Option::<Cow<'de, str>>::deserialize(d)?;
        Ok(text.map(|t| T::from_wire(&t)))
    }
}

#[cfg(test)]
mod tests {
    use smart_glocal::model::{EventType, SessionStatus};

    #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
    struct Holder {
        #[serde(with = "super")]
        status: SessionStatus,
        #[serde(default, with = "super::opt")]
        kind: Option<EventType>,
    }

    #[test]
    fn unknown_values_round_trip() {
        let h: Holder =
            serde_json::from_str(r#"{"status":"frozen","kind":"payment_finished"}"#).unwrap();
        assert_eq!(h.status, SessionStatus::Unknown("frozen".into()));
        assert_eq!(h.kind, Some(EventType::PaymentFinished));
        let text = serde_json::to_string(&h).unwrap();
        assert_eq!(text, r#"{"status":"frozen","kind":"payment_finished"}"#);
        let h: Holder = serde_json::from_str(r#"{"status":"accepted"}"#).unwrap();
        assert_eq!(h.kind, None);
        assert!(serde_json::from_str::<Holder>(r#"{"status":7}"#).is_err());
    }
}

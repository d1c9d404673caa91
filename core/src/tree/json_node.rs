//! [`Node`] over the core's own parsed JSON (native readers, request bodies).

use super::{integer_of_f64, ElementsError, IntegerRead, Kind, Node, Unreadable, MAX_SAFE_INTEGER};
use crate::json::{self, Value};
use crate::prelude::*;

impl Node for Value<'_> {
    fn kind(&self) -> Kind {
        match Value::kind(self) {
            json::Kind::Null => Kind::Null,
            json::Kind::Bool => Kind::Bool,
            json::Kind::Number => Kind::Number,
            json::Kind::String => Kind::String,
            json::Kind::Array => Kind::Array,
            json::Kind::Object => Kind::Object,
        }
    }

    fn get(&self, key: &str) -> Result<Option<Self>, Unreadable> {
        Ok(Value::get(self, key))
    }

    fn get_each<const K: usize>(&self, keys: [&str; K]) -> Result<[Option<Self>; K], usize> {
        let mut out = [None; K];
        Value::get_each(self, &keys, &mut out);
        Ok(out)
    }

    fn keys(&self) -> Result<Vec<String>, Unreadable> {
        Ok(self
            .members()
            .map(|(k, _)| k.as_str().unwrap_or_default().into_owned())
            .collect())
    }

    fn entries(&self) -> Result<Vec<(String, Self)>, Unreadable> {
        Ok(self
            .members()
            .map(|(k, v)| (k.as_str().unwrap_or_default().into_owned(), v))
            .collect())
    }

    fn length(&self) -> Result<usize, Unreadable> {
        Ok(Value::len(self))
    }

    fn at(&self, index: usize) -> Result<Option<Self>, Unreadable> {
        Ok(self.elements().nth(index))
    }

    fn elements_upto(&self, len: usize) -> Result<Vec<Self>, ElementsError> {
        let mut out = Vec::with_capacity(len.min(Value::len(self)));
        out.extend(self.elements().take(len));
        if out.len() < len {
            return Err(ElementsError::Missing(out.len()));
        }
        Ok(out)
    }

    fn string(&self) -> Option<String> {
        self.as_str().map(|s| s.into_owned())
    }

    fn string_is(&self, text: &str) -> Option<bool> {
        (Value::kind(self) == json::Kind::String).then(|| self.key_is(text))
    }

    fn boolean(&self) -> Option<bool> {
        self.as_bool()
    }

    fn number(&self) -> Option<f64> {
        self.as_f64()
    }

    fn safe_integer(&self) -> IntegerRead {
        // Most amounts: plain digits, read from their bytes.
        match self.as_u64() {
            Some(n) if n <= MAX_SAFE_INTEGER => return IntegerRead::Ok(n),
            Some(_) => return IntegerRead::TooLarge,
            None => {}
        }
        let Some(text) = self.number_text() else {
            return IntegerRead::NotANumber;
        };
        if text.bytes().all(|b| b.is_ascii_digit() || b == b'-') {
            return if text.starts_with('-') {
                // `-0` too: JavaScript keeps its sign, so it is no amount.
                IntegerRead::Negative
            } else {
                IntegerRead::TooLarge
            };
        }
        // A fraction or an exponent: whole only in form (`4.0`), which a
        // request written by hand may have; refused like a fraction unless
        // the value is whole and safe.
        match integer_of_f64(self.as_f64().unwrap_or(f64::NAN)) {
            IntegerRead::Ok(_) if text.starts_with('-') => IntegerRead::Negative,
            IntegerRead::Ok(_) if text.contains(['.', 'e', 'E']) => IntegerRead::NotWhole,
            other => other,
        }
    }

    fn scalar_text(&self) -> Option<String> {
        match Value::kind(self) {
            json::Kind::Bool => Some(self.raw().to_string()),
            json::Kind::Number => self.as_f64().map(js_number_text),
            _ => None,
        }
    }

    fn position(&self) -> Option<(usize, usize)> {
        Some(Value::position(self))
    }
}

pub use crate::json::js_number_text;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elements_in_one_walk_are_those_read_one_by_one() {
        let doc = json::parse(br#"[1, [2, 3], {"a": 4}, "x", null]"#).unwrap();
        let root = doc.root();
        let one_by_one: Vec<_> = (0..5)
            .map(|i| root.at(i).unwrap().unwrap().span())
            .collect();
        let walked: Vec<_> = root
            .elements_upto(5)
            .unwrap()
            .iter()
            .map(|v| v.span())
            .collect();
        assert_eq!(walked, one_by_one);
        assert_eq!(root.elements_upto(2).unwrap().len(), 2);
        assert_eq!(
            root.elements_upto(6).unwrap_err(),
            ElementsError::Missing(5)
        );
        // The default (element by element, what JS trees use): a tree
        // with a hole at index 3.
        let gets = core::cell::Cell::new(0);
        let holed = super::super::spy::Spy {
            value: root,
            gets: &gets,
            hole: Some(3),
        };
        let first: Vec<_> = holed
            .elements_upto(3)
            .unwrap()
            .iter()
            .map(|v| v.value.span())
            .collect();
        assert_eq!(first, one_by_one[..3]);
        assert_eq!(
            holed.elements_upto(5).unwrap_err(),
            ElementsError::Missing(3)
        );
    }

    #[test]
    fn safe_integers_exactly() {
        let read = |t: &str| json::parse(t.as_bytes()).unwrap().root().safe_integer();
        assert_eq!(
            read("9007199254740991"),
            IntegerRead::Ok(9_007_199_254_740_991)
        );
        assert_eq!(read("9007199254740992"), IntegerRead::TooLarge);
        assert_eq!(read("99999999999999999999999"), IntegerRead::TooLarge);
        assert_eq!(read("-1"), IntegerRead::Negative);
        assert_eq!(read("-0"), IntegerRead::Negative);
        assert_eq!(read("-0.0"), IntegerRead::Negative);
        assert_eq!(read("1E400"), IntegerRead::NotWhole);
        assert_eq!(read("1.5"), IntegerRead::NotWhole);
        assert_eq!(read("1e2"), IntegerRead::NotWhole);
        assert_eq!(read("1e30"), IntegerRead::TooLarge);
        assert_eq!(read("\"10\""), IntegerRead::NotANumber);
    }
}

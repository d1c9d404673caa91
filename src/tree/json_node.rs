//! [`Node`] over the core's own parsed JSON (native readers, request bodies).

use super::{integer_of_f64, IntegerRead, Kind, Node, Unreadable, MAX_SAFE_INTEGER};
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

    fn keys(&self) -> Result<Vec<String>, Unreadable> {
        Ok(self
            .members()
            .map(|(k, _)| k.as_str().unwrap_or_default().into_owned())
            .collect())
    }

    fn length(&self) -> Result<usize, Unreadable> {
        Ok(Value::len(self))
    }

    fn at(&self, index: usize) -> Result<Option<Self>, Unreadable> {
        Ok(self.elements().nth(index))
    }

    fn string(&self) -> Option<String> {
        self.as_str().map(|s| s.into_owned())
    }

    fn boolean(&self) -> Option<bool> {
        self.as_bool()
    }

    fn number(&self) -> Option<f64> {
        self.as_f64()
    }

    fn safe_integer(&self) -> IntegerRead {
        let Some(text) = self.number_text() else {
            return IntegerRead::NotANumber;
        };
        match self.as_u64() {
            Some(n) if n <= MAX_SAFE_INTEGER => IntegerRead::Ok(n),
            Some(_) => IntegerRead::TooLarge,
            None if text.bytes().all(|b| b.is_ascii_digit() || b == b'-') => {
                if text.starts_with('-') {
                    if text.bytes().skip(1).all(|b| b == b'0') {
                        IntegerRead::Ok(0)
                    } else {
                        IntegerRead::Negative
                    }
                } else {
                    IntegerRead::TooLarge
                }
            }
            // A fraction or an exponent: whole only in form (`4.0`), which
            // a request written by hand may have; refused like a fraction
            // unless the value is whole and safe.
            None => match integer_of_f64(self.as_f64().unwrap_or(f64::NAN)) {
                IntegerRead::Ok(_) if text.contains(['.', 'e', 'E']) => IntegerRead::NotWhole,
                other => other,
            },
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

/// A number as JavaScript's `String(n)` writes it (ECMAScript
/// Number::toString): shortest round-trip digits, plain notation from 1e-6
/// up to 1e21, exponent notation with a sign beyond (`1e+21`, `1e-7`).
/// The browser build asks JavaScript itself; this is the same rule natively.
pub fn js_number_text(n: f64) -> String {
    if n.is_nan() {
        return "NaN".into();
    }
    if n.is_infinite() {
        return if n > 0.0 { "Infinity" } else { "-Infinity" }.into();
    }
    if n == 0.0 {
        return "0".into();
    }
    let sci = format!("{:e}", n.abs());
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    let k = digits.len() as i32;
    let point = exp.parse::<i32>().unwrap_or(0) + 1;
    let mut out = String::new();
    if n < 0.0 {
        out.push('-');
    }
    if k <= point && point <= 21 {
        out.push_str(&digits);
        out.extend(core::iter::repeat_n('0', (point - k) as usize));
    } else if 0 < point && point <= 21 {
        out.push_str(&digits[..point as usize]);
        out.push('.');
        out.push_str(&digits[point as usize..]);
    } else if -6 < point && point <= 0 {
        out.push_str("0.");
        out.extend(core::iter::repeat_n('0', (-point) as usize));
        out.push_str(&digits);
    } else {
        out.push_str(&digits[..1]);
        if k > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        out.push('e');
        out.push(if point > 0 { '+' } else { '-' });
        out.push_str(&(point - 1).abs().to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_javascript_writes_them() {
        // Each pair is what `String(n)` gives in V8.
        for (n, js) in [
            (1e21, "1e+21"),
            (1e20, "100000000000000000000"),
            (123456789012345680000.0, "123456789012345680000"),
            (0.000001, "0.000001"),
            (1e-7, "1e-7"),
            (1.5, "1.5"),
            (-2.5e-8, "-2.5e-8"),
            (0.1 + 0.2, "0.30000000000000004"),
            (-0.0, "0"),
            (42.0, "42"),
            (9007199254740993.0, "9007199254740992"),
            (1.7976931348623157e308, "1.7976931348623157e+308"),
            (5e-324, "5e-324"),
            (123.456, "123.456"),
        ] {
            assert_eq!(js_number_text(n), js, "{n}");
        }
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
        assert_eq!(read("-0"), IntegerRead::Ok(0));
        assert_eq!(read("1.5"), IntegerRead::NotWhole);
        assert_eq!(read("1e2"), IntegerRead::NotWhole);
        assert_eq!(read("1e30"), IntegerRead::TooLarge);
        assert_eq!(read("\"10\""), IntegerRead::NotANumber);
    }
}

//! JSON numbers as JavaScript reads and writes them: `JSON.parse`'s nearest
//! `f64`, and `String(n)`. With feature `host-numbers` (the packages) the
//! host does both, through two functions the glue hands over at start
//! (`set_host_numbers`; Rust's float parsing and formatting would add some
//! 20 KB to a package); otherwise the same rules are written here.

#[cfg(feature = "host-numbers")]
mod platform {
    use crate::prelude::*;
    use core::sync::atomic::{AtomicPtr, Ordering};

    // The host's two functions, as set by `set_host_numbers`.
    static PARSE: AtomicPtr<()> = AtomicPtr::new(core::ptr::null_mut());
    static TEXT: AtomicPtr<()> = AtomicPtr::new(core::ptr::null_mut());

    /// Hands the core the host's number functions (feature `host-numbers`):
    /// `parse` is JavaScript's `parseFloat` (on a JSON number, the value
    /// `JSON.parse` gives; NaN otherwise), `text` its `String(n)`. The glue
    /// calls it when the instance starts, before any JSON is read.
    pub fn set_host_numbers(parse: fn(&str) -> f64, text: fn(f64) -> String) {
        PARSE.store(parse as *mut (), Ordering::Relaxed);
        TEXT.store(text as *mut (), Ordering::Relaxed);
    }

    pub fn to_f64(text: &str) -> Option<f64> {
        let p = PARSE.load(Ordering::Relaxed);
        // The glue installs the functions when the instance starts (the
        // packed-package tests read and write amounts through them). Were
        // they missing, no number would read (amounts unknown: `null`) and
        // none be written (`NaN`, which no JSON reader accepts): never a
        // wrong amount.
        if p.is_null() {
            return None;
        }
        // SAFETY: only `set_host_numbers` stores here, a `fn(&str) -> f64`.
        let parse: fn(&str) -> f64 = unsafe { core::mem::transmute(p) };
        let n = parse(text);
        (!n.is_nan()).then_some(n)
    }

    pub fn js_text(n: f64) -> String {
        let p = TEXT.load(Ordering::Relaxed);
        if p.is_null() {
            return "NaN".into();
        }
        // SAFETY: only `set_host_numbers` stores here, a `fn(f64) -> String`.
        let text: fn(f64) -> String = unsafe { core::mem::transmute(p) };
        text(n)
    }
}

#[cfg(feature = "host-numbers")]
pub use platform::set_host_numbers;

#[cfg(not(feature = "host-numbers"))]
mod platform {
    use crate::prelude::*;

    pub fn to_f64(text: &str) -> Option<f64> {
        text.parse().ok()
    }

    /// ECMAScript Number::toString: shortest round-trip digits, plain
    /// notation from 1e-6 up to 1e21, exponent notation with a sign beyond
    /// (`1e+21`, `1e-7`).
    pub fn js_text(n: f64) -> String {
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
            out.push_str(&crate::decimal_digits(u64::from(
                (point - 1).unsigned_abs(),
            )));
        }
        out
    }
}

use crate::prelude::*;

/// The `f64` of a JSON number's text (the nearest, as `JSON.parse` reads it).
pub fn to_f64(text: &str) -> Option<f64> {
    platform::to_f64(text)
}

/// A number as JavaScript's `String(n)` writes it.
pub fn js_number_text(n: f64) -> String {
    platform::js_text(n)
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
        assert_eq!(to_f64("9007199254740993"), Some(9007199254740992.0));
        assert_eq!(to_f64("-1.5e3"), Some(-1500.0));
    }
}

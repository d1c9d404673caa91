//! `wallet/balance`: the prefunding balance that payouts draw on.

use super::object::{invalid, Obj};
use crate::error::Error;
use crate::json::Value;
use crate::prelude::*;
use crate::tree::Path;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WalletBalance {
    /// ISO 8601 with a time zone (`2024-04-10T19:53:00+03:00`).
    pub request_datetime: String,
}

impl WalletBalance {
    pub fn read(v: Value<'_>, path: &Path) -> Result<WalletBalance, Error> {
        let o = Obj::new(v, path, &["request_datetime"])?;
        let at = o.required_string("request_datetime")?;
        if !is_timestamp(&at) {
            return Err(invalid(
                &path.key("request_datetime"),
                "must be an ISO 8601 date and time with a zone (2024-04-10T19:53:00+03:00)",
            ));
        }
        Ok(WalletBalance {
            request_datetime: at,
        })
    }
}

/// `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`.
pub fn is_timestamp(s: &str) -> bool {
    let b = s.as_bytes();
    let digits =
        |r: core::ops::Range<usize>| b.get(r).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    let at = |i: usize, c: u8| b.get(i) == Some(&c);
    if !(digits(0..4) && at(4, b'-') && digits(5..7) && at(7, b'-') && digits(8..10))
        || !(at(10, b'T')
            && digits(11..13)
            && at(13, b':')
            && digits(14..16)
            && at(16, b':')
            && digits(17..19))
    {
        return false;
    }
    let mut i = 19;
    if at(i, b'.') {
        let start = i + 1;
        i = start;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == start {
            return false;
        }
    }
    match b.get(i) {
        Some(b'Z') => i + 1 == b.len(),
        Some(b'+' | b'-') => {
            digits(i + 1..i + 3) && at(i + 3, b':') && digits(i + 4..i + 6) && i + 6 == b.len()
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::is_timestamp;

    #[test]
    fn timestamps() {
        for ok in [
            "2024-04-10T19:53:00+03:00",
            "2024-05-27T02:03:00.000000Z",
            "2024-05-27T02:03:00Z",
        ] {
            assert!(is_timestamp(ok), "{ok}");
        }
        for bad in [
            "2024-04-10",
            "2024-04-10T19:53:00",
            "2024-04-10T19:53:00.Z",
            "2024-04-10T19:53:00+0300",
            "x",
        ] {
            assert!(!is_timestamp(bad), "{bad}");
        }
    }
}

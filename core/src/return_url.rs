//! The customer's return from 3-D Secure: the ACS sends them back to
//! `return_url` by GET or by POST. A POST return is turned into a GET (as
//! seed 004 advises) so that the page behind it is reloadable and bookmarkable:
//! the fields become the query of a `303 See Other` to the status page.
//!
//! Anyone can send anything to a return URL: the body is capped before it
//! is read ([`RETURN_MAX_BYTES`](crate::limits::RETURN_MAX_BYTES) by default), and so are the number of
//! fields and the `Location` built from them.

use crate::error::Error;
use crate::limits::{MAX_LOCATION_BYTES, MAX_RETURN_FIELDS};
use crate::prelude::*;

/// Where a return's fields are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldsIn {
    /// GET: the URL's query.
    Query,
    /// POST: a form body.
    Body,
}

/// The rule of a return's request: GET carries the fields in its query,
/// POST in an `application/x-www-form-urlencoded` body; nothing else.
pub fn fields_in(method: &str, content_type: Option<&str>) -> Result<FieldsIn, Error> {
    if method.eq_ignore_ascii_case("GET") || method.eq_ignore_ascii_case("HEAD") {
        return Ok(FieldsIn::Query);
    }
    if !method.eq_ignore_ascii_case("POST") {
        return Err(Error::invalid("request", "a return must be GET or POST"));
    }
    let form = content_type
        .map(|c| c.trim_start().to_ascii_lowercase())
        .is_some_and(|c| c.starts_with("application/x-www-form-urlencoded"));
    if !form {
        return Err(Error::invalid(
            "request",
            "a POST return must be application/x-www-form-urlencoded",
        ));
    }
    Ok(FieldsIn::Body)
}

/// The `Location` of the `303` for a return whose fields are `encoded`
/// (a query or a form body): `target` with them appended, all caps checked.
pub fn return_location(target: &str, encoded: &str) -> Result<String, Error> {
    let fields = parse_urlencoded_capped(encoded, MAX_RETURN_FIELDS)?;
    let location = redirect_location(target, &fields)?;
    if location.len() > MAX_LOCATION_BYTES {
        return Err(Error::PayloadTooLarge {
            what: "the Location built from the return (bytes)".into(),
            limit: MAX_LOCATION_BYTES as u64,
        });
    }
    Ok(location)
}

/// [`parse_urlencoded`], refusing more than `max` fields before decoding any.
pub fn parse_urlencoded_capped(input: &str, max: usize) -> Result<Vec<(String, String)>, Error> {
    let count = input.split('&').filter(|s| !s.is_empty()).count();
    if count > max {
        return Err(Error::PayloadTooLarge {
            what: "the return (fields)".into(),
            limit: max as u64,
        });
    }
    Ok(parse_urlencoded(input))
}

/// Decodes `application/x-www-form-urlencoded` text (also a URL query):
/// `+` is a space, `%XX` a byte; a `%` not followed by two hex digits is kept
/// as is. Empty segments are skipped; order is kept.
pub fn parse_urlencoded(input: &str) -> Vec<(String, String)> {
    input
        .split('&')
        .filter(|s| !s.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(k), decode(v))
        })
        .collect()
}

fn decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' => match (
                b.get(i + 1).and_then(|&c| crate::hex::nibble(c)),
                b.get(i + 2).and_then(|&c| crate::hex::nibble(c)),
            ) {
                (Some(hi), Some(lo)) => {
                    out.push(hi << 4 | lo);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Percent-encodes for a query: everything but `A-Z a-z 0-9 - . _ ~`.
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for &b in s.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            const H: &[u8; 16] = b"0123456789ABCDEF";
            out.push('%');
            out.push(char::from(H[usize::from(b >> 4)]));
            out.push(char::from(H[usize::from(b & 15)]));
        }
    }
    out
}

/// The query of a URL (between `?` and `#`), or "".
pub fn query_of(url: &str) -> &str {
    let before_fragment = url.split('#').next().unwrap_or("");
    before_fragment
        .split_once('?')
        .map(|(_, q)| q)
        .unwrap_or("")
}

/// `target` with `fields` appended to its query (before any fragment).
///
/// `target` is an absolute http(s) URL or an absolute path (`/status`), never
/// `//host` or anything a browser would treat as another origin by accident.
pub fn redirect_location(target: &str, fields: &[(String, String)]) -> Result<String, Error> {
    let is_path = target.starts_with('/')
        && !target.starts_with("//")
        && !target.bytes().any(|b| b <= b' ' || b == 0x7f || b == b'\\');
    if !is_path && !crate::url::is_absolute_http_url(target) {
        return Err(Error::invalid(
            "targetUrl",
            "must be an absolute http(s) URL or a path starting with /",
        ));
    }
    Ok(append_query(&non_ascii_encoded(target), fields))
}

/// `url` with every byte outside ASCII percent-encoded (its UTF-8), as a
/// browser sends it: a header value holds ASCII only, so `/status/café`
/// and `/status/€` become `%C3%A9` and `%E2%82%AC` alike.
fn non_ascii_encoded(url: &str) -> Cow<'_, str> {
    if url.is_ascii() {
        return Cow::Borrowed(url);
    }
    const H: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(url.len() * 3);
    for b in url.bytes() {
        if b.is_ascii() {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(H[usize::from(b >> 4)]));
            out.push(char::from(H[usize::from(b & 15)]));
        }
    }
    Cow::Owned(out)
}

/// `url` with `fields` appended to its query (before any fragment),
/// percent-encoded, in order.
pub fn append_query(url: &str, fields: &[(String, String)]) -> String {
    let (base, fragment) = match url.split_once('#') {
        Some((b, f)) => (b, Some(f)),
        None => (url, None),
    };
    let mut out = base.to_string();
    let mut sep = if !base.contains('?') {
        "?"
    } else if base.ends_with('?') || base.ends_with('&') {
        ""
    } else {
        "&"
    };
    for (k, v) in fields {
        out.push_str(sep);
        out.push_str(&encode(k));
        out.push('=');
        out.push_str(&encode(v));
        sep = "&";
    }
    if let Some(f) = fragment {
        out.push('#');
        out.push_str(f);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_outside_ascii_are_percent_encoded_alike() {
        assert_eq!(
            redirect_location("/status/café", &[]).unwrap(),
            "/status/caf%C3%A9"
        );
        assert_eq!(
            redirect_location("https://shop.test/€?a=1#é", &f(&[("MD", "x")])).unwrap(),
            "https://shop.test/%E2%82%AC?a=1&MD=x#%C3%A9"
        );
        assert!(redirect_location("/plain", &[]).unwrap().is_ascii());
    }

    fn f(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn decodes_forms() {
        assert_eq!(
            parse_urlencoded("PaRes=a%2Bb+c%3D%3D&MD=x&&empty=&flag"),
            f(&[
                ("PaRes", "a+b c=="),
                ("MD", "x"),
                ("empty", ""),
                ("flag", "")
            ])
        );
        assert_eq!(parse_urlencoded("a=%zz%4"), f(&[("a", "%zz%4")]));
        assert_eq!(parse_urlencoded("a=%C3%A9"), f(&[("a", "é")]));
        assert_eq!(parse_urlencoded(""), f(&[]));
        assert_eq!(query_of("https://x/r?a=1&b=2#frag"), "a=1&b=2");
        assert_eq!(query_of("https://x/r#a?b"), "");
    }

    #[test]
    fn builds_locations() {
        let fields = f(&[("PaRes", "a+b c=="), ("MD", "é")]);
        assert_eq!(
            redirect_location("/status", &fields).unwrap(),
            "/status?PaRes=a%2Bb%20c%3D%3D&MD=%C3%A9"
        );
        assert_eq!(
            redirect_location("https://shop.test/s?id=ps_1#top", &fields).unwrap(),
            "https://shop.test/s?id=ps_1&PaRes=a%2Bb%20c%3D%3D&MD=%C3%A9#top"
        );
        assert_eq!(
            redirect_location("/s?", &f(&[("a", "1")])).unwrap(),
            "/s?a=1"
        );
        assert_eq!(redirect_location("/s", &[]).unwrap(), "/s");
        for bad in [
            "//evil.test/x",
            "status",
            "javascript:alert(1)",
            "/a\\b",
            "/a b",
        ] {
            assert!(redirect_location(bad, &fields).is_err(), "{bad}");
        }
        // Round trip.
        let loc = redirect_location("/s", &fields).unwrap();
        assert_eq!(parse_urlencoded(query_of(&loc)), fields);
    }

    #[test]
    fn request_rules_and_caps() {
        assert_eq!(fields_in("GET", None), Ok(FieldsIn::Query));
        assert_eq!(
            fields_in(
                "POST",
                Some("application/x-www-form-urlencoded; charset=UTF-8")
            ),
            Ok(FieldsIn::Body)
        );
        assert!(fields_in("POST", Some("application/json")).is_err());
        assert!(fields_in("POST", None).is_err());
        assert!(fields_in("PUT", Some("application/x-www-form-urlencoded")).is_err());
        let many = "a=1&".repeat(MAX_RETURN_FIELDS + 1);
        assert_eq!(
            return_location("/s", &many).unwrap_err().code(),
            "payload_too_large"
        );
        assert!(return_location("/s", &"a=1&".repeat(MAX_RETURN_FIELDS)).is_ok());
        let long = format!("MD={}", "%FF".repeat(MAX_LOCATION_BYTES / 3));
        assert_eq!(
            return_location("/s", &long).unwrap_err().code(),
            "payload_too_large"
        );
        assert_eq!(
            return_location("/status?x=1", "PaRes=a%2Bb&MD=c").unwrap(),
            "/status?x=1&PaRes=a%2Bb&MD=c"
        );
    }
}

//! Just enough URL parsing for safety checks: scheme and host of absolute
//! `http:`/`https:` URLs. Anything a browser would strip or reinterpret
//! (whitespace, controls, `\`, quotes, angle brackets) is refused.

/// An absolute http(s) URL's parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HttpUrl<'a> {
    pub https: bool,
    /// As written; an IPv6 host keeps its brackets (`[::1]`).
    pub host: &'a str,
}

impl HttpUrl<'_> {
    /// `localhost`, `127.0.0.1` or `[::1]`.
    pub fn is_loopback(&self) -> bool {
        self.host.eq_ignore_ascii_case("localhost")
            || self.host == "127.0.0.1"
            || self.host == "[::1]"
    }
}

/// The rule of every URL the SDK sends to or sends a customer to: `https:`
/// (card data never travels in clear), or `http:` to a loopback host (a
/// local sandbox). One message, wherever it is checked.
pub const SECURE_RULE: &str =
    "must be an absolute https: URL (http: only to localhost, 127.0.0.1 or [::1])";

/// `SECURE_RULE` for a base URL, which takes no query or fragment.
pub const SECURE_BASE_RULE: &str = "must be an absolute https: URL without query or fragment (http: only to localhost, 127.0.0.1 or [::1])";

/// `s` as a URL that keeps to `SECURE_RULE`; with `base`, also without
/// query or fragment.
pub fn parse_secure(s: &str, base: bool) -> Option<HttpUrl<'_>> {
    parse_http(s).filter(|u| (u.https || u.is_loopback()) && !(base && s.contains(['?', '#'])))
}

/// `SECURE_RULE` on a platform URL parser's reading of a URL (`protocol`
/// as `URL.protocol` gives it, `hostname` as `URL.hostname`, an IPv6 one
/// without brackets).
pub fn platform_is_secure(protocol: &str, hostname: &str) -> bool {
    protocol == "https:"
        || (protocol == "http:" && matches!(hostname, "localhost" | "127.0.0.1" | "[::1]" | "::1"))
}

/// Whether `s` is an absolute `http:` or `https:` URL with a host, and
/// nothing a browser would strip or reinterpret.
pub fn is_absolute_http_url(s: &str) -> bool {
    parse_http(s).is_some()
}

/// Parses an absolute `http:`/`https:` URL with a host; `None` otherwise.
pub fn parse_http(s: &str) -> Option<HttpUrl<'_>> {
    let lower = s.get(..8).unwrap_or(s).to_ascii_lowercase();
    // `get` rather than indexing: no panic path (and its formatting code).
    let (https, rest) = if lower.starts_with("https://") {
        (true, s.get(8..)?)
    } else if lower.starts_with("http://") {
        (false, s.get(7..)?)
    } else {
        return None;
    };
    if s.bytes()
        .any(|b| b <= b' ' || b == 0x7f || b == b'\\' || b == b'"' || b == b'<' || b == b'>')
    {
        return None;
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    // Credentials in a URL (`user:password@`) are refused: they would be
    // sent, logged and shown, and `https://bank.test@evil.test/` is a lure.
    if authority.contains('@') {
        return None;
    }
    let host_port = authority;
    let host = if host_port.starts_with('[') {
        let end = host_port.find(']')?;
        let (host, port) = (host_port.get(..=end)?, host_port.get(end + 1..)?);
        let port_ok = port.is_empty() || port.strip_prefix(':').is_some_and(is_port);
        if end < 2 || !port_ok {
            return None;
        }
        host
    } else {
        match host_port.split_once(':') {
            Some((h, port)) if is_port(port) => h,
            Some(_) => return None,
            None => host_port,
        }
    };
    (!host.is_empty()).then_some(HttpUrl { https, host })
}

/// A port from 0 to 65535 in decimal (what the platform URL parser accepts).
fn is_port(digits: &str) -> bool {
    !digits.is_empty()
        && digits.len() <= 5
        && digits.bytes().all(|b| b.is_ascii_digit())
        && digits.parse::<u32>().is_ok_and(|n| n <= 65_535)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_one_transport_rule() {
        for (url, base, ok) in [
            ("https://pay.test/x?y", false, true),
            ("https://pay.test/x?y", true, false),
            ("https://pay.test/#f", true, false),
            ("http://127.0.0.1:4010/", true, true),
            ("http://[::1]/", false, true),
            ("http://localhost.evil.test/", false, false),
            ("http://10.0.0.1/", false, false),
            ("ftp://pay.test/", false, false),
        ] {
            assert_eq!(parse_secure(url, base).is_some(), ok, "{url} {base}");
        }
        assert!(platform_is_secure("https:", "pay.test"));
        assert!(platform_is_secure("http:", "::1") && platform_is_secure("http:", "localhost"));
        assert!(
            !platform_is_secure("http:", "127.0.0.2") && !platform_is_secure("javascript:", "")
        );
    }

    #[test]
    fn hosts() {
        let u = parse_http("https://Acs.Bank.test:8443/p?q@x#f").unwrap();
        assert_eq!((u.https, u.host), (true, "Acs.Bank.test"));
        assert_eq!(parse_http("https://user:password@acs.bank.test/"), None);
        assert_eq!(parse_http("https://bank.test@evil.test/"), None);
        assert!(parse_http("http://[::1]:4010/x").unwrap().is_loopback());
        assert!(parse_http("http://LOCALHOST/").unwrap().is_loopback());
        assert!(!parse_http("http://127.0.0.2/").unwrap().is_loopback());
        assert!(!parse_http("http://localhost.evil.test/")
            .unwrap()
            .is_loopback());
        assert_eq!(parse_http("http://[]/"), None);
        assert_eq!(parse_http("http://[::1/"), None);
        assert_eq!(parse_http("https://acs.bank.test:99999/"), None);
        assert!(parse_http("https://acs.bank.test:65535/").is_some());
        assert_eq!(parse_http("http://localhost::9/"), None);
    }
}

//! The sandbox's HTML: the ACS (3-D Secure), the hosted payment page and
//! the payment form widget (its library and its frame).
//! Self-contained: the style sheet and the one script are served from the
//! sandbox's own routes, every page carries a strict Content-Security-Policy
//! (nothing inline, no other origin except where a form must go), and every
//! value is escaped.

pub mod acs;
pub mod bank_app;
pub mod hosted;
pub mod transfer;
pub mod widget;

use crate::http::Response;

/// Where the style sheet and the submit script are served.
pub const STYLE_PATH: &str = "/sandbox-assets/style.css";
pub const SUBMIT_PATH: &str = "/sandbox-assets/submit.js";

pub const STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem;color:#1d2430}\
h1{font-size:1.3rem}.card{border:1px solid #d5dae3;border-radius:.6rem;padding:1.2rem}\
dl{display:grid;grid-template-columns:auto 1fr;gap:.4rem 1rem}dt{color:#5b6678}dd{margin:0;font-weight:600}\
label{display:block;margin:.7rem 0 .2rem;color:#5b6678}input[type=text],input[type=password]{width:100%;box-sizing:border-box;font-size:1rem;padding:.5rem;border:1px solid #8a94a6;border-radius:.4rem}\
.row{display:flex;gap:.8rem}.row>div{flex:1}.check{display:flex;gap:.5rem;align-items:center;margin-top:.8rem}\
.problem{color:#a1261b;font-weight:600}.muted{color:#5b6678;font-size:.9rem}\
button{font-size:1rem;padding:.6rem 1.2rem;border-radius:.4rem;border:1px solid #8a94a6;margin:1rem .6rem 0 0;cursor:pointer}\
button.primary{background:#1f7a4d;color:#fff;border-color:#1f7a4d}";

/// Submits the form marked `data-autosubmit` (the ACS's return by POST and
/// the way to the ACS from the hosted page): no inline script needed.
pub const SUBMIT_JS: &str =
    "var f=document.querySelector('form[data-autosubmit]');if(f)f.submit();";

/// Escapes text for HTML content and double-quoted attributes.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// `scheme://host[:port]` of an absolute http(s) URL, for a CSP source.
pub fn origin_of(url: &str) -> Option<String> {
    smart_glocal::url::parse_http(url)?;
    let (scheme, rest) = url.split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host_port = authority.rsplit('@').next()?;
    Some(format!("{}://{host_port}", scheme.to_ascii_lowercase()))
}

/// A page's parts.
pub struct Page<'a> {
    pub lang: &'a str,
    pub title: &'a str,
    pub body: String,
    /// Where its forms may go besides the sandbox itself.
    pub form_target: Option<String>,
    /// Go on after this many seconds: to the URL, or this page again (a
    /// page that follows progress).
    pub refresh: Option<(u32, Option<String>)>,
}

impl Page<'_> {
    pub fn respond(self, status: u16) -> Response {
        self.respond_in(status, None)
    }

    /// The page with the one origin that may frame it (`frame-ancestors`;
    /// none may when `None`).
    pub fn respond_in(self, status: u16, framed_by: Option<&str>) -> Response {
        let refresh = match &self.refresh {
            None => String::new(),
            Some((s, None)) => format!("<meta http-equiv=\"refresh\" content=\"{s}\">"),
            Some((s, Some(url))) => format!(
                "<meta http-equiv=\"refresh\" content=\"{s};url={}\">",
                esc(url)
            ),
        };
        let html = format!(
            "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">{refresh}\
<title>{}</title><link rel=\"stylesheet\" href=\"{STYLE_PATH}\"></head><body>{}\
<script src=\"{SUBMIT_PATH}\"></script></body></html>",
            esc(self.lang),
            esc(self.title),
            self.body
        );
        let form_action = match &self.form_target {
            Some(o) => format!("'self' {o}"),
            None => "'self'".into(),
        };
        let csp = format!(
            "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'none'; \
connect-src 'none'; base-uri 'none'; frame-ancestors {}; form-action {form_action}",
            framed_by.unwrap_or("'none'")
        );
        Response::new(status, "text/html; charset=utf-8", html)
            .with_header("cache-control", "no-store")
            .with_header("referrer-policy", "no-referrer")
            .with_header("x-content-type-options", "nosniff")
            .with_header("content-security-policy", csp)
    }
}

/// A titled message.
pub fn message<'a>(lang: &'a str, title: &'a str, text: &str, testid: &str) -> Page<'a> {
    Page {
        lang,
        title,
        body: format!(
            "<div class=\"card\" data-testid=\"{}\"><h1>{}</h1><p>{}</p></div>",
            esc(testid),
            esc(title),
            esc(text)
        ),
        form_target: None,
        refresh: None,
    }
}

/// A form that submits itself on load (by the served script; a button for
/// browsers without scripts).
pub fn auto_post(url: &str, fields: &[(String, String)], text: &str, button: &str) -> String {
    let inputs: String = fields
        .iter()
        .map(|(k, v)| {
            format!(
                "<input type=\"hidden\" name=\"{}\" value=\"{}\">",
                esc(k),
                esc(v)
            )
        })
        .collect();
    format!(
        "<form method=\"POST\" action=\"{}\" data-autosubmit>{inputs}<p>{}</p>\
<noscript><button type=\"submit\">{}</button></noscript></form>",
        esc(url),
        esc(text),
        esc(button)
    )
}

/// A static asset.
pub fn asset(content_type: &'static str, body: &'static str) -> Response {
    Response::new(200, content_type, body)
        .with_header("cache-control", "max-age=3600")
        .with_header("x-content-type-options", "nosniff")
}

/// Minor units → "150.00 USD", with the currency's exponent.
pub fn money(amount: u64, currency: &str) -> String {
    format!(
        "{} {}",
        smart_glocal::money::to_decimal(amount, currency),
        currency.to_ascii_uppercase()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_names_the_currency() {
        assert_eq!(money(15000, "usd"), "150.00 USD");
        assert_eq!(money(15000, "jpy"), "15000 JPY");
    }

    #[test]
    fn values_are_escaped() {
        assert_eq!(
            esc("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
        let html = auto_post(
            "https://shop.test/r?a=1&b=\"",
            &[("MD".into(), "<x>".into())],
            "…",
            "Go",
        );
        assert!(html.contains("action=\"https://shop.test/r?a=1&amp;b=&quot;\""));
        assert!(html.contains("value=\"&lt;x&gt;\""));
    }

    #[test]
    fn origins_for_csp() {
        assert_eq!(
            origin_of("HTTPS://shop.test:8443/r?x#y").as_deref(),
            Some("https://shop.test:8443")
        );
        assert_eq!(
            origin_of("https://u@shop.test/r"),
            None,
            "credentials refused"
        );
        assert_eq!(
            origin_of("http://127.0.0.1:8787/return").as_deref(),
            Some("http://127.0.0.1:8787")
        );
        assert_eq!(origin_of("javascript:alert(1)"), None);
        assert_eq!(origin_of("https://shop.test/a b"), None);
    }
}

//! The ACS pages: self-contained HTML, no external resources, every value escaped.

use crate::engine::AcsChallenge;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

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

const STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem;color:#1d2430}\
h1{font-size:1.3rem}.card{border:1px solid #d5dae3;border-radius:.6rem;padding:1.2rem}\
dl{display:grid;grid-template-columns:auto 1fr;gap:.4rem 1rem}dt{color:#5b6678}dd{margin:0;font-weight:600}\
button{font-size:1rem;padding:.6rem 1.2rem;border-radius:.4rem;border:1px solid #8a94a6;margin-right:.6rem;cursor:pointer}\
button[value=approve]{background:#1f7a4d;color:#fff;border-color:#1f7a4d}";

fn document(title: &str, body: &str) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
<title>{}</title><style>{STYLE}</style></head><body>{body}</body></html>",
        esc(title)
    )
}

pub fn page(status: StatusCode, html: &str) -> Response {
    let mut res = (status, html.to_string()).into_response();
    res.headers_mut().insert(
        "content-type",
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    res.headers_mut()
        .insert("cache-control", HeaderValue::from_static("no-store"));
    res
}

/// Minor units → "150.00 USD", with the currency's exponent.
pub fn money(amount: u64, currency: &str) -> String {
    format!(
        "{} {}",
        smart_glocal::money::to_decimal(amount, currency),
        currency.to_ascii_uppercase()
    )
}

pub fn acs_challenge(payment: &str, c: &AcsChallenge) -> String {
    let pareq = c
        .pareq
        .as_deref()
        .map(|p| {
            format!(
                "<input type=\"hidden\" name=\"PaReq\" value=\"{}\">",
                esc(p)
            )
        })
        .unwrap_or_default();
    document(
        "3-D Secure — Sandbox bank",
        &format!(
            "<div class=\"card\"><h1>Confirm your payment</h1>\
<p>Sandbox bank · 3-D Secure</p>\
<dl><dt>Merchant</dt><dd data-testid=\"acs-merchant\">{}</dd>\
<dt>Amount</dt><dd data-testid=\"acs-amount\">{}</dd>\
<dt>Card</dt><dd data-testid=\"acs-card\">•••• {}</dd></dl>\
<form method=\"POST\" action=\"/acs/{}/decision\">\
<input type=\"hidden\" name=\"MD\" value=\"{}\">{pareq}\
<button type=\"submit\" name=\"decision\" value=\"approve\" data-testid=\"acs-approve\">Approve</button>\
<button type=\"submit\" name=\"decision\" value=\"decline\" data-testid=\"acs-decline\">Decline</button>\
</form></div>",
            esc(&c.merchant),
            esc(&money(c.amount, &c.currency)),
            esc(&c.last4),
            esc(payment),
            esc(&c.md),
        ),
    )
}

/// Sends the customer back to the shop by POST, as an ACS does: a form
/// submitted on load (with a button for browsers without scripts).
pub fn auto_post(url: &str, fields: &[(String, String)]) -> String {
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
    document(
        "Returning to the shop",
        &format!(
            "<form id=\"return\" method=\"POST\" action=\"{}\">{inputs}\
<p>Returning to the shop…</p><noscript><button type=\"submit\">Continue</button></noscript></form>\
<script>document.getElementById(\"return\").submit()</script>",
            esc(url)
        ),
    )
}

pub fn message(title: &str, text: &str) -> String {
    document(
        title,
        &format!(
            "<div class=\"card\"><h1>{}</h1><p>{}</p></div>",
            esc(title),
            esc(text)
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_names_the_currency() {
        // The exponents are the core's (smart_glocal::money); this adds the code.
        assert_eq!(money(15000, "usd"), "150.00 USD");
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
        );
        assert!(html.contains("action=\"https://shop.test/r?a=1&amp;b=&quot;\""));
        assert!(html.contains("value=\"&lt;x&gt;\""));
    }
}

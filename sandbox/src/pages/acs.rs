//! The ACS page: the card issuer's 3-D Secure step.

use super::{esc, money, origin_of, Page};
use crate::engine::AcsChallenge;

pub fn challenge(payment: &str, c: &AcsChallenge) -> Page<'static> {
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
    Page {
        lang: "en",
        title: "3-D Secure — Sandbox bank",
        body: format!(
            "<div class=\"card\"><h1>Confirm your payment</h1>\
<p>Sandbox bank · 3-D Secure</p>\
<dl><dt>Merchant</dt><dd data-testid=\"acs-merchant\">{}</dd>\
<dt>Amount</dt><dd data-testid=\"acs-amount\">{}</dd>\
<dt>Card</dt><dd data-testid=\"acs-card\">•••• {}</dd></dl>\
<form method=\"POST\" action=\"/acs/{}/decision\">\
<input type=\"hidden\" name=\"MD\" value=\"{}\">{pareq}\
<button type=\"submit\" class=\"primary\" name=\"decision\" value=\"approve\" data-testid=\"acs-approve\">Approve</button>\
<button type=\"submit\" name=\"decision\" value=\"decline\" data-testid=\"acs-decline\">Decline</button>\
</form></div>",
            esc(&c.merchant),
            esc(&money(c.amount, &c.currency)),
            esc(&c.last4),
            esc(payment),
            esc(&c.md),
        ),
        // The decision redirects to the merchant's return URL.
        form_target: c.return_url.as_deref().and_then(origin_of),
        refresh: None,
    }
}

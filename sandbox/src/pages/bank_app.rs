//! The sandbox's "bank app": where an FPS payment's deep link (its QR
//! code) leads. A phone-sized page: the payment, approve or decline.

use super::{esc, money, Page};
use crate::engine::BankAppPayment;

pub fn payment(operation: &str, code: &str, p: &BankAppPayment) -> Page<'static> {
    Page {
        lang: "en",
        title: "Sandbox bank app",
        body: format!(
            "<div class=\"card\"><h1>Pay by Faster Payments</h1><p>Sandbox bank app</p>\
<dl><dt>To</dt><dd data-testid=\"bank-merchant\">{}</dd>\
<dt>Amount</dt><dd data-testid=\"bank-amount\">{}</dd></dl>\
<form method=\"POST\" action=\"/bank/{}/decision\">\
<input type=\"hidden\" name=\"code\" value=\"{}\">\
<button type=\"submit\" class=\"primary\" name=\"decision\" value=\"approve\" data-testid=\"bank-approve\">Approve</button>\
<button type=\"submit\" name=\"decision\" value=\"decline\" data-testid=\"bank-decline\">Decline</button>\
</form></div>",
            esc(&p.merchant),
            esc(&money(p.amount, &p.currency)),
            esc(operation),
            esc(code),
        ),
        form_target: None,
        refresh: None,
    }
}

/// After the answer: back to the shop's page (it follows the payment).
pub fn done(approved: bool) -> Page<'static> {
    let (state, text) = if approved {
        ("approved", "Payment approved. You can go back to the shop.")
    } else {
        ("declined", "Payment declined. You can go back to the shop.")
    };
    Page {
        lang: "en",
        title: "Sandbox bank app",
        body: format!(
            "<div class=\"card\" data-testid=\"bank-done\" data-state=\"{state}\"><h1>{}</h1></div>",
            esc(text)
        ),
        form_target: None,
        refresh: None,
    }
}

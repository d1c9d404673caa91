//! The bank app's routes: `/bank/{payment}?code=…` (the FPS deep link a
//! QR code carries) shows the payment; `/bank/{payment}/decision` takes
//! the customer's answer.

use crate::http::{Request, Response};
use crate::pages::{self, bank_app as page};
use crate::App;
use smart_glocal::return_url::parse_urlencoded_capped;

const MAX_FIELDS: usize = 8;

fn field(text: &str, name: &str) -> String {
    parse_urlencoded_capped(text, MAX_FIELDS)
        .unwrap_or_default()
        .into_iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v)
        .unwrap_or_default()
}

fn nothing_to_pay() -> Response {
    pages::message(
        "en",
        "Nothing to pay",
        "This payment link is unknown or already answered.",
        "bank-unknown",
    )
    .respond(404)
}

pub fn page(app: &App, req: &Request, operation: &str) -> Response {
    let code = field(req.query.as_deref().unwrap_or(""), "code");
    match app.read_engine(|e| e.bank_app_payment(operation, &code)) {
        Some(p) => page::payment(operation, &code, &p).respond(200),
        None => nothing_to_pay(),
    }
}

pub fn decision(app: &App, now_ms: u64, req: &Request, operation: &str) -> Response {
    let body = String::from_utf8_lossy(&req.body);
    let (code, approve) = (field(&body, "code"), field(&body, "decision") == "approve");
    let decided = app.with_engine(now_ms, |e, ctx| {
        e.bank_app_decide(operation, &code, approve, ctx)
    });
    app.log.line(&format!(
        "bank    decision /bank/{operation} {} -> {}",
        if approve { "approve" } else { "decline" },
        if decided { "accepted" } else { "unknown" }
    ));
    if decided {
        page::done(approve).respond(200)
    } else {
        nothing_to_pay()
    }
}

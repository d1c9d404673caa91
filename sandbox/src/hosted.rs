//! The hosted payment page's routes: `/{locale}/payment/{token}` shows the
//! card form (GET) and takes it (POST); `…/status` follows the payment.
//! The card data posted here stays in the sandbox: the merchant receives
//! only what the API shows of a card (brand, BIN, last four).

use crate::engine::{FormProblem, HostedError, HostedForm, HostedNext};
use crate::http::Response;
use crate::pages::hosted as html;
use crate::pages::transfer;
use crate::App;
use sg_wire::RedirectMethod;
use smart_glocal::return_url::{encode, parse_urlencoded_capped, redirect_location};

/// More fields than the form has.
const MAX_FIELDS: usize = 16;

/// A locale in the path: two lowercase letters.
fn locale_ok(locale: &str) -> bool {
    locale.len() == 2 && locale.bytes().all(|b| b.is_ascii_lowercase())
}

fn not_found() -> Response {
    crate::reply(&crate::engine::Reply::error(
        404,
        "not_found",
        "no such route",
    ))
}

/// A card form's fields as posted: urlencoded, at most [`MAX_FIELDS`]; a
/// body that is not (or has more fields) reads as empty, which the engine
/// then asks the customer to correct. The first of a repeated field counts.
pub(crate) struct Posted(Vec<(String, String)>);

impl Posted {
    pub(crate) fn from_body(body: &[u8]) -> Self {
        Posted(
            parse_urlencoded_capped(&String::from_utf8_lossy(body), MAX_FIELDS).unwrap_or_default(),
        )
    }

    fn get(&self, name: &str) -> String {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }

    /// A checkbox: ticked when its value is `1`.
    pub(crate) fn checked(&self, name: &str) -> bool {
        self.get(name) == "1"
    }

    /// The card form of the hosted page and of the widget's frame.
    pub(crate) fn card_form(&self) -> HostedForm {
        HostedForm {
            number: self.get("number"),
            expiry: self.get("expiry"),
            cvc: self.get("cvc"),
            cardholder: self.get("cardholder"),
            save_card: self.checked("save_card"),
        }
    }
}

/// One log line for a submitted card form: what the engine made of it
/// (the field to correct or the refusal's code, never the card).
pub(crate) fn log_next(app: &App, route: &str, next: &HostedNext) {
    let outcome = match next {
        HostedNext::Correct(p) => format!("correct {p:?}"),
        HostedNext::Refused(e) => format!("refused {}", e.code()),
        _ => "started".into(),
    };
    app.log.line(&format!("{route} -> {outcome}"));
}

fn see_other(location: &str) -> Response {
    Response::see_other(location)
}

fn page_path(locale: &str, token: &str) -> String {
    format!("/{locale}/payment/{}", encode(token))
}

/// The card form of `token` (with what to correct), or why there is none.
fn form_page(
    app: &App,
    now: u64,
    locale: &str,
    token: &str,
    problem: Option<FormProblem>,
) -> Response {
    let t = html::texts(locale);
    let status = if problem.is_some() { 422 } else { 200 };
    match app.read_engine(|e| e.hosted_page(token, now)) {
        Ok(page) => html::form(t, &page, &page_path(locale, token), problem).respond(status),
        Err(e) => html::refused(t, e).respond(404),
    }
}

pub fn form(app: &App, now_ms: u64, locale: &str, token: &str) -> Response {
    if !locale_ok(locale) {
        return not_found();
    }
    match app.read_engine(|e| e.transfer_page(token, now_ms)) {
        Ok(page) => transfer::form(locale, &page, &page_path(locale, token), false).respond(200),
        // Not a transfer's token: perhaps a card form's.
        Err(HostedError::Unknown) => form_page(app, now_ms, locale, token, None),
        Err(e) => html::refused(html::texts(locale), e).respond(404),
    }
}

/// A transfer's page posted: the terms agreed, the FPS payment starts.
fn transfer_pay(app: &App, now_ms: u64, locale: &str, token: &str, agreed: bool) -> Response {
    if !agreed {
        return match app.read_engine(|e| e.transfer_page(token, now_ms)) {
            Ok(page) => transfer::form(locale, &page, &page_path(locale, token), true).respond(422),
            Err(e) => html::refused(html::texts(locale), e).respond(404),
        };
    }
    match app.with_engine(now_ms, |e, ctx| e.transfer_pay(token, locale, ctx)) {
        HostedNext::Refused(e) => html::refused(html::texts(locale), e).respond(404),
        _ => see_other(&format!("{}/status", page_path(locale, token))),
    }
}

pub fn pay(app: &App, now_ms: u64, locale: &str, token: &str, body: &[u8]) -> Response {
    if !locale_ok(locale) {
        return not_found();
    }
    let t = html::texts(locale);
    let posted = Posted::from_body(body);
    if app.read_engine(|e| e.transfer_page(token, now_ms)) != Err(HostedError::Unknown) {
        return transfer_pay(app, now_ms, locale, token, posted.checked("agree"));
    }
    let submitted = posted.card_form();
    let next = app.with_engine(now_ms, |e, ctx| {
        e.hosted_pay(token, locale, &submitted, ctx)
    });
    log_next(app, &format!("hosted  POST /{locale}/payment/…"), &next);
    match next {
        HostedNext::Correct(problem) => form_page(app, now_ms, locale, token, Some(problem)),
        HostedNext::Refused(e) => html::refused(t, e).respond(404),
        // Always through the status page: the form's POST ends here, and
        // what follows are plain navigations.
        _ => see_other(&format!("{}/status", page_path(locale, token))),
    }
}

pub fn status(app: &App, now_ms: u64, locale: &str, token: &str) -> Response {
    if !locale_ok(locale) {
        return not_found();
    }
    let t = html::texts(locale);
    let res = match app.with_engine(now_ms, |e, _| e.hosted_status(token)) {
        HostedNext::Wait | HostedNext::Correct(_) => html::wait(t).respond(200),
        HostedNext::BankApp(link) => transfer::bank_app(locale, &link).respond(200),
        HostedNext::Refused(e) => html::refused(t, e).respond(404),
        HostedNext::Acs(r) if r.method == RedirectMethod::Post => {
            let url = r.base_url.clone().unwrap_or_else(|| r.url.clone());
            let url = smart_glocal::return_url::append_query(&url, &r.qs.0);
            html::to_acs(t, &url, &r.params.0).respond(200)
        }
        HostedNext::Acs(r) => see_other(&r.url),
        // A page, not a redirect: this may be the end of the form's POST,
        // whose redirects the page's form-action keeps on this origin.
        HostedNext::Done { succeeded, url } => {
            let target = url.as_deref().and_then(|u| redirect_location(u, &[]).ok());
            html::done(t, succeeded, target.as_deref()).respond(200)
        }
    };
    app.log.line(&format!(
        "hosted  GET /{locale}/payment/…/status -> {}",
        res.status
    ));
    res
}

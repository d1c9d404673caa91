//! The payment form widget's routes: its library (`/payment-form.js`,
//! `/payment-form.css`) and the pages of its frame, `/widget/{token}` (the
//! card form: GET shows it, POST takes it) and `…/status` (follows the
//! payment, 3-D Secure included, and reports the outcome to the parent).
//! Every frame page names its parent in the query (`parent`, an exact
//! origin; `target`; `masked`) and may be framed by that origin only.

use crate::engine::record::Frame;
use crate::engine::{FormProblem, HostedNext};
use crate::hosted::{log_next, Posted};
use crate::http::Response;
use crate::pages::hosted::{self as html, WIDGET_IDS};
use crate::pages::widget as page;
use crate::App;
use sg_wire::RedirectMethod;
use smart_glocal::return_url::{encode, parse_urlencoded_capped};

/// More fields than the form (or the frame's query) has.
const MAX_FIELDS: usize = 16;

/// The frame a query names, or `None`: `parent` must be an exact origin
/// (`scheme://host[:port]`, http or https).
pub fn frame_of(query: Option<&str>) -> Option<Frame> {
    let fields = parse_urlencoded_capped(query.unwrap_or(""), MAX_FIELDS).ok()?;
    let one = |name: &str| {
        let mut it = fields.iter().filter(|(k, _)| k == name).map(|(_, v)| v);
        match (it.next(), it.next()) {
            (v, None) => v.cloned(),
            _ => None, // repeated: which one is meant is not for us to guess
        }
    };
    let repeated = |name: &str| fields.iter().filter(|(k, _)| k == name).count() > 1;
    if ["parent", "target", "masked"].iter().any(|n| repeated(n)) {
        return None;
    }
    let parent = one("parent")?;
    if crate::pages::origin_of(&parent).as_deref() != Some(parent.as_str()) {
        return None;
    }
    let top = match one("target").as_deref() {
        None | Some("_self") => false,
        Some("_top") => true,
        Some(_) => return None,
    };
    Some(Frame {
        parent,
        top,
        cvc_masked: one("masked").as_deref() != Some("0"),
    })
}

/// The query that names `frame` again.
fn query(frame: &Frame) -> String {
    format!(
        "parent={}&target={}&masked={}",
        encode(&frame.parent),
        if frame.top { "_top" } else { "_self" },
        if frame.cvc_masked { "1" } else { "0" }
    )
}

fn form_path(token: &str, frame: &Frame) -> String {
    format!("/widget/{}?{}", encode(token), query(frame))
}

/// The status page of a payment made in `frame`.
pub fn status_path(token: &str, frame: &Frame) -> String {
    format!("/widget/{}/status?{}", encode(token), query(frame))
}

pub fn library(app: &App) -> Response {
    let public_url = app.read_engine(|e| e.public_url().to_string());
    let origin = crate::pages::origin_of(&public_url).unwrap_or_default();
    Response::new(
        200,
        "text/javascript; charset=utf-8",
        page::library_js(&origin),
    )
    .with_header("cache-control", "no-cache")
    .with_header("x-content-type-options", "nosniff")
    // Any shop's page may load it, as it may load Smart Glocal's.
    .with_header("cross-origin-resource-policy", "cross-origin")
}

/// A frame named wrongly: a page no one may frame.
fn no_frame() -> Response {
    crate::pages::message(
        "en",
        "Payment form unavailable",
        "This payment form was opened without a valid parent page.",
        "widget-error",
    )
    .respond(400)
}

fn form_page(
    app: &App,
    now: u64,
    token: &str,
    frame: &Frame,
    problem: Option<FormProblem>,
) -> Response {
    let t = html::texts(&app.read_engine(|e| e.widget_locale(token)));
    let status = if problem.is_some() { 422 } else { 200 };
    let parent = Some(frame.parent.as_str());
    match app.read_engine(|e| e.hosted_page(token, now)) {
        Ok(p) => {
            let form = html::form_with(
                t,
                &p,
                &form_path(token, frame),
                problem,
                &WIDGET_IDS,
                frame.cvc_masked,
            );
            page::in_frame(form, &frame.parent).respond_in(status, parent)
        }
        Err(e) => page::in_frame(html::refused_with(t, e, &WIDGET_IDS), &frame.parent)
            .respond_in(404, parent),
    }
}

pub fn form(app: &App, now_ms: u64, token: &str, query: Option<&str>) -> Response {
    match frame_of(query) {
        Some(frame) => form_page(app, now_ms, token, &frame, None),
        None => no_frame(),
    }
}

pub fn pay(app: &App, now_ms: u64, token: &str, query: Option<&str>, body: &[u8]) -> Response {
    let Some(frame) = frame_of(query) else {
        return no_frame();
    };
    let submitted = Posted::from_body(body).card_form();
    let next = app.with_engine(now_ms, |e, ctx| {
        e.widget_pay(token, frame.clone(), &submitted, ctx)
    });
    log_next(app, "widget  POST /widget/…", &next);
    match next {
        HostedNext::Correct(problem) => form_page(app, now_ms, token, &frame, Some(problem)),
        HostedNext::Refused(e) => {
            let t = html::texts(&app.read_engine(|e| e.widget_locale(token)));
            page::in_frame(html::refused_with(t, e, &WIDGET_IDS), &frame.parent)
                .respond_in(404, Some(&frame.parent))
        }
        _ => Response::see_other(&status_path(token, &frame)),
    }
}

pub fn status(app: &App, now_ms: u64, token: &str, query: Option<&str>) -> Response {
    let Some(frame) = frame_of(query) else {
        return no_frame();
    };
    let t = html::texts(&app.read_engine(|e| e.widget_locale(token)));
    let parent = Some(frame.parent.as_str());
    let framed = |p| page::in_frame(p, &frame.parent);
    let res = match app.with_engine(now_ms, |e, _| e.hosted_status(token)) {
        // A card form's payment never waits for a bank app.
        HostedNext::Wait | HostedNext::Correct(_) | HostedNext::BankApp(_) => {
            framed(html::wait(t)).respond_in(200, parent)
        }
        HostedNext::Refused(e) => {
            framed(html::refused_with(t, e, &WIDGET_IDS)).respond_in(404, parent)
        }
        HostedNext::Acs(r) => {
            let url = r.base_url.clone().unwrap_or_else(|| r.url.clone());
            let (url, fields) = if r.method == RedirectMethod::Post {
                (
                    smart_glocal::return_url::append_query(&url, &r.qs.0),
                    r.params.0.clone(),
                )
            } else {
                (r.url.clone(), Vec::new())
            };
            if frame.top {
                page::to_acs_top(t, &url, &fields, &frame.parent).respond_in(200, parent)
            } else if fields.is_empty() {
                Response::see_other(&url)
            } else {
                framed(html::to_acs(t, &url, &fields)).respond_in(200, parent)
            }
        }
        // Inside the frame the outcome goes to the parent; the page that
        // embeds the form decides where the customer goes.
        HostedNext::Done { succeeded, .. } => {
            page::done(t, succeeded, &frame.parent).respond_in(200, parent)
        }
    };
    app.log
        .line(&format!("widget  GET /widget/…/status -> {}", res.status));
    res
}

//! The ACS routes: the 3-D Secure redirect lands on `/acs/{payment}` (a
//! POST form with PaReq and MD, or a GET with MD in the query); the
//! customer's decision goes to `/acs/{payment}/decision`.

use crate::http::{Request, Response};
use crate::pages::{self, Page};
use crate::App;
use sg_wire::RedirectMethod;
use smart_glocal::return_url::{parse_urlencoded_capped, redirect_location};

/// More fields than a 3-D Secure form ever has.
const MAX_FIELDS: usize = 16;

fn fields(query: Option<&str>, body: Option<&[u8]>) -> Vec<(String, String)> {
    let mut out = parse_urlencoded_capped(query.unwrap_or(""), MAX_FIELDS).unwrap_or_default();
    if let Some(b) = body {
        out.extend(
            parse_urlencoded_capped(&String::from_utf8_lossy(b), MAX_FIELDS).unwrap_or_default(),
        );
    }
    out
}

fn get<'a>(fields: &'a [(String, String)], name: &str) -> &'a str {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map_or("", |(_, v)| v.as_str())
}

/// The ACS's answer to an unknown, forged or already answered request.
fn nothing_to_authenticate() -> Response {
    pages::message(
        "en",
        "Nothing to authenticate",
        "This 3-D Secure request is unknown or already answered.",
        "acs-unknown",
    )
    .respond(404)
}

pub fn page(app: &App, req: &Request, payment: &str) -> Response {
    let f = fields(req.query.as_deref(), req.is_post().then_some(&req.body[..]));
    let challenge = app.read_engine(|e| e.acs_challenge(payment, get(&f, "MD")));
    app.log.line(&format!(
        "acs     {} /acs/{payment} -> {}",
        req.method,
        if challenge.is_some() { 200 } else { 404 }
    ));
    match challenge {
        // Inside the widget's frame, only its parent may frame it.
        Some(c) => pages::acs::challenge(payment, &c).respond_in(200, c.framed_by.as_deref()),
        None => nothing_to_authenticate(),
    }
}

pub fn decision(app: &App, now_ms: u64, req: &Request, payment: &str) -> Response {
    let f = fields(None, Some(&req.body));
    let approve = get(&f, "decision") == "approve";
    let md = get(&f, "MD").to_string();
    let decided = app.with_engine(now_ms, |engine, ctx| {
        engine.acs_decide(payment, &md, approve, ctx)
    });
    app.log.line(&format!(
        "acs     decision /acs/{payment} {} -> {}",
        if approve { "approve" } else { "decline" },
        if decided.is_some() {
            "accepted"
        } else {
            "unknown"
        }
    ));
    let Some(ret) = decided else {
        return nothing_to_authenticate();
    };
    let done = || {
        pages::message(
            "en",
            "Authentication complete",
            "You can close this window.",
            "acs-done",
        )
    };
    match (ret.return_url, ret.method) {
        (None, _) => done().respond(200),
        (Some(url), RedirectMethod::Post) => Page {
            lang: "en",
            title: "Returning to the shop",
            body: pages::auto_post(&url, &ret.fields, "Returning to the shop…", "Continue"),
            form_target: pages::origin_of(&url),
            refresh: None,
        }
        .respond(200),
        (Some(url), _) => match redirect_location(&url, &ret.fields) {
            Ok(location) => Response::see_other(&location),
            _ => pages::message(
                "en",
                "Authentication complete",
                "The shop's return address is not usable.",
                "acs-done",
            )
            .respond(200),
        },
    }
}

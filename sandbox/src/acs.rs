//! The ACS routes: the 3-D Secure redirect lands on `/acs/{payment}` (a
//! POST form with PaReq and MD, or a GET with MD in the query); the
//! customer's decision goes to `/acs/{payment}/decision`.

use crate::pages::{self, Page};
use crate::App;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use sg_wire::RedirectMethod;
use smart_glocal::return_url::{parse_urlencoded_capped, redirect_location};
use std::sync::Arc;

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
    .respond(StatusCode::NOT_FOUND)
}

pub async fn page(
    State(app): State<Arc<App>>,
    method: Method,
    Path(payment): Path<String>,
    RawQuery(query): RawQuery,
    body: Bytes,
) -> Response {
    let f = fields(
        query.as_deref(),
        (method == Method::POST).then_some(&body[..]),
    );
    let challenge = app.read_engine(|e| e.acs_challenge(&payment, get(&f, "MD")));
    app.log.line(&format!(
        "acs     {method} /acs/{payment} -> {}",
        if challenge.is_some() { 200 } else { 404 }
    ));
    match challenge {
        Some(c) => pages::acs::challenge(&payment, &c).respond(StatusCode::OK),
        None => nothing_to_authenticate(),
    }
}

pub async fn decision(
    State(app): State<Arc<App>>,
    Path(payment): Path<String>,
    body: Bytes,
) -> Response {
    let f = fields(None, Some(&body));
    let approve = get(&f, "decision") == "approve";
    let md = get(&f, "MD").to_string();
    let decided = app.with_engine(|engine, ctx| engine.acs_decide(&payment, &md, approve, ctx));
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
        (None, _) => done().respond(StatusCode::OK),
        (Some(url), RedirectMethod::Post) => Page {
            lang: "en",
            title: "Returning to the shop",
            body: pages::auto_post(&url, &ret.fields, "Returning to the shop…", "Continue"),
            form_target: pages::origin_of(&url),
            refresh: None,
        }
        .respond(StatusCode::OK),
        (Some(url), _) => {
            match redirect_location(&url, &ret.fields).map(|l| HeaderValue::from_str(&l)) {
                Ok(Ok(location)) => {
                    let mut res = StatusCode::SEE_OTHER.into_response();
                    res.headers_mut().insert(header::LOCATION, location);
                    res
                }
                _ => pages::message(
                    "en",
                    "Authentication complete",
                    "The shop's return address is not usable.",
                    "acs-done",
                )
                .respond(StatusCode::OK),
            }
        }
    }
}

//! Which route a request is for: the whole sandbox behind one function,
//! `handle(app, now, request) -> response`, with no server in it.

use crate::engine::Reply;
use crate::http::{reply, Request, Response};
use crate::{acs, api, bank_app, control, hosted, pages, widget, App};

/// The answer to `req` at `now_ms` on the sandbox's clock.
pub fn handle(app: &App, now_ms: u64, req: &Request) -> Response {
    if req.body.len() > api::MAX_BODY {
        return too_large();
    }
    let parts: Vec<&str> = req.path.split('/').skip(1).collect();
    let (get, post) = (req.method == "GET", req.is_post());
    let q = req.query.as_deref();
    match parts.as_slice() {
        ["api", "v1", rest @ ..] if !rest.is_empty() => {
            api::serve(app, now_ms, req, &rest.join("/"), false)
        }
        ["api", "v2", rest @ ..] if !rest.is_empty() => {
            api::serve(app, now_ms, req, &rest.join("/"), true)
        }
        ["acs", payment] if get || post => acs::page(app, req, payment),
        ["acs", payment, "decision"] if post => acs::decision(app, now_ms, req, payment),
        ["bank", payment] if get => bank_app::page(app, req, payment),
        ["bank", payment, "decision"] if post => bank_app::decision(app, now_ms, req, payment),
        [locale, "payment", token] if get => hosted::form(app, now_ms, locale, &decoded(token)),
        [locale, "payment", token] if post => {
            hosted::pay(app, now_ms, locale, &decoded(token), &req.body)
        }
        [locale, "payment", token, "status"] if get => {
            hosted::status(app, now_ms, locale, &decoded(token))
        }
        ["widget", token] if get => widget::form(app, now_ms, &decoded(token), q),
        ["widget", token] if post => widget::pay(app, now_ms, &decoded(token), q, &req.body),
        ["widget", token, "status"] if get => widget::status(app, now_ms, &decoded(token), q),
        ["payment-form.js"] if get => widget::library(app),
        ["payment-form.css"] if get => {
            pages::asset("text/css; charset=utf-8", pages::widget::LIBRARY_CSS)
                .with_header("cross-origin-resource-policy", "cross-origin")
        }
        _ if get && req.path == pages::widget::FRAME_JS_PATH => {
            pages::asset("text/javascript; charset=utf-8", pages::widget::FRAME_JS)
        }
        _ if get && req.path == pages::STYLE_PATH => {
            pages::asset("text/css; charset=utf-8", pages::STYLE)
        }
        _ if get && req.path == pages::SUBMIT_PATH => {
            pages::asset("text/javascript; charset=utf-8", pages::SUBMIT_JS)
        }
        ["sandbox", "clock"] if get => control::clock(app),
        ["sandbox", "clock"] if post => control::advance(app, req),
        ["sandbox", "chargeback"] if post => control::chargeback(app, now_ms, req),
        ["sandbox", "stats"] if get => control::stats(app),
        ["health"] if get => Response::new(200, "text/plain; charset=utf-8", "ok"),
        _ => reply(&Reply::error(404, "not_found", "no such route")),
    }
}

/// The answer to a body over the cap ([`api::MAX_BODY`]): also what a
/// shell answers when it stopped reading one.
pub fn too_large() -> Response {
    reply(&Reply::error(
        413,
        "payload_too_large",
        "the body is over 8 MiB",
    ))
}

/// A path segment with its percent-escapes decoded (as the router of the
/// native shell did), or as it is when they do not make UTF-8.
fn decoded(segment: &str) -> String {
    let b = segment.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        match (
            b[i],
            b.get(i + 1).and_then(|&c| hex(c)),
            b.get(i + 2).and_then(|&c| hex(c)),
        ) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (c, _, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| segment.to_string())
}

#[cfg(test)]
mod tests {
    use super::decoded;

    #[test]
    fn path_segments_are_percent_decoded() {
        assert_eq!(decoded("tok%2F1"), "tok/1");
        assert_eq!(decoded("a+b%20c"), "a+b c");
        assert_eq!(decoded("%E2%82%AC"), "€");
        assert_eq!(decoded("%FF"), "%FF", "not UTF-8: kept as it came");
        assert_eq!(decoded("100%"), "100%");
    }
}

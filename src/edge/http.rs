//! fetch (through gloo-net) with a timeout, and Response construction.

use crate::error::Error;
use crate::model::Envelope;
use crate::request::PreparedRequest;
use crate::response::parse_response;
use crate::retry::Outcome;
use js_sys::Uint8Array;
use wasm_bindgen::JsValue;

/// One attempt: sends `req`, reads the whole answer within `timeout_ms`
/// (`AbortSignal.timeout` covers the body too) and interprets it.
pub async fn send(
    req: &PreparedRequest,
    timeout_ms: u32,
) -> (Outcome, Result<(Envelope, Vec<u8>), Error>) {
    let signal = web_sys::AbortSignal::timeout_with_u32(timeout_ms);
    let failed = |e: gloo_net::Error| {
        if signal.aborted() {
            (Outcome::Timeout, Err(Error::Timeout))
        } else {
            let message = match e {
                gloo_net::Error::JsError(js) => js.message,
                other => other.to_string(),
            };
            (Outcome::Network, Err(Error::Network { message }))
        }
    };
    let mut builder = gloo_net::http::Request::post(&req.url).abort_signal(Some(&signal));
    for (name, value) in &req.headers {
        builder = builder.header(name, value);
    }
    let request = match builder.body(Uint8Array::from(req.body.as_slice())) {
        Ok(r) => r,
        Err(e) => return failed(e),
    };
    let response = match request.send().await {
        Ok(r) => r,
        Err(e) => return failed(e),
    };
    let status = response.status();
    let body = match response.binary().await {
        Ok(b) => b,
        Err(e) => return failed(e),
    };
    let result = parse_response(status, &body).map(|env| (env, body));
    (Outcome::Status(status), result)
}

/// `303 See Other` to `location`, not cached.
pub fn see_other(location: &str) -> Result<JsValue, Error> {
    let fail = |_| Error::invalid("targetUrl", "cannot be used as a Location header");
    let headers = web_sys::Headers::new().map_err(fail)?;
    headers.set("Location", location).map_err(fail)?;
    headers.set("Cache-Control", "no-store").map_err(fail)?;
    let init = web_sys::ResponseInit::new();
    init.set_status(303);
    init.set_headers(&headers);
    web_sys::Response::new_with_opt_str_and_init(None, &init)
        .map(JsValue::from)
        .map_err(fail)
}

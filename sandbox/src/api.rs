//! `/api/v1/{endpoint}`: authentication over the exact body bytes, the
//! injected faults, then the engine.

use crate::engine::Reply;
use crate::faults::ApiFault;
use crate::http::{Ending, Request, Response};
use crate::{reply as json, App};
use smart_glocal::request::{
    HEADER_IDEMPOTENCY_KEY, HEADER_PROJECT, HEADER_RETRY_AFTER, HEADER_SIGN,
};
use smart_glocal::Endpoint;
use std::time::Duration;

/// The largest request body taken (the SDK signs at most 8 MiB).
pub const MAX_BODY: usize = 8 << 20;

/// Who is calling, checked before anything else.
fn authenticate(app: &App, req: &Request) -> Result<(), Reply> {
    if req.header(HEADER_PROJECT) != Some(app.config.project.as_str()) {
        return Err(Reply::error(
            401,
            "unauthorized",
            "unknown or missing X-PARTNER-PROJECT",
        ));
    }
    let Some(sig) = req.header(HEADER_SIGN) else {
        return Err(Reply::error(401, "unauthorized", "missing X-PARTNER-SIGN"));
    };
    app.verifier.verify(&req.body, sig).map_err(|_| {
        Reply::error(
            401,
            "unauthorized",
            "X-PARTNER-SIGN does not match the body",
        )
    })
}

/// `POST /api/v{1,2}/{endpoint}` (`v2`: v2's names in requests and
/// answers), at `now_ms` on the sandbox's clock.
pub fn serve(app: &App, now_ms: u64, req: &Request, endpoint: &str, v2: bool) -> Response {
    let started = Started::now();
    let path = format!("/api/v{}/{endpoint}", if v2 { 2 } else { 1 });
    let endpoint = match (req.is_post(), Endpoint::from_path(endpoint)) {
        (false, _) => Err(Reply::error(
            405,
            "method_not_allowed",
            "every call is a POST",
        )),
        (true, Err(_)) => Err(Reply::error(404, "not_found", "unknown endpoint")),
        (true, Ok(e)) => authenticate(app, req).map(|()| e),
    };
    let endpoint = match endpoint {
        Ok(e) => e,
        Err(reply) => {
            app.log.request(
                &path,
                reply.status,
                started.elapsed(),
                None,
                reply.body["error"]["code"].as_str(),
                None,
            );
            return json(&reply);
        }
    };
    let fault = app.faults.api();
    let mut wait_ms = 0;
    let refused = match fault {
        Some(ApiFault::ServerError) => Some(Reply::error(
            503,
            "service_unavailable",
            "injected fault: try again",
        )),
        Some(ApiFault::TooManyRequests) => Some(Reply::error(
            429,
            "too_many_requests",
            "injected fault: slow down",
        )),
        Some(ApiFault::Timeout) => {
            wait_ms = app.faults.delay_ms();
            Some(Reply::error(
                504,
                "gateway_timeout",
                "injected fault: timed out",
            ))
        }
        _ => None,
    };
    let fault_name = fault.map(|f| format!("{f:?}"));
    if let Some(reply) = refused {
        let waited = Duration::from_millis(wait_ms);
        app.log.request(
            &path,
            reply.status,
            started.elapsed() + waited,
            None,
            None,
            fault_name.as_deref(),
        );
        let mut res = json(&reply);
        if reply.status == 429 {
            res = res.with_header(HEADER_RETRY_AFTER, "1");
        }
        if wait_ms > 0 {
            res.ending = Ending::After { ms: wait_ms };
        }
        return res;
    }
    let key = req.header(HEADER_IDEMPOTENCY_KEY);
    let submerchant = req
        .header("x-partner-submerchant")
        .map(str::trim)
        .filter(|v| !v.is_empty() && v.len() <= 255)
        .map(str::to_string);
    let reply = app.with_engine(now_ms, |engine, ctx| {
        ctx.submerchant = submerchant;
        engine.call_as(endpoint, &req.body, key, ctx, v2)
    });
    let session = reply.body["session"]["id"].as_str();
    app.log.request(
        &path,
        reply.status,
        started.elapsed(),
        session,
        reply.body["error"]["code"].as_str(),
        fault_name.as_deref(),
    );
    let mut res = json(&reply);
    if fault == Some(ApiFault::DropAfterApply) {
        res.ending = Ending::Dropped;
    }
    res
}

/// When the call began, for the log's figure (natively; in WebAssembly,
/// where std has no clock, the figure is the injected wait alone).
struct Started(#[cfg(not(target_arch = "wasm32"))] std::time::Instant);

impl Started {
    fn now() -> Started {
        Started(
            #[cfg(not(target_arch = "wasm32"))]
            std::time::Instant::now(),
        )
    }

    fn elapsed(&self) -> Duration {
        #[cfg(not(target_arch = "wasm32"))]
        return self.0.elapsed();
        #[cfg(target_arch = "wasm32")]
        Duration::ZERO
    }
}

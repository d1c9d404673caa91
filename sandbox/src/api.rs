//! `/api/v1/{endpoint}`: authentication over the exact body bytes, the
//! injected faults, then the engine.

use crate::engine::Reply;
use crate::faults::ApiFault;
use crate::{json, App};
use axum::body::{Body, Bytes};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, Method};
use axum::response::Response;
use smart_glocal::request::{
    HEADER_IDEMPOTENCY_KEY, HEADER_PROJECT, HEADER_RETRY_AFTER, HEADER_SIGN,
};
use smart_glocal::Endpoint;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

/// The largest request body taken (the SDK signs at most 8 MiB).
pub const MAX_BODY: usize = 8 << 20;

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// Who is calling, checked before anything else.
fn authenticate(app: &App, headers: &HeaderMap, body: &[u8]) -> Result<(), Reply> {
    if header(headers, HEADER_PROJECT) != Some(app.config.project.as_str()) {
        return Err(Reply::error(
            401,
            "unauthorized",
            "unknown or missing X-PARTNER-PROJECT",
        ));
    }
    let Some(sig) = header(headers, HEADER_SIGN) else {
        return Err(Reply::error(401, "unauthorized", "missing X-PARTNER-SIGN"));
    };
    app.verifier.verify(body, sig).map_err(|_| {
        Reply::error(
            401,
            "unauthorized",
            "X-PARTNER-SIGN does not match the body",
        )
    })
}

/// A body that fails at once: the connection closes without an answer.
struct Dropped;

impl http_body::Body for Dropped {
    type Data = Bytes;
    type Error = std::io::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        _: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Bytes>, std::io::Error>>> {
        Poll::Ready(Some(Err(std::io::Error::other("fault api.drop"))))
    }
}

pub async fn handle(
    state: State<Arc<App>>,
    method: Method,
    endpoint: Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    serve(state, method, endpoint, headers, body, false).await
}

/// API v2 (`/api/v2/…`): v2's names in requests and answers.
pub async fn handle_v2(
    state: State<Arc<App>>,
    method: Method,
    endpoint: Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    serve(state, method, endpoint, headers, body, true).await
}

async fn serve(
    State(app): State<Arc<App>>,
    method: Method,
    Path(endpoint): Path<String>,
    headers: HeaderMap,
    body: Bytes,
    v2: bool,
) -> Response {
    let started = Instant::now();
    let path = format!("/api/v{}/{endpoint}", if v2 { 2 } else { 1 });
    let endpoint = match (method == Method::POST, Endpoint::from_path(&endpoint)) {
        (false, _) => Err(Reply::error(
            405,
            "method_not_allowed",
            "every call is a POST",
        )),
        (true, Err(_)) => Err(Reply::error(404, "not_found", "unknown endpoint")),
        (true, Ok(e)) => authenticate(&app, &headers, &body).map(|()| e),
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
            tokio::time::sleep(Duration::from_millis(app.faults.delay_ms())).await;
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
        app.log.request(
            &path,
            reply.status,
            started.elapsed(),
            None,
            None,
            fault_name.as_deref(),
        );
        let mut res = json(&reply);
        if reply.status == 429 {
            res.headers_mut()
                .insert(HEADER_RETRY_AFTER, HeaderValue::from_static("1"));
        }
        return res;
    }
    let key = header(&headers, HEADER_IDEMPOTENCY_KEY).map(str::to_string);
    let reply =
        app.with_engine(|engine, ctx| engine.call_as(endpoint, &body, key.as_deref(), ctx, v2));
    let session = reply.body["session"]["id"].as_str();
    app.log.request(
        &path,
        reply.status,
        started.elapsed(),
        session,
        reply.body["error"]["code"].as_str(),
        fault_name.as_deref(),
    );
    if fault == Some(ApiFault::DropAfterApply) {
        return Response::new(Body::new(Dropped));
    }
    json(&reply)
}

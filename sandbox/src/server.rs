//! The native shell's HTTP: every request, whatever its route, becomes a
//! plain `http::Request` for `router::handle`, and its answer goes back as
//! the router said (after a wait, or not at all).

use crate::http::{Ending, Request, Response};
use crate::{api, App};
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderName, HeaderValue, StatusCode};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

/// Serves until the task is aborted or the process ends.
pub async fn serve(listener: tokio::net::TcpListener, app: Arc<App>) {
    let router = axum::Router::new()
        .fallback(answer)
        .layer(axum::extract::DefaultBodyLimit::max(api::MAX_BODY + 1))
        .with_state(app);
    if let Err(e) = axum::serve(listener, router).await {
        eprintln!("sg-sandbox: server stopped: {e}");
    }
}

async fn answer(
    State(app): State<Arc<App>>,
    req: axum::extract::Request,
) -> axum::response::Response {
    let (parts, body) = req.into_parts();
    // The core refuses a body over the cap; this reads no more than it.
    let Ok(body) = axum::body::to_bytes(body, api::MAX_BODY + 1).await else {
        return to_axum(crate::router::too_large());
    };
    let request = Request {
        method: parts.method.as_str().to_string(),
        path: parts.uri.path().to_string(),
        query: parts.uri.query().map(str::to_string),
        headers: parts
            .headers
            .iter()
            .filter_map(|(k, v)| Some((k.as_str().to_string(), v.to_str().ok()?.to_string())))
            .collect(),
        body: body.to_vec(),
    };
    let now = app.clock.now_ms();
    let res = crate::router::handle(&app, now, &request);
    match res.ending {
        Ending::Normal => {}
        Ending::After { ms } => tokio::time::sleep(Duration::from_millis(ms)).await,
        Ending::Dropped => return axum::response::Response::new(Body::new(Dropped)),
    }
    to_axum(res)
}

fn to_axum(res: Response) -> axum::response::Response {
    let mut out = axum::response::Response::new(Body::from(res.body));
    *out.status_mut() =
        StatusCode::from_u16(res.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let headers = out.headers_mut();
    for (name, value) in res.headers {
        if let (Ok(n), Ok(v)) = (HeaderName::try_from(name), HeaderValue::from_str(&value)) {
            headers.append(n, v);
        }
    }
    out
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

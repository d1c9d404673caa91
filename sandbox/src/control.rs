//! Test controls under `/sandbox/` (not part of the API):
//!
//! - `GET /sandbox/clock` → `{now, now_ms, mode}`;
//! - `POST /sandbox/clock {"advance_minutes": N}` (or `advance_seconds`)
//!   moves the clock on and fires what became due (timeouts, webhook
//!   redeliveries);
//! - `POST /sandbox/chargeback {"session_id": …}`: the customer's bank takes
//!   the rest of a succeeded payment back (`payment_refunded`,
//!   `is_chargeback: true`);
//! - `GET /sandbox/stats` → `{faults, applied, webhooks}`: the faults
//!   injected, what was applied per session (confirms, captures, cancels,
//!   refunds), and webhook deliveries.
//!
//! The POST controls take `application/json` only, which a cross-site HTML
//! form cannot send.

use crate::clock::{ClockMode, MAX_ADVANCE_MS};
use crate::engine::Reply;
use crate::http::{Request, Response};
use crate::{reply, App};
use serde_json::{json, Value};
use smart_glocal::time::rfc3339_micros;

fn body_object(req: &Request) -> Result<serde_json::Map<String, Value>, Reply> {
    let json_type = req.header("content-type").is_some_and(|v| {
        v.split(';')
            .next()
            .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/json"))
    });
    if !json_type {
        return Err(Reply::error(
            415,
            "unsupported_media_type",
            "send application/json",
        ));
    }
    match serde_json::from_slice::<Value>(&req.body) {
        Ok(Value::Object(o)) => Ok(o),
        _ => Err(Reply::error(
            400,
            "invalid_params",
            "the body must be a JSON object",
        )),
    }
}

fn clock_reading(app: &App) -> Value {
    let now = app.clock.now_ms();
    json!({
        "now": rfc3339_micros(now.saturating_mul(1000)),
        "now_ms": now,
        "mode": if app.clock.mode() == ClockMode::Manual { "manual" } else { "real" },
    })
}

pub fn clock(app: &App) -> Response {
    reply(&Reply::ok(clock_reading(app)))
}

pub fn advance(app: &App, req: &Request) -> Response {
    let answer = (|| {
        let o = body_object(req)?;
        let unit_ms = match (o.get("advance_minutes"), o.get("advance_seconds"), o.len()) {
            (Some(_), None, 1) => 60_000,
            (None, Some(_), 1) => 1_000,
            _ => {
                return Err(Reply::error(
                    400,
                    "invalid_params",
                    "give exactly one of advance_minutes, advance_seconds",
                ))
            }
        };
        let n = o
            .values()
            .next()
            .and_then(Value::as_u64)
            .filter(|n| n.saturating_mul(unit_ms) <= MAX_ADVANCE_MS)
            .ok_or_else(|| {
                Reply::error(
                    400,
                    "invalid_params",
                    "the advance must be a whole number up to a year",
                )
            })?;
        app.clock.advance(n * unit_ms);
        // Fire the timeouts now; redeliveries wake on the advance.
        app.with_engine(app.clock.now_ms(), |_, _| ());
        app.log
            .line(&format!("clock   advanced {} s", n * unit_ms / 1000));
        Ok(Reply::ok(clock_reading(app)))
    })();
    reply(&answer.unwrap_or_else(|e| e))
}

pub fn chargeback(app: &App, now_ms: u64, req: &Request) -> Response {
    let answer = body_object(req).and_then(|o| {
        let id = o
            .get("session_id")
            .and_then(Value::as_str)
            .ok_or_else(|| Reply::error(400, "invalid_params", "session_id is required"))?
            .to_string();
        let session = app.with_engine(now_ms, |e, ctx| e.chargeback(&id, ctx))?;
        Ok(Reply::ok(json!({"status": "ok", "session": session})))
    });
    reply(&answer.unwrap_or_else(|e| e))
}

pub fn stats(app: &App) -> Response {
    let applied =
        app.read_engine(|e| serde_json::to_value(e.applied_counts()).unwrap_or(Value::Null));
    reply(&Reply::ok(json!({
        "faults": app.faults.counts(),
        "applied": applied,
        "webhooks": app.outbox().counts(),
    })))
}

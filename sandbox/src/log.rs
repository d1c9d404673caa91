//! One readable line per request, webhook attempt and page step (or one
//! JSON object per line with `--json-log`), on stdout, stamped with the
//! sandbox's clock. Lines never hold card numbers, keys or signatures.

use crate::clock::Clock;
use serde_json::json;
use smart_glocal::time::rfc3339_micros;
use std::io::Write;
use std::sync::Arc;
use std::time::Duration;

#[derive(Clone)]
pub struct Log {
    json: bool,
    quiet: bool,
    clock: Arc<Clock>,
}

impl Log {
    pub fn new(json: bool, quiet: bool, clock: Arc<Clock>) -> Log {
        Log { json, quiet, clock }
    }

    fn now(&self) -> String {
        rfc3339_micros(self.clock.now_ms().saturating_mul(1000))
    }

    fn emit(&self, text: String, value: serde_json::Value) {
        if self.quiet {
            return;
        }
        let line = if self.json { value.to_string() } else { text };
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "{line}");
        let _ = out.flush();
    }

    /// One API call; `fault` names an injected fault.
    pub fn request(
        &self,
        path: &str,
        status: u16,
        took: Duration,
        session: Option<&str>,
        error: Option<&str>,
        fault: Option<&str>,
    ) {
        let now = self.now();
        let ms = took.as_secs_f64() * 1000.0;
        self.emit(
            format!(
                "{now} api     POST {path} -> {status} {ms:.1}ms session={}{}{}",
                session.unwrap_or("-"),
                error.map(|e| format!(" error={e}")).unwrap_or_default(),
                fault.map(|f| format!(" fault={f}")).unwrap_or_default(),
            ),
            json!({"time": now, "kind": "api", "path": path, "status": status,
                   "ms": ms, "session": session, "error": error, "fault": fault}),
        );
    }

    /// `status` is the HTTP status, or `None` when the connection failed.
    pub fn webhook(
        &self,
        session: &str,
        kind: &str,
        attempt: u32,
        status: Option<u16>,
        note: &str,
    ) {
        let now = self.now();
        let shown = status.map_or_else(|| "no-connection".to_string(), |s| s.to_string());
        self.emit(
            format!("{now} webhook {session} {kind} attempt={attempt} status={shown}{note}"),
            json!({"time": now, "kind": "webhook", "session": session, "type": kind,
                   "attempt": attempt, "status": status, "note": note.trim()}),
        );
    }

    pub fn line(&self, text: &str) {
        let now = self.now();
        self.emit(
            format!("{now} {text}"),
            json!({"time": now, "kind": "info", "message": text}),
        );
    }
}

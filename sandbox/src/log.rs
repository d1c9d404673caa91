//! One readable line per request, webhook attempt and ACS step (or one JSON
//! object per line with `--json-log`), on stdout.

use serde_json::json;
use std::io::Write;
use std::time::Duration;

#[derive(Debug, Clone)]
pub struct Log {
    json: bool,
}

impl Log {
    pub fn new(json: bool) -> Log {
        Log { json }
    }

    fn emit(&self, text: String, value: serde_json::Value) {
        let line = if self.json { value.to_string() } else { text };
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "{line}");
        let _ = out.flush();
    }

    pub fn request(
        &self,
        method: &str,
        path: &str,
        status: u16,
        took: Duration,
        session: Option<&str>,
        error: Option<&str>,
    ) {
        let now = crate::time::now_rfc3339();
        let ms = took.as_secs_f64() * 1000.0;
        self.emit(
            format!(
                "{now} api     {method} {path} -> {status} {ms:.1}ms session={}{}",
                session.unwrap_or("-"),
                error.map(|e| format!(" error={e}")).unwrap_or_default()
            ),
            json!({"time": now, "kind": "api", "method": method, "path": path, "status": status,
                   "ms": ms, "session": session, "error": error}),
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
        let now = crate::time::now_rfc3339();
        let shown = status.map_or_else(|| "no-connection".to_string(), |s| s.to_string());
        self.emit(
            format!("{now} webhook {session} {kind} attempt={attempt} status={shown}{note}"),
            json!({"time": now, "kind": "webhook", "session": session, "type": kind,
                   "attempt": attempt, "status": status, "note": note.trim()}),
        );
    }

    pub fn line(&self, text: &str) {
        let now = crate::time::now_rfc3339();
        self.emit(
            format!("{now} {text}"),
            json!({"time": now, "kind": "info", "message": text}),
        );
    }
}

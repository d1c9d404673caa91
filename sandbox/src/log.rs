//! One readable line per request, webhook attempt and page step (or one
//! JSON object per line with `--json-log`), stamped with the sandbox's
//! clock: on stdout natively; in WebAssembly kept (at most
//! [`MAX_KEPT`] lines, the oldest dropped) until the shell takes them
//! ([`Log::take`]) and prints them. Lines never hold card numbers, keys or
//! signatures.

use crate::clock::Clock;
use serde_json::json;
use smart_glocal::time::rfc3339_micros;
#[cfg(not(target_arch = "wasm32"))]
use std::io::Write;
use std::sync::Arc;
use std::time::Duration;

/// Most lines kept for the WebAssembly shell between two takes.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub const MAX_KEPT: usize = 10_000;

#[derive(Clone)]
pub struct Log {
    json: bool,
    quiet: bool,
    clock: Arc<Clock>,
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    kept: Arc<std::sync::Mutex<std::collections::VecDeque<String>>>,
}

impl Log {
    pub fn new(json: bool, quiet: bool, clock: Arc<Clock>) -> Log {
        Log {
            json,
            quiet,
            clock,
            kept: Arc::default(),
        }
    }

    /// The lines kept since the last take (WebAssembly; natively none:
    /// they went to stdout).
    pub fn take(&self) -> Vec<String> {
        let mut kept = self.kept.lock().unwrap_or_else(|p| p.into_inner());
        kept.drain(..).collect()
    }

    fn now(&self) -> String {
        rfc3339_micros(self.clock.now_ms().saturating_mul(1000))
    }

    fn emit(&self, text: String, value: serde_json::Value) {
        if self.quiet {
            return;
        }
        let line = if self.json { value.to_string() } else { text };
        #[cfg(target_arch = "wasm32")]
        {
            let mut kept = self.kept.lock().unwrap_or_else(|p| p.into_inner());
            if kept.len() == MAX_KEPT {
                kept.pop_front();
            }
            kept.push_back(line);
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            let mut out = std::io::stdout().lock();
            let _ = writeln!(out, "{line}");
            let _ = out.flush();
        }
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

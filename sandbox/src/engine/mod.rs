//! The sandbox's state machine: API calls in, answers and webhooks out.
//! No I/O: the time and random values come in through [`Ctx`], so every
//! flow is deterministic under test (see `tests.rs`, which needs no HTTP).
//!
//! Flows (see `docs/PROTOCOL.md` and the reference pages it names):
//! - payment: create → start/payment (or init/payment) → `ready_to_confirm`
//!   → confirm → 3-D Secure (`action_required`) when the card needs it →
//!   ACS decision → `payment_finished`; with manual capture
//!   `ready_to_capture` → capture → `payment_finished`;
//! - payout: create → start/payout (or init/payout) → `ready_to_confirm` →
//!   confirm → `payment_finished`;
//! - cancel instead of confirm or capture: session `cancelled`, operation
//!   unfinished; refunds (partial, several) of a succeeded payment →
//!   `payment_refunded`; a chargeback (test control) likewise;
//! - `--auto-confirm`: no `ready_to_confirm`, the start confirms itself;
//! - timeouts on the sandbox's clock: 240 minutes to confirm, 60 at the ACS.

mod acs;
mod bank_app;
pub mod cards;
mod dispatch;
pub mod fps;
mod hosted;
mod idempotency;
mod payments;
mod payouts;
pub mod record;
mod refunds;
pub mod requests;
pub mod stage;
mod tokens;
mod transfer;
mod wallet;

#[cfg(test)]
mod tests;

pub use acs::{AcsChallenge, AcsReturn};
pub use bank_app::BankAppPayment;
pub use dispatch::to_v2;
pub use hosted::{FormProblem, HostedError, HostedForm, HostedNext, HostedPage};
pub use transfer::TransferPage;

use record::Record;
use serde_json::{json, Value};
use sg_wire::{EventType, WebhookEvent};
use std::collections::HashMap;

/// `--capture`: whether an approved payment is captured at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaptureMode {
    Auto,
    Manual,
}

/// How the engine behaves.
#[derive(Debug, Clone)]
pub struct Settings {
    pub project: String,
    pub capture: CaptureMode,
    /// No `ready_to_confirm`: a started operation confirms itself.
    pub auto_confirm: bool,
    /// Base URL of this sandbox as the customer's browser reaches it.
    pub public_url: String,
}

/// A session waiting for confirmation is cancelled after this long.
pub const CONFIRM_TIMEOUT_MS: u64 = 240 * 60_000;
/// A 3-D Secure step times out after this long.
pub const ACTION_TIMEOUT_MS: u64 = 60 * 60_000;
/// An uncaptured hold is released after this long (the reference's
/// delayed-capture page: 5 days; another version of it says 3 days 23 hours).
pub const HOLD_RELEASE_MS: u64 = 5 * 24 * 3_600_000;
/// A public token is valid this long.
pub const PUBLIC_TOKEN_TTL_MS: u64 = 24 * 3_600_000;

/// An answer: HTTP status and JSON body.
#[derive(Debug, Clone, PartialEq)]
pub struct Reply {
    pub status: u16,
    pub body: Value,
}

impl Reply {
    pub fn ok(body: Value) -> Reply {
        Reply { status: 200, body }
    }

    pub fn error(status: u16, code: &str, description: impl Into<String>) -> Reply {
        Reply {
            status,
            body: json!({ "status": "error", "error": { "code": code, "description": description.into() } }),
        }
    }
}

pub type Result<T> = std::result::Result<T, Reply>;

/// The context of one call: the time, a source of random hex, and the
/// webhooks the call produced, in order.
pub struct Ctx<'a> {
    pub now_ms: u64,
    pub random_hex: &'a mut dyn FnMut() -> String,
    pub events: Vec<WebhookEvent>,
    /// The request's `X-PARTNER-SUBMERCHANT` (the site that sends
    /// customers to a transfer page), when it has one.
    pub submerchant: Option<String>,
}

impl<'a> Ctx<'a> {
    pub fn new(now_ms: u64, random_hex: &'a mut dyn FnMut() -> String) -> Ctx<'a> {
        Ctx {
            now_ms,
            random_hex,
            events: Vec::new(),
            submerchant: None,
        }
    }

    /// A retrieval reference number: 12 random digits.
    fn rrn(&mut self) -> String {
        (self.random_hex)()
            .bytes()
            .take(12)
            .map(|b| char::from(b'0' + b % 10))
            .collect()
    }

    fn emit(&mut self, kind: EventType, rec: &Record) {
        self.events.push(WebhookEvent {
            kind,
            session: rec.render(),
        });
    }
}

/// What the sandbox counted applying, per session (the chaos run compares
/// them with what each order should have caused).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Applied {
    pub confirms: u32,
    pub captures: u32,
    pub cancels: u32,
    pub refunds: Vec<u64>,
}

/// The whole state of one sandbox.
pub struct Engine {
    settings: Settings,
    sessions: HashMap<String, Record>,
    /// Operation id → session id (the ACS and the hosted page look up by it).
    operations: HashMap<String, String>,
    recurrent: HashMap<String, tokens::SavedCard>,
    public_tokens: HashMap<String, tokens::PublicToken>,
    idempotency: idempotency::Store,
    wallets: wallet::Wallets,
    applied: HashMap<String, Applied>,
    next_id: u64,
}

impl Engine {
    /// Where the sandbox's pages are reached (no trailing slash).
    pub fn public_url(&self) -> &str {
        &self.settings.public_url
    }

    pub fn new(settings: Settings) -> Engine {
        Engine {
            settings: Settings {
                public_url: settings.public_url.trim_end_matches('/').into(),
                ..settings
            },
            sessions: HashMap::new(),
            operations: HashMap::new(),
            recurrent: HashMap::new(),
            public_tokens: HashMap::new(),
            idempotency: idempotency::Store::default(),
            wallets: wallet::Wallets::default(),
            applied: HashMap::new(),
            next_id: 3230,
        }
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    fn id(&mut self, prefix: &str) -> String {
        self.next_id += 1;
        format!("{prefix}_{}", self.next_id)
    }

    fn record(&self, id: &str) -> Result<&Record> {
        self.sessions
            .get(id)
            .ok_or_else(|| Reply::error(404, "session_not_found", "no such session"))
    }

    fn record_mut(&mut self, id: &str) -> Result<&mut Record> {
        self.sessions
            .get_mut(id)
            .ok_or_else(|| Reply::error(404, "session_not_found", "no such session"))
    }

    fn applied(&mut self, session: &str) -> &mut Applied {
        self.applied.entry(session.to_string()).or_default()
    }

    /// What was applied, per session.
    pub fn applied_counts(&self) -> &HashMap<String, Applied> {
        &self.applied
    }

    /// The current session, as `session/status` shows it.
    pub fn session(&self, id: &str) -> Option<sg_wire::Session> {
        self.sessions.get(id).map(Record::render)
    }

    /// Applies the timeouts due at `ctx.now_ms`: a session waiting for
    /// confirmation longer than 240 minutes, at the ACS longer than 60, or
    /// holding an uncaptured payment longer than 5 days, ends as cancelled
    /// (its operation failed, `payment_finished` sent).
    pub fn tick(&mut self, ctx: &mut Ctx) {
        let now = ctx.now_ms;
        let mut due: Vec<_> = self
            .sessions
            .values()
            .filter(|r| match r.stage {
                stage::Stage::AwaitingConfirmation => {
                    now.saturating_sub(r.stage_ms) >= CONFIRM_TIMEOUT_MS
                }
                stage::Stage::AwaitingAction => now.saturating_sub(r.stage_ms) >= ACTION_TIMEOUT_MS,
                stage::Stage::AwaitingCapture => now.saturating_sub(r.stage_ms) >= HOLD_RELEASE_MS,
                _ => false,
            })
            .map(|r| r.id.clone())
            .collect();
        due.sort();
        for id in due {
            let Some(rec) = self.sessions.get_mut(&id) else {
                continue;
            };
            let (code, what) = match rec.stage {
                stage::Stage::AwaitingAction => (
                    "authentication_timeout",
                    "3-D Secure was not completed in time",
                ),
                stage::Stage::AwaitingCapture => (
                    "hold_released",
                    "the payment was not captured in time and its hold was released",
                ),
                _ => (
                    "confirmation_timeout",
                    "the operation was not confirmed in time",
                ),
            };
            if let Some(op) = rec.op_mut() {
                op.error = Some((code.into(), what.into()));
            }
            rec.to(stage::Stage::Failed, now);
            ctx.emit(EventType::PaymentFinished, rec);
        }
    }
}

fn wrong_state(what: &str, rec: &Record) -> Reply {
    Reply::error(
        409,
        "wrong_state",
        format!("cannot {what}: session {} is {}", rec.id, rec.stage.name()),
    )
}

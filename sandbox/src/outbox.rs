//! Webhook delivery as a state machine without I/O: events go in, the
//! attempts to make come out when they are due, and each attempt's outcome
//! comes back. The shell (`webhooks.rs`) does the HTTP and the waiting;
//! everything it decides (order per session, retries after base·2^n at
//! most 15 minutes apart until the retry window is over, the injected
//! faults) is here, on the sandbox's clock, and testable without a network.
//!
//! Order: a session's events leave one at a time, each after the one
//! before was delivered or given up. A `hook.reorder` event is held back
//! outside its session's queue (the next one overtakes it); a `hook.delay`
//! one waits in the queue; a `hook.dup` one is queued twice; a `hook.drop`
//! one never leaves.

use crate::faults::HookFault;
use serde_json::{json, Value};
use sg_wire::WebhookEvent;
use smart_glocal::signature::Signer;
use std::collections::{HashMap, VecDeque};

/// The longest gap between two attempts.
pub const MAX_GAP_MS: u64 = 15 * 60_000;

/// How deliveries are made.
pub struct Settings {
    /// Where webhooks go; none: nothing is sent.
    pub url: Option<String>,
    pub base_ms: u64,
    pub window_ms: u64,
    /// Bodies in API v2's names.
    pub v2: bool,
    pub signer: Box<dyn Signer + Send + Sync>,
}

/// One attempt to make: POST `body` to `url` with `signature`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attempt {
    pub id: u64,
    pub url: String,
    pub body: Vec<u8>,
    pub signature: String,
    pub session: String,
    pub kind: String,
    pub attempt: u32,
    /// What the log says beside the first attempt (a fault's note).
    pub note: &'static str,
}

/// What became of an attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Delivered,
    /// Tried again after this long.
    Retry {
        in_ms: u64,
    },
    /// The retry window is over.
    GaveUp,
}

/// A line for the log, when an event is taken in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Noted {
    pub session: String,
    pub kind: String,
    pub note: &'static str,
}

struct Item {
    body: Vec<u8>,
    signature: String,
    session: String,
    kind: String,
    note: &'static str,
    /// Not before this time (the next attempt, or a delayed first one).
    at_ms: u64,
    /// The order it came in (what breaks a tie of `at_ms`).
    seq: u64,
    attempt: u32,
    first_ms: Option<u64>,
    next_gap_ms: u64,
}

#[derive(Default)]
struct Counts {
    attempts: u64,
    delivered: u64,
    given_up: u64,
}

/// The queues of undelivered webhooks.
pub struct Outbox {
    settings: Settings,
    /// Per queue (a session, or a held-back event of its own), in order.
    queues: HashMap<String, VecDeque<Item>>,
    /// Queues whose head is being attempted, by attempt id.
    in_flight: HashMap<u64, String>,
    next_id: u64,
    next_seq: u64,
    held: u64,
    counts: Counts,
}

impl Outbox {
    pub fn new(mut settings: Settings) -> Outbox {
        settings.base_ms = settings.base_ms.max(1);
        Outbox {
            settings,
            queues: HashMap::new(),
            in_flight: HashMap::new(),
            next_id: 1,
            next_seq: 0,
            held: 0,
            counts: Counts::default(),
        }
    }

    /// Takes `event` in at `now_ms`, with the fault drawn for it and the
    /// fault delay. Returns a line to log when the event will not leave as
    /// it came (dropped, held back, or no URL to send to).
    pub fn push(
        &mut self,
        now_ms: u64,
        event: &WebhookEvent,
        fault: Option<HookFault>,
        delay_ms: u64,
    ) -> Option<Noted> {
        let session = event.session.id.clone();
        let kind = event.kind.as_str().to_string();
        let noted = |note| {
            Some(Noted {
                session: session.clone(),
                kind: kind.clone(),
                note,
            })
        };
        if self.settings.url.is_none() {
            return noted(" (not sent: no --webhook-url)");
        }
        if fault == Some(HookFault::Drop) {
            return noted(" dropped (fault hook.drop)");
        }
        let body = self.body_of(event)?;
        let signature = self.settings.signer.sign(&body);
        let seq = self.next_seq;
        self.next_seq += 1;
        let item = |note, at_ms| Item {
            body: body.clone(),
            signature: signature.clone(),
            session: session.clone(),
            kind: kind.clone(),
            note,
            at_ms,
            seq,
            attempt: 0,
            first_ms: None,
            next_gap_ms: self.settings.base_ms,
        };
        match fault {
            Some(HookFault::Reorder) => {
                // A queue of its own: the session's next event does not wait for it.
                self.held += 1;
                let key = format!("{session}\u{0}held{}", self.held);
                let held = item("", now_ms.saturating_add(delay_ms));
                self.queues.entry(key).or_default().push_back(held);
                return noted(" held back (fault hook.reorder)");
            }
            Some(HookFault::Delay) => {
                let late = item("", now_ms.saturating_add(delay_ms));
                self.queues
                    .entry(session.clone())
                    .or_default()
                    .push_back(late);
            }
            Some(HookFault::Duplicate) => {
                let queue = self.queues.entry(session.clone()).or_default();
                queue.push_back(item("", now_ms));
                queue.push_back(item(" sent again (fault hook.dup)", now_ms));
            }
            _ => {
                let queue = self.queues.entry(session.clone()).or_default();
                queue.push_back(item("", now_ms));
            }
        }
        None
    }

    /// In v2's names only when asked: the v1 body is written as it is.
    fn body_of(&self, event: &WebhookEvent) -> Option<Vec<u8>> {
        if self.settings.v2 {
            let mut value = serde_json::to_value(event).ok()?;
            crate::engine::to_v2(&mut value);
            serde_json::to_vec(&value).ok()
        } else {
            serde_json::to_vec(event).ok()
        }
    }

    /// The attempts due at `now_ms`: the head of each queue not already
    /// being attempted, whose time has come.
    pub fn due(&mut self, now_ms: u64) -> Vec<Attempt> {
        let Some(url) = self.settings.url.clone() else {
            return Vec::new();
        };
        let busy: Vec<&String> = self.in_flight.values().collect();
        let mut ready: Vec<String> = self
            .queues
            .iter()
            .filter(|(key, q)| !busy.contains(key) && q.front().is_some_and(|i| i.at_ms <= now_ms))
            .map(|(key, _)| key.clone())
            .collect();
        // In the order they came, so a run is the same whatever the map's order.
        ready.sort_by_key(|key| self.queues[key].front().map(|i| (i.at_ms, i.seq)));
        let mut out = Vec::with_capacity(ready.len());
        for key in ready {
            let Some(item) = self.queues.get_mut(&key).and_then(VecDeque::front_mut) else {
                continue;
            };
            item.attempt += 1;
            item.first_ms.get_or_insert(now_ms);
            let id = self.next_id;
            self.next_id += 1;
            self.counts.attempts += 1;
            out.push(Attempt {
                id,
                url: url.clone(),
                body: item.body.clone(),
                signature: item.signature.clone(),
                session: item.session.clone(),
                kind: item.kind.clone(),
                attempt: item.attempt,
                note: if item.attempt == 1 { item.note } else { "" },
            });
            self.in_flight.insert(id, key);
        }
        out
    }

    /// What the log says of attempt `id` while it is being made:
    /// `(session, type, attempt number, note)`.
    pub fn in_flight(&self, id: u64) -> Option<(String, String, u32, &'static str)> {
        let item = self.queues.get(self.in_flight.get(&id)?)?.front()?;
        let note = if item.attempt == 1 { item.note } else { "" };
        Some((item.session.clone(), item.kind.clone(), item.attempt, note))
    }

    /// The outcome of attempt `id` at `now_ms`: `status` is the HTTP status,
    /// none when there was no answer. Only 200 delivers.
    pub fn done(&mut self, now_ms: u64, id: u64, status: Option<u16>) -> Option<Outcome> {
        let key = self.in_flight.remove(&id)?;
        let queue = self.queues.get_mut(&key)?;
        let item = queue.front_mut()?;
        let outcome = if status == Some(200) {
            self.counts.delivered += 1;
            Outcome::Delivered
        } else {
            let gap = item.next_gap_ms;
            let first = item.first_ms.unwrap_or(now_ms);
            if now_ms.saturating_sub(first).saturating_add(gap) > self.settings.window_ms {
                self.counts.given_up += 1;
                Outcome::GaveUp
            } else {
                item.at_ms = now_ms.saturating_add(gap);
                item.next_gap_ms = gap.saturating_mul(2).min(MAX_GAP_MS);
                return Some(Outcome::Retry { in_ms: gap });
            }
        };
        queue.pop_front();
        if queue.is_empty() {
            self.queues.remove(&key);
        }
        Some(outcome)
    }

    /// When the next attempt waiting for its time is due (none when every
    /// queue is empty or being attempted).
    pub fn next_due(&self) -> Option<u64> {
        let busy: Vec<&String> = self.in_flight.values().collect();
        self.queues
            .iter()
            .filter(|(key, _)| !busy.contains(key))
            .filter_map(|(_, q)| q.front().map(|i| i.at_ms))
            .min()
    }

    /// `{attempts, delivered, given_up}`.
    pub fn counts(&self) -> Value {
        json!({
            "attempts": self.counts.attempts,
            "delivered": self.counts.delivered,
            "given_up": self.counts.given_up,
        })
    }
}

#[cfg(test)]
mod tests;

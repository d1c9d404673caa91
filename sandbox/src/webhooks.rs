//! Webhook delivery: signed like the service signs them, POSTed to
//! `--webhook-url`, in order per session. Anything but 200 (or no
//! connection) is retried after base·2^n (at most 15 minutes apart) until
//! the retry window has passed, on the sandbox's clock (so a manual clock's
//! advance fires redeliveries). Injected faults drop, duplicate, reorder
//! and delay events.

use crate::clock::Clock;
use crate::faults::{HookFault, Injector};
use crate::log::Log;
use crate::Config;
use serde_json::{json, Value};
use sg_wire::WebhookEvent;
use smart_glocal::request::{HEADER_CONTENT_TYPE, HEADER_SIGN};
use smart_glocal::signature::Signer;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::mpsc;

const MAX_GAP_MS: u64 = 15 * 60_000;

pub struct Delivery {
    inner: Arc<Inner>,
    queues: Mutex<HashMap<String, mpsc::UnboundedSender<WebhookEvent>>>,
}

#[derive(Default)]
struct Counts {
    attempts: AtomicU64,
    delivered: AtomicU64,
    given_up: AtomicU64,
}

struct Inner {
    url: Option<String>,
    signer: Box<dyn Signer + Send + Sync>,
    base_ms: u64,
    window_ms: u64,
    v2: bool,
    client: reqwest::Client,
    log: Log,
    clock: Arc<Clock>,
    faults: Arc<Injector>,
    counts: Counts,
}

impl Delivery {
    pub fn new(
        config: &Config,
        signer: Box<dyn Signer + Send + Sync>,
        log: Log,
        clock: Arc<Clock>,
        faults: Arc<Injector>,
    ) -> Delivery {
        Delivery {
            inner: Arc::new(Inner {
                url: config.webhook_url.clone(),
                signer,
                base_ms: config.webhook_retry_base_ms.max(1),
                window_ms: config.webhook_retry_window_s.saturating_mul(1000),
                v2: config.webhook_v2,
                client: reqwest::Client::builder()
                    .timeout(Duration::from_secs(10))
                    .build()
                    .unwrap_or_default(),
                log,
                clock,
                faults,
                counts: Counts::default(),
            }),
            queues: Mutex::new(HashMap::new()),
        }
    }

    /// Queues `event` behind the session's earlier ones.
    pub fn enqueue(&self, event: WebhookEvent) {
        let mut queues = self.queues.lock().unwrap_or_else(|p| p.into_inner());
        let id = event.session.id.clone();
        let tx = queues.entry(id).or_insert_with(|| {
            let (tx, mut rx) = mpsc::unbounded_channel::<WebhookEvent>();
            let inner = Arc::clone(&self.inner);
            tokio::spawn(async move {
                while let Some(ev) = rx.recv().await {
                    inner.with_faults(ev).await;
                }
            });
            tx
        });
        let _ = tx.send(event);
    }

    /// `{attempts, delivered, given_up}`.
    pub fn counts(&self) -> Value {
        let c = &self.inner.counts;
        json!({
            "attempts": c.attempts.load(Ordering::Relaxed),
            "delivered": c.delivered.load(Ordering::Relaxed),
            "given_up": c.given_up.load(Ordering::Relaxed),
        })
    }
}

impl Inner {
    async fn with_faults(self: &Arc<Self>, ev: WebhookEvent) {
        let delay = Duration::from_millis(self.faults.delay_ms());
        let (session, kind) = (ev.session.id.clone(), ev.kind.as_str().to_string());
        match self.faults.hook() {
            None => self.deliver(&ev).await,
            Some(HookFault::Drop) => {
                self.log
                    .webhook(&session, &kind, 0, None, " dropped (fault hook.drop)")
            }
            Some(HookFault::Duplicate) => {
                self.deliver(&ev).await;
                self.log
                    .webhook(&session, &kind, 0, None, " sent again (fault hook.dup)");
                self.deliver(&ev).await;
            }
            Some(HookFault::Delay) => {
                tokio::time::sleep(delay).await;
                self.deliver(&ev).await;
            }
            Some(HookFault::Reorder) => {
                // Held back outside the queue: the session's next event overtakes it.
                let me = Arc::clone(self);
                self.log
                    .webhook(&session, &kind, 0, None, " held back (fault hook.reorder)");
                tokio::spawn(async move {
                    tokio::time::sleep(delay).await;
                    me.deliver(&ev).await;
                });
            }
        }
    }

    async fn deliver(&self, ev: &WebhookEvent) {
        let kind = ev.kind.as_str();
        let session = ev.session.id.as_str();
        let Some(url) = &self.url else {
            self.log
                .webhook(session, kind, 0, None, " (not sent: no --webhook-url)");
            return;
        };
        // In v2's names only when asked: the v1 body is written as it is.
        let body = if self.v2 {
            serde_json::to_value(ev).and_then(|mut value| {
                crate::engine::to_v2(&mut value);
                serde_json::to_vec(&value)
            })
        } else {
            serde_json::to_vec(ev)
        };
        let Ok(body) = body else {
            return;
        };
        let signature = self.signer.sign(&body);
        let started = self.clock.now_ms();
        let mut delay = self.base_ms;
        for attempt in 1u32.. {
            self.counts.attempts.fetch_add(1, Ordering::Relaxed);
            let result = self
                .client
                .post(url)
                .header(HEADER_CONTENT_TYPE, "application/json")
                .header(HEADER_SIGN, &signature)
                .body(body.clone())
                .send()
                .await;
            let status = result.as_ref().ok().map(|r| r.status().as_u16());
            if status == Some(200) {
                self.counts.delivered.fetch_add(1, Ordering::Relaxed);
                self.log.webhook(session, kind, attempt, status, "");
                return;
            }
            let now = self.clock.now_ms();
            if now.saturating_sub(started) + delay > self.window_ms {
                self.counts.given_up.fetch_add(1, Ordering::Relaxed);
                self.log.webhook(
                    session,
                    kind,
                    attempt,
                    status,
                    " giving up: retry window over",
                );
                return;
            }
            self.log.webhook(
                session,
                kind,
                attempt,
                status,
                &format!(" retry in {delay}ms"),
            );
            self.clock.sleep_until(now + delay).await;
            delay = (delay * 2).min(MAX_GAP_MS);
        }
    }
}

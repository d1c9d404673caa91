//! Webhook delivery, the I/O half: the outbox (`outbox.rs`) decides what
//! leaves and when; this POSTs each attempt to `--webhook-url`, reports the
//! status back, logs, and sleeps on the sandbox's clock until the next
//! attempt is due (so a manual clock's advance fires redeliveries).

use crate::clock::Clock;
use crate::faults::Injector;
use crate::log::Log;
use crate::outbox::{Attempt, Outbox, Outcome, Settings};
use crate::Config;
use serde_json::Value;
use sg_wire::WebhookEvent;
use smart_glocal::request::{HEADER_CONTENT_TYPE, HEADER_SIGN};
use smart_glocal::signature::Signer;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;
use tokio::sync::Notify;

pub struct Delivery {
    inner: Arc<Inner>,
}

struct Inner {
    outbox: Mutex<Outbox>,
    /// Something changed: an event came in, an attempt was answered, or
    /// the sandbox is closing.
    changed: Notify,
    closed: AtomicBool,
    client: reqwest::Client,
    log: Log,
    clock: Arc<Clock>,
    faults: Arc<Injector>,
}

impl Delivery {
    pub fn new(
        config: &Config,
        signer: Box<dyn Signer + Send + Sync>,
        log: Log,
        clock: Arc<Clock>,
        faults: Arc<Injector>,
    ) -> Delivery {
        let outbox = Outbox::new(Settings {
            url: config.webhook_url.clone(),
            base_ms: config.webhook_retry_base_ms,
            window_ms: config.webhook_retry_window_s.saturating_mul(1000),
            v2: config.webhook_v2,
            signer,
        });
        let inner = Arc::new(Inner {
            outbox: Mutex::new(outbox),
            changed: Notify::new(),
            closed: AtomicBool::new(false),
            client: reqwest::Client::builder()
                .timeout(Duration::from_secs(10))
                .build()
                .unwrap_or_default(),
            log,
            clock,
            faults,
        });
        tokio::spawn(Arc::clone(&inner).run());
        Delivery { inner }
    }

    /// Takes `event` in, behind the session's earlier ones, with the
    /// webhook fault drawn for it.
    pub fn enqueue(&self, event: WebhookEvent) {
        let i = &self.inner;
        let (fault, delay) = (i.faults.hook(), i.faults.delay_ms());
        let noted = i.outbox().push(i.clock.now_ms(), &event, fault, delay);
        if let Some(n) = noted {
            i.log.webhook(&n.session, &n.kind, 0, None, n.note);
        }
        i.changed.notify_one();
    }

    /// `{attempts, delivered, given_up}`.
    pub fn counts(&self) -> Value {
        self.inner.outbox().counts()
    }
}

impl Drop for Delivery {
    fn drop(&mut self) {
        self.inner.closed.store(true, Ordering::SeqCst);
        self.inner.changed.notify_one();
    }
}

impl Inner {
    fn outbox(&self) -> MutexGuard<'_, Outbox> {
        self.outbox.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Makes the attempts that are due, then waits for a change or the next
    /// due time; ends when the sandbox closes.
    async fn run(self: Arc<Self>) {
        while !self.closed.load(Ordering::SeqCst) {
            let changed = self.changed.notified();
            let (sends, next) = {
                let mut outbox = self.outbox();
                let sends = outbox.due(self.clock.now_ms());
                (sends, outbox.next_due())
            };
            for send in sends {
                tokio::spawn(Arc::clone(&self).attempt(send));
            }
            match next {
                Some(at) => tokio::select! {
                    _ = changed => {}
                    _ = self.clock.sleep_until(at) => {}
                },
                None => changed.await,
            }
        }
    }

    async fn attempt(self: Arc<Self>, send: Attempt) {
        let result = self
            .client
            .post(&send.url)
            .header(HEADER_CONTENT_TYPE, "application/json")
            .header(HEADER_SIGN, &send.signature)
            .body(send.body)
            .send()
            .await;
        let status = result.as_ref().ok().map(|r| r.status().as_u16());
        let outcome = self.outbox().done(self.clock.now_ms(), send.id, status);
        let retry;
        let note = match outcome {
            Some(Outcome::Delivered) | None => send.note,
            Some(Outcome::GaveUp) => " giving up: retry window over",
            Some(Outcome::Retry { in_ms }) => {
                retry = format!(" retry in {in_ms}ms");
                retry.as_str()
            }
        };
        self.log
            .webhook(&send.session, &send.kind, send.attempt, status, note);
        self.changed.notify_one();
    }
}

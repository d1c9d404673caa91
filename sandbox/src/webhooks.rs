//! Webhook delivery: signed like the service signs them, POSTed to
//! `--webhook-url`, in order per session. Anything but 200 (or no
//! connection) is retried after base·2^n (at most 15 minutes apart) until
//! the retry window has passed.

use crate::log::Log;
use crate::Config;
use smart_glocal::model::WebhookEvent;
use smart_glocal::signature::Signer;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::mpsc;

const MAX_GAP: Duration = Duration::from_secs(15 * 60);

pub struct Delivery {
    inner: Arc<Inner>,
    queues: Mutex<HashMap<String, mpsc::UnboundedSender<WebhookEvent>>>,
}

struct Inner {
    url: Option<String>,
    signer: Box<dyn Signer + Send + Sync>,
    base: Duration,
    window: Duration,
    client: reqwest::Client,
    log: Log,
}

impl Delivery {
    pub fn new(config: &Config, signer: Box<dyn Signer + Send + Sync>, log: Log) -> Delivery {
        Delivery {
            inner: Arc::new(Inner {
                url: config.webhook_url.clone(),
                signer,
                base: Duration::from_millis(config.webhook_retry_base_ms.max(1)),
                window: Duration::from_secs(config.webhook_retry_window_s),
                client: reqwest::Client::builder()
                    .timeout(Duration::from_secs(10))
                    .build()
                    .unwrap_or_default(),
                log,
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
                    inner.deliver(&ev).await;
                }
            });
            tx
        });
        let _ = tx.send(event);
    }
}

impl Inner {
    async fn deliver(&self, ev: &WebhookEvent) {
        let kind = ev.kind.as_str();
        let session = ev.session.id.as_str();
        let Some(url) = &self.url else {
            self.log
                .webhook(session, kind, 0, None, " (not sent: no --webhook-url)");
            return;
        };
        let body = match serde_json::to_vec(ev) {
            Ok(b) => b,
            Err(_) => return,
        };
        let signature = self.signer.sign(&body);
        let started = Instant::now();
        let mut delay = self.base;
        for attempt in 1u32.. {
            let result = self
                .client
                .post(url)
                .header("content-type", "application/json")
                .header("x-partner-sign", &signature)
                .body(body.clone())
                .send()
                .await;
            let status = result.as_ref().ok().map(|r| r.status().as_u16());
            if status == Some(200) {
                self.log.webhook(session, kind, attempt, status, "");
                return;
            }
            if started.elapsed() + delay > self.window {
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
                &format!(" retry in {}ms", delay.as_millis()),
            );
            tokio::time::sleep(delay).await;
            delay = (delay * 2).min(MAX_GAP);
        }
    }
}

//! Webhook delivery, the I/O half: the outbox (`outbox.rs`, inside the
//! [`App`]) decides what leaves and when; this POSTs each attempt to
//! `--webhook-url`, reports the status back, logs, and sleeps on the
//! sandbox's clock until the next attempt is due (so a manual clock's
//! advance fires redeliveries).

use crate::outbox::Attempt;
use crate::App;
use smart_glocal::request::{HEADER_CONTENT_TYPE, HEADER_SIGN};
use std::sync::{Arc, Weak};
use std::time::Duration;

/// Makes the attempts that are due, then waits for the outbox to change or
/// the next due time; ends when the sandbox is gone.
pub async fn deliver(app: Weak<App>) {
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap_or_default();
    loop {
        let Some(me) = app.upgrade() else { return };
        let (sends, next) = me.due_webhooks(me.now_ms());
        for send in sends {
            tokio::spawn(attempt(Arc::clone(&me), client.clone(), send));
        }
        // Woken by a change, the clock, or a periodic look whether the
        // sandbox is still there.
        let clock = Arc::clone(&me.clock);
        let changed = async {
            let notified = me.outbox_changed.notified();
            tokio::select! {
                _ = notified => {}
                _ = tokio::time::sleep(Duration::from_secs(1)) => {}
            }
        };
        match next {
            Some(at) => tokio::select! {
                _ = changed => {}
                _ = clock.sleep_until(at) => {}
            },
            None => changed.await,
        }
    }
}

async fn attempt(app: Arc<App>, client: reqwest::Client, send: Attempt) {
    let result = client
        .post(&send.url)
        .header(HEADER_CONTENT_TYPE, "application/json")
        .header(HEADER_SIGN, &send.signature)
        .body(send.body.clone())
        .send()
        .await;
    let status = result.as_ref().ok().map(|r| r.status().as_u16());
    app.webhook_done(app.now_ms(), send.id, status);
    app.outbox_changed.notify_one();
}

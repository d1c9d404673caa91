//! Idempotency keys: the same key with the same request replays the stored
//! answer and changes nothing; with another request it is refused, as the
//! live service does (`idempotency_key_already_exists`).

use super::Reply;
use smart_glocal::Endpoint;
use std::collections::HashMap;

#[derive(Debug, Clone)]
struct Entry {
    endpoint: Endpoint,
    body: Vec<u8>,
    reply: Reply,
}

#[derive(Debug, Default)]
pub struct Store {
    entries: HashMap<String, Entry>,
}

/// What a key says before the call runs.
pub enum Seen {
    New,
    Replay(Reply),
    Conflict(Reply),
}

impl Store {
    pub fn check(&self, key: &str, endpoint: Endpoint, body: &[u8]) -> Seen {
        match self.entries.get(key) {
            None => Seen::New,
            Some(e) if e.endpoint == endpoint && e.body == body => Seen::Replay(e.reply.clone()),
            Some(_) => Seen::Conflict(Reply::error(
                409,
                "idempotency_key_already_exists",
                "this idempotency key was used with another request",
            )),
        }
    }

    pub fn remember(&mut self, key: &str, endpoint: Endpoint, body: &[u8], reply: &Reply) {
        self.entries.insert(
            key.to_string(),
            Entry {
                endpoint,
                body: body.to_vec(),
                reply: reply.clone(),
            },
        );
    }
}

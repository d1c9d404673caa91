//! The envelope of answers and webhooks, as serde wire models (the sandbox
//! and native tests; the SDK's own readers are in `smart_glocal::session`).

use crate::*;
use serde::{Deserialize, Serialize};

/// The response envelope: `{"status":"ok","session":{…}}` or
/// `{"status":"error","error":{…}}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Envelope {
    #[serde(with = "crate::strings")]
    pub status: EnvelopeStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session: Option<Session>,
    /// `recurrent/status` and `recurrent/disable` answer with the token's details.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recurrent: Option<RecurrentDetails>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<ApiErrorObject>,
}

/// The `error` object of the error envelope.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiErrorObject {
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub description: String,
}

/// A webhook: `{"type": "...", "session": {...}}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WebhookEvent {
    #[serde(rename = "type", with = "crate::strings")]
    pub kind: EventType,
    pub session: Session,
}

/// Parses a JSON payload received from the API. Errors are
/// `malformed_payload` with the line and column where parsing stopped,
/// never the values.
pub fn parse<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, smart_glocal::Error> {
    serde_json::from_slice(bytes).map_err(|e| malformed(&e))
}

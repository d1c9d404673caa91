//! Wire types, named exactly as on the wire (snake_case), so the JSON in the
//! API documentation maps 1:1. Reading is tolerant: unknown fields are
//! ignored and unknown enum values land in `Unknown(String)`.

mod enums;
pub(crate) use enums::string_enum;
mod payment;
mod session;

pub use enums::*;
pub use payment::*;
pub use session::*;

use serde::{Deserialize, Serialize};

/// The response envelope: `{"status":"ok","session":{…}}` or
/// `{"status":"error","error":{…}}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Envelope {
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
    #[serde(rename = "type")]
    pub kind: EventType,
    pub session: Session,
}

/// Parses a JSON payload received from the API. Errors are
/// `malformed_payload` with the line and column where parsing stopped,
/// never the values.
pub fn parse<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, crate::Error> {
    crate::json::parse(bytes).map_err(|e| crate::Error::malformed(&e))
}

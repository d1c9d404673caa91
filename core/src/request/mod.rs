//! Requests: endpoints, the target (base URL and project), headers,
//! idempotency keys, and the prepared request that is signed and sent.
//! Pure: no I/O, no clock, no randomness (a drawn key's bytes come in).

mod endpoint;
mod headers;
mod idempotency;
mod prepared;
mod target;

pub use endpoint::{AnswerPart, Endpoint};
pub use headers::*;
pub use idempotency::{drawn_key, key_plan, validate_idempotency_key, KeyPlan, DRAWN_KEY_BYTES};
pub use prepared::{PreparedRequest, UnsignedRequest, SIGNATURE_AT};
pub use target::{validate_submerchant, ApiVersion, Target, DEFAULT_BASE_URL, LIVE_BASE_URL};

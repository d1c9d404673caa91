//! The API's answers and webhooks as serde models, named exactly as on the
//! wire (snake_case), so the JSON of the reference maps 1:1.
//!
//! Who uses this crate: the sandbox (it writes its answers and webhooks with
//! these types) and the native tests (they read fixtures with them). The SDK
//! itself never does: its packages read JSON with the core's own parser
//! (`smart_glocal::json`) and carry no serde. Reading is tolerant: unknown
//! members are ignored and unknown enum values land in `Unknown(String)`.
//!
//! The string enums and the redirect are the core's own types (one list of
//! values for every reader), given serde here through `#[serde(with)]`.

mod envelope;
mod message;
mod payment;
mod redirect;
mod session;
mod strings;

pub use envelope::*;
pub use message::{malformed, safe_message};
pub use payment::*;
pub use session::*;
pub use smart_glocal::model::*;

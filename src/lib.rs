//! # Smart Glocal SDK
//!
//! A sans-IO core for the Smart Glocal payments API, compiled natively (for
//! the sandbox and tests) and to WebAssembly for two npm packages:
//! `smart-glocal-edge` (feature `edge`: sign, send, verify webhooks) and
//! `smart-glocal-browser` (feature `browser`: 3-D Secure redirect and status,
//! never any signing code).
//!
//! The core does no I/O: it validates parameters, builds
//! [`PreparedRequest`]s, signs and verifies bytes, interprets answers and
//! decides retries. The wasm glue in `edge/` does the fetching.
//!
//! ```
//! use smart_glocal::{Endpoint, Target, signature::HmacSha256};
//!
//! let target = Target::new("https://demo.smart-glocal.com", "your_project_name")?;
//! let body = Endpoint::Confirm.body_from_json(r#"{"session_id":"ps_3230"}"#)?;
//! let key = HmacSha256::new(b"secret")?;
//! let req = target.prepare(Endpoint::Confirm, body, Some("order-42-confirm"))?.sign_with(&key);
//! assert_eq!(req.url, "https://demo.smart-glocal.com/api/v1/session/confirm");
//! assert_eq!(req.header("X-PARTNER-SIGN").map(str::len), Some(64));
//! # Ok::<(), smart_glocal::Error>(())
//! ```

pub mod error;
pub mod follow;
mod json;
pub mod model;
pub mod money;
pub mod redirect;
pub mod request;
pub mod response;
pub mod retry;
pub mod return_url;
#[cfg(feature = "signing")]
pub mod signature;
pub mod url;
pub mod view;
pub mod webhook;

#[cfg(all(target_arch = "wasm32", any(feature = "edge", feature = "browser")))]
mod wasm;

#[cfg(all(target_arch = "wasm32", feature = "edge"))]
mod edge;

#[cfg(all(target_arch = "wasm32", feature = "browser"))]
mod browser;

pub use error::Error;
pub use request::{Endpoint, PreparedRequest, Target, UnsignedRequest};
pub use view::{PaymentState, PaymentView, ViewOptions};

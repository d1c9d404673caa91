//! # Smart Glocal SDK
//!
//! The sans-IO core of the Smart Glocal payments API: no I/O, no
//! wasm-bindgen, no target `cfg`. Compiled natively (for the sandbox and the
//! tests) and, through the glue crate at the repository's root
//! (`smart-glocal-wasm`), to WebAssembly for two npm packages:
//! `smart-glocal-edge` (sign, send, verify webhooks) and
//! `smart-glocal-browser` (3-D Secure redirect and status, never any
//! signing code).
//!
//! The core does no I/O: it checks parameters and builds requests
//! ([`params`], [`request`], [`client`]), reads answers and webhooks from any
//! JSON-shaped tree ([`tree`], [`session`], [`response`], [`webhook`]),
//! decides retries ([`retry`]), derives the browser-safe [`PaymentView`]
//! ([`view`]) and plans 3-D Secure redirects ([`redirect`]). The glue
//! converts values; the packages' JavaScript does the fetching, WebCrypto
//! and timers.
//!
//! ```
//! use smart_glocal::{params, request::Target, signature::HmacSha256, Endpoint};
//!
//! let target = Target::new("https://demo.smart-glocal.com", "your_project_name")?;
//! let body = params::read(Endpoint::Confirm, r#"{"session_id":"ps_3230"}"#)?.body;
//! let key = HmacSha256::new(b"secret")?;
//! let req = target
//!     .prepare(Endpoint::Confirm, body.into_bytes(), Some("order-42-confirm"), None)?
//!     .sign_with(&key);
//! assert_eq!(req.url, "https://demo.smart-glocal.com/api/v1/session/confirm");
//! assert_eq!(req.header("X-PARTNER-SIGN").map(str::len), Some(64));
//! # Ok::<(), smart_glocal::Error>(())
//! ```

// Without std, so the browser package can be (its budget is 30 KiB gzip);
// everything comes from `alloc` through the prelude.
#![cfg_attr(not(test), no_std)]

extern crate alloc;

#[doc(hidden)]
pub mod prelude;

pub mod body_cap;
#[cfg(feature = "client")]
pub mod client;
pub mod error;
pub mod follow;
pub mod hex;
pub mod hosted;
/// The JSON reader (its own crate: compiled for speed in the edge build).
pub use smart_glocal_json as json;
pub mod limits;
pub mod model;
pub mod money;
pub mod params;
pub mod redact;
pub mod redirect;
pub mod request;
pub mod response;
pub mod retry;
pub mod return_url;
pub mod session;
#[cfg(feature = "client")]
pub mod signature;
pub mod time;
pub mod tree;
pub mod url;
pub mod view;
pub mod webhook;

pub use error::Error;
pub use request::{Endpoint, PreparedRequest, Target, UnsignedRequest};
pub use view::{PaymentState, PaymentView};

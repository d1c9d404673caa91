//! # Smart Glocal SDK
//!
//! A sans-IO core for the Smart Glocal payments API, compiled natively (for
//! the sandbox and tests) and to WebAssembly for two npm packages:
//! `smart-glocal-edge` (feature `edge`: sign, send, verify webhooks) and
//! `smart-glocal-browser` (feature `browser`: 3-D Secure redirect and status,
//! never any signing code).
//!
//! The core does no I/O: it checks parameters and builds requests
//! ([`params`], [`request`], [`client`]), reads answers and webhooks from any
//! JSON-shaped tree ([`tree`], [`session`], [`response`], [`webhook`]),
//! decides retries ([`retry`]), derives the browser-safe [`PaymentView`]
//! ([`view`]) and plans 3-D Secure redirects ([`redirect`]). The wasm glue in
//! `edge/` and `browser/` converts values; the packages' JavaScript does the
//! fetching, WebCrypto and timers.
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

// The browser package is built without std: a panic traps at once, and no
// formatting machinery rides along (its budget is 30 KiB gzip).
#![cfg_attr(all(target_arch = "wasm32", feature = "no-std"), no_std)]

extern crate alloc;

mod prelude;

#[cfg(any(feature = "signing", feature = "edge"))]
pub mod client;
pub mod error;
pub mod follow;
pub mod hex;
pub mod hosted;
pub mod json;
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
#[cfg(any(feature = "signing", feature = "edge"))]
pub mod signature;
pub mod time;
pub mod tree;
pub mod url;
pub mod view;
pub mod webhook;

#[cfg(all(target_arch = "wasm32", any(feature = "edge", feature = "browser")))]
mod wasm;

#[cfg(all(target_arch = "wasm32", feature = "edge"))]
mod edge;

#[cfg(all(target_arch = "wasm32", feature = "browser"))]
mod browser;

#[cfg(all(target_arch = "wasm32", feature = "no-std"))]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    // The package's guard turns the trap into `internal` and resets the instance.
    core::arch::wasm32::unreachable()
}

pub use error::Error;
pub use request::{Endpoint, PreparedRequest, Target, UnsignedRequest};
pub use view::{PaymentState, PaymentView};

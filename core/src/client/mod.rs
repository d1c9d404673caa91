//! The client, decided in the core: a configuration becomes a
//! [`ClientSpec`] (target, signing scheme, timeout, retry policy, defaults),
//! each call is planned (endpoint, checked body, idempotency key given or to
//! be drawn, headers), and after each attempt [`after_attempt`] says whether
//! to retry, when, or what the call returns. The glue only converts values
//! and does the I/O: fetch, WebCrypto, timers.

mod attempt;
mod config;
mod plan;

pub use attempt::{after_attempt, Attempt, Next};
pub use config::{read_config, ClientSpec, Keys, DEFAULT_TIMEOUT_MS};
pub use plan::{read_call_options, recurrent_body, session_body, CallOptions, CallPlan};

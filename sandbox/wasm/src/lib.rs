//! `smart-glocal-sandbox`'s WebAssembly: the sandbox's core (every route,
//! the engine, the webhook outbox) behind a small class. The package's
//! JavaScript is the shell: it listens (Node's `http`, or a fetch handler),
//! hands each request over, sends the webhook attempts this gives and
//! reports their status. Values cross as JSON text and bytes only: nothing
//! here reads a JavaScript object's properties.

mod options;

#[cfg(target_arch = "wasm32")]
mod glue;

pub use options::Options;

//! wasm-bindgen glue of `smart-glocal-edge`: JS values in, core decisions
//! out. Every export is synchronous: the package's JavaScript does the I/O
//! (fetch, WebCrypto, timers, reading bodies) and calls in here for every
//! decision, each call guarded so that a failure inside the instance resets
//! it instead of ending the process (see `js/runtime.js`).

mod bodies;
mod client;
mod events;
mod hosted;

#[cfg(test)]
mod tests;

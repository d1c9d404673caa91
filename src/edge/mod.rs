//! wasm-bindgen glue of `smart-glocal-edge`: JS values in, core decisions
//! out. Every export is synchronous: the package's JavaScript does the I/O
//! (fetch, WebCrypto, timers, reading bodies) and calls in here for every
//! decision, each call guarded so that a failure inside the instance resets
//! it instead of ending the process (see `js/runtime.js`).
//!
//! With the feature `webhooks` (the `smart-glocal-edge/webhooks` entry) only
//! what receiving webhooks needs is compiled: the client's keys, body caps,
//! events and views. Calls, the hosted page and the 3-D Secure return are
//! the full build's.

// A small free-list allocator, as in the browser build (dlmalloc is ~6 KB):
// a call's allocations are few and freed by its end, and freed neighbours
// merge. wasm32 here is single-threaded.
#[global_allocator]
static ALLOC: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    // SAFETY: this build runs on one thread (no wasm threads are enabled).
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };

mod bodies;
#[cfg(not(feature = "webhooks"))]
mod calls;
mod client;
mod events;
#[cfg(not(feature = "webhooks"))]
mod hosted;
#[cfg(not(feature = "webhooks"))]
mod return_to_get;

#[cfg(test)]
mod tests;

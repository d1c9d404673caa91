//! wasm-bindgen glue of `smart-glocal-browser`: the decisions of the 3-D
//! Secure redirect, the payment status display and the hosted payment page.
//! No signing, no verifying, no secret. Values are read with the core's
//! readers over JS objects; the package's JavaScript does the DOM work with
//! what these functions decide (plans, targets, texts), and the polling of
//! `followPayment`.

mod follower;
mod hosted;
mod money;
mod redirect;
mod status;

// The browser build is size-bound: a ~1 KB free-list allocator instead of
// dlmalloc. wasm32 pages are single-threaded.
#[cfg(not(feature = "edge"))]
#[global_allocator]
static ALLOC: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    // SAFETY: this build runs on one thread (no wasm threads are enabled).
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };

#[cfg(test)]
mod tests;

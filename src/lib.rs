//! The wasm glue of the two npm packages over the sans-IO core
//! (`smart-glocal`, in `core/`): `smart-glocal-edge` (feature `edge`) and
//! `smart-glocal-browser` (feature `browser`). It converts values between
//! JavaScript and the core and does nothing the core could decide; the
//! packages' JavaScript does the fetching, WebCrypto and timers. Natively it
//! is empty (the native tests in `tests/` test the core).

// Both packages are built without std (feature `no-std`): a panic traps at
// once, and no formatting machinery rides along (the browser's budget is
// 30 KiB gzip; the edge's ./webhooks entry is measured against stripe's).
#![cfg_attr(all(target_arch = "wasm32", feature = "no-std"), no_std)]

#[cfg(all(target_arch = "wasm32", any(feature = "edge", feature = "browser")))]
extern crate alloc;

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

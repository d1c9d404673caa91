//! Test builds only (feature `fault-injection`, never in a published
//! package): genuine failures inside the instance on demand, so the
//! packages' recovery is tested with real traps and allocator aborts rather
//! than simulated ones.

use smart_glocal::prelude::*;
use wasm_bindgen::prelude::*;

/// Fails inside wasm: `"trap"` executes `unreachable`; `"oom"` is the
/// allocator's failure path (`handle_alloc_error`, which aborts);
/// `"exhaust"` takes memory in 256 MiB blocks until the allocator has no
/// more, then fails the same way; `"grow"` takes 64 MiB and traps (memory a
/// failed call leaves behind). Any other kind returns the memory size in
/// bytes.
#[wasm_bindgen(js_name = injectFault)]
pub fn inject_fault(kind: &str) -> f64 {
    let block = core::alloc::Layout::new::<[u8; 256 << 20]>();
    match kind {
        "trap" => core::arch::wasm32::unreachable(),
        "oom" => alloc::alloc::handle_alloc_error(block),
        "exhaust" => loop {
            // SAFETY: a valid, non-zero layout; the result is checked. The
            // blocks are never freed: the instance is given up.
            let p = core::hint::black_box(unsafe { alloc::alloc::alloc(block) });
            if p.is_null() {
                alloc::alloc::handle_alloc_error(block);
            }
        },
        "grow" => {
            let taken = vec![1u8; 64 << 20];
            core::hint::black_box(&taken);
            core::arch::wasm32::unreachable()
        }
        _ => (core::arch::wasm32::memory_size(0) * 65536) as f64,
    }
}

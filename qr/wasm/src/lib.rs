//! wasm-bindgen glue of smart-glocal-browser's QR module: `qrSvg(link,
//! label)` is sg-qr's SVG, or throws `[field, message]` (the module's
//! JavaScript makes it a SmartGlocalError `invalid_params`).

#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOC: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    // SAFETY: this module runs on one thread (no wasm threads are enabled).
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };

#[cfg(target_arch = "wasm32")]
mod glue {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen(js_name = qrSvg)]
    pub fn qr_svg(link: &str, label: &str) -> Result<String, JsValue> {
        sg_qr::svg(link, label).map_err(|e| {
            let pair = pair(e.field(), e.message());
            JsValue::from_str(&pair)
        })
    }

    /// `field\nmessage` (no js-sys needed for an array).
    fn pair(field: &str, message: &str) -> String {
        let mut s = String::with_capacity(field.len() + message.len() + 1);
        s.push_str(field);
        s.push('\n');
        s.push_str(message);
        s
    }
}

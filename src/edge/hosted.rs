//! The hosted payment page's URL, which the edge worker builds for the
//! shop (the browser package takes it from its `paymentPagePlan`).

use crate::wasm::error::JsResult;
use crate::wasm::js_node::JsNode;
use smart_glocal::hosted::{payment_page_url, PageOptions};
use smart_glocal::prelude::*;
use wasm_bindgen::prelude::*;

/// `https://pay.smart-glocal.com/{locale}/payment/{publicToken}` (or
/// `opts.base`), the token URL-encoded, the locale checked.
#[wasm_bindgen(js_name = paymentPageUrl)]
pub fn payment_page_url_js(public_token: JsValue, opts: JsValue) -> JsResult<String> {
    let node = JsNode::of(&opts).filter(|n| !n.0.is_null());
    let o = PageOptions::read(node.as_ref())?;
    Ok(payment_page_url(public_token.as_string().as_deref(), &o)?)
}

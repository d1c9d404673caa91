//! The hosted payment page: where to open it (`paymentPageUrl` is its
//! `action`).

use crate::wasm::error::JsResult;
use crate::wasm::js_node::JsNode;
use crate::wasm::out::to_js;
use smart_glocal::hosted::{payment_page_url, PageOptions};
use smart_glocal::prelude::*;
use smart_glocal::redirect::{RedirectOptions, WindowTarget};
use smart_glocal::tree::Out;
use wasm_bindgen::prelude::*;

/// Where `openPaymentPage` goes: `{ action, target, features }` (the same
/// tab by default; `_blank` with `noopener`).
#[wasm_bindgen(js_name = paymentPagePlan)]
pub fn payment_page_plan(public_token: JsValue, opts: JsValue) -> JsResult<JsValue> {
    let node = JsNode::of(&opts).filter(|n| !n.0.is_null());
    let page = PageOptions::read(node.as_ref())?;
    let target = RedirectOptions::read(node.as_ref())?.target;
    let url = payment_page_url(public_token.as_string().as_deref(), &page)?;
    let blank = target == WindowTarget::Blank;
    Ok(to_js(&Out::Obj(vec![
        ("method", Out::str("GET")),
        ("action", Out::Str(url)),
        ("fields", Out::Arr(vec![])),
        ("target", Out::str(target.as_str())),
        ("rel", Out::str("")),
        ("features", Out::str(if blank { "noopener" } else { "" })),
    ])))
}

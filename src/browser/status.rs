//! What a status display shows: the texts of a view (the package's
//! `StatusView` puts them into the DOM, as text only).

use super::money::format_money;
use crate::wasm::error::JsResult;
use crate::wasm::js_node::JsNode;
use crate::wasm::out::to_js;
use smart_glocal::error::Error;
use smart_glocal::view::{initial_view, read_view, status_text, PaymentView, StatusOptions};
use wasm_bindgen::prelude::*;

pub fn status_options(opts: &JsValue) -> Result<StatusOptions, Error> {
    StatusOptions::read(JsNode::of(opts).filter(|n| !n.0.is_null()).as_ref())
}

/// The texts of `view` with `opts`.
pub fn texts(view: &PaymentView, opts: &StatusOptions) -> JsValue {
    let locale = opts.locale.as_deref();
    let money = |a: u64, c: &str| format_money(a, c, locale);
    to_js(&status_text(view, opts, &money).to_out(view))
}

/// `{ state, kind, final, chargeback, label, amount, card, detail,
/// progress, reconnecting }` of a `PaymentView` (`null` for the display's first state),
/// with `{ labels, locale }`. Throws `invalid_params` naming the field.
#[wasm_bindgen(js_name = statusText)]
pub fn status_text_js(view: JsValue, opts: JsValue) -> JsResult<JsValue> {
    let o = status_options(&opts)?;
    let v = match JsNode::of(&view).filter(|n| !n.0.is_null()) {
        Some(node) => read_view(&node)?,
        None => initial_view(),
    };
    Ok(texts(&v, &o))
}

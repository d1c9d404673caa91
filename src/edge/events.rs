//! Events, answers and sessions as the core reads them: from their bytes or
//! JSON text with the core's own parser (one reading; line and column in
//! errors), never field by field across the boundary. The package keeps
//! the view beside the object `JSON.parse` builds for the caller.

use crate::wasm::error::{js_error, JsResult};
use crate::wasm::js_node::JsNode;
use js_sys::Array;
use smart_glocal::error::Error;
use smart_glocal::json::Kind;
use smart_glocal::prelude::*;
use smart_glocal::session::{find_session, read_event};
use smart_glocal::tree::{only_known, Path, Reader};
use smart_glocal::view::PaymentView;
use wasm_bindgen::prelude::*;

/// A verified webhook's bytes, checked (`type`, `session` with `id` and
/// `status`, every amount within 2^53 − 1: else `malformed_payload` naming
/// the field), and its `PaymentView` as JSON text.
#[wasm_bindgen(js_name = eventView)]
pub fn event_view(bytes: &[u8]) -> JsResult<String> {
    let doc = smart_glocal::json::parse(bytes).map_err(|e| Error::syntax(&e))?;
    let event = read_event(&Reader::API, &doc.root(), &Path::root(""))?;
    Ok(PaymentView::from_facts(&event.session, Some(&event.kind))
        .to_out()
        .to_json())
}

/// The key that identifies a webhook delivery, from its JSON text (the
/// bytes a verified event came in, or a caller's event stringified):
/// session id, event type, the operation's status and its number of
/// refunds. A repeated delivery has the same key.
#[wasm_bindgen(js_name = dedupKeyOf)]
pub fn dedup_key_of(text: &str, object: bool) -> JsResult<alloc::string::String> {
    let doc = smart_glocal::json::parse(text.as_bytes())
        .map_err(|e| of_caller(Error::syntax(&e), object))?;
    let event = read_event(&Reader::caller("event"), &doc.root(), &Path::root("event"))?;
    Ok(smart_glocal::session::dedup_key(&event))
}

/// The `malformed_payload` error of bytes that are not a JSON text (line
/// and column of the first problem; invalid UTF-8 included).
#[wasm_bindgen]
pub fn malformed(bytes: &[u8]) -> JsValue {
    js_error(super::client::syntax_error(bytes))
}

/// The browser-safe `PaymentView` of a session, an answer or a webhook
/// event given as JSON text, as JSON text. `{ includeMetadata: true }` adds
/// the operation's (else the session's) metadata, as written. `object`:
/// the text is `JSON.stringify` of the caller's object.
#[wasm_bindgen(js_name = viewOfText)]
pub fn view_of_text(text: &str, opts: JsValue, object: bool) -> JsResult<String> {
    let include = include_metadata(&opts)?;
    Ok(PaymentView::json_of(text, include).map_err(|e| of_caller(e, object))?)
}

/// The `PaymentView` of an operation whose session is not known yet
/// (`{id?, kind, amount, currency, failure?}`, a prototype-free copy of the
/// caller's object), as JSON text: `processing`, or `failed` with the
/// failure.
#[cfg(not(feature = "webhooks"))]
#[wasm_bindgen(js_name = viewBeforeStart)]
pub fn view_before_start(operation: JsValue) -> JsResult<String> {
    let node = JsNode(operation);
    Ok(smart_glocal::view::view_before_start(&node)?
        .to_out()
        .to_json())
}

/// A caller's object that the text of cannot be read (nested too deeply)
/// is the caller's error, `invalid_params`, whatever the depth: the same
/// code `JSON.stringify` failing on it gives.
fn of_caller(e: Error, object: bool) -> Error {
    match e {
        Error::MalformedPayload { .. } if object => {
            Error::invalid("sessionOrEvent", "is nested too deeply")
        }
        e => e,
    }
}

/// Where the operation (payment or payout) of a session, an answer or an
/// event given as JSON text is: `[…keys, index]` from the root (`session`
/// when the root holds one, the list's name, the index in it); `null` when
/// it has none.
#[wasm_bindgen(js_name = operationPath)]
pub fn operation_path(text: &str, object: bool) -> JsResult<JsValue> {
    let doc = smart_glocal::json::parse(text.as_bytes())
        .map_err(|e| of_caller(Error::syntax(&e), object))?;
    let root = doc.root();
    let r = Reader::caller("sessionOrEvent");
    let (_, facts) = find_session(&r, &root, &Path::root("sessionOrEvent"))?;
    let Some(op) = facts.operation else {
        return Ok(JsValue::NULL);
    };
    let path = Array::new();
    if root
        .get("session")
        .is_some_and(|s| s.kind() == Kind::Object)
    {
        path.push(&"session".into());
    }
    path.push(&op.at.list.into());
    path.push(&JsValue::from_f64(op.at.index as f64));
    Ok(path.into())
}

fn include_metadata(opts: &JsValue) -> Result<bool, Error> {
    let Some(o) = JsNode::of(opts).filter(|n| !n.0.is_null()) else {
        return Ok(false);
    };
    let r = Reader::caller("opts");
    let path = Path::root("opts");
    only_known(&r, &o, &path, &["includeMetadata"])?;
    Ok(r.boolean(&o, &path, "includeMetadata")?.unwrap_or(false))
}

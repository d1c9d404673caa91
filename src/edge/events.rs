//! Events and sessions the package parsed with `JSON.parse`: checked,
//! viewed, and their current operation found.

use crate::error::Error;
use crate::session::{find_session, read_event};
use crate::tree::{only_known, Node, Path, Reader};
use crate::view::{MetadataFrom, PaymentView};
use crate::wasm::error::JsResult;
use crate::wasm::js_node::JsNode;
use crate::wasm::out::to_js;
use js_sys::Reflect;
use wasm_bindgen::prelude::*;

/// Checks a verified webhook the package parsed: `type`, `session` with
/// `id` and `status`, every amount within 2^53 − 1. Throws
/// `malformed_payload` naming the field.
#[wasm_bindgen(js_name = checkEvent)]
pub fn check_event(event: JsValue) -> JsResult<()> {
    let node = JsNode(event);
    read_event(&Reader::API, &node, &Path::root(""))?;
    Ok(())
}

/// The `malformed_payload` error of bytes that are not a JSON text (line
/// and column of the first problem; invalid UTF-8 included).
#[wasm_bindgen]
pub fn malformed(bytes: &[u8]) -> JsValue {
    super::client::syntax_error(bytes).into()
}

/// The browser-safe `PaymentView` of a session, an answer or a webhook
/// event (an object; the package parses a JSON text first).
/// `{ includeMetadata: true }` adds the operation's (else the session's)
/// metadata, as the object holds it.
#[wasm_bindgen(js_name = paymentView)]
pub fn payment_view(session_or_event: JsValue, opts: JsValue) -> JsResult<JsValue> {
    let include_metadata = include_metadata(&opts)?;
    let root = JsNode(session_or_event);
    let r = Reader::caller("sessionOrEvent");
    let path = Path::root("sessionOrEvent");
    let (event, facts) = find_session(&r, &root, &path)?;
    let view = to_js(&PaymentView::from_facts(&facts, event.as_ref()).to_out());
    if include_metadata {
        let session = session_node(&root);
        let metadata = match PaymentView::metadata_from(&facts) {
            Some(MetadataFrom::Operation) => facts
                .operation
                .as_ref()
                .and_then(|o| list_item(&session, o.at.list, o.at.index)),
            Some(MetadataFrom::Session) => Some(session.clone()),
            None => None,
        }
        .and_then(|holder| holder.get("metadata").ok().flatten());
        if let Some(m) = metadata {
            let _ = Reflect::set(&view, &"metadata".into(), &m.0);
        }
    }
    Ok(view)
}

/// The operation (payment or payout) a session or event is about, as the
/// API sent it, whichever list holds it; `null` when it has none.
#[wasm_bindgen]
pub fn operation(session_or_event: JsValue) -> JsResult<JsValue> {
    let root = JsNode(session_or_event);
    let r = Reader::caller("sessionOrEvent");
    let (_, facts) = find_session(&r, &root, &Path::root("sessionOrEvent"))?;
    let session = session_node(&root);
    Ok(facts
        .operation
        .and_then(|o| list_item(&session, o.at.list, o.at.index))
        .map_or(JsValue::NULL, |n| n.0))
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

/// The session object: `root.session` when it is an object, else `root`.
fn session_node(root: &JsNode) -> JsNode {
    match root.get("session") {
        Ok(Some(s)) if s.0.is_object() => s,
        _ => root.clone(),
    }
}

fn list_item(session: &JsNode, list: &str, index: usize) -> Option<JsNode> {
    session.get(list).ok().flatten()?.at(index).ok().flatten()
}

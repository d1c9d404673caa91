//! `redirectPlan`, and what performing a redirect takes: the plan with its
//! target, and the check of the platform parser's reading of the action.

use crate::wasm::error::JsResult;
use crate::wasm::js_node::JsNode;
use crate::wasm::out::to_js;
use smart_glocal::error::Error;
use smart_glocal::prelude::*;
use smart_glocal::redirect::{
    check_platform_url, plan, read_redirect, RedirectOptions, RedirectPlan,
};
use smart_glocal::tree::{Path, Reader};
use wasm_bindgen::prelude::*;

/// The checked plan of a redirect the caller holds.
pub fn plan_of(redirect: &JsValue, opts: &RedirectOptions) -> Result<RedirectPlan, Error> {
    let r = read_redirect(
        &Reader::caller("redirect"),
        &JsNode(redirect.clone()),
        &Path::root("redirect"),
    )?;
    plan(&r, opts.allowed_hosts.as_deref())
}

fn options(opts: &JsValue) -> Result<RedirectOptions, Error> {
    RedirectOptions::read(JsNode::of(opts).filter(|n| !n.0.is_null()).as_ref())
}

/// `{ method, action, fields: [[name, value], …] }` for a redirect, or
/// `unsafe_redirect`. `opts.allowedHosts` narrows the allowed hosts.
#[wasm_bindgen(js_name = redirectPlan)]
pub fn redirect_plan(redirect: JsValue, opts: JsValue) -> JsResult<JsValue> {
    let p = plan_of(&redirect, &options(&opts)?)?;
    Ok(to_js(&p.to_out()))
}

/// The plan to perform: `{ method, action, fields, target, rel, features }`.
#[wasm_bindgen(js_name = performPlan)]
pub fn perform_plan(redirect: JsValue, opts: JsValue) -> JsResult<JsValue> {
    let o = options(&opts)?;
    let p = plan_of(&redirect, &o)?;
    Ok(to_js(&p.to_perform_out(&o.target)))
}

/// Checks what the platform's URL parser made of an action (`protocol` and
/// `hostname` of `new URL(action)`; `undefined` when it could not parse it).
#[wasm_bindgen(js_name = checkTarget)]
pub fn check_target(protocol: Option<String>, hostname: Option<String>) -> JsResult<()> {
    match (protocol, hostname) {
        (Some(p), Some(h)) => Ok(check_platform_url(&p, &h)?),
        _ => Err(Error::UnsafeRedirect {
            message: "the browser cannot parse the target URL".into(),
        }
        .into()),
    }
}

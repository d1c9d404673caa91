//! The decisions of `followPayment` (whose fetch-and-wait loop is the
//! package's `follow.js`): each polled view is read and answered with what
//! to show, the wait before the next poll, the one 3-D Secure redirect, the
//! end, or `timeout`.

use super::status::texts;
use crate::wasm::error::JsResult;
use crate::wasm::js_node::JsNode;
use crate::wasm::out::to_js;
use js_sys::{Object, Reflect};
use smart_glocal::follow::{FollowOptions, Follower, Step};
use smart_glocal::prelude::*;
use smart_glocal::redirect::{plan, RedirectOptions};
use smart_glocal::view::{read_view, StatusOptions};
use wasm_bindgen::prelude::*;

/// One `followPayment` run: `new FollowerCore(statusUrl, opts)`, then
/// `step(polledJsonOrUndefined, elapsedMs)` after every poll.
#[wasm_bindgen]
pub struct FollowerCore {
    follower: Follower,
    redirect: RedirectOptions,
    status: StatusOptions,
    url: String,
}

#[wasm_bindgen]
impl FollowerCore {
    /// Checks the URL and every option up front.
    #[wasm_bindgen(constructor)]
    pub fn new(status_url: JsValue, opts: JsValue) -> JsResult<FollowerCore> {
        let url = smart_glocal::follow::status_url(status_url.as_string())?;
        let node = JsNode::of(&opts).filter(|n| !n.0.is_null());
        let follow = FollowOptions::read(node.as_ref())?;
        Ok(FollowerCore {
            follower: Follower::new(&follow),
            redirect: follow.redirect,
            status: StatusOptions::read(node.as_ref())?,
            url,
        })
    }

    /// The URL to poll.
    #[wasm_bindgen(getter)]
    pub fn url(&self) -> String {
        self.url.clone()
    }

    /// How long the next poll may take.
    #[wasm_bindgen(js_name = pollTimeoutMs)]
    pub fn poll_timeout_ms(&self, elapsed_ms: f64) -> f64 {
        self.follower.poll_timeout_ms(elapsed_ms.max(0.0) as u64) as f64
    }

    /// After a poll (`polled` the JSON received, `undefined` when it
    /// failed): `{ delay, text, redirect }`: the wait before the next poll
    /// (-1 at a final state), the texts to show (`null`: show
    /// "reconnecting"), the redirect to perform once. Throws `timeout` when
    /// the time is up, `unsafe_redirect` for a bad redirect.
    pub fn step(&mut self, polled: JsValue, elapsed_ms: f64) -> JsResult<JsValue> {
        let elapsed = elapsed_ms.max(0.0) as u64;
        let out = Object::new();
        let set = |k: &str, v: &JsValue| {
            let _ = Reflect::set(&out, &k.into(), v);
        };
        match JsNode::of(&polled).and_then(|n| read_view(&n).ok()) {
            Some(v) => {
                set("text", &texts(&v, &self.status));
                let delay = match self.follower.on_view(&v, elapsed)? {
                    Step::Done => -1.0,
                    Step::Wait { delay_ms, redirect } => {
                        if let (true, Some(r)) = (redirect, v.redirect.as_ref()) {
                            let p = plan(r, self.redirect.allowed_hosts.as_deref())?;
                            set("redirect", &to_js(&p.to_perform_out(&self.redirect.target)));
                        }
                        delay_ms as f64
                    }
                };
                set("delay", &delay.into());
            }
            None => {
                set("text", &JsValue::NULL);
                set("delay", &(self.follower.on_failure(elapsed)? as f64).into());
            }
        }
        Ok(out.into())
    }
}

//! Planning calls and deciding after each attempt: `ClientCore`'s methods
//! of the full package (the webhooks entry has none of them), and the
//! bodies of calls on one session or token.

use super::client::ClientCore;
use crate::wasm::error::JsResult;
use crate::wasm::js_node::JsNode;
use js_sys::{Array, Object, Reflect, Uint8Array};
use smart_glocal::client::{after_attempt, read_call_options, Attempt, Next};
use smart_glocal::error::Error;
use smart_glocal::prelude::*;
use smart_glocal::request::{Endpoint, DRAWN_KEY_BYTES, HEADER_SIGN, SIGNATURE_AT};
use smart_glocal::tree::Out;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = crypto, js_name = getRandomValues, catch)]
    fn get_random_values(buf: &mut [u8]) -> Result<JsValue, JsValue>;
}

fn random_key_bytes() -> Result<[u8; DRAWN_KEY_BYTES], Error> {
    let mut buf = [0u8; DRAWN_KEY_BYTES];
    get_random_values(&mut buf).map_err(|_| Error::Internal {
        message: "crypto.getRandomValues is not available".into(),
    })?;
    Ok(buf)
}

fn set(obj: &Object, key: &str, value: &JsValue) {
    let _ = Reflect::set(obj, &JsValue::from_str(key), value);
}

#[wasm_bindgen]
impl ClientCore {
    /// Plans a call. `params` is the caller's parameters as JSON text in
    /// UTF-8 (the bytes to sign, unless the core normalises them). AnswerPart
    /// `[meta, body]`: `meta` is JSON text `{ url, method, headers:
    /// [[name, value]…], signatureHeader, signatureAt, idempotencyKey,
    /// logBody? }` (`logBody`, the body redacted, only when an `onRequest`
    /// hook wants it); `body` is the bytes to send when they differ from
    /// `params`, else `null`. Text rather than an object: one crossing.
    pub fn plan(&self, endpoint: JsValue, params: &[u8], opts: JsValue) -> JsResult<Array> {
        let name = endpoint
            .as_string()
            .ok_or_else(|| Error::invalid("endpoint", "must be a string"))?;
        let endpoint = Endpoint::from_path(&name)?;
        let options = read_call_options(JsNode::of(&opts).filter(|n| !n.0.is_null()).as_ref())?;
        let text = core::str::from_utf8(params)
            .map_err(|_| Error::invalid("params", "must be UTF-8 text"))?;
        let plan = self.spec.plan(endpoint, text, options, random_key_bytes)?;
        let req = plan.request.request();
        let body = plan.request.body();
        let mut meta = vec![
            ("url", Out::str(req.url.as_str())),
            ("method", Out::str(req.method)),
            (
                "headers",
                Out::Arr(
                    req.headers
                        .iter()
                        .map(|(k, v)| Out::Arr(vec![Out::str(*k), Out::str(v.as_str())]))
                        .collect(),
                ),
            ),
            ("signatureHeader", Out::str(HEADER_SIGN)),
            ("signatureAt", Out::Int(SIGNATURE_AT as u64)),
            ("idempotencyKey", Out::opt(plan.idempotency_key, Out::Str)),
        ];
        if self.spec.on_request {
            let shown = String::from_utf8_lossy(body);
            meta.push((
                "logBody",
                Out::Str(smart_glocal::redact::redact_body(&shown)),
            ));
        }
        // Unedited, the body is the caller's bytes: not compared (a byte loop
        // in wasm, 7 µs of an 18 KB plan).
        let changed = if plan.body_edited {
            Uint8Array::from(body).into()
        } else {
            JsValue::NULL
        };
        Ok(Array::of2(&Out::Obj(meta).to_json().into(), &changed))
    }

    /// After attempt number `attempt` of a call to `endpoint`: `failure` is
    /// `"timeout"`, `"network"` (with `message`) or `"too_large"`, else the
    /// answer's `status`, `retryAfter`, `parsed` (the `JSON.parse` result,
    /// `undefined` when that threw) and `text`. AnswerPart `{ retry: ms,
    /// apiCode }` or `{ value }`; throws the call's error.
    #[wasm_bindgen(js_name = afterAttempt)]
    #[allow(clippy::too_many_arguments)]
    pub fn after_attempt(
        &self,
        endpoint: &str,
        attempt: u32,
        failure: Option<String>,
        message: Option<String>,
        status: u16,
        retry_after: Option<String>,
        body: &[u8],
        now_ms: f64,
        jitter: f64,
    ) -> JsResult<JsValue> {
        let endpoint = Endpoint::from_path(endpoint)?;
        let doc = smart_glocal::json::parse(body);
        let outcome = match failure.as_deref() {
            Some("timeout") => Attempt::Timeout,
            Some("too_large") => Attempt::TooLarge(
                smart_glocal::body_cap::BodyCap {
                    limit: smart_glocal::limits::RESPONSE_MAX_BYTES,
                }
                .too_large(),
            ),
            Some(_) => Attempt::Network(message.unwrap_or_else(|| "the request failed".into())),
            None => Attempt::Answer {
                status,
                retry_after,
                body: doc.as_ref().map(|d| d.root()).map_err(Error::syntax),
            },
        };
        let now = if now_ms.is_finite() && now_ms > 0.0 {
            now_ms as u64
        } else {
            0
        };
        let returns = endpoint.answer_part();
        let out = Object::new();
        match after_attempt(&self.spec.retry, attempt, outcome, returns, jitter, now)? {
            // The caller's value is the member the endpoint returns, which
            // the package takes from its own JSON.parse of the same text; a
            // session comes with its view.
            Next::Done(node) => {
                set(
                    &out,
                    "member",
                    &returns.key().map_or(JsValue::NULL, |k| k.into()),
                );
                if returns == smart_glocal::request::AnswerPart::Session {
                    let facts = smart_glocal::session::read_session(
                        &smart_glocal::tree::Reader::API,
                        &node,
                        &smart_glocal::tree::Path::root(""),
                    )?;
                    let view = smart_glocal::view::PaymentView::from_facts(&facts, None);
                    set(&out, "view", &view.to_out().to_json().into());
                }
            }
            Next::Retry { delay_ms, api_code } => {
                set(&out, "retry", &JsValue::from_f64(delay_ms as f64));
                set(
                    &out,
                    "apiCode",
                    &api_code.map_or(JsValue::NULL, |c| c.into()),
                );
            }
        }
        Ok(out.into())
    }
}

/// The body of a call on one session: `sessionId` must be a string,
/// `amountDetails` and `metadata` are JSON text (or absent).
#[wasm_bindgen(js_name = sessionBody)]
pub fn session_body(
    session_id: JsValue,
    amount_details: Option<String>,
    metadata: Option<String>,
) -> JsResult<String> {
    Ok(smart_glocal::client::session_body(
        session_id.as_string().as_deref(),
        amount_details.as_deref(),
        metadata.as_deref(),
    )?)
}

/// The body of `recurrent/status` and `recurrent/disable`.
#[wasm_bindgen(js_name = recurrentBody)]
pub fn recurrent_body(token: JsValue) -> JsResult<String> {
    Ok(smart_glocal::client::recurrent_body(
        token.as_string().as_deref(),
    )?)
}

/// The caps the package checks before handing text to wasm, in bytes.
#[wasm_bindgen(js_name = maxParamsBytes)]
pub fn max_params_bytes() -> f64 {
    smart_glocal::limits::MAX_PARAMS_BYTES as f64
}

//! `Core`: a checked client configuration, planning calls and deciding
//! after each attempt.

use crate::wasm::error::{js_error, JsResult};
use crate::wasm::js_node::JsNode;
use js_sys::{Array, Object, Reflect, Uint8Array};
use smart_glocal::client::{
    after_attempt, read_call_options, read_config, Attempt, ClientSpec, Keys, Next,
};
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

/// A client's checked configuration.
#[wasm_bindgen]
pub struct ClientCore {
    spec: ClientSpec,
}

#[wasm_bindgen]
impl ClientCore {
    /// Checks `config` (a plain copy the package made of the caller's).
    #[wasm_bindgen(constructor)]
    pub fn new(config: JsValue) -> JsResult<ClientCore> {
        let node = JsNode::of(&config).filter(|n| !n.0.is_null());
        Ok(ClientCore {
            spec: read_config(node.as_ref())?,
        })
    }

    /// `"hmac"` or `"rsa"`.
    #[wasm_bindgen(getter)]
    pub fn scheme(&self) -> String {
        self.spec.keys.scheme().as_str().into()
    }

    /// Key material for WebCrypto's `importKey`: `"secret"` (HMAC, raw),
    /// `"private"` (PKCS#8 DER) or `"public"` (SPKI DER); `undefined` when
    /// this client has no such key.
    #[wasm_bindgen(js_name = keyData)]
    pub fn key_data(&self, which: &str) -> Option<Uint8Array> {
        let bytes = match (&self.spec.keys, which) {
            (Keys::Hmac(k), "secret") => k.as_slice(),
            (Keys::Rsa { private, .. }, "private") => private.der.as_slice(),
            (
                Keys::Rsa {
                    public: Some(p), ..
                },
                "public",
            ) => p.der.as_slice(),
            _ => return None,
        };
        Some(Uint8Array::from(bytes))
    }

    #[wasm_bindgen(getter, js_name = timeoutMs)]
    pub fn timeout_ms(&self) -> u32 {
        self.spec.timeout_ms
    }

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
        let changed = if body == params {
            JsValue::NULL
        } else {
            Uint8Array::from(body).into()
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

    /// The header value of signature bytes (hex or base64 by scheme).
    #[wasm_bindgen(js_name = encodeSignature)]
    pub fn encode_signature(&self, bytes: &[u8]) -> String {
        self.spec.keys.scheme().encode(bytes)
    }

    /// The bytes of an `X-PARTNER-SIGN` value, or `missing_signature` /
    /// `bad_signature` / `invalid_params` (not a string).
    #[wasm_bindgen(js_name = decodeSignature)]
    pub fn decode_signature(&self, signature: JsValue) -> JsResult<Uint8Array> {
        let sig = signature.as_string();
        if sig.is_none() && !signature.is_undefined() && !signature.is_null() {
            return Err(Error::invalid("signature", "must be a string").into());
        }
        smart_glocal::webhook::require_signature(sig.as_deref())?;
        if let Keys::Rsa { public: None, .. } = &self.spec.keys {
            return Err(Error::InvalidKey {
                message: "no webhookPublicKey is configured to verify webhooks".into(),
            }
            .into());
        }
        let bytes = self.spec.keys.scheme().decode(sig.as_deref())?;
        Ok(Uint8Array::from(bytes.as_slice()))
    }
}

/// The error of a text that did not parse (its position), or of one that
/// did (a body `JSON.parse` refused but the core accepts cannot happen;
/// answered as not JSON anyway).
pub fn syntax_error(bytes: &[u8]) -> Error {
    match smart_glocal::json::parse(bytes) {
        Err(e) => Error::syntax(&e),
        Ok(_) => Error::MalformedPayload {
            field: String::new(),
            line: 0,
            column: 0,
            message: "not JSON".into(),
        },
    }
}

/// `bad_signature`, for a signature WebCrypto did not accept.
#[wasm_bindgen(js_name = badSignature)]
pub fn bad_signature() -> JsValue {
    js_error(Error::BadSignature)
}

/// The error of a network failure outside a call (reading a request body).
#[wasm_bindgen(js_name = networkError)]
pub fn network_error(message: &str) -> JsValue {
    js_error(Error::Network {
        message: message.into(),
    })
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

/// `invalid_key` (a key WebCrypto cannot use).
#[wasm_bindgen(js_name = invalidKey)]
pub fn invalid_key(message: &str) -> JsValue {
    js_error(Error::InvalidKey {
        message: message.into(),
    })
}

/// The header that carries the signature of requests and webhooks.
#[wasm_bindgen(js_name = signatureHeader)]
pub fn signature_header() -> String {
    HEADER_SIGN.into()
}

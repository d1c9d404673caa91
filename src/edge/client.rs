//! `ClientCore`: a checked client configuration, its keys and signatures,
//! and the errors of receiving. What the webhooks entry needs too; planning
//! calls and deciding after each attempt are in `calls.rs` (full build only).

use crate::wasm::error::{js_error, JsResult};
use crate::wasm::js_node::JsNode;
use js_sys::Uint8Array;
use smart_glocal::client::{read_config, ClientSpec, Keys};
use smart_glocal::error::Error;
use smart_glocal::prelude::*;
use smart_glocal::request::HEADER_SIGN;
use wasm_bindgen::prelude::*;

/// A client's checked configuration.
#[wasm_bindgen]
pub struct ClientCore {
    pub(super) spec: ClientSpec,
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

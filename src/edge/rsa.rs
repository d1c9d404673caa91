//! RSA PKCS#1 v1.5 / SHA-256 on WebCrypto (`crypto.subtle`), native and fast
//! in workerd and Node. Keys are checked when the client is made (core
//! `signature::keys`) and imported once per client: the first use starts
//! the import and every later one awaits the same promise.

use crate::error::Error;
use crate::signature::base64;
use crate::signature::keys::RsaKeyDer;
use js_sys::{Array, Object, Promise, Reflect, Uint8Array};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(thread_local_v2, js_namespace = crypto, js_name = subtle)]
    static SUBTLE: web_sys::SubtleCrypto;
}

const ALGORITHM: &str = "RSASSA-PKCS1-v1_5";

fn algorithm(with_hash: bool) -> Object {
    let alg = Object::new();
    let _ = Reflect::set(&alg, &"name".into(), &ALGORITHM.into());
    if with_hash {
        let _ = Reflect::set(&alg, &"hash".into(), &"SHA-256".into());
    }
    alg
}

fn crypto_error(what: &str) -> Error {
    Error::InvalidKey {
        message: ["WebCrypto cannot ", what].concat(),
    }
}

/// One key: its checked DER and, once started, the import.
struct Key {
    der: RsaKeyDer,
    format: &'static str,
    usage: &'static str,
    import: RefCell<Option<Promise>>,
}

impl Key {
    fn new(der: RsaKeyDer, format: &'static str, usage: &'static str) -> Key {
        Key {
            der,
            format,
            usage,
            import: RefCell::new(None),
        }
    }

    async fn get(&self) -> Result<web_sys::CryptoKey, Error> {
        let promise = {
            let mut slot = self.import.borrow_mut();
            match &*slot {
                Some(p) => p.clone(),
                None => {
                    let data = Uint8Array::from(self.der.der.as_slice());
                    let usages = Array::of1(&self.usage.into());
                    let p = SUBTLE
                        .with(|s| {
                            s.import_key_with_object(
                                self.format,
                                &data,
                                &algorithm(true),
                                false,
                                &usages,
                            )
                        })
                        .map_err(|_| crypto_error("import the key"))?;
                    *slot = Some(p.clone());
                    p
                }
            }
        };
        let key = JsFuture::from(promise).await.map_err(|_| {
            // Let a later call try again.
            self.import.borrow_mut().take();
            crypto_error("import the key (is it a valid RSA key?)")
        })?;
        key.dyn_into().map_err(|_| crypto_error("import the key"))
    }
}

/// The partner's private key and Smart Glocal's public key.
pub struct RsaScheme {
    private: Key,
    public: Option<Key>,
}

impl RsaScheme {
    pub fn new(private: RsaKeyDer, public: Option<RsaKeyDer>) -> RsaScheme {
        RsaScheme {
            private: Key::new(private, "pkcs8", "sign"),
            public: public.map(|p| Key::new(p, "spki", "verify")),
        }
    }

    /// base64 of the RSASSA-PKCS1-v1_5 SHA-256 signature of `body`.
    pub async fn sign(&self, body: &[u8]) -> Result<String, Error> {
        let key = self.private.get().await?;
        let data = Uint8Array::from(body);
        let p = SUBTLE
            .with(|s| s.sign_with_object_and_buffer_source(&algorithm(false), &key, &data))
            .map_err(|_| crypto_error("sign"))?;
        let sig = JsFuture::from(p).await.map_err(|_| crypto_error("sign"))?;
        Ok(base64::encode(&Uint8Array::new(&sig).to_vec()))
    }

    /// Checks a base64 signature over the exact `body` bytes.
    pub async fn verify(&self, body: &[u8], signature: &str) -> Result<(), Error> {
        let public = self.public.as_ref().ok_or(Error::InvalidKey {
            message: "no webhookPublicKey is configured to verify webhooks".into(),
        })?;
        let sig = base64::decode(signature.trim().bytes()).ok_or(Error::BadSignature)?;
        let key = public.get().await?;
        let p = SUBTLE
            .with(|s| {
                s.verify_with_object_and_buffer_source_and_buffer_source(
                    &algorithm(false),
                    &key,
                    &Uint8Array::from(sig.as_slice()),
                    &Uint8Array::from(body),
                )
            })
            .map_err(|_| Error::BadSignature)?;
        match JsFuture::from(p).await.map(|v| v.as_bool()) {
            Ok(Some(true)) => Ok(()),
            _ => Err(Error::BadSignature),
        }
    }
}

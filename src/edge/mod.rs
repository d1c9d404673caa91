//! wasm-bindgen glue of `smart-glocal-edge`: JS values in, core calls, fetch,
//! JS values out. No protocol logic lives here.

mod http;
mod js;
mod rsa;

use crate::error::Error;
use crate::model::Envelope;
use crate::request::{self, Endpoint, Target, DEFAULT_BASE_URL};
use crate::retry::{RetryPolicy, DEFAULT_MAX_RETRIES, MAX_RETRIES_LIMIT};
use crate::signature::{keys, HmacSha256, Signer, Verifier};
use crate::view::{PaymentView, ViewOptions};
use crate::wasm::error::{self, IntoJs};
use crate::{return_url, webhook};
use js_sys::Promise;
use serde::Deserialize;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{future_to_promise, JsFuture};

const DEFAULT_TIMEOUT_MS: u32 = 10_000;
const MAX_TIMEOUT_MS: u32 = 600_000;

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Config {
    project: String,
    /// HMAC-SHA256 (the documented scheme).
    #[serde(default)]
    signing_key: Option<String>,
    /// RSA (the live service): the partner's PKCS#8 private key, PEM.
    #[serde(default)]
    private_key: Option<String>,
    /// RSA: Smart Glocal's SPKI public key, PEM, to verify webhooks.
    #[serde(default)]
    webhook_public_key: Option<String>,
    #[serde(default)]
    base_url: Option<String>,
    #[serde(default)]
    timeout_ms: Option<u32>,
    #[serde(default)]
    max_retries: Option<u32>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct CallOptions {
    #[serde(default)]
    idempotency_key: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct PaymentViewOptions {
    #[serde(default)]
    include_metadata: bool,
}

fn parse_opts<T: serde::de::DeserializeOwned + Default>(
    value: &JsValue,
    field: &str,
) -> Result<T, Error> {
    if value.is_undefined() || value.is_null() {
        return Ok(T::default());
    }
    let json = js::to_json(value, field, "{}")?;
    request::from_json(&json).map_err(|e| prefix_field(e, field))
}

fn prefix_field(e: Error, prefix: &str) -> Error {
    match e {
        Error::InvalidParams { field, message } if field == "params" => {
            Error::invalid(prefix, message)
        }
        Error::InvalidParams { field, message } => {
            Error::invalid(format!("{prefix}.{field}"), message)
        }
        other => other,
    }
}

/// What a call returns from the ok envelope.
#[derive(Clone, Copy)]
enum Returns {
    Session,
    Recurrent,
}

/// How requests are signed and webhooks verified.
enum Scheme {
    Hmac(HmacSha256),
    Rsa(rsa::RsaScheme),
}

impl Scheme {
    fn from_config(config: &Config) -> Result<Scheme, Error> {
        let rsa_given = config.private_key.is_some() || config.webhook_public_key.is_some();
        match (&config.signing_key, &config.private_key) {
            (Some(_), _) if rsa_given => Err(Error::InvalidKey {
                message: "configure one scheme: signingKey (HMAC) or privateKey and webhookPublicKey (RSA), not both".into(),
            }),
            (Some(key), None) => Ok(Scheme::Hmac(HmacSha256::new(key.as_bytes())?)),
            (None, Some(private)) => {
                let private = keys::rsa_private_key(private, "privateKey")?;
                let public = match &config.webhook_public_key {
                    Some(p) => Some(keys::rsa_public_key(p, "webhookPublicKey")?),
                    None => None,
                };
                Ok(Scheme::Rsa(rsa::RsaScheme::new(private, public)))
            }
            _ => Err(Error::invalid(
                "config.signingKey",
                "is required (or privateKey for the RSA scheme)",
            )),
        }
    }

    async fn sign(&self, body: &[u8]) -> Result<String, Error> {
        match self {
            Scheme::Hmac(h) => Ok(h.sign(body)),
            Scheme::Rsa(r) => r.sign(body).await,
        }
    }

    /// Checks the signature of a webhook body, then parses it.
    async fn verify_event(&self, body: &[u8], signature: Option<&str>) -> Result<(), Error> {
        let signature = webhook::require_signature(signature)?;
        match self {
            Scheme::Hmac(h) => h.verify(body, signature)?,
            Scheme::Rsa(r) => r.verify(body, signature).await?,
        }
        webhook::parse_event(body).map(drop)
    }
}

struct Client {
    target: Target,
    scheme: Scheme,
    timeout_ms: u32,
    retry: RetryPolicy,
}

impl Client {
    fn new(config: Config) -> Result<Client, Error> {
        let target = Target::new(
            config.base_url.as_deref().unwrap_or(DEFAULT_BASE_URL),
            &config.project,
        )?;
        let scheme = Scheme::from_config(&config)?;
        let timeout_ms = config.timeout_ms.unwrap_or(DEFAULT_TIMEOUT_MS);
        if !(1..=MAX_TIMEOUT_MS).contains(&timeout_ms) {
            return Err(Error::invalid(
                "timeoutMs",
                format!("must be an integer from 1 to {MAX_TIMEOUT_MS}"),
            ));
        }
        let max_retries = config.max_retries.unwrap_or(DEFAULT_MAX_RETRIES);
        if max_retries > MAX_RETRIES_LIMIT {
            return Err(Error::invalid(
                "maxRetries",
                format!("must be an integer from 0 to {MAX_RETRIES_LIMIT}"),
            ));
        }
        Ok(Client {
            target,
            scheme,
            timeout_ms,
            retry: RetryPolicy { max_retries },
        })
    }

    /// Validates, signs and returns the request. Mutating endpoints always
    /// carry an idempotency key: the caller's or a fresh random one.
    async fn prepare(
        &self,
        endpoint: Endpoint,
        params_json: &str,
        opts: CallOptions,
    ) -> Result<request::PreparedRequest, Error> {
        let body = endpoint.body_from_json(params_json)?;
        let key = match opts.idempotency_key {
            Some(k) => Some(k),
            None if endpoint.is_mutating() => Some(new_idempotency_key()?),
            None => None,
        };
        let unsigned = self.target.prepare(endpoint, body, key.as_deref())?;
        let signature = self.scheme.sign(unsigned.body()).await?;
        Ok(unsigned.signed(signature))
    }

    /// Sends with retries; the same request (so the same idempotency key)
    /// on every attempt.
    async fn call(
        &self,
        endpoint: Endpoint,
        params_json: String,
        opts: CallOptions,
        returns: Returns,
    ) -> Result<JsValue, Error> {
        let req = self.prepare(endpoint, &params_json, opts).await?;
        let mut attempt = 0;
        let (env, body) = loop {
            let (outcome, result) = http::send(&req, self.timeout_ms).await;
            match result {
                Ok(done) => break done,
                Err(err) => match self
                    .retry
                    .next_delay_ms(attempt, outcome, js::random_unit())
                {
                    Some(delay) => {
                        js::sleep(delay).await;
                        attempt += 1;
                    }
                    None => return Err(err),
                },
            }
        };
        pick(&env, &body, returns)
    }
}

/// The `session` (or `recurrent`) of an ok envelope, as the JS object the
/// API sent, unknown fields included.
fn pick(env: &Envelope, body: &[u8], returns: Returns) -> Result<JsValue, Error> {
    let (key, present) = match returns {
        Returns::Session => ("session", env.session.is_some()),
        Returns::Recurrent => ("recurrent", env.recurrent.is_some()),
    };
    let missing = || Error::MalformedPayload {
        line: 1,
        column: 1,
        message: format!("the answer has no `{key}`"),
    };
    if !present {
        return Err(missing());
    }
    let all = js::from_json(&String::from_utf8_lossy(body))?;
    js_sys::Reflect::get(&all, &JsValue::from_str(key)).map_err(|_| missing())
}

/// 128 random bits, as 32 lowercase hex digits, drawn at call time.
fn new_idempotency_key() -> Result<String, Error> {
    Ok(crate::signature::to_hex(&js::random_bytes::<16>()?))
}

/// The Smart Glocal API client for edge workers and Node.
///
/// Every method returns a Promise and rejects with a `SmartGlocalError`.
#[wasm_bindgen(js_name = SmartGlocal)]
pub struct SmartGlocal {
    inner: Rc<Client>,
}

#[wasm_bindgen(js_class = SmartGlocal)]
impl SmartGlocal {
    /// `new SmartGlocal({ project, signingKey, baseUrl?, timeoutMs?, maxRetries? })`
    #[wasm_bindgen(constructor)]
    pub fn new(config: JsValue) -> Result<SmartGlocal, JsValue> {
        let json = js::to_json(&config, "config", "null").js()?;
        let config: Config = request::from_json(&json)
            .map_err(|e| prefix_field(e, "config"))
            .js()?;
        Ok(SmartGlocal {
            inner: Rc::new(Client::new(config).js()?),
        })
    }

    /// `session/create`. Resolves with the session.
    #[wasm_bindgen(js_name = createSession)]
    pub fn create_session(&self, params: JsValue, opts: JsValue) -> Promise {
        let params = js::to_json(&params, "params", "{}");
        self.run(Endpoint::SessionCreate, params, &opts, Returns::Session)
    }

    /// `session/init/payment`: create and start in one call.
    #[wasm_bindgen(js_name = initPayment)]
    pub fn init_payment(&self, params: JsValue, opts: JsValue) -> Promise {
        let params = js::to_json(&params, "params", "null");
        self.run(Endpoint::InitPayment, params, &opts, Returns::Session)
    }

    /// `session/start/payment`; `params.session_id` names the session.
    #[wasm_bindgen(js_name = startPayment)]
    pub fn start_payment(&self, params: JsValue, opts: JsValue) -> Promise {
        let params = js::to_json(&params, "params", "null");
        self.run(Endpoint::StartPayment, params, &opts, Returns::Session)
    }

    /// `session/confirm` after `ready_to_confirm`.
    pub fn confirm(&self, session_id: JsValue, opts: JsValue) -> Promise {
        self.with_session(Endpoint::Confirm, &session_id, None, &opts)
    }

    /// `session/cancel` instead of confirm or capture.
    pub fn cancel(&self, session_id: JsValue, opts: JsValue) -> Promise {
        self.with_session(Endpoint::Cancel, &session_id, None, &opts)
    }

    /// `session/capture` after `ready_to_capture`; the whole amount unless
    /// `amountDetails` says less.
    pub fn capture(&self, session_id: JsValue, amount_details: JsValue, opts: JsValue) -> Promise {
        self.with_session(Endpoint::Capture, &session_id, Some(&amount_details), &opts)
    }

    /// `session/refund`; the whole amount unless `amountDetails` says less.
    pub fn refund(&self, session_id: JsValue, amount_details: JsValue, opts: JsValue) -> Promise {
        self.with_session(Endpoint::Refund, &session_id, Some(&amount_details), &opts)
    }

    /// `session/status`.
    pub fn status(&self, session_id: JsValue, opts: JsValue) -> Promise {
        self.with_session(Endpoint::Status, &session_id, None, &opts)
    }

    /// `recurrent/status`. Resolves with the token's details.
    #[wasm_bindgen(js_name = recurrentStatus)]
    pub fn recurrent_status(&self, token: JsValue, opts: JsValue) -> Promise {
        let params = token_params(&token);
        self.run(Endpoint::RecurrentStatus, params, &opts, Returns::Recurrent)
    }

    /// `recurrent/disable`. Resolves with the token's details.
    #[wasm_bindgen(js_name = recurrentDisable)]
    pub fn recurrent_disable(&self, token: JsValue, opts: JsValue) -> Promise {
        let params = token_params(&token);
        self.run(
            Endpoint::RecurrentDisable,
            params,
            &opts,
            Returns::Recurrent,
        )
    }

    /// Builds and signs a request without sending it:
    /// `{ url, method, headers, body }`, `body` being the exact signed text.
    pub fn prepare(&self, endpoint: JsValue, params: JsValue, opts: JsValue) -> Promise {
        let client = Rc::clone(&self.inner);
        let input = (|| {
            let endpoint = Endpoint::from_path(&js::string(&endpoint, "endpoint")?)?;
            let params = js::to_json(&params, "params", "{}")?;
            let opts = parse_opts::<CallOptions>(&opts, "opts")?;
            Ok((endpoint, params, opts))
        })();
        future_to_promise(async move {
            let (endpoint, params, opts) = input.js()?;
            let req = client.prepare(endpoint, &params, opts).await.js()?;
            let headers: serde_json::Map<String, serde_json::Value> = req
                .headers
                .iter()
                .map(|(k, v)| (k.to_string(), v.as_str().into()))
                .collect();
            let out = serde_json::json!({
                "url": req.url,
                "method": req.method,
                "headers": headers,
                "body": String::from_utf8_lossy(&req.body),
            });
            js::from_json(&out.to_string()).js()
        })
    }

    /// The `X-PARTNER-SIGN` value of `body` (string, Uint8Array or ArrayBuffer).
    pub fn sign(&self, body: JsValue) -> Promise {
        let client = Rc::clone(&self.inner);
        let body = js::bytes(&body, "body");
        future_to_promise(async move {
            let body = body.js()?;
            client.scheme.sign(&body).await.map(JsValue::from).js()
        })
    }

    /// Verifies a webhook over the exact bytes received, then parses it.
    /// Resolves with `{ type, session, … }` as sent.
    #[wasm_bindgen(js_name = verifyWebhook)]
    pub fn verify_webhook(&self, raw_body: JsValue, signature: JsValue) -> Promise {
        let client = Rc::clone(&self.inner);
        let input = js::bytes(&raw_body, "rawBody").and_then(|body| {
            let sig = signature.as_string();
            if !(signature.is_undefined() || signature.is_null() || sig.is_some()) {
                return Err(Error::invalid("signature", "must be a string"));
            }
            Ok((body, sig))
        });
        future_to_promise(async move {
            let (body, sig) = input.js()?;
            verified_event(&client, &body, sig.as_deref()).await.js()
        })
    }

    /// Reads a webhook `Request` (raw body and `X-PARTNER-SIGN`), verifies
    /// and parses it.
    #[wasm_bindgen(js_name = handleWebhook)]
    pub fn handle_webhook(&self, request: JsValue) -> Promise {
        let client = Rc::clone(&self.inner);
        future_to_promise(async move {
            let request: web_sys::Request = request
                .dyn_into()
                .map_err(|_| Error::invalid("request", "must be a Request"))
                .js()?;
            let sig = request
                .headers()
                .get(webhook::SIGNATURE_HEADER)
                .ok()
                .flatten();
            let body = read_body(&request).await.js()?;
            verified_event(&client, &body, sig.as_deref()).await.js()
        })
    }
}

impl SmartGlocal {
    fn run(
        &self,
        endpoint: Endpoint,
        params: Result<String, Error>,
        opts: &JsValue,
        returns: Returns,
    ) -> Promise {
        let client = Rc::clone(&self.inner);
        let opts = parse_opts::<CallOptions>(opts, "opts");
        future_to_promise(async move {
            let (params, opts) = (params.js()?, opts.js()?);
            client.call(endpoint, params, opts, returns).await.js()
        })
    }

    fn with_session(
        &self,
        endpoint: Endpoint,
        session_id: &JsValue,
        amount: Option<&JsValue>,
        opts: &JsValue,
    ) -> Promise {
        let params = js::string(session_id, "sessionId").and_then(|id| {
            let id = serde_json::Value::from(id);
            match amount.filter(|a| !a.is_undefined() && !a.is_null()) {
                // `amountDetails` is checked with the rest of the body.
                Some(a) => Ok(format!(
                    r#"{{"session_id":{id},"amount_details":{}}}"#,
                    js::to_json(a, "amountDetails", "null")?
                )),
                None => Ok(format!(r#"{{"session_id":{id}}}"#)),
            }
        });
        self.run(endpoint, params, opts, Returns::Session)
    }
}

/// Verifies (over the exact bytes), parses, and gives JS the event as sent.
async fn verified_event(client: &Client, body: &[u8], sig: Option<&str>) -> Result<JsValue, Error> {
    client.scheme.verify_event(body, sig).await?;
    js::from_json(&String::from_utf8_lossy(body))
}

fn token_params(token: &JsValue) -> Result<String, Error> {
    let token = js::string(token, "token")?;
    Ok(serde_json::json!({ "token": token }).to_string())
}

async fn read_body(request: &web_sys::Request) -> Result<Vec<u8>, Error> {
    let promise = request
        .array_buffer()
        .map_err(|_| Error::invalid("request", "its body was already read"))?;
    let buf = JsFuture::from(promise).await.map_err(|_| Error::Network {
        message: "could not read the request body".into(),
    })?;
    js::bytes(&buf, "request")
}

/// The browser-safe `PaymentView` of a session, a response envelope or a
/// webhook event (object or JSON text). `{ includeMetadata: true }` copies
/// the metadata.
#[wasm_bindgen(js_name = paymentView)]
pub fn payment_view(session_or_event: JsValue, opts: JsValue) -> Result<JsValue, JsValue> {
    let json = match session_or_event.as_string() {
        Some(text) => text,
        None => js::to_json(&session_or_event, "sessionOrEvent", "null").js()?,
    };
    let opts: PaymentViewOptions = parse_opts(&opts, "opts").js()?;
    let view = PaymentView::from_json(
        &json,
        ViewOptions {
            include_metadata: opts.include_metadata,
        },
    )
    .js()?;
    let text = serde_json::to_string(&view)
        .map_err(|_| Error::invalid("sessionOrEvent", "cannot be represented"))
        .js()?;
    js::from_json(&text).js()
}

/// Turns the customer's return from 3-D Secure (GET, or POST with a form)
/// into `303 See Other` to `targetUrl` with the fields as its query.
#[wasm_bindgen(js_name = returnToGet)]
pub fn return_to_get(request: JsValue, target_url: JsValue) -> Promise {
    future_to_promise(async move {
        let target = js::string(&target_url, "targetUrl").js()?;
        let request: web_sys::Request = request
            .dyn_into()
            .map_err(|_| Error::invalid("request", "must be a Request"))
            .js()?;
        let fields = if request.method().eq_ignore_ascii_case("POST") {
            let ctype = request
                .headers()
                .get("content-type")
                .ok()
                .flatten()
                .unwrap_or_default();
            if !ctype
                .to_ascii_lowercase()
                .starts_with("application/x-www-form-urlencoded")
            {
                return Err(error::to_js(&Error::invalid(
                    "request",
                    "a POST return must be application/x-www-form-urlencoded",
                )));
            }
            let body = read_body(&request).await.js()?;
            return_url::parse_urlencoded(&String::from_utf8_lossy(&body))
        } else {
            return_url::parse_urlencoded(return_url::query_of(&request.url()))
        };
        let location = return_url::redirect_location(&target, &fields).js()?;
        http::see_other(&location).js()
    })
}

#[cfg(test)]
mod tests;

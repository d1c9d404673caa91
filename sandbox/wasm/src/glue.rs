//! The class the package's JavaScript drives.

use js_sys::{Array, Object, Reflect, Uint8Array};
use sg_sandbox::http::{Ending, Request};
use sg_sandbox::App;
use wasm_bindgen::prelude::*;

/// One sandbox: its engine, its pages and its webhook outbox.
#[wasm_bindgen]
pub struct Sandbox {
    app: App,
}

fn set(o: &Object, key: &str, value: &JsValue) {
    let _ = Reflect::set(o, &JsValue::from_str(key), value);
}

#[wasm_bindgen]
impl Sandbox {
    /// A sandbox of `options` (JSON text: `project`, `signingKey`,
    /// `publicUrl`, and optionally `webhookUrl`, `clock`, `faults`, `seed`,
    /// `faultDelayMs`, `retryBaseMs`, `retryWindowS`, `capture`,
    /// `autoConfirm`, `webhookApiVersion`). Throws an `Error` naming a bad
    /// option.
    #[wasm_bindgen(constructor)]
    pub fn new(options: &str) -> Result<Sandbox, JsError> {
        let (config, public_url) = crate::Options::parse(options)
            .and_then(crate::Options::config)
            .map_err(|e| JsError::new(&e))?;
        let app = App::new(config, public_url).map_err(|e| JsError::new(&e.to_string()))?;
        Ok(Sandbox { app })
    }

    /// The most bytes of a request body the core takes.
    #[wasm_bindgen(js_name = maxBody)]
    pub fn max_body() -> f64 {
        sg_sandbox::MAX_BODY as f64
    }

    /// The core's answer to a body the shell stopped reading at the cap.
    #[wasm_bindgen(js_name = tooLarge)]
    pub fn too_large() -> JsValue {
        answer(sg_sandbox::too_large())
    }

    /// The answer to a request: `{status, headers: [[name, value]], body:
    /// Uint8Array, ending: "normal" | "after" | "dropped", waitMs}`.
    /// `headers` is JSON text of `[[name, value], …]`.
    pub fn handle(
        &self,
        method: String,
        path: String,
        query: Option<String>,
        headers: &str,
        body: &[u8],
    ) -> Result<JsValue, JsError> {
        let headers: Vec<(String, String)> = serde_json::from_str(headers)
            .map_err(|_| JsError::new("headers must be [[name, value], …]"))?;
        let req = Request {
            method,
            path,
            query,
            headers,
            body: body.to_vec(),
        };
        Ok(answer(sg_sandbox::handle(
            &self.app,
            self.app.now_ms(),
            &req,
        )))
    }

    /// The webhook attempts due now (`[{id, url, body: Uint8Array,
    /// signature}]`) and when the next one waiting is due (`next`, ms on
    /// the sandbox's clock, or null).
    #[wasm_bindgen(js_name = dueWebhooks)]
    pub fn due_webhooks(&self) -> JsValue {
        let (attempts, next) = self.app.due_webhooks(self.app.now_ms());
        let list = Array::new();
        for a in attempts {
            let o = Object::new();
            set(&o, "id", &JsValue::from(a.id as f64));
            set(&o, "url", &JsValue::from_str(&a.url));
            set(&o, "body", &Uint8Array::from(&a.body[..]));
            set(&o, "signature", &JsValue::from_str(&a.signature));
            list.push(&o);
        }
        let out = Object::new();
        set(&out, "attempts", &list);
        set(
            &out,
            "next",
            &next.map_or(JsValue::NULL, |n| JsValue::from(n as f64)),
        );
        out.into()
    }

    /// What became of attempt `id`: the HTTP status, or none when there was
    /// no answer.
    #[wasm_bindgen(js_name = webhookDone)]
    pub fn webhook_done(&self, id: f64, status: Option<u16>) {
        self.app.webhook_done(self.app.now_ms(), id as u64, status);
    }

    /// The log lines since the last call (with `log: true`).
    #[wasm_bindgen(js_name = takeLog)]
    pub fn take_log(&self) -> Vec<String> {
        self.app.take_log()
    }

    /// The sandbox's clock, in ms since the epoch.
    pub fn now(&self) -> f64 {
        self.app.now_ms() as f64
    }
}

/// The test cards, as JSON text (`[{number, behaviour, what}]`).
#[wasm_bindgen(js_name = testCards)]
pub fn test_cards() -> String {
    sg_sandbox::engine::cards::test_cards_json()
}

/// The test phones of `fps/customer_verification`, as JSON text
/// (`[{phone, bank_id, what}]`).
#[wasm_bindgen(js_name = testPhones)]
pub fn test_phones() -> String {
    sg_sandbox::engine::fps::test_phones_json()
}

/// An answer as `{status, headers, body, ending, waitMs}`.
fn answer(res: sg_sandbox::http::Response) -> JsValue {
    let out = Object::new();
    set(&out, "status", &JsValue::from(res.status));
    let list = Array::new();
    for (k, v) in &res.headers {
        list.push(&Array::of2(&JsValue::from_str(k), &JsValue::from_str(v)));
    }
    set(&out, "headers", &list);
    set(&out, "body", &Uint8Array::from(&res.body[..]));
    let (ending, wait) = match res.ending {
        Ending::Normal => ("normal", 0),
        Ending::After { ms } => ("after", ms),
        Ending::Dropped => ("dropped", 0),
    };
    set(&out, "ending", &JsValue::from_str(ending));
    set(&out, "waitMs", &JsValue::from(wait as f64));
    out.into()
}

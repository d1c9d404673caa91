//! wasm-bindgen glue of `smart-glocal-browser`: the 3-D Secure redirect and
//! the payment status display. No signing, no verifying, no secret.
//!
//! JS objects are read field by field (`Reflect`), not through serde_json,
//! which keeps JSON parsing code out of this small build. Text reaches the
//! DOM through `textContent` and element properties only.

use crate::error::Error;
use crate::follow::{Step, DEFAULT_INTERVAL_MS, DEFAULT_TIMEOUT_MS};
use crate::model::{Fields, Redirect, RedirectMethod};
use crate::redirect::{plan, RedirectPlan};
use crate::request::MAX_SAFE_AMOUNT;
use crate::view::{CardView, PaymentState, PaymentView};
use crate::wasm::error::{to_js, IntoJs};
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlFormElement, HtmlInputElement};

// The browser build is size-bound: a ~1 KB free-list allocator instead of
// dlmalloc. wasm32 pages are single-threaded.
#[cfg(not(feature = "edge"))]
#[global_allocator]
static ALLOC: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    // SAFETY: this build runs on one thread (no wasm threads are enabled).
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = Intl, js_name = NumberFormat)]
    type NumberFormat;

    #[wasm_bindgen(constructor, js_namespace = Intl, js_class = "NumberFormat", catch)]
    fn new(locales: &JsValue, options: &JsValue) -> Result<NumberFormat, JsValue>;

    #[wasm_bindgen(method, catch)]
    fn format(this: &NumberFormat, value: &str) -> Result<String, JsValue>;
}

// ---- reading JS values ------------------------------------------------------

/// `parent.child`, without the formatting machinery.
fn path(parent: &str, child: &str) -> String {
    [parent, ".", child].concat()
}

fn get(obj: &JsValue, key: &str) -> JsValue {
    Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn absent(v: &JsValue) -> bool {
    v.is_undefined() || v.is_null()
}

fn opt_string(obj: &JsValue, key: &str, field: &str) -> Result<Option<String>, Error> {
    let v = get(obj, key);
    if absent(&v) {
        return Ok(None);
    }
    v.as_string()
        .map(Some)
        .ok_or_else(|| Error::invalid(path(field, key), "must be a string"))
}

fn object(v: &JsValue, field: &str) -> Result<(), Error> {
    if v.is_object() && !Array::is_array(v) {
        Ok(())
    } else {
        Err(Error::invalid(field, "must be an object"))
    }
}

/// A JSON object of fields, in its own order; non-string values as their
/// JSON text (the wire may carry numbers).
fn fields(v: &JsValue, field: &str) -> Result<Fields, Error> {
    if absent(v) {
        return Ok(Fields::default());
    }
    object(v, field)?;
    let entries = Object::entries(v.unchecked_ref());
    let mut out = Vec::with_capacity(entries.length() as usize);
    for entry in entries.iter() {
        let key = get(&entry, "0").as_string().unwrap_or_default();
        let value = get(&entry, "1");
        let text = match value.as_string() {
            Some(s) => s,
            None if absent(&value) => String::new(),
            None => js_sys::JSON::stringify(&value)
                .ok()
                .and_then(|s| s.as_string())
                .ok_or_else(|| Error::invalid(path(field, &key), "must be a string"))?,
        };
        out.push((key, text));
    }
    Ok(Fields(out))
}

/// `customer_interaction.redirect` from JS.
fn redirect_from_js(v: &JsValue, field: &str) -> Result<Redirect, Error> {
    object(v, field)?;
    let method = opt_string(v, "method", field)?
        .ok_or_else(|| Error::invalid(path(field, "method"), "is required"))?;
    Ok(Redirect {
        url: opt_string(v, "url", field)?.unwrap_or_default(),
        base_url: opt_string(v, "base_url", field)?,
        method: RedirectMethod::from(method.to_ascii_uppercase().as_str()),
        qs: fields(&get(v, "qs"), &path(field, "qs"))?,
        params: fields(&get(v, "params"), &path(field, "params"))?,
    })
}

/// A `PaymentView` from JS (as the merchant's backend sent it).
fn view_from_js(v: &JsValue) -> Result<PaymentView, Error> {
    const F: &str = "view";
    object(v, F)?;
    let state =
        opt_string(v, "state", F)?.ok_or_else(|| Error::invalid("view.state", "is required"))?;
    let state = PaymentState::from(state.as_str());
    let amount = get(v, "amount");
    let amount = match amount.as_f64() {
        _ if absent(&amount) => None,
        Some(a) if a >= 0.0 && a.fract() == 0.0 && a <= MAX_SAFE_AMOUNT as f64 => Some(a as u64),
        _ => {
            return Err(Error::invalid(
                "view.amount",
                "must be a whole number of minor units",
            ))
        }
    };
    let card = get(v, "card");
    let card = if absent(&card) {
        None
    } else {
        object(&card, "view.card")?;
        Some(CardView {
            brand: opt_string(&card, "brand", "view.card")?,
            last4: opt_string(&card, "last4", "view.card")?,
        })
    };
    let redirect = get(v, "redirect");
    let redirect = if absent(&redirect) {
        None
    } else {
        Some(redirect_from_js(&redirect, "view.redirect")?)
    };
    let is_final = get(v, "final")
        .as_bool()
        .unwrap_or_else(|| state.is_final());
    Ok(PaymentView {
        session_id: opt_string(v, "session_id", F)?.unwrap_or_default(),
        state,
        is_final,
        amount,
        currency: opt_string(v, "currency", F)?,
        card,
        redirect,
        updated_at: opt_string(v, "updated_at", F)?,
        metadata: None,
    })
}

fn string_list(v: &JsValue, field: &str) -> Result<Option<Vec<String>>, Error> {
    if absent(v) {
        return Ok(None);
    }
    if !Array::is_array(v) {
        return Err(Error::invalid(field, "must be an array of strings"));
    }
    Array::from(v)
        .iter()
        .map(|h| {
            h.as_string()
                .ok_or_else(|| Error::invalid(field, "must be an array of strings"))
        })
        .collect::<Result<Vec<_>, _>>()
        .map(Some)
}

// ---- redirect -------------------------------------------------------------

struct RedirectOptions {
    target: String,
    allowed_hosts: Option<Vec<String>>,
}

fn redirect_options(opts: &JsValue) -> Result<RedirectOptions, Error> {
    if !absent(opts) {
        object(opts, "opts")?;
    }
    let target = opt_string(opts, "target", "opts")?.unwrap_or_else(|| "_self".into());
    if target.is_empty() || target.bytes().any(|b| b < 0x20 || b == 0x7f) {
        return Err(Error::invalid(
            "opts.target",
            "must be _self, _top, _blank or a frame name",
        ));
    }
    Ok(RedirectOptions {
        target,
        allowed_hosts: string_list(&get(opts, "allowedHosts"), "opts.allowedHosts")?,
    })
}

fn plan_to_js(p: &RedirectPlan) -> JsValue {
    let out = Object::new();
    let fields = Array::new();
    for (k, v) in &p.fields {
        fields.push(&Array::of2(&JsValue::from_str(k), &JsValue::from_str(v)));
    }
    let _ = Reflect::set(&out, &"method".into(), &p.method.as_str().into());
    let _ = Reflect::set(&out, &"action".into(), &p.action.as_str().into());
    let _ = Reflect::set(&out, &"fields".into(), &fields);
    out.into()
}

fn dom_error(what: &str) -> Error {
    Error::UnsafeRedirect {
        message: ["the page cannot ", what].concat(),
    }
}

fn document() -> Result<Document, Error> {
    web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| dom_error("be reached (no window.document)"))
}

/// POST: a hidden form built with DOM calls, submitted to `target`.
/// GET: navigation (or `window.open` for another target).
fn perform(p: &RedirectPlan, target: &str) -> Result<(), Error> {
    let window = web_sys::window().ok_or_else(|| dom_error("navigate (no window)"))?;
    match p.method {
        RedirectMethod::Post => {
            let doc = document()?;
            let form: HtmlFormElement = doc
                .create_element("form")
                .ok()
                .and_then(|e| e.dyn_into().ok())
                .ok_or_else(|| dom_error("create a form"))?;
            form.set_method("post");
            form.set_action(&p.action);
            form.set_target(target);
            form.set_accept_charset("UTF-8");
            form.set_hidden(true);
            for (name, value) in &p.fields {
                let input: HtmlInputElement = doc
                    .create_element("input")
                    .ok()
                    .and_then(|e| e.dyn_into().ok())
                    .ok_or_else(|| dom_error("create an input"))?;
                input.set_type("hidden");
                input.set_name(name);
                input.set_value(value);
                form.append_child(&input)
                    .map_err(|_| dom_error("build the form"))?;
            }
            let body = doc.body().ok_or_else(|| dom_error("find document.body"))?;
            body.append_child(&form)
                .map_err(|_| dom_error("attach the form"))?;
            let sent = form.submit();
            let _ = body.remove_child(&form);
            sent.map_err(|_| dom_error("submit the form"))
        }
        _ if target == "_self" => window
            .location()
            .assign(&p.action)
            .map_err(|_| dom_error("navigate")),
        _ => window
            .open_with_url_and_target(&p.action, target)
            .map(|_| ())
            .map_err(|_| dom_error("open the target")),
    }
}

/// `{ method, action, fields: [[name, value], …] }` for a redirect, or
/// `unsafe_redirect`. `opts.allowedHosts` narrows the allowed hosts.
#[wasm_bindgen(js_name = redirectPlan)]
pub fn redirect_plan(redirect: JsValue, opts: JsValue) -> Result<JsValue, JsValue> {
    let r = redirect_from_js(&redirect, "redirect").js()?;
    let o = redirect_options(&opts).js()?;
    let p = plan(&r, o.allowed_hosts.as_deref()).js()?;
    Ok(plan_to_js(&p))
}

/// Sends the customer through 3-D Secure: a POST form (hidden inputs, built
/// with DOM calls) or a GET navigation, to `opts.target` (`_self` by default,
/// `_top`, `_blank` or a frame name).
#[wasm_bindgen(js_name = performRedirect)]
pub fn perform_redirect(redirect: JsValue, opts: JsValue) -> Result<(), JsValue> {
    let r = redirect_from_js(&redirect, "redirect").js()?;
    let o = redirect_options(&opts).js()?;
    let p = plan(&r, o.allowed_hosts.as_deref()).js()?;
    perform(&p, &o.target).js()
}

// ---- status view ------------------------------------------------------------

const RECONNECTING: &str = "reconnecting";

/// Shows a `PaymentView` in an element: label, amount, card, progress.
#[wasm_bindgen]
pub struct StatusView {
    root: Element,
    label: Element,
    amount: Element,
    card: Element,
    progress: Element,
    labels: Vec<(String, String)>,
    locale: Option<String>,
    state_label: String,
}

fn child(doc: &Document, root: &Element, tag: &str, class: &str) -> Result<Element, Error> {
    let el = doc
        .create_element(tag)
        .map_err(|_| Error::invalid("element", "cannot hold the status view"))?;
    el.set_class_name(class);
    root.append_child(&el)
        .map_err(|_| Error::invalid("element", "cannot hold the status view"))?;
    Ok(el)
}

fn set_hidden(el: &Element, hidden: bool) {
    let _ = if hidden {
        el.set_attribute("hidden", "")
    } else {
        el.remove_attribute("hidden")
    };
}

/// Minor units as money in the locale, exactly (the decimal string goes to
/// `Intl.NumberFormat`, never a float). Falls back to "150.00 USD".
fn format_money(amount: u64, currency: &str, locale: Option<&str>) -> String {
    let decimal = crate::money::to_decimal(amount, currency);
    let code = currency.to_ascii_uppercase();
    let digits = JsValue::from(crate::money::exponent(currency));
    let options = Object::new();
    let _ = Reflect::set(&options, &"style".into(), &"currency".into());
    let _ = Reflect::set(&options, &"currency".into(), &code.as_str().into());
    let _ = Reflect::set(&options, &"minimumFractionDigits".into(), &digits);
    let _ = Reflect::set(&options, &"maximumFractionDigits".into(), &digits);
    let locales = locale.map_or(JsValue::UNDEFINED, JsValue::from_str);
    NumberFormat::new(&locales, &options)
        .and_then(|f| f.format(&decimal))
        .unwrap_or_else(|_| [decimal.as_str(), " ", code.as_str()].concat())
}

impl StatusView {
    fn create(element: &JsValue, opts: &JsValue) -> Result<StatusView, Error> {
        let root: Element = element
            .clone()
            .dyn_into()
            .map_err(|_| Error::invalid("element", "must be a DOM element"))?;
        if !absent(opts) {
            object(opts, "opts")?;
        }
        let labels_js = get(opts, "labels");
        let labels = fields(&labels_js, "opts.labels")?.0;
        let locale = opt_string(opts, "locale", "opts")?;
        let doc = root
            .owner_document()
            .ok_or_else(|| Error::invalid("element", "must be in a document"))?;
        root.set_text_content(None);
        root.class_list().add_1("sg-status").ok();
        let _ = root.set_attribute("role", "status");
        let _ = root.set_attribute("aria-live", "polite");
        let label = child(&doc, &root, "span", "sg-status__label")?;
        let amount = child(&doc, &root, "span", "sg-status__amount")?;
        let card = child(&doc, &root, "span", "sg-status__card")?;
        let progress = child(&doc, &root, "progress", "sg-status__progress")?;
        let _ = progress.set_attribute("aria-label", "in progress");
        let view = StatusView {
            root,
            label,
            amount,
            card,
            progress,
            labels,
            locale,
            state_label: String::new(),
        };
        view.render(&PaymentView {
            session_id: String::new(),
            state: PaymentState::Processing,
            is_final: false,
            amount: None,
            currency: None,
            card: None,
            redirect: None,
            updated_at: None,
            metadata: None,
        });
        Ok(view)
    }

    fn label_for(&self, key: &str) -> Option<&str> {
        self.labels
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    fn render(&self, v: &PaymentView) -> String {
        let state = v.state.as_str();
        let _ = self.root.set_attribute("data-state", state);
        let _ = self
            .root
            .set_attribute("data-final", if v.is_final { "true" } else { "false" });
        let _ = self.root.remove_attribute("data-connection");
        let label = self
            .label_for(state)
            .unwrap_or(v.state.default_label())
            .to_string();
        self.label.set_text_content(Some(&label));
        let amount = match (v.amount, v.currency.as_deref()) {
            (Some(a), Some(c)) => format_money(a, c, self.locale.as_deref()),
            _ => String::new(),
        };
        self.amount.set_text_content(Some(&amount));
        set_hidden(&self.amount, amount.is_empty());
        let card = v
            .card
            .as_ref()
            .map(|c| {
                let brand = c.brand.as_deref().unwrap_or("").to_ascii_uppercase();
                match c.last4.as_deref() {
                    Some(l) if brand.is_empty() => ["•••• ", l].concat(),
                    Some(l) => [brand.as_str(), " •••• ", l].concat(),
                    None => brand,
                }
            })
            .unwrap_or_default();
        self.card.set_text_content(Some(&card));
        set_hidden(&self.card, card.is_empty());
        set_hidden(&self.progress, v.is_final);
        label
    }

    fn reconnecting(&self, on: bool) {
        if on {
            let _ = self.root.set_attribute("data-connection", RECONNECTING);
            let text = self.label_for(RECONNECTING).unwrap_or("Reconnecting…");
            self.label.set_text_content(Some(text));
        } else {
            let _ = self.root.remove_attribute("data-connection");
            self.label.set_text_content(Some(&self.state_label));
        }
    }
}

#[wasm_bindgen]
impl StatusView {
    /// `new StatusView(element, { labels?, locale? })`: takes over `element`.
    #[wasm_bindgen(constructor)]
    pub fn new(element: JsValue, opts: JsValue) -> Result<StatusView, JsValue> {
        StatusView::create(&element, &opts).js()
    }

    /// Shows a `PaymentView`.
    pub fn update(&mut self, view: JsValue) -> Result<(), JsValue> {
        let v = view_from_js(&view).js()?;
        self.state_label = self.render(&v);
        Ok(())
    }

    /// Shows (or clears) the "reconnecting" state, keeping the last view.
    #[wasm_bindgen(js_name = setReconnecting)]
    pub fn set_reconnecting(&self, on: bool) {
        self.reconnecting(on);
    }
}

// ---- following a payment ----------------------------------------------------
//
// The decisions live here (parsing each view, rendering it, backing off,
// the one-time 3-D Secure redirect, the timeout); the package's follow.js
// only fetches and waits. An async executor and an HTTP client in wasm would
// cost more than the whole size budget of this build.

fn number_opt(opts: &JsValue, key: &str, default: u64) -> Result<u64, Error> {
    let v = get(opts, key);
    if absent(&v) {
        return Ok(default);
    }
    match v.as_f64() {
        Some(n) if n >= 1.0 && n.fract() == 0.0 && n <= 86_400_000.0 => Ok(n as u64),
        _ => Err(Error::invalid(
            path("opts", key),
            "must be a whole number of milliseconds, at least 1",
        )),
    }
}

/// One `followPayment` run: `new Follower(element, statusUrl, opts)`, then
/// `step(polledJsonOrUndefined, elapsedMs)` after every poll.
#[wasm_bindgen]
pub struct Follower {
    view: StatusView,
    follower: crate::follow::Follower,
    url: String,
    timeout_ms: u64,
    redirect: RedirectOptions,
}

#[wasm_bindgen]
impl Follower {
    /// Validates everything up front and takes over `element`.
    #[wasm_bindgen(constructor)]
    pub fn new(element: JsValue, status_url: JsValue, opts: JsValue) -> Result<Follower, JsValue> {
        (|| {
            let url = status_url
                .as_string()
                .filter(|u| !u.is_empty())
                .ok_or_else(|| Error::invalid("statusUrl", "must be a URL string"))?;
            if !absent(&opts) {
                object(&opts, "opts")?;
            }
            let interval = number_opt(&opts, "intervalMs", DEFAULT_INTERVAL_MS)?;
            let timeout_ms = number_opt(&opts, "timeoutMs", DEFAULT_TIMEOUT_MS)?;
            let auto = get(&opts, "autoRedirect");
            if !absent(&auto) && auto.as_bool().is_none() {
                return Err(Error::invalid("opts.autoRedirect", "must be a boolean"));
            }
            Ok(Follower {
                redirect: redirect_options(&opts)?,
                view: StatusView::create(&element, &opts)?,
                follower: crate::follow::Follower::new(interval, auto.as_bool().unwrap_or(true)),
                url,
                timeout_ms,
            })
        })()
        .js()
    }

    /// The URL to poll.
    #[wasm_bindgen(getter)]
    pub fn url(&self) -> String {
        self.url.clone()
    }

    /// How long the next poll may take.
    #[wasm_bindgen(js_name = pollTimeoutMs)]
    pub fn poll_timeout_ms(&self, elapsed_ms: f64) -> f64 {
        let left = self.timeout_ms as f64 - elapsed_ms.max(0.0);
        left.clamp(1.0, 30_000.0)
    }

    /// After a poll: `polled` is the JSON received, or `undefined` when the
    /// poll failed. Shows it, redirects once if asked, and returns the delay
    /// before the next poll, or -1 at a final state. Throws `timeout` when
    /// the time is up, `unsafe_redirect` for a bad redirect.
    pub fn step(&mut self, polled: JsValue, elapsed_ms: f64) -> Result<f64, JsValue> {
        let parsed = if absent(&polled) {
            None
        } else {
            view_from_js(&polled).ok()
        };
        let delay = match parsed {
            Some(v) => {
                self.view.state_label = self.view.render(&v);
                match self.follower.on_view(&v) {
                    Step::Done => return Ok(-1.0),
                    Step::Wait { delay_ms, redirect } => {
                        if let (true, Some(r)) = (redirect, v.redirect.as_ref()) {
                            let p = plan(r, self.redirect.allowed_hosts.as_deref()).js()?;
                            perform(&p, &self.redirect.target).js()?;
                        }
                        delay_ms
                    }
                }
            }
            None => {
                self.view.reconnecting(true);
                self.follower.on_failure()
            }
        };
        let elapsed = elapsed_ms.max(0.0) as u64;
        if elapsed >= self.timeout_ms {
            return Err(to_js(&Error::Timeout));
        }
        Ok(delay.min(self.timeout_ms - elapsed) as f64)
    }
}

#[cfg(test)]
mod tests;

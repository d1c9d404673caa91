//! [`Node`] over JavaScript values. Objects may be the caller's (getters,
//! proxies): every read that can run their code is a `catch` import, and a
//! throw comes back as [`Unreadable`], never as an exception through wasm.

use smart_glocal::limits::MAX_ENTRIES;
use smart_glocal::prelude::*;
use smart_glocal::tree::{integer_of_f64, IntegerRead, Kind, Node, Unreadable};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = Reflect, js_name = get, catch)]
    fn reflect_get(target: &JsValue, key: &JsValue) -> Result<JsValue, JsValue>;

    #[cfg(feature = "edge")]
    #[wasm_bindgen(js_namespace = Object, js_name = hasOwn, catch)]
    fn has_own(target: &JsValue, key: &JsValue) -> Result<bool, JsValue>;

    #[wasm_bindgen(js_namespace = Object, js_name = keys, catch)]
    fn object_keys(target: &JsValue) -> Result<js_sys::Array, JsValue>;

    #[wasm_bindgen(js_namespace = Array, js_name = isArray, catch)]
    fn is_array(value: &JsValue) -> Result<bool, JsValue>;
}

/// Whether `key` is an own member of `target`: only own members are read,
/// never through the prototype chain (a polluted `Object.prototype` adds no
/// option and no field). Both packages copy every caller object into
/// objects without a prototype before it reaches here (`js/own.js`); the
/// edge checks again, the size-bound browser build relies on the copy.
#[cfg(feature = "edge")]
fn own(target: &JsValue, key: &JsValue) -> Result<bool, Unreadable> {
    has_own(target, key).map_err(|_| Unreadable)
}

#[cfg(not(feature = "edge"))]
fn own(_: &JsValue, _: &JsValue) -> Result<bool, Unreadable> {
    Ok(true)
}

/// A JavaScript value read as a tree.
#[derive(Clone)]
pub struct JsNode(pub JsValue);

impl JsNode {
    /// `None` for `undefined` (an absent argument).
    pub fn of(value: &JsValue) -> Option<JsNode> {
        (!value.is_undefined()).then(|| JsNode(value.clone()))
    }
}

impl Node for JsNode {
    fn kind(&self) -> Kind {
        let v = &self.0;
        if v.is_null() {
            Kind::Null
        } else if v.is_string() {
            Kind::String
        } else if v.as_f64().is_some() {
            Kind::Number
        } else if v.as_bool().is_some() {
            Kind::Bool
        } else if v.is_function() {
            Kind::Function
        } else if v.is_object() {
            match is_array(v) {
                Ok(true) => Kind::Array,
                Ok(false) => Kind::Object,
                // A revoked proxy: nothing can be read from it.
                Err(_) => Kind::Other,
            }
        } else {
            Kind::Other
        }
    }

    fn get(&self, key: &str) -> Result<Option<Self>, Unreadable> {
        if !self.0.is_object() && !self.0.is_function() {
            return Ok(None);
        }
        let key = JsValue::from_str(key);
        if !own(&self.0, &key)? {
            return Ok(None);
        }
        let v = reflect_get(&self.0, &key).map_err(|_| Unreadable)?;
        Ok(JsNode::of(&v))
    }

    fn keys(&self) -> Result<Vec<String>, Unreadable> {
        if !self.0.is_object() {
            return Ok(Vec::new());
        }
        let keys = object_keys(&self.0).map_err(|_| Unreadable)?;
        let n = keys.length() as usize;
        if n > MAX_ENTRIES {
            return Err(Unreadable);
        }
        Ok((0..n)
            .map(|i| keys.get(i as u32).as_string().unwrap_or_default())
            .collect())
    }

    fn length(&self) -> Result<usize, Unreadable> {
        let n = reflect_get(&self.0, &JsValue::from_str("length"))
            .map_err(|_| Unreadable)?
            .as_f64()
            .unwrap_or(0.0);
        if !(0.0..=4_294_967_295.0).contains(&n) {
            return Err(Unreadable);
        }
        Ok(n as usize)
    }

    fn at(&self, index: usize) -> Result<Option<Self>, Unreadable> {
        let index = JsValue::from_f64(index as f64);
        if !own(&self.0, &index)? {
            return Ok(None);
        }
        let v = reflect_get(&self.0, &index).map_err(|_| Unreadable)?;
        Ok(JsNode::of(&v))
    }

    fn string(&self) -> Option<String> {
        self.0.as_string()
    }

    fn boolean(&self) -> Option<bool> {
        self.0.as_bool()
    }

    fn number(&self) -> Option<f64> {
        self.0.as_f64()
    }

    fn safe_integer(&self) -> IntegerRead {
        match self.0.as_f64() {
            Some(n) => integer_of_f64(n),
            None => IntegerRead::NotANumber,
        }
    }

    fn scalar_text(&self) -> Option<String> {
        if let Some(b) = self.0.as_bool() {
            return Some(if b { "true" } else { "false" }.into());
        }
        self.0.as_f64().map(smart_glocal::json::js_number_text)
    }
}

//! Core outputs ([`Out`]) as JavaScript values.

use js_sys::{Array, Object, Reflect};
use smart_glocal::tree::Out;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// Defines an own data property, whatever the key (`__proto__` included):
    /// form field names are data.
    #[wasm_bindgen(js_namespace = Reflect, js_name = defineProperty)]
    fn define_property(target: &Object, key: &str, descriptor: &Object) -> bool;
}

pub fn to_js(out: &Out) -> JsValue {
    match out {
        Out::Null => JsValue::NULL,
        Out::Bool(b) => JsValue::from_bool(*b),
        Out::Int(n) => JsValue::from_f64(*n as f64),
        Out::Str(s) => JsValue::from_str(s),
        Out::Raw(text) => js_sys::JSON::parse(text).unwrap_or(JsValue::NULL),
        Out::Arr(items) => {
            let a = Array::new_with_length(items.len() as u32);
            for (i, item) in items.iter().enumerate() {
                a.set(i as u32, to_js(item));
            }
            a.into()
        }
        Out::Obj(fields) => {
            let o = Object::new();
            for (k, v) in fields {
                let _ = Reflect::set(&o, &JsValue::from_str(k), &to_js(v));
            }
            o.into()
        }
        Out::Map(fields) => {
            let o = Object::new();
            for (k, v) in fields {
                // A descriptor without a prototype: a polluted
                // `Object.prototype.get` must not turn it into an accessor.
                let d = Object::create(JsValue::NULL.unchecked_ref());
                let _ = Reflect::set(&d, &"value".into(), &to_js(v));
                for flag in ["writable", "enumerable", "configurable"] {
                    let _ = Reflect::set(&d, &flag.into(), &JsValue::TRUE);
                }
                define_property(&o, k, &d);
            }
            o.into()
        }
    }
}

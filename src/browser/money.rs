//! The browser's money formatter: minor units as money in a locale, the
//! digits by the core's rule and the symbols by `Intl.NumberFormat` (the
//! only platform call the browser glue makes itself).

use crate::wasm::error::JsResult;
use crate::wasm::js_node::JsNode;
use js_sys::{Object, Reflect};
use smart_glocal::money::read_money;
use smart_glocal::prelude::*;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = Intl, js_name = NumberFormat)]
    type NumberFormat;
    #[wasm_bindgen(constructor, js_namespace = Intl, js_class = "NumberFormat", catch)]
    fn new_format(locales: &JsValue, options: &JsValue) -> Result<NumberFormat, JsValue>;
    #[wasm_bindgen(method, catch)]
    fn format(this: &NumberFormat, value: &str) -> Result<String, JsValue>;
}

/// Minor units as money in the locale, exactly (the decimal string goes to
/// `Intl.NumberFormat`, never a float). Falls back to "150.00 USD".
pub fn format_money(amount: u64, currency: &str, locale: Option<&str>) -> String {
    let decimal = smart_glocal::money::to_decimal(amount, currency);
    let code = currency.to_ascii_uppercase();
    let digits = JsValue::from(smart_glocal::money::exponent(currency));
    let options = Object::new();
    let _ = Reflect::set(&options, &"style".into(), &"currency".into());
    let _ = Reflect::set(&options, &"currency".into(), &code.as_str().into());
    let _ = Reflect::set(&options, &"minimumFractionDigits".into(), &digits);
    let _ = Reflect::set(&options, &"maximumFractionDigits".into(), &digits);
    let locales = locale.map_or(JsValue::UNDEFINED, JsValue::from_str);
    NumberFormat::new_format(&locales, &options)
        .and_then(|f| f.format(&decimal))
        .unwrap_or_else(|_| cat(&[decimal.as_str(), " ", code.as_str()]))
}

/// `formatMoney(amount, currency, { locale? })`: `amount` whole minor
/// units, `currency` an ISO 4217 code (the digits after the point are the
/// currency's: JPY none, BHD three), `opts` a prototype-free copy of the
/// caller's, read as a status display's. Throws `invalid_params` naming the
/// argument.
#[wasm_bindgen(js_name = formatMoney)]
pub fn format_money_js(amount: JsValue, currency: JsValue, opts: JsValue) -> JsResult<JsValue> {
    let o = super::status::status_options(&opts)?;
    let (amount, currency) = read_money(&JsNode(amount), &JsNode(currency))?;
    // A JS string made here: no buffer handed back to free.
    Ok(format_money(amount, &currency, o.locale.as_deref())
        .as_str()
        .into())
}

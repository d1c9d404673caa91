//! `amount_details` in a request.

use super::edits::Edits;
use super::object::{invalid, lowercase_in_body, Obj};
use crate::error::Error;
use crate::json::Value;
use crate::prelude::*;
use crate::tree::{IntegerRead, Node, Path};

/// Integer minor units (1 to 2^53 − 1) and a currency, sent lowercase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Amount {
    pub amount: u64,
    pub currency: String,
}

impl Amount {
    pub fn read(v: Value<'_>, path: &Path, edits: &mut Edits) -> Result<Amount, Error> {
        let o = Obj::new(v, path, &["amount", "currency"])?;
        let amount_value = o.required("amount")?;
        let amount = match amount_value.safe_integer() {
            IntegerRead::Ok(n) if n >= 1 => n,
            _ => {
                return Err(invalid(
                    &path.key("amount"),
                    "must be a positive integer of minor units, at most 2^53 - 1",
                ))
            }
        };
        let currency_value = o.required("currency")?;
        let currency = currency_value
            .as_str()
            .ok_or_else(|| invalid(&path.key("currency"), "must be a string"))?;
        if !is_currency_code(&currency) {
            return Err(invalid(&path.key("currency"), CURRENCY_RULE));
        }
        lowercase_in_body(currency_value, edits);
        Ok(Amount {
            amount,
            currency: currency.to_ascii_lowercase(),
        })
    }
}

/// What a currency must be, for every reader that checks one.
pub const CURRENCY_RULE: &str = "must be a three-letter ISO 4217 code";

/// Three ASCII letters (either case).
pub fn is_currency_code(s: &str) -> bool {
    s.len() == 3 && s.bytes().all(|b| b.is_ascii_alphabetic())
}

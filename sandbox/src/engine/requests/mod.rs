//! The sandbox's own reading of request bodies, written from the live
//! reference's pages (docs/PROTOCOL.md names them), not from the SDK: the
//! sandbox is a second, independent reading of the API, so a modelling
//! error in the SDK's `params` meets a sandbox that refuses it. Nothing here
//! may use `smart_glocal::params` (a test greps for it).
//!
//! Strict like the live service is assumed to be: unknown members, wrong
//! types, repeated keys and numbers that break a public rule are
//! `400 invalid_params` naming the field.

mod bank;
mod checks;
mod json;
mod payment;
mod payout;
mod token;

pub use bank::BankAccount;
pub use checks::{luhn_ok, mask_last4};
pub use payment::{
    AmountChange, BankCard, CardShape, CreateSession, InitPayment, Initiator, PaymentDetails,
    PaymentOptions, StartPayment,
};
pub use payout::{FpsVerification, InitPayout, PaymentMethod, StartPayout};
pub use token::{AcquiringWidget, TokenInfoRequest, TokenRequest};

use super::Reply;
use serde_json::{Map, Value};
use smart_glocal::Endpoint;

/// A JSON value passed on as the caller wrote it (customer, metadata, …).
#[derive(Debug, Clone, PartialEq)]
pub struct RawJson(pub Value);

/// A checked request body.
#[derive(Debug)]
pub enum Request {
    CreateSession(CreateSession),
    InitPayment(InitPayment),
    StartPayment(StartPayment),
    InitPayout(InitPayout),
    StartPayout(StartPayout),
    SessionId(String),
    AmountChange(AmountChange),
    RecurrentToken(String),
    Token(TokenRequest),
    TokenInfo(TokenInfoRequest),
    WalletBalance,
    FpsVerification(FpsVerification),
}

/// Reads the body of `endpoint`; `v2`: API v2 names (a payout's
/// destination is `payout_details`, v1's `payment_method`).
pub fn read(endpoint: Endpoint, body: &[u8], v2: bool) -> Result<Request, Reply> {
    let root = json::parse_strict(body)?;
    let mut o = Obj::root(&root)?;
    o.v2 = v2;
    Ok(match endpoint {
        Endpoint::SessionCreate => Request::CreateSession(CreateSession::read(&o)?),
        Endpoint::InitPayment => Request::InitPayment(InitPayment::read(&o)?),
        Endpoint::StartPayment => Request::StartPayment(StartPayment::read(&o)?),
        Endpoint::InitPayout => Request::InitPayout(InitPayout::read(&o)?),
        Endpoint::StartPayout => Request::StartPayout(StartPayout::read(&o)?),
        Endpoint::Confirm | Endpoint::Cancel | Endpoint::Status => {
            o.only(&["session_id"])?;
            Request::SessionId(o.text("session_id")?)
        }
        Endpoint::Capture => Request::AmountChange(AmountChange::read(&o, false)?),
        Endpoint::Refund => Request::AmountChange(AmountChange::read(&o, true)?),
        Endpoint::RecurrentStatus | Endpoint::RecurrentDisable => {
            o.only(&["recurrent"])?;
            let r = o.object("recurrent")?;
            r.only(&["token"])?;
            Request::RecurrentToken(r.text("token")?)
        }
        Endpoint::Token => Request::Token(TokenRequest::read(&o)?),
        Endpoint::TokenInfo => Request::TokenInfo(TokenInfoRequest::read(&o)?),
        Endpoint::WalletBalance => {
            o.only(&["request_datetime"])?;
            checks::timestamp(&o, "request_datetime")?;
            Request::WalletBalance
        }
        Endpoint::FpsCustomerVerification => Request::FpsVerification(FpsVerification::read(&o)?),
        _ => return Err(Reply::error(404, "not_found", "no such endpoint")),
    })
}

/// `400 invalid_params` for `field`.
pub fn invalid(field: &str, message: &str) -> Reply {
    Reply::error(
        400,
        "invalid_params",
        format!("invalid `{field}`: {message}"),
    )
}

/// One object of a body, with the dotted path that names it in errors.
pub struct Obj<'v> {
    map: &'v Map<String, Value>,
    path: String,
    /// API v2 names.
    v2: bool,
}

impl<'v> Obj<'v> {
    fn root(v: &'v Value) -> Result<Obj<'v>, Reply> {
        match v {
            Value::Object(map) => Ok(Obj {
                map,
                path: String::new(),
                v2: false,
            }),
            _ => Err(invalid("params", "must be a JSON object")),
        }
    }

    /// The member naming a payout's destination: `payment_method` (v1) or
    /// `payout_details` (v2).
    pub fn method_key(&self) -> &'static str {
        if self.v2 {
            "payout_details"
        } else {
            "payment_method"
        }
    }

    /// The dotted name of member `key`.
    pub fn name(&self, key: &str) -> String {
        if self.path.is_empty() {
            key.to_string()
        } else {
            format!("{}.{key}", self.path)
        }
    }

    fn here(&self) -> &str {
        if self.path.is_empty() {
            "params"
        } else {
            &self.path
        }
    }

    /// Every member must be one of `known`; the unknown one is never
    /// echoed (it may be data), the allowed names are listed.
    pub fn only(&self, known: &[&str]) -> Result<(), Reply> {
        match self.map.keys().find(|k| !known.contains(&k.as_str())) {
            Some(_) => Err(invalid(
                self.here(),
                &format!("has an unknown field (allowed: {})", known.join(", ")),
            )),
            None => Ok(()),
        }
    }

    /// A member, `null` counting as absent.
    pub fn get(&self, key: &str) -> Option<&'v Value> {
        self.map.get(key).filter(|v| !v.is_null())
    }

    pub fn has(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    pub fn required(&self, key: &str) -> Result<&'v Value, Reply> {
        self.get(key)
            .ok_or_else(|| invalid(&self.name(key), "is required"))
    }

    pub fn object(&self, key: &str) -> Result<Obj<'v>, Reply> {
        match self.required(key)? {
            Value::Object(map) => Ok(Obj {
                map,
                path: self.name(key),
                v2: self.v2,
            }),
            _ => Err(invalid(&self.name(key), "must be an object")),
        }
    }

    pub fn object_opt(&self, key: &str) -> Result<Option<Obj<'v>>, Reply> {
        if self.has(key) {
            self.object(key).map(Some)
        } else {
            Ok(None)
        }
    }

    /// A non-blank string.
    pub fn text(&self, key: &str) -> Result<String, Reply> {
        match self.required(key)? {
            Value::String(s) if !s.trim().is_empty() => Ok(s.clone()),
            Value::String(_) => Err(invalid(&self.name(key), "must not be empty")),
            _ => Err(invalid(&self.name(key), "must be a string")),
        }
    }

    pub fn text_opt(&self, key: &str) -> Result<Option<String>, Reply> {
        if self.has(key) {
            self.text(key).map(Some)
        } else {
            Ok(None)
        }
    }

    /// A boolean; the reference's own token example sends `"true"`.
    pub fn flag(&self, key: &str) -> Result<bool, Reply> {
        match self.get(key) {
            None => Ok(false),
            Some(Value::Bool(b)) => Ok(*b),
            Some(Value::String(s)) if s == "true" || s == "false" => Ok(s == "true"),
            Some(_) => Err(invalid(&self.name(key), "must be a boolean")),
        }
    }

    /// Any JSON value, passed on.
    pub fn raw(&self, key: &str) -> Option<RawJson> {
        self.get(key).map(|v| RawJson(v.clone()))
    }

    /// An object passed on (customer, participant details).
    pub fn raw_object(&self, key: &str) -> Result<Option<RawJson>, Reply> {
        match self.get(key) {
            None => Ok(None),
            Some(v @ Value::Object(_)) => Ok(Some(RawJson(v.clone()))),
            Some(_) => Err(invalid(&self.name(key), "must be an object")),
        }
    }
}

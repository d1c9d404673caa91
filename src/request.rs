//! Typed request parameters → validated → [`PreparedRequest`].
//!
//! Pure: no I/O, no clock, no randomness. The idempotency key and the
//! signature are passed in by the caller.
//!
//! Parameters are read strictly: an unknown field is an error naming it (a
//! typo in a payment request must not be dropped silently), and every
//! validation error names the dotted path of the field. Values are never
//! quoted in messages, so a card number or security code cannot leak into a
//! log through an error.

use crate::error::Error;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Number, Value};

/// The largest amount JavaScript can hold exactly (2^53 − 1).
pub const MAX_SAFE_AMOUNT: u64 = (1 << 53) - 1;

/// Longest accepted idempotency key.
pub const MAX_IDEMPOTENCY_KEY_LEN: usize = 255;

/// The API endpoints, under `{base}/api/v1/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Endpoint {
    SessionCreate,
    InitPayment,
    StartPayment,
    Confirm,
    Cancel,
    Capture,
    Refund,
    Status,
    RecurrentStatus,
    RecurrentDisable,
}

impl Endpoint {
    /// Every endpoint, in documentation order.
    pub const ALL: [Endpoint; 10] = [
        Endpoint::SessionCreate,
        Endpoint::InitPayment,
        Endpoint::StartPayment,
        Endpoint::Confirm,
        Endpoint::Cancel,
        Endpoint::Capture,
        Endpoint::Refund,
        Endpoint::Status,
        Endpoint::RecurrentStatus,
        Endpoint::RecurrentDisable,
    ];

    /// The path after `/api/v1/`.
    pub fn path(self) -> &'static str {
        match self {
            Endpoint::SessionCreate => "session/create",
            Endpoint::InitPayment => "session/init/payment",
            Endpoint::StartPayment => "session/start/payment",
            Endpoint::Confirm => "session/confirm",
            Endpoint::Cancel => "session/cancel",
            Endpoint::Capture => "session/capture",
            Endpoint::Refund => "session/refund",
            Endpoint::Status => "session/status",
            Endpoint::RecurrentStatus => "recurrent/status",
            Endpoint::RecurrentDisable => "recurrent/disable",
        }
    }

    /// Looks an endpoint up by its path (`"session/create"`, leading `/` allowed).
    pub fn from_path(path: &str) -> Result<Endpoint, Error> {
        let p = path.trim_start_matches('/');
        let p = p.strip_prefix("api/v1/").unwrap_or(p);
        Endpoint::ALL
            .into_iter()
            .find(|e| e.path() == p)
            .ok_or_else(|| {
                let known: Vec<_> = Endpoint::ALL.iter().map(|e| e.path()).collect();
                Error::invalid(
                    "endpoint",
                    format!("unknown endpoint; expected one of {}", known.join(", ")),
                )
            })
    }

    /// Whether the call changes state, and so carries an idempotency key.
    pub fn is_mutating(self) -> bool {
        !matches!(self, Endpoint::Status | Endpoint::RecurrentStatus)
    }

    /// Reads the JSON parameters of this endpoint, validates and normalises
    /// them, and returns the exact body bytes to sign and send.
    pub fn body_from_json(self, json: &str) -> Result<Vec<u8>, Error> {
        match self {
            Endpoint::SessionCreate => body::<CreateSessionParams>(json),
            Endpoint::InitPayment => body::<InitPaymentParams>(json),
            Endpoint::StartPayment => body::<StartPaymentParams>(json),
            Endpoint::Confirm | Endpoint::Cancel | Endpoint::Status => {
                body::<SessionIdParams>(json)
            }
            Endpoint::Capture | Endpoint::Refund => body::<AmountChangeParams>(json),
            Endpoint::RecurrentStatus | Endpoint::RecurrentDisable => body::<TokenParams>(json),
        }
    }
}

fn body<P: Params>(json: &str) -> Result<Vec<u8>, Error> {
    let mut p: P = from_json(json)?;
    p.validate()?;
    to_body(&p)
}

/// Serialises validated parameters to the body bytes.
pub fn to_body<P: Serialize>(params: &P) -> Result<Vec<u8>, Error> {
    serde_json::to_vec(params).map_err(|_| Error::invalid("params", "cannot be serialised"))
}

/// Parses JSON into `T`, naming the field of the first problem.
pub fn from_json<T: DeserializeOwned>(json: &str) -> Result<T, Error> {
    crate::json::parse(json.as_bytes()).map_err(|e| {
        let path = crate::json::path_at(json.as_bytes(), e.line(), e.column());
        let message = crate::error::safe_serde_message(&e);
        // serde names an unknown or missing field in the message; point at it.
        let (field, message) = match named_field(&message) {
            Some(f) if message.starts_with("missing") => {
                (join_path(&path, f), "is required".into())
            }
            Some(f) => (join_path(&path, f), "is not a known field".into()),
            None => (path, message),
        };
        let field = if field.is_empty() {
            "params".to_string()
        } else if field.starts_with('[') {
            format!("params{field}")
        } else {
            field
        };
        Error::invalid(field, message)
    })
}

fn named_field(message: &str) -> Option<&str> {
    let rest = message
        .strip_prefix("missing field `")
        .or_else(|| message.strip_prefix("unknown field `"))?;
    rest.split('`').next()
}

fn join_path(parent: &str, child: &str) -> String {
    if parent.is_empty() {
        child.to_string()
    } else if parent == child || parent.ends_with(&format!(".{child}")) {
        parent.to_string()
    } else {
        format!("{parent}.{child}")
    }
}

/// Validation of typed parameters. Normalises in place (currency to lowercase).
pub trait Params: DeserializeOwned + Serialize {
    fn validate(&mut self) -> Result<(), Error>;
}

/// `amount_details` in a request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AmountParams {
    /// Integer minor units, 1 ..= 2^53 − 1.
    pub amount: Number,
    /// Three letters; sent lowercase.
    pub currency: String,
}

impl AmountParams {
    pub fn new(amount: u64, currency: &str) -> Self {
        AmountParams {
            amount: amount.into(),
            currency: currency.into(),
        }
    }

    fn validate(&mut self, field: &str) -> Result<(), Error> {
        match self.amount.as_u64() {
            Some(a) if (1..=MAX_SAFE_AMOUNT).contains(&a) => {}
            _ => {
                return Err(Error::invalid(
                    format!("{field}.amount"),
                    "must be a positive integer of minor units, at most 2^53 - 1",
                ))
            }
        }
        if self.currency.len() != 3 || !self.currency.bytes().all(|b| b.is_ascii_alphabetic()) {
            return Err(Error::invalid(
                format!("{field}.currency"),
                "must be a three-letter ISO 4217 code",
            ));
        }
        self.currency.make_ascii_lowercase();
        Ok(())
    }
}

/// `payment_details` in a request: a card (either documented shape) or a
/// recurrent token.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PaymentDetailsParams {
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub card: Option<CardParams>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recurrent: Option<RecurrentParams>,
}

/// A card in a request, in the shape the caller chose:
/// `{"number", …}` (flat) or `{"type":"bank_card","bank_card":{…}}`.
#[derive(Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CardParams {
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bank_card: Option<BankCardParams>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiration_month: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiration_year: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub security_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cardholder_name: Option<String>,
}

impl CardParams {
    /// The card details given flat (seed 000 shape).
    pub fn flat(&self) -> BankCardParams {
        BankCardParams {
            number: self.number.clone(),
            expiration_month: self.expiration_month.clone(),
            expiration_year: self.expiration_year.clone(),
            security_code: self.security_code.clone(),
            cardholder_name: self.cardholder_name.clone(),
        }
    }
}

impl std::fmt::Debug for CardParams {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CardParams { .. }")
    }
}

/// Card details. Never printed by `Debug`.
#[derive(Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BankCardParams {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiration_month: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiration_year: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub security_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cardholder_name: Option<String>,
}

impl std::fmt::Debug for BankCardParams {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("BankCardParams { .. }")
    }
}

impl BankCardParams {
    fn is_empty(&self) -> bool {
        *self == BankCardParams::default()
    }

    fn validate(&self, field: &str) -> Result<(), Error> {
        let f = |name: &str| format!("{field}.{name}");
        let number = self
            .number
            .as_deref()
            .ok_or_else(|| Error::invalid(f("number"), "is required"))?;
        validate_card_number(number).map_err(|m| Error::invalid(f("number"), m))?;
        let month = self
            .expiration_month
            .as_deref()
            .ok_or_else(|| Error::invalid(f("expiration_month"), "is required"))?;
        let month_ok = (1..=2).contains(&month.len())
            && month.bytes().all(|b| b.is_ascii_digit())
            && matches!(month.parse::<u8>(), Ok(1..=12));
        if !month_ok {
            return Err(Error::invalid(
                f("expiration_month"),
                "must be a month from 1 to 12, as a string (\"05\")",
            ));
        }
        let year = self
            .expiration_year
            .as_deref()
            .ok_or_else(|| Error::invalid(f("expiration_year"), "is required"))?;
        if !matches!(year.len(), 2 | 4) || !year.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Error::invalid(
                f("expiration_year"),
                "must be 2 or 4 digits, as a string (\"29\")",
            ));
        }
        if let Some(code) = self.security_code.as_deref() {
            if !(3..=4).contains(&code.len()) || !code.bytes().all(|b| b.is_ascii_digit()) {
                return Err(Error::invalid(f("security_code"), "must be 3 or 4 digits"));
            }
        }
        if let Some(name) = self.cardholder_name.as_deref() {
            if name.trim().is_empty() {
                return Err(Error::invalid(f("cardholder_name"), "must not be empty"));
            }
        }
        Ok(())
    }
}

/// Card number checks. The message never includes the number.
pub fn validate_card_number(number: &str) -> Result<(), &'static str> {
    if !number.bytes().all(|b| b.is_ascii_digit()) {
        return Err("must contain digits only");
    }
    if !(12..=19).contains(&number.len()) {
        return Err("must have 12 to 19 digits");
    }
    if !luhn_ok(number) {
        return Err("fails the Luhn check");
    }
    Ok(())
}

/// The Luhn checksum over ASCII digits.
pub fn luhn_ok(digits: &str) -> bool {
    let mut sum = 0u32;
    for (i, b) in digits.bytes().rev().enumerate() {
        let mut d = u32::from(b.wrapping_sub(b'0'));
        if d > 9 {
            return false;
        }
        if i % 2 == 1 {
            d *= 2;
            if d > 9 {
                d -= 9;
            }
        }
        sum += d;
    }
    sum % 10 == 0
}

/// `payment_details.recurrent` in a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecurrentParams {
    pub token: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub initiator: Option<String>,
}

impl PaymentDetailsParams {
    fn validate(&self, field: &str) -> Result<(), Error> {
        match self.kind.as_str() {
            "card" => {
                let card = self
                    .card
                    .as_ref()
                    .ok_or_else(|| Error::invalid(format!("{field}.card"), "is required"))?;
                if self.recurrent.is_some() {
                    return Err(Error::invalid(
                        format!("{field}.recurrent"),
                        "is not allowed with type card",
                    ));
                }
                let cf = format!("{field}.card");
                let flat = card.flat();
                match (card.kind.as_deref(), &card.bank_card) {
                    (Some("bank_card"), Some(bc)) if flat.is_empty() => {
                        bc.validate(&format!("{cf}.bank_card"))
                    }
                    (Some("bank_card"), Some(_)) => Err(Error::invalid(
                        cf,
                        "give the card either flat or inside bank_card, not both",
                    )),
                    (Some("bank_card"), None) => {
                        Err(Error::invalid(format!("{cf}.bank_card"), "is required"))
                    }
                    (Some(_), _) => Err(Error::invalid(
                        format!("{cf}.type"),
                        "must be \"bank_card\" when given",
                    )),
                    (None, Some(_)) => Err(Error::invalid(
                        format!("{cf}.type"),
                        "must be \"bank_card\" when bank_card is given",
                    )),
                    (None, None) => flat.validate(&cf),
                }
            }
            "recurrent" => {
                let r = self
                    .recurrent
                    .as_ref()
                    .ok_or_else(|| Error::invalid(format!("{field}.recurrent"), "is required"))?;
                if self.card.is_some() {
                    return Err(Error::invalid(
                        format!("{field}.card"),
                        "is not allowed with type recurrent",
                    ));
                }
                if r.token.trim().is_empty() {
                    return Err(Error::invalid(
                        format!("{field}.recurrent.token"),
                        "must not be empty",
                    ));
                }
                match r.initiator.as_deref() {
                    None | Some("client") | Some("merchant") => Ok(()),
                    Some(_) => Err(Error::invalid(
                        format!("{field}.recurrent.initiator"),
                        "must be \"client\" or \"merchant\"",
                    )),
                }
            }
            _ => Err(Error::invalid(
                format!("{field}.type"),
                "must be \"card\" or \"recurrent\"",
            )),
        }
    }
}

/// `payment_options` in a request. Fields this SDK does not know are passed through.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct PaymentOptionsParams {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub return_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recurrent: Option<bool>,
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

impl PaymentOptionsParams {
    fn validate(&self, field: &str) -> Result<(), Error> {
        if let Some(url) = &self.return_url {
            if !is_absolute_http_url(url) {
                return Err(Error::invalid(
                    format!("{field}.return_url"),
                    "must be an absolute http(s) URL",
                ));
            }
        }
        Ok(())
    }
}

/// Whether `s` is an absolute `http:` or `https:` URL with a host, and
/// nothing a browser would strip or reinterpret (whitespace, controls, `\`).
pub fn is_absolute_http_url(s: &str) -> bool {
    crate::url::parse_http(s).is_some()
}

fn require_session_id(id: &str) -> Result<(), Error> {
    if id.trim().is_empty() {
        return Err(Error::invalid("session_id", "must not be empty"));
    }
    Ok(())
}

fn require_object(v: &Option<Value>, field: &str) -> Result<(), Error> {
    match v {
        None | Some(Value::Object(_)) => Ok(()),
        Some(_) => Err(Error::invalid(field, "must be an object")),
    }
}

/// Body of `session/create`: everything optional.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateSessionParams {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_details: Option<PaymentDetailsParams>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_details: Option<AmountParams>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_options: Option<PaymentOptionsParams>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub participant_details: Option<Value>,
    /// Payout details.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_method: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Value>,
}

impl Params for CreateSessionParams {
    fn validate(&mut self) -> Result<(), Error> {
        if let Some(pd) = &self.payment_details {
            pd.validate("payment_details")?;
        }
        if let Some(a) = &mut self.amount_details {
            a.validate("amount_details")?;
        }
        require_object(&self.customer, "customer")?;
        if let Some(o) = &self.payment_options {
            o.validate("payment_options")?;
        }
        require_object(&self.participant_details, "participant_details")?;
        require_object(&self.payment_method, "payment_method")
    }
}

/// Body of `session/init/payment`: create and start in one call.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InitPaymentParams {
    pub payment_details: PaymentDetailsParams,
    pub amount_details: AmountParams,
    pub customer: Value,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_options: Option<PaymentOptionsParams>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub participant_details: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Value>,
}

impl Params for InitPaymentParams {
    fn validate(&mut self) -> Result<(), Error> {
        self.payment_details.validate("payment_details")?;
        self.amount_details.validate("amount_details")?;
        if !self.customer.is_object() {
            return Err(Error::invalid("customer", "must be an object"));
        }
        if let Some(o) = &self.payment_options {
            o.validate("payment_options")?;
        }
        require_object(&self.participant_details, "participant_details")
    }
}

/// Body of `session/start/payment`: the session plus the payment fields not
/// given at create.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StartPaymentParams {
    pub session_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_details: Option<PaymentDetailsParams>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_details: Option<AmountParams>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_options: Option<PaymentOptionsParams>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub participant_details: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Value>,
}

impl Params for StartPaymentParams {
    fn validate(&mut self) -> Result<(), Error> {
        require_session_id(&self.session_id)?;
        if let Some(pd) = &self.payment_details {
            pd.validate("payment_details")?;
        }
        if let Some(a) = &mut self.amount_details {
            a.validate("amount_details")?;
        }
        require_object(&self.customer, "customer")?;
        if let Some(o) = &self.payment_options {
            o.validate("payment_options")?;
        }
        require_object(&self.participant_details, "participant_details")
    }
}

/// Body of `session/confirm`, `session/cancel` and `session/status`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionIdParams {
    pub session_id: String,
}

impl Params for SessionIdParams {
    fn validate(&mut self) -> Result<(), Error> {
        require_session_id(&self.session_id)
    }
}

/// Body of `session/capture` and `session/refund`: without `amount_details`,
/// the whole amount.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AmountChangeParams {
    pub session_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_details: Option<AmountParams>,
}

impl Params for AmountChangeParams {
    fn validate(&mut self) -> Result<(), Error> {
        require_session_id(&self.session_id)?;
        if let Some(a) = &mut self.amount_details {
            a.validate("amount_details")?;
        }
        Ok(())
    }
}

/// Body of `recurrent/status` and `recurrent/disable`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TokenParams {
    pub token: String,
}

impl Params for TokenParams {
    fn validate(&mut self) -> Result<(), Error> {
        if self.token.trim().is_empty() {
            return Err(Error::invalid("token", "must not be empty"));
        }
        Ok(())
    }
}

/// Checks an idempotency key: 1 to 255 visible ASCII characters, so it is a
/// valid header value.
pub fn validate_idempotency_key(key: &str) -> Result<(), Error> {
    if key.is_empty()
        || key.len() > MAX_IDEMPOTENCY_KEY_LEN
        || !key.bytes().all(|b| b.is_ascii_graphic())
    {
        return Err(Error::invalid(
            "idempotencyKey",
            "must be 1 to 255 visible ASCII characters",
        ));
    }
    Ok(())
}

/// Where requests go and on whose behalf.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    base_url: String,
    project: String,
}

/// The test host. The live host is `https://proxy.smart-glocal.com`.
pub const DEFAULT_BASE_URL: &str = "https://demo.smart-glocal.com";

impl Target {
    /// Validates the base URL (absolute http(s), no query) and the project
    /// name (visible ASCII, so it is a valid header value).
    pub fn new(base_url: &str, project: &str) -> Result<Target, Error> {
        if !is_absolute_http_url(base_url) || base_url.contains(['?', '#']) {
            return Err(Error::invalid(
                "baseUrl",
                "must be an absolute http(s) URL without query or fragment",
            ));
        }
        if project.is_empty() || !project.bytes().all(|b| b.is_ascii_graphic()) {
            return Err(Error::invalid(
                "project",
                "must be a non-empty name of visible ASCII characters",
            ));
        }
        Ok(Target {
            base_url: base_url.trim_end_matches('/').to_string(),
            project: project.to_string(),
        })
    }

    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    pub fn project(&self) -> &str {
        &self.project
    }

    /// Builds the request for `endpoint` with `body` (already validated, see
    /// [`Endpoint::body_from_json`]), without its signature.
    pub fn prepare(
        &self,
        endpoint: Endpoint,
        body: Vec<u8>,
        idempotency_key: Option<&str>,
    ) -> Result<UnsignedRequest, Error> {
        if let Some(k) = idempotency_key {
            validate_idempotency_key(k)?;
        }
        let mut headers = vec![
            (HEADER_CONTENT_TYPE, "application/json".to_string()),
            (HEADER_PROJECT, self.project.clone()),
        ];
        if let Some(k) = idempotency_key {
            headers.push((HEADER_IDEMPOTENCY_KEY, k.to_string()));
        }
        Ok(UnsignedRequest(PreparedRequest {
            method: "POST",
            url: format!("{}/api/v1/{}", self.base_url, endpoint.path()),
            headers,
            body,
        }))
    }
}

pub const HEADER_CONTENT_TYPE: &str = "Content-Type";
pub const HEADER_PROJECT: &str = "X-PARTNER-PROJECT";
pub const HEADER_SIGN: &str = "X-PARTNER-SIGN";
pub const HEADER_IDEMPOTENCY_KEY: &str = "X-PARTNER-IDEMPOTENCY-KEY";

/// A request ready to send: the body is exactly the bytes that were signed.
#[derive(Clone, PartialEq, Eq)]
pub struct PreparedRequest {
    pub method: &'static str,
    pub url: String,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
}

impl PreparedRequest {
    /// The value of a header, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

impl std::fmt::Debug for PreparedRequest {
    /// The body may hold card data: only its length is shown.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PreparedRequest")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("headers", &self.headers)
            .field("body_len", &self.body.len())
            .finish()
    }
}

/// A request waiting for its signature. Signing may be asynchronous (RSA on
/// WebCrypto), so it happens outside this pure core.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnsignedRequest(PreparedRequest);

impl UnsignedRequest {
    /// The bytes to sign.
    pub fn body(&self) -> &[u8] {
        &self.0.body
    }

    /// Attaches the signature of [`UnsignedRequest::body`].
    pub fn signed(mut self, signature: String) -> PreparedRequest {
        self.0.headers.insert(2, (HEADER_SIGN, signature));
        self.0
    }

    /// Signs with a synchronous signer.
    #[cfg(feature = "signing")]
    pub fn sign_with(self, signer: &impl crate::signature::Signer) -> PreparedRequest {
        let sig = signer.sign(self.body());
        self.signed(sig)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err_field(r: Result<Vec<u8>, Error>) -> (String, String) {
        match r {
            Err(Error::InvalidParams { field, message }) => (field, message),
            other => panic!("expected invalid_params, got {other:?}"),
        }
    }

    #[test]
    fn luhn() {
        assert!(luhn_ok("4242424242424242"));
        assert!(luhn_ok("4000000000003220"));
        assert!(!luhn_ok("4242424242424241"));
        assert!(validate_card_number("4242 4242 4242 4242").is_err());
        assert!(validate_card_number("42424242424").is_err()); // 11 digits
        assert!(validate_card_number("79927398713").is_err()); // Luhn ok but 11 digits
        assert!(validate_card_number("799273987139").is_err()); // 12 digits, Luhn fails
        assert!(validate_card_number("000000000000").is_ok()); // 12 digits, Luhn ok
        assert!(validate_card_number("00000000000000000000").is_err()); // 20 digits
    }

    #[test]
    fn urls() {
        for ok in [
            "https://website.com",
            "http://127.0.0.1:8787/return?x=1",
            "HTTPS://A.B/c#d",
            "https://[::1]:443/",
            "https://user@host/",
        ] {
            assert!(is_absolute_http_url(ok), "{ok}");
        }
        for bad in [
            "",
            "website.com",
            "/return",
            "javascript:alert(1)",
            "ftp://x",
            "https://",
            "https:///path",
            "https://a b/",
            "https://host:port/",
            "https://host\\@evil/",
            "https://[::1/",
            "http://x\n/",
        ] {
            assert!(!is_absolute_http_url(bad), "{bad:?}");
        }
    }

    #[test]
    fn init_payment_seed_003_shape_round_trips() {
        let json = r#"{"payment_details":{"type":"card","card":{"type":"bank_card","bank_card":{"number":"4242424242424242","expiration_month":"05","expiration_year":"25","security_code":"123"}}},"amount_details":{"amount":10000,"currency":"USD"},"customer":{"reference":"lucky"},"payment_options":{"return_url":"https://website.com"}}"#;
        let body = Endpoint::InitPayment.body_from_json(json).unwrap();
        assert_eq!(
            String::from_utf8(body).unwrap(),
            json.replace("USD", "usd"),
            "same shape, same order, currency lowercased"
        );
    }

    #[test]
    fn start_payment_seed_000_flat_card_round_trips() {
        let json = r#"{"session_id":"3230","payment_details":{"type":"card","card":{"number":"4242424242424242","expiration_month":"12","expiration_year":"22","security_code":"123","cardholder_name":"John Doe"}},"customer":{"reference":"lucky"},"metadata":"good"}"#;
        let body = Endpoint::StartPayment.body_from_json(json).unwrap();
        assert_eq!(String::from_utf8(body).unwrap(), json);
    }

    #[test]
    fn start_payment_seed_004_recurrent_round_trips() {
        let json = r#"{"session_id":"ps_3230","payment_details":{"type":"recurrent","recurrent":{"token":"token_value","initiator":"client"}},"amount_details":{"amount":10000,"currency":"usd"},"customer":{"reference":"lucky"},"payment_options":{"return_url":"https://smart-glocal.com"}}"#;
        let body = Endpoint::StartPayment.body_from_json(json).unwrap();
        assert_eq!(String::from_utf8(body).unwrap(), json);
    }

    #[test]
    fn validation_names_the_field_and_hides_the_value() {
        let card = |number: &str, month: &str, cvc: &str| {
            format!(
                r#"{{"payment_details":{{"type":"card","card":{{"type":"bank_card","bank_card":{{"number":"{number}","expiration_month":"{month}","expiration_year":"29","security_code":"{cvc}"}}}}}},"amount_details":{{"amount":1,"currency":"usd"}},"customer":{{}}}}"#
            )
        };
        let cases = [
            (
                card("4242424242424241", "05", "123"),
                "payment_details.card.bank_card.number",
            ),
            (
                card("4242424242424242", "13", "123"),
                "payment_details.card.bank_card.expiration_month",
            ),
            (
                card("4242424242424242", "0", "123"),
                "payment_details.card.bank_card.expiration_month",
            ),
            (
                card("4242424242424242", "05", "12"),
                "payment_details.card.bank_card.security_code",
            ),
            (
                card("4242424242424242", "05", "12345"),
                "payment_details.card.bank_card.security_code",
            ),
        ];
        for (json, field) in cases {
            let (f, m) = err_field(Endpoint::InitPayment.body_from_json(&json));
            assert_eq!(f, field);
            let shown = format!("{f} {m}");
            assert!(!shown.contains("424242"), "{shown}");
            assert!(!shown.contains("12345"), "{shown}");
        }
        // Security code given as a number: serde's type error must not quote it.
        let json = r#"{"payment_details":{"type":"card","card":{"number":"4242424242424242","expiration_month":"05","expiration_year":"29","security_code":987}},"amount_details":{"amount":1,"currency":"usd"},"customer":{}}"#;
        let (f, m) = err_field(Endpoint::InitPayment.body_from_json(json));
        assert_eq!(f, "payment_details.card.security_code");
        assert!(!m.contains("987"), "{m}");
    }

    #[test]
    fn amounts_and_currency() {
        let p = |amount: &str, currency: &str| {
            format!(
                r#"{{"session_id":"ps_1","amount_details":{{"amount":{amount},"currency":"{currency}"}}}}"#
            )
        };
        for bad in ["0", "-1", "1.5", "9007199254740992", "1e30", "\"10\""] {
            let (f, _) = err_field(Endpoint::Capture.body_from_json(&p(bad, "usd")));
            assert_eq!(f, "amount_details.amount", "{bad}");
        }
        assert!(Endpoint::Capture
            .body_from_json(&p("9007199254740991", "usd"))
            .is_ok());
        for bad in ["us", "usdd", "u5d", "долл"] {
            let (f, _) = err_field(Endpoint::Capture.body_from_json(&p("1", bad)));
            assert_eq!(f, "amount_details.currency", "{bad}");
        }
        let body = Endpoint::Refund.body_from_json(&p("1", "EuR")).unwrap();
        assert!(String::from_utf8(body).unwrap().contains("\"eur\""));
    }

    #[test]
    fn unknown_and_missing_fields_are_named() {
        let (f, m) = err_field(Endpoint::Confirm.body_from_json(r#"{"sesion_id":"ps_1"}"#));
        assert_eq!(f, "sesion_id", "{m}");
        let (f, _) = err_field(Endpoint::Confirm.body_from_json(r#"{}"#));
        assert_eq!(f, "session_id");
        let (f, _) = err_field(Endpoint::Confirm.body_from_json(r#"{"session_id":" "}"#));
        assert_eq!(f, "session_id");
        let (f, _) = err_field(Endpoint::InitPayment.body_from_json(
            r#"{"payment_details":{"type":"card","card":{"type":"bank_card","bank_card":{"number":"4242424242424242","expiration_month":"05","expiration_year":"29","cvv":"1"}}},"amount_details":{"amount":1,"currency":"usd"},"customer":{}}"#,
        ));
        assert_eq!(f, "payment_details.card.bank_card.cvv");
        let (f, _) = err_field(Endpoint::InitPayment.body_from_json(
            r#"{"payment_details":{"type":"cash"},"amount_details":{"amount":1,"currency":"usd"},"customer":{}}"#,
        ));
        assert_eq!(f, "payment_details.type");
        let (f, _) = err_field(Endpoint::InitPayment.body_from_json(
            r#"{"payment_details":{"type":"card","card":{"number":"4242424242424242","expiration_month":"05","expiration_year":"29"}},"amount_details":{"amount":1,"currency":"usd"},"customer":{},"payment_options":{"return_url":"javascript:alert(1)"}}"#,
        ));
        assert_eq!(f, "payment_options.return_url");
        let (f, _) = err_field(Endpoint::RecurrentDisable.body_from_json(r#"{"token":""}"#));
        assert_eq!(f, "token");
        let (f, m) = err_field(Endpoint::Status.body_from_json("[1,2"));
        assert!(f.starts_with("params"), "{f}: {m}");
        let (f, _) = err_field(Endpoint::Status.body_from_json("7"));
        assert_eq!(f, "params");
    }

    #[test]
    fn endpoints() {
        for e in Endpoint::ALL {
            assert_eq!(Endpoint::from_path(e.path()).unwrap(), e);
        }
        assert_eq!(
            Endpoint::from_path("/api/v1/session/create").unwrap(),
            Endpoint::SessionCreate
        );
        assert!(Endpoint::from_path("session/start").is_err());
        assert!(!Endpoint::Status.is_mutating());
        assert!(Endpoint::Refund.is_mutating());
    }

    #[test]
    fn prepared_request_headers_and_url() {
        let t = Target::new("https://demo.smart-glocal.com/", "your_project_name").unwrap();
        let body = Endpoint::Confirm
            .body_from_json(r#"{"session_id":"3230"}"#)
            .unwrap();
        let req = t
            .prepare(Endpoint::Confirm, body.clone(), Some("key-1"))
            .unwrap()
            .signed("abc".into());
        assert_eq!(
            req.url,
            "https://demo.smart-glocal.com/api/v1/session/confirm"
        );
        assert_eq!(req.method, "POST");
        assert_eq!(req.header("content-type"), Some("application/json"));
        assert_eq!(req.header("X-PARTNER-PROJECT"), Some("your_project_name"));
        assert_eq!(req.header("X-PARTNER-SIGN"), Some("abc"));
        assert_eq!(req.header("X-PARTNER-IDEMPOTENCY-KEY"), Some("key-1"));
        assert_eq!(req.body, body);
        let req = t
            .prepare(Endpoint::Status, body, None)
            .unwrap()
            .signed("s".into());
        assert_eq!(req.header("X-PARTNER-IDEMPOTENCY-KEY"), None);
        assert!(!format!("{req:?}").contains("3230"), "Debug hides the body");

        assert!(t
            .prepare(Endpoint::Confirm, vec![], Some("a\r\nb"))
            .is_err());
        assert!(t.prepare(Endpoint::Confirm, vec![], Some("")).is_err());
        assert!(Target::new("demo.smart-glocal.com", "p").is_err());
        assert!(Target::new("https://x/?a", "p").is_err());
        assert!(Target::new("https://x", "bad project").is_err());
        assert!(Target::new("https://x", "").is_err());
    }
}

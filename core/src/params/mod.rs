//! Request parameters: read from the caller's JSON text, checked field by
//! field, and turned into the exact body to sign and send.
//!
//! Reading is strict: an unknown member is an error (a typo in a payment
//! must not be dropped silently), and so is a repeated key (a check of the
//! first `number` while the API reads the second would be a bypass). Every
//! error names the dotted path of the field and never quotes a value, so a
//! card number or security code cannot reach a log through an error.
//!
//! The body is the caller's text as given, with the core's normalisations
//! applied in place (a currency lowercased): key order, spacing and numbers
//! stay exactly as written.

use crate::limits::MAX_PARAMS_BYTES;
use crate::prelude::*;
mod amount;
mod bank_account;
mod bank_global;
mod card;
mod edits;
mod fps;
mod iban;
mod object;
mod options;
mod payment_details;
mod payout;
mod session;
mod token;
mod wallet;

pub use amount::{is_currency_code, Amount, CURRENCY_RULE};
pub use bank_account::{BankAccount, BankSystem};
pub use card::{brand_of, last4, luhn_ok, validate_card_number, BankCard};
pub use fps::FpsVerification;
pub use iban::validate_iban;
pub use object::RawJson;
pub use options::{is_absolute_http_url, PaymentOptions, DUMMY_RETURN_URL};
pub use payment_details::{CardShape, Initiator, PaymentDetails};
pub use payout::{InitPayout, PaymentMethod, StartPayout};
pub use session::{AmountChange, CreateSession, InitPayment, SessionId, StartPayment};
pub use token::{is_locale, AcquiringWidget, RecurrentToken, TokenInfoRequest, TokenRequest};
pub use wallet::{is_timestamp, WalletBalance};

use crate::error::Error;
use crate::json;
use crate::request::{ApiVersion, Endpoint};
use crate::tree::Path;
use edits::Edits;
use object::ROOT;

/// The checked parameters of one endpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Params {
    CreateSession(CreateSession),
    InitPayment(InitPayment),
    StartPayment(StartPayment),
    InitPayout(InitPayout),
    StartPayout(StartPayout),
    /// `session/confirm`, `session/cancel`, `session/status`.
    SessionId(SessionId),
    /// `session/capture`, `session/refund`.
    AmountChange(AmountChange),
    /// `recurrent/status`, `recurrent/disable`.
    RecurrentToken(RecurrentToken),
    Token(TokenRequest),
    TokenInfo(TokenInfoRequest),
    WalletBalance(WalletBalance),
    FpsVerification(FpsVerification),
}

/// Checked parameters and the body to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    pub params: Params,
    /// The caller's JSON with the core's normalisations: the bytes to sign.
    pub body: String,
    /// Whether `body` was normalised (else it is the caller's text as given,
    /// and a caller holding those bytes need not compare them).
    pub edited: bool,
}

/// Reads the JSON parameters of `endpoint` (API v1), checks them and
/// returns the body.
pub fn read(endpoint: Endpoint, text: &str) -> Result<Checked, Error> {
    read_as(endpoint, text, ApiVersion::V1)
}

/// [`read`] for an API version: in v2 a payout's destination is
/// `payout_details` (v1: `payment_method`).
pub fn read_as(endpoint: Endpoint, text: &str, version: ApiVersion) -> Result<Checked, Error> {
    read_with(endpoint, text, version, false)
}

/// [`read_as`]; with `pass_unknown`, members this SDK does not know are sent
/// as written instead of refused (a field the API has added since), while
/// every member it knows is checked as always.
pub fn read_with(
    endpoint: Endpoint,
    text: &str,
    version: ApiVersion,
    pass_unknown: bool,
) -> Result<Checked, Error> {
    let method_key = version.payout_method_key();
    if text.len() > MAX_PARAMS_BYTES {
        return Err(Error::PayloadTooLarge {
            what: "the params (bytes)".into(),
            limit: MAX_PARAMS_BYTES as u64,
        });
    }
    let doc = json::parse_text_keeping_repeats(text).map_err(|e| {
        Error::invalid(
            ROOT,
            cat(&[
                "is not JSON: ",
                e.message,
                " at line ",
                &crate::money::decimal_digits(e.line as u64),
                ", column ",
                &crate::money::decimal_digits(e.column as u64),
            ]),
        )
    })?;
    let root = doc.root();
    let path = if pass_unknown {
        Path::root_passing_unknown("")
    } else {
        Path::root("")
    };
    let mut edits = Edits::default();
    let params = match endpoint {
        Endpoint::SessionCreate => {
            Params::CreateSession(CreateSession::read(root, &path, &mut edits, method_key)?)
        }
        Endpoint::InitPayment => Params::InitPayment(InitPayment::read(root, &path, &mut edits)?),
        Endpoint::StartPayment => {
            Params::StartPayment(StartPayment::read(root, &path, &mut edits)?)
        }
        Endpoint::InitPayout => {
            Params::InitPayout(InitPayout::read(root, &path, &mut edits, method_key)?)
        }
        Endpoint::StartPayout => {
            Params::StartPayout(StartPayout::read(root, &path, &mut edits, method_key)?)
        }
        Endpoint::Confirm | Endpoint::Cancel | Endpoint::Status => {
            Params::SessionId(SessionId::read(root, &path)?)
        }
        Endpoint::Capture | Endpoint::Refund => Params::AmountChange(AmountChange::read(
            root,
            &path,
            &mut edits,
            endpoint == Endpoint::Refund,
        )?),
        Endpoint::RecurrentStatus | Endpoint::RecurrentDisable => {
            Params::RecurrentToken(RecurrentToken::read(root, &path)?)
        }
        Endpoint::Token => Params::Token(TokenRequest::read(root, &path)?),
        Endpoint::TokenInfo => Params::TokenInfo(TokenInfoRequest::read(root, &path)?),
        Endpoint::WalletBalance => Params::WalletBalance(WalletBalance::read(root, &path)?),
        Endpoint::FpsCustomerVerification => {
            Params::FpsVerification(FpsVerification::read(root, &path)?)
        }
    };
    // Each object read by its schema refused its own repeats, naming our
    // member; one the readers did not visit is refused by its position.
    if let Some(key) = doc.first_repeated_key() {
        let (line, column) = key.position();
        return Err(Error::invalid(
            ROOT,
            cat(&[
                "has a repeated field at line ",
                &crate::money::decimal_digits(line as u64),
                ", column ",
                &crate::money::decimal_digits(column as u64),
            ]),
        ));
    }
    Ok(Checked {
        params,
        edited: !edits.is_empty(),
        body: edits.apply(text),
    })
}

#[cfg(test)]
mod tests;

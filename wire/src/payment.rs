//! Objects inside a payment: amounts, payment details (both card shapes and
//! recurrent tokens), customer, options and the 3-D Secure interaction
//! (wire models with serde: the sandbox and native tests).

use serde::{Deserialize, Serialize};
use smart_glocal::model::{Initiator, PaymentDetailsType, Redirect};
use std::fmt;

/// `amount_details`: integer minor units and a lowercase ISO 4217 code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AmountDetails {
    pub amount: u64,
    pub currency: String,
}

/// `payment_details` as it appears in responses and webhooks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PaymentDetails {
    #[serde(rename = "type", with = "crate::strings")]
    pub kind: PaymentDetailsType,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub card: Option<Card>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recurrent: Option<RecurrentPaymentDetails>,
}

/// A card in any of the shapes the documentation shows:
/// - responses and webhooks: `{"brand":"visa","last4":"4242"}`;
/// - seed 000 request: `{"number", "expiration_month", "expiration_year", "security_code", "cardholder_name"}`;
/// - seed 003 request: `{"type":"bank_card","bank_card":{…}}`.
///
/// `Debug` never prints the number or security code.
#[derive(Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Card {
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub brand: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last4: Option<String>,
    /// The first six digits (issuer identification), in answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bin: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bank_card: Option<BankCard>,
    /// The number in the flat request shape; only its last four digits are ever shown.
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

impl Card {
    /// The last four digits: `last4` when given, else the tail of a number.
    pub fn last4(&self) -> Option<String> {
        if let Some(l) = &self.last4 {
            return Some(l.clone());
        }
        let number = match &self.bank_card {
            Some(bc) => bc.number.as_deref(),
            None => self.number.as_deref(),
        };
        last4_of(number?)
    }
}

impl fmt::Debug for Card {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Card")
            .field("kind", &self.kind)
            .field("brand", &self.brand)
            .field("last4", &self.last4())
            .finish_non_exhaustive()
    }
}

/// Card details as sent in a request. `Debug` shows the last four digits only.
#[derive(Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct BankCard {
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

fn last4_of(number: &str) -> Option<String> {
    let n = number.len();
    (n >= 4 && number.is_ascii()).then(|| number[n - 4..].to_string())
}

impl fmt::Debug for BankCard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BankCard")
            .field("last4", &self.number.as_deref().and_then(last4_of))
            .field("expiration_month", &self.expiration_month)
            .field("expiration_year", &self.expiration_year)
            .finish_non_exhaustive()
    }
}

/// `payment_details.recurrent`: pay with a token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecurrentPaymentDetails {
    pub token: String,
    #[serde(
        default,
        with = "crate::strings::opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub initiator: Option<Initiator>,
}

/// `recurrent` on a finished payment, and the answer of `recurrent/status`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecurrentDetails {
    pub token: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finished_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_active: Option<bool>,
}

/// `customer`: the payer as the merchant knows them.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Customer {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contacts: Vec<Contact>,
}

/// One entry of `customer.contacts`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Contact {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}

/// `payment_options`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PaymentOptions {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub return_url: Option<String>,
    /// On a first payment: ask for a recurrent token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recurrent: Option<bool>,
}

/// `customer_interaction`: what the customer must do next.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomerInteraction {
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(
        default,
        with = "crate::redirect::opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub redirect: Option<Redirect>,
    /// `inform`: what to show the customer (FPS: `{qr: {content}}`, the
    /// deep link of the QR code), docs/restricted/recurrent-fps.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inform: Option<serde_json::Value>,
}

//! `payment_details` of a payment request: a card, in either documented
//! shape, a recurrent token, or the Faster Payments System (a payment by QR
//! code, docs/payments/payment-qr; binding an account for later payments,
//! API v2, docs/restricted/recurring-fps).

use super::card::{BankCard, BANK_CARD_FIELDS};
use super::object::{invalid, Obj};
use crate::error::Error;
use crate::json::Value;
use crate::prelude::*;
use crate::tree::Path;

/// How the caller wrote the card (both reach the API as written).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CardShape {
    /// `card: { number, expiration_month, … }` (seed 000).
    Flat,
    /// `card: { type: "bank_card", bank_card: { … } }` (seed 003).
    Nested,
}

/// Who starts a recurrent payment: `client` (CIT) or `merchant` (MIT).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Initiator {
    Client,
    Merchant,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PaymentDetails {
    Card {
        card: BankCard,
        shape: CardShape,
    },
    Recurrent {
        token: String,
        initiator: Option<Initiator>,
    },
    /// `faster_payment_system`: the customer pays from their bank's app
    /// (a QR code or a deep link, `customer_interaction.inform.qr`).
    FasterPayments,
    /// `faster_payment_system_binding`: binds the customer's account for
    /// recurrent payments without a charge.
    FasterPaymentsBinding,
}

impl PaymentDetails {
    pub fn read(v: Value<'_>, path: &Path) -> Result<PaymentDetails, Error> {
        let o = Obj::new(v, path, &["type", "card", "recurrent"])?;
        let kind = o.required_string("type")?;
        if kind.starts_with("faster_payment_system") {
            if let Some(extra) = ["card", "recurrent"].iter().find(|k| o.get(k).is_some()) {
                return Err(invalid(&path.key(extra), "is not allowed with this type"));
            }
        }
        match kind.as_str() {
            "faster_payment_system" => Ok(PaymentDetails::FasterPayments),
            "faster_payment_system_binding" => Ok(PaymentDetails::FasterPaymentsBinding),
            "card" => {
                if o.get("recurrent").is_some() {
                    return Err(invalid(
                        &path.key("recurrent"),
                        "is not allowed with type card",
                    ));
                }
                let card_path = path.key("card");
                let card = Obj::new(o.required("card")?, &card_path, &CARD_FIELDS)?;
                let flat = BANK_CARD_FIELDS.iter().any(|f| card.get(f).is_some());
                match (card.string("type")?.as_deref(), card.get("bank_card")) {
                    (Some("bank_card"), Some(_)) if flat => Err(invalid(
                        &card_path,
                        "give the card either flat or inside bank_card, not both",
                    )),
                    (Some("bank_card"), Some(bc)) => {
                        let bc_path = card_path.key("bank_card");
                        let bc = Obj::new(bc, &bc_path, &BANK_CARD_FIELDS)?;
                        Ok(PaymentDetails::Card {
                            card: BankCard::read(&bc)?,
                            shape: CardShape::Nested,
                        })
                    }
                    (Some("bank_card"), None) => {
                        Err(invalid(&card_path.key("bank_card"), "is required"))
                    }
                    (Some(_), _) => Err(invalid(
                        &card_path.key("type"),
                        "must be \"bank_card\" when given",
                    )),
                    (None, Some(_)) => Err(invalid(
                        &card_path.key("type"),
                        "must be \"bank_card\" when bank_card is given",
                    )),
                    (None, None) => Ok(PaymentDetails::Card {
                        card: BankCard::read(&card)?,
                        shape: CardShape::Flat,
                    }),
                }
            }
            "recurrent" => {
                if o.get("card").is_some() {
                    return Err(invalid(
                        &path.key("card"),
                        "is not allowed with type recurrent",
                    ));
                }
                let r_path = path.key("recurrent");
                let r = Obj::new(o.required("recurrent")?, &r_path, &["token", "initiator"])?;
                let token = r.nonblank("token")?;
                let initiator = match r.string("initiator")?.as_deref() {
                    None => None,
                    Some("client") => Some(Initiator::Client),
                    Some("merchant") => Some(Initiator::Merchant),
                    Some(_) => {
                        return Err(invalid(
                            &r_path.key("initiator"),
                            "must be \"client\" or \"merchant\"",
                        ))
                    }
                };
                Ok(PaymentDetails::Recurrent { token, initiator })
            }
            _ => Err(invalid(
                &path.key("type"),
                "must be \"card\", \"recurrent\", \"faster_payment_system\" or \"faster_payment_system_binding\"",
            )),
        }
    }
}

const CARD_FIELDS: [&str; 7] = [
    "type",
    "bank_card",
    "number",
    "expiration_month",
    "expiration_year",
    "security_code",
    "cardholder_name",
];

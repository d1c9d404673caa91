//! Payouts: where the money goes (`payment_method`) and the bodies of
//! `session/init/payout` and `session/start/payout`.

use super::amount::Amount;
use super::card::read_number;
use super::edits::Edits;
use super::iban::validate_iban;
use super::object::{invalid, Obj, RawJson};
use super::session::amount;
use crate::error::Error;
use crate::json::Value;
use crate::prelude::*;
use crate::tree::Path;

/// A payout's destination. `Debug` shows no number.
#[derive(Clone, PartialEq, Eq)]
pub enum PaymentMethod {
    /// A card number (Luhn-checked, 12 to 19 digits).
    Card { number: String },
    /// A card tokenised by the tokenisation widget.
    EncryptedCard { number_hash: String },
    /// A bank account by IBAN (`system_type: "global"`).
    BankAccount { iban: String, description: String },
}

impl core::fmt::Debug for PaymentMethod {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(match self {
            PaymentMethod::Card { .. } => "PaymentMethod::Card { .. }",
            PaymentMethod::EncryptedCard { .. } => "PaymentMethod::EncryptedCard { .. }",
            PaymentMethod::BankAccount { .. } => "PaymentMethod::BankAccount { .. }",
        })
    }
}

impl PaymentMethod {
    pub fn read(v: Value<'_>, path: &Path) -> Result<PaymentMethod, Error> {
        let o = Obj::new(v, path, &["type", "card", "bank_account"])?;
        match o.required_string("type")?.as_str() {
            "card" => {
                let card_path = path.key("card");
                let card = Obj::new(
                    o.required("card")?,
                    &card_path,
                    &["type", "bank_card", "encrypted_card"],
                )?;
                match card.required_string("type")?.as_str() {
                    "bank_card" => {
                        let p = card_path.key("bank_card");
                        Ok(PaymentMethod::Card {
                            number: read_number(card.required("bank_card")?, &p)?,
                        })
                    }
                    "encrypted_card" => {
                        let p = card_path.key("encrypted_card");
                        let enc = Obj::new(card.required("encrypted_card")?, &p, &["number_hash"])?;
                        Ok(PaymentMethod::EncryptedCard {
                            number_hash: enc.nonblank("number_hash")?,
                        })
                    }
                    _ => Err(invalid(
                        &card_path.key("type"),
                        "must be \"bank_card\" or \"encrypted_card\"",
                    )),
                }
            }
            "bank_account" => {
                let acc_path = path.key("bank_account");
                let acc = Obj::new(
                    o.required("bank_account")?,
                    &acc_path,
                    &["system_type", "global"],
                )?;
                if acc.required_string("system_type")? != "global" {
                    return Err(invalid(&acc_path.key("system_type"), "must be \"global\""));
                }
                let g_path = acc_path.key("global");
                let global = Obj::new(acc.required("global")?, &g_path, &["iban", "description"])?;
                let iban = global.required_string("iban")?;
                validate_iban(&iban).map_err(|m| invalid(&g_path.key("iban"), m))?;
                Ok(PaymentMethod::BankAccount {
                    iban,
                    description: global.nonblank("description")?,
                })
            }
            _ => Err(invalid(
                &path.key("type"),
                "must be \"card\" or \"bank_account\"",
            )),
        }
    }
}

/// `session/init/payout`: create and start a payout in one call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InitPayout {
    pub payment_method: PaymentMethod,
    pub amount_details: Amount,
    pub participant_details: Option<RawJson>,
    pub customer: Option<RawJson>,
    pub metadata: Option<RawJson>,
}

impl InitPayout {
    pub fn read(v: Value<'_>, path: &Path, edits: &mut Edits) -> Result<Self, Error> {
        let o = Obj::new(
            v,
            path,
            &[
                "payment_method",
                "amount_details",
                "participant_details",
                "customer",
                "metadata",
            ],
        )?;
        let payment_method =
            PaymentMethod::read(o.required("payment_method")?, &path.key("payment_method"))?;
        let amount_details = Amount::read(
            o.required("amount_details")?,
            &path.key("amount_details"),
            edits,
        )?;
        Ok(InitPayout {
            payment_method,
            amount_details,
            participant_details: participants(&o)?,
            customer: o.raw_object("customer")?,
            metadata: o.raw("metadata")?,
        })
    }
}

/// `session/start/payout`: the session plus what create did not give.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StartPayout {
    pub session_id: String,
    pub payment_method: Option<PaymentMethod>,
    pub amount_details: Option<Amount>,
    pub participant_details: Option<RawJson>,
    pub customer: Option<RawJson>,
    pub metadata: Option<RawJson>,
}

impl StartPayout {
    pub fn read(v: Value<'_>, path: &Path, edits: &mut Edits) -> Result<Self, Error> {
        let o = Obj::new(
            v,
            path,
            &[
                "session_id",
                "payment_method",
                "amount_details",
                "participant_details",
                "customer",
                "metadata",
            ],
        )?;
        Ok(StartPayout {
            session_id: o.nonblank("session_id")?,
            payment_method: match o.get("payment_method") {
                Some(m) => Some(PaymentMethod::read(m, &path.key("payment_method"))?),
                None => None,
            },
            amount_details: amount(&o, edits)?,
            participant_details: participants(&o)?,
            customer: o.raw_object("customer")?,
            metadata: o.raw("metadata")?,
        })
    }
}

/// `participant_details`: an object whose `recipient` and `sender`, when
/// given, are objects (their fields vary by payout method and are passed on).
fn participants(o: &Obj<'_, '_>) -> Result<Option<RawJson>, Error> {
    let Some(v) = o.get("participant_details") else {
        return Ok(None);
    };
    let path = o.path().key("participant_details");
    let p = Obj::new(v, &path, &["recipient", "sender"])?;
    p.raw_object("recipient")?;
    p.raw_object("sender")?;
    Ok(Some(RawJson(v.raw().into())))
}

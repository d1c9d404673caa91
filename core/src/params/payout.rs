//! Payouts: where the money goes (`payment_method`) and the bodies of
//! `session/init/payout` and `session/start/payout`.

use super::amount::Amount;
use super::bank_account::{BankAccount, BankSystem};
use super::card::read_number;
use super::edits::Edits;
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
    /// A bank account: by IBAN or UK sort code (`global`), Russian
    /// (`ru`), or a phone on the Faster Payments System.
    BankAccount(BankAccount),
    /// A wallet (`wallet.type: "global"`): its `msisdn`, last four digits.
    Wallet { msisdn_last4: String },
}

impl core::fmt::Debug for PaymentMethod {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            PaymentMethod::Card { .. } => f.write_str("PaymentMethod::Card { .. }"),
            PaymentMethod::EncryptedCard { .. } => {
                f.write_str("PaymentMethod::EncryptedCard { .. }")
            }
            PaymentMethod::BankAccount(a) => f
                .debug_tuple("PaymentMethod::BankAccount")
                .field(a)
                .finish(),
            PaymentMethod::Wallet { .. } => f.write_str("PaymentMethod::Wallet { .. }"),
        }
    }
}

impl PaymentMethod {
    pub fn read(v: Value<'_>, path: &Path) -> Result<PaymentMethod, Error> {
        let o = Obj::new(v, path, &["type", "card", "bank_account", "wallet"])?;
        let kind = o.required_string("type")?;
        for other in ["card", "bank_account", "wallet"] {
            if other != kind && o.get(other).is_some() {
                return Err(invalid(&path.key(other), "does not go with this type"));
            }
        }
        match kind.as_str() {
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
            "bank_account" => Ok(PaymentMethod::BankAccount(BankAccount::read(
                o.required("bank_account")?,
                &path.key("bank_account"),
            )?)),
            "wallet" => {
                let w_path = path.key("wallet");
                let w = Obj::new(o.required("wallet")?, &w_path, &["type", "global"])?;
                if w.required_string("type")? != "global" {
                    return Err(invalid(&w_path.key("type"), "must be \"global\""));
                }
                let g_path = w_path.key("global");
                let g = Obj::new(
                    w.required("global")?,
                    &g_path,
                    &["name", "description", "msisdn"],
                )?;
                g.nonblank("name")?;
                g.nonblank("description")?;
                let m = g.required_string("msisdn")?;
                let digits = m.strip_prefix('+').unwrap_or(&m);
                if !(8..=15).contains(&digits.len()) || !digits.bytes().all(|b| b.is_ascii_digit())
                {
                    return Err(invalid(
                        &g_path.key("msisdn"),
                        "must be a phone number in international form: 8 to 15 digits, + allowed",
                    ));
                }
                Ok(PaymentMethod::Wallet {
                    msisdn_last4: digits.get(digits.len() - 4..).unwrap_or("").into(),
                })
            }
            _ => Err(invalid(
                &path.key("type"),
                "must be \"card\", \"bank_account\" or \"wallet\"",
            )),
        }
    }

    /// Faster Payments move roubles only.
    fn check_currency(&self, amount: &Amount, path: &Path) -> Result<(), Error> {
        match self {
            PaymentMethod::BankAccount(a)
                if a.system == BankSystem::FasterPayments && amount.currency != "rub" =>
            {
                Err(invalid(
                    &path.key("currency"),
                    "must be \"rub\" for a faster_payment_system payout",
                ))
            }
            _ => Ok(()),
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
    /// `method_key`: `payment_method` (v1) or `payout_details` (v2).
    pub fn read(
        v: Value<'_>,
        path: &Path,
        edits: &mut Edits,
        method_key: &'static str,
    ) -> Result<Self, Error> {
        let o = Obj::new(
            v,
            path,
            &[
                method_key,
                "amount_details",
                "participant_details",
                "customer",
                "metadata",
            ],
        )?;
        let payment_method = PaymentMethod::read(o.required(method_key)?, &path.key(method_key))?;
        let amount_details = Amount::read(
            o.required("amount_details")?,
            &path.key("amount_details"),
            edits,
        )?;
        payment_method.check_currency(&amount_details, &path.key("amount_details"))?;
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
    /// `method_key`: `payment_method` (v1) or `payout_details` (v2).
    pub fn read(
        v: Value<'_>,
        path: &Path,
        edits: &mut Edits,
        method_key: &'static str,
    ) -> Result<Self, Error> {
        let o = Obj::new(
            v,
            path,
            &[
                "session_id",
                method_key,
                "amount_details",
                "participant_details",
                "customer",
                "metadata",
            ],
        )?;
        let payment_method = match o.get(method_key) {
            Some(m) => Some(PaymentMethod::read(m, &path.key(method_key))?),
            None => None,
        };
        let amount_details = amount(&o, edits)?;
        if let (Some(m), Some(a)) = (&payment_method, &amount_details) {
            m.check_currency(a, &path.key("amount_details"))?;
        }
        Ok(StartPayout {
            session_id: o.nonblank("session_id")?,
            payment_method,
            amount_details,
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

//! Payout bodies (session/init/payout, session/start/payout), their
//! destinations per the payout pages, and fps/customer_verification.

use super::bank::{bank_account, BankAccount};
use super::checks::{digits, luhn_ok, mask_last4, phone};
use super::payment::Amount;
use super::{invalid, Obj, RawJson};
use crate::engine::Reply;

/// Where a payout goes. `Debug` shows no number.
#[derive(Clone, PartialEq)]
pub enum PaymentMethod {
    Card { number: String },
    EncryptedCard { number_hash: String },
    BankAccount(BankAccount),
    Wallet { msisdn_last4: String },
}

impl std::fmt::Debug for PaymentMethod {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PaymentMethod { .. }")
    }
}

impl PaymentMethod {
    pub fn read(o: &Obj) -> Result<PaymentMethod, Reply> {
        o.only(&["type", "card", "bank_account", "wallet"])?;
        match o.text("type")?.as_str() {
            "card" => {
                let c = o.object("card")?;
                c.only(&["type", "bank_card", "encrypted_card"])?;
                match c.text("type")?.as_str() {
                    "bank_card" => {
                        let b = c.object("bank_card")?;
                        b.only(&["number"])?;
                        let number = b.text("number")?;
                        if !(12..=19).contains(&number.len()) || !luhn_ok(&number) {
                            return Err(invalid(
                                &b.name("number"),
                                "must be a card number that passes the Luhn check",
                            ));
                        }
                        Ok(PaymentMethod::Card { number })
                    }
                    "encrypted_card" => {
                        let e = c.object("encrypted_card")?;
                        e.only(&["number_hash"])?;
                        Ok(PaymentMethod::EncryptedCard {
                            number_hash: e.text("number_hash")?,
                        })
                    }
                    _ => Err(invalid(
                        &c.name("type"),
                        "must be \"bank_card\" or \"encrypted_card\"",
                    )),
                }
            }
            "bank_account" => {
                bank_account(&o.object("bank_account")?).map(PaymentMethod::BankAccount)
            }
            "wallet" => {
                let w = o.object("wallet")?;
                w.only(&["type", "global"])?;
                if w.text("type")? != "global" {
                    return Err(invalid(&w.name("type"), "must be \"global\""));
                }
                let g = w.object("global")?;
                g.only(&["name", "description", "msisdn"])?;
                g.text("name")?;
                g.text("description")?;
                let msisdn = g.text("msisdn")?;
                let d = msisdn.strip_prefix('+').unwrap_or(&msisdn);
                if d.len() < 8 || d.len() > 15 || !d.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(invalid(
                        &g.name("msisdn"),
                        "must be a phone number in international form",
                    ));
                }
                Ok(PaymentMethod::Wallet {
                    msisdn_last4: mask_last4(d),
                })
            }
            _ => Err(invalid(
                &o.name("type"),
                "must be \"card\", \"bank_account\" or \"wallet\"",
            )),
        }
    }

    /// The destination of a payout body, under its version's name.
    pub(super) fn of(o: &Obj) -> Result<Option<PaymentMethod>, Reply> {
        o.object_opt(o.method_key())?
            .map(|m| PaymentMethod::read(&m))
            .transpose()
    }
}

/// Faster Payments move roubles only (docs/payouts/payout-fps).
fn roubles(method: &Option<PaymentMethod>, amount: &Option<Amount>) -> Result<(), Reply> {
    match (method, amount) {
        (Some(PaymentMethod::BankAccount(a)), Some(am))
            if a.system == "faster_payment_system" && am.currency != "rub" =>
        {
            Err(invalid(
                "amount_details.currency",
                "must be rub for a faster_payment_system payout",
            ))
        }
        _ => Ok(()),
    }
}

/// `participant_details`: `recipient` and `sender` objects, passed on.
fn participants(o: &Obj) -> Result<Option<RawJson>, Reply> {
    let Some(p) = o.object_opt("participant_details")? else {
        return Ok(None);
    };
    p.only(&["recipient", "sender"])?;
    p.raw_object("recipient")?;
    p.raw_object("sender")?;
    Ok(o.raw("participant_details"))
}

#[derive(Debug, Clone, PartialEq)]
pub struct InitPayout {
    pub payment_method: PaymentMethod,
    pub amount_details: Amount,
    pub participant_details: Option<RawJson>,
    pub customer: Option<RawJson>,
    pub metadata: Option<RawJson>,
}

/// A payout body's members, besides `session_id` and the destination
/// ([`Obj::method_key`]).
const PAYOUT_FIELDS: [&str; 4] = [
    "amount_details",
    "participant_details",
    "customer",
    "metadata",
];

impl InitPayout {
    pub fn read(o: &Obj) -> Result<InitPayout, Reply> {
        let mut known = PAYOUT_FIELDS.to_vec();
        known.push(o.method_key());
        o.only(&known)?;
        let payment_method = PaymentMethod::read(&o.object(o.method_key())?)?;
        let amount_details = Amount::read(&o.object("amount_details")?)?;
        roubles(&Some(payment_method.clone()), &Some(amount_details.clone()))?;
        Ok(InitPayout {
            payment_method,
            amount_details,
            participant_details: participants(o)?,
            customer: o.raw_object("customer")?,
            metadata: o.raw("metadata"),
        })
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct StartPayout {
    pub session_id: String,
    pub payment_method: Option<PaymentMethod>,
    pub amount_details: Option<Amount>,
    pub participant_details: Option<RawJson>,
    pub customer: Option<RawJson>,
    pub metadata: Option<RawJson>,
}

impl StartPayout {
    pub fn read(o: &Obj) -> Result<StartPayout, Reply> {
        let mut known = PAYOUT_FIELDS.to_vec();
        known.extend(["session_id", o.method_key()]);
        o.only(&known)?;
        let payment_method = PaymentMethod::of(o)?;
        let amount_details = o
            .object_opt("amount_details")?
            .map(|a| Amount::read(&a))
            .transpose()?;
        roubles(&payment_method, &amount_details)?;
        Ok(StartPayout {
            session_id: o.text("session_id")?,
            payment_method,
            amount_details,
            participant_details: participants(o)?,
            customer: o.raw_object("customer")?,
            metadata: o.raw("metadata"),
        })
    }
}

/// `fps/customer_verification` (docs/reference/methods/fps-verification).
#[derive(Clone, PartialEq)]
pub struct FpsVerification {
    pub session_id: String,
    pub phone: String,
    pub bank_id: String,
    pub participant_details: RawJson,
}

impl std::fmt::Debug for FpsVerification {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("FpsVerification { .. }")
    }
}

impl FpsVerification {
    pub fn read(o: &Obj) -> Result<FpsVerification, Reply> {
        o.only(&["session_id", "payment_method", "participant_details"])?;
        let m = o.object("payment_method")?;
        m.only(&["type", "bank_account"])?;
        if m.text("type")? != "bank_account" {
            return Err(invalid(&m.name("type"), "must be \"bank_account\""));
        }
        let a = m.object("bank_account")?;
        a.only(&["system_type", "faster_payment_system_verification"])?;
        if a.text("system_type")? != "faster_payment_system_verification" {
            return Err(invalid(
                &a.name("system_type"),
                "must be \"faster_payment_system_verification\"",
            ));
        }
        let f = a.object("faster_payment_system_verification")?;
        f.only(&["phone", "bank_id"])?;
        let p = o.object("participant_details")?;
        p.only(&["recipient", "sender"])?;
        let r = p.object("recipient")?;
        r.only(&["first_name", "last_name", "middle_name"])?;
        r.text("first_name")?;
        r.text("last_name")?;
        Ok(FpsVerification {
            session_id: o.text("session_id")?,
            phone: phone(&f, "phone")?,
            bank_id: digits(&f, "bank_id", &[12], "must be 12 digits")?,
            participant_details: o
                .raw("participant_details")
                .unwrap_or(RawJson(serde_json::json!({}))),
        })
    }
}

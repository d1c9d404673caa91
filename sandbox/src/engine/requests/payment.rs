//! Payment bodies: session/create, init/payment, start/payment, capture
//! and refund; payment details (cards in both documented shapes, recurrent
//! tokens, the Faster Payments System), amounts and options.

use super::checks::{currency_ok, luhn_ok, return_url};
use super::payout::PaymentMethod;
use super::{invalid, Obj, RawJson};
use crate::engine::Reply;
use serde_json::Value;

/// `amount_details`: whole minor units above zero, a currency (lowercase).
#[derive(Debug, Clone, PartialEq)]
pub struct Amount {
    pub amount: u64,
    pub currency: String,
}

impl Amount {
    pub fn read(o: &Obj) -> Result<Amount, Reply> {
        o.only(&["amount", "currency"])?;
        let amount = match o.required("amount")? {
            Value::Number(n) => n.as_u64().filter(|a| *a > 0 && *a < 1 << 53),
            _ => None,
        }
        .ok_or_else(|| {
            invalid(
                &o.name("amount"),
                "must be a whole number of minor units above zero",
            )
        })?;
        let currency = o.text("currency")?;
        if !currency_ok(&currency) {
            return Err(invalid(
                &o.name("currency"),
                "must be a three-letter ISO 4217 code",
            ));
        }
        Ok(Amount {
            amount,
            currency: currency.to_ascii_lowercase(),
        })
    }

    fn of(o: &Obj, key: &str) -> Result<Option<Amount>, Reply> {
        o.object_opt(key)?.map(|a| Amount::read(&a)).transpose()
    }
}

/// How a card was written: flat (older pages) or inside `bank_card`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CardShape {
    Flat,
    Nested,
}

/// A card's details. `Debug` shows no number.
#[derive(Clone, PartialEq)]
pub struct BankCard {
    pub number: String,
    pub expiration_month: String,
    pub expiration_year: String,
    pub security_code: Option<String>,
    pub cardholder_name: Option<String>,
}

impl std::fmt::Debug for BankCard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("BankCard { .. }")
    }
}

impl BankCard {
    pub fn last4(&self) -> &str {
        &self.number[self.number.len().saturating_sub(4)..]
    }

    const FIELDS: [&'static str; 5] = [
        "number",
        "expiration_month",
        "expiration_year",
        "security_code",
        "cardholder_name",
    ];

    fn read(o: &Obj) -> Result<BankCard, Reply> {
        let number = o.text("number")?;
        if !(12..=19).contains(&number.len()) || !luhn_ok(&number) {
            return Err(invalid(
                &o.name("number"),
                "must be a card number of 12 to 19 digits that passes the Luhn check",
            ));
        }
        let month = o.text("expiration_month")?;
        if !month.bytes().all(|b| b.is_ascii_digit())
            || !(1..=12).contains(&month.parse::<u32>().unwrap_or(0))
        {
            return Err(invalid(
                &o.name("expiration_month"),
                "must be a month from 01 to 12",
            ));
        }
        let year = o.text("expiration_year")?;
        if !(year.len() == 2 || year.len() == 4) || !year.bytes().all(|b| b.is_ascii_digit()) {
            return Err(invalid(
                &o.name("expiration_year"),
                "must be a year of 2 or 4 digits",
            ));
        }
        let security_code = o.text_opt("security_code")?;
        if security_code
            .as_ref()
            .is_some_and(|c| !(3..=4).contains(&c.len()) || !c.bytes().all(|b| b.is_ascii_digit()))
        {
            return Err(invalid(&o.name("security_code"), "must be 3 or 4 digits"));
        }
        Ok(BankCard {
            number,
            expiration_month: month,
            expiration_year: year,
            security_code,
            cardholder_name: o.text_opt("cardholder_name")?,
        })
    }
}

/// Who starts a recurrent payment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Initiator {
    Client,
    Merchant,
}

#[derive(Debug, Clone, PartialEq)]
pub enum PaymentDetails {
    Card {
        card: BankCard,
        shape: CardShape,
    },
    Recurrent {
        token: String,
        initiator: Option<Initiator>,
    },
    /// By QR code in the customer's bank app (docs/payments/payment-qr).
    FasterPayments,
    /// An account bound for later payments (API v2).
    FasterPaymentsBinding,
}

impl PaymentDetails {
    pub fn read(o: &Obj) -> Result<PaymentDetails, Reply> {
        o.only(&["type", "card", "recurrent"])?;
        match o.text("type")?.as_str() {
            "card" => {
                let c = o.object("card")?;
                if c.has("bank_card") || c.get("type").is_some() {
                    c.only(&["type", "bank_card"])?;
                    if c.text("type")? != "bank_card" {
                        return Err(invalid(&c.name("type"), "must be \"bank_card\""));
                    }
                    let b = c.object("bank_card")?;
                    b.only(&BankCard::FIELDS)?;
                    Ok(PaymentDetails::Card {
                        card: BankCard::read(&b)?,
                        shape: CardShape::Nested,
                    })
                } else {
                    c.only(&BankCard::FIELDS)?;
                    Ok(PaymentDetails::Card {
                        card: BankCard::read(&c)?,
                        shape: CardShape::Flat,
                    })
                }
            }
            "recurrent" => {
                let r = o.object("recurrent")?;
                r.only(&["token", "initiator"])?;
                let initiator = match r.text_opt("initiator")?.as_deref() {
                    None => None,
                    Some("client") => Some(Initiator::Client),
                    Some("merchant") => Some(Initiator::Merchant),
                    Some(_) => {
                        return Err(invalid(
                            &r.name("initiator"),
                            "must be \"client\" or \"merchant\"",
                        ))
                    }
                };
                Ok(PaymentDetails::Recurrent {
                    token: r.text("token")?,
                    initiator,
                })
            }
            kind @ ("faster_payment_system" | "faster_payment_system_binding") => {
                if o.has("card") || o.has("recurrent") {
                    return Err(invalid(&o.name("type"), "takes no card or recurrent"));
                }
                Ok(if kind == "faster_payment_system" {
                    PaymentDetails::FasterPayments
                } else {
                    PaymentDetails::FasterPaymentsBinding
                })
            }
            _ => Err(invalid(
                &o.name("type"),
                "is not a payment method of the reference",
            )),
        }
    }

    fn of(o: &Obj) -> Result<Option<PaymentDetails>, Reply> {
        o.object_opt("payment_details")?
            .map(|p| PaymentDetails::read(&p))
            .transpose()
    }
}

/// `payment_options`: `return_url`, `recurrent`; other options are passed on.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PaymentOptions {
    pub return_url: Option<String>,
    pub recurrent: Option<bool>,
}

impl PaymentOptions {
    fn of(o: &Obj) -> Result<Option<PaymentOptions>, Reply> {
        let Some(p) = o.object_opt("payment_options")? else {
            return Ok(None);
        };
        let return_url = if p.has("return_url") {
            Some(return_url(&p, "return_url")?)
        } else {
            None
        };
        let recurrent = match p.get("recurrent") {
            None => None,
            Some(Value::Bool(b)) => Some(*b),
            Some(_) => return Err(invalid(&p.name("recurrent"), "must be a boolean")),
        };
        Ok(Some(PaymentOptions {
            return_url,
            recurrent,
        }))
    }
}

/// `session/create`: everything optional, for a payment or a payout.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CreateSession {
    pub payment_details: Option<PaymentDetails>,
    pub amount_details: Option<Amount>,
    pub customer: Option<RawJson>,
    pub payment_options: Option<PaymentOptions>,
    pub participant_details: Option<RawJson>,
    pub payment_method: Option<PaymentMethod>,
    pub metadata: Option<RawJson>,
}

impl CreateSession {
    pub fn read(o: &Obj) -> Result<CreateSession, Reply> {
        o.only(&[
            "payment_details",
            "amount_details",
            "customer",
            "payment_options",
            "participant_details",
            o.method_key(),
            "metadata",
        ])?;
        Ok(CreateSession {
            payment_details: PaymentDetails::of(o)?,
            amount_details: Amount::of(o, "amount_details")?,
            customer: o.raw_object("customer")?,
            payment_options: PaymentOptions::of(o)?,
            participant_details: o.raw_object("participant_details")?,
            payment_method: PaymentMethod::of(o)?,
            metadata: o.raw("metadata"),
        })
    }
}

/// `session/init/payment`: create and start in one call.
#[derive(Debug, Clone, PartialEq)]
pub struct InitPayment {
    pub payment_details: PaymentDetails,
    pub amount_details: Amount,
    pub customer: RawJson,
    pub payment_options: Option<PaymentOptions>,
    pub participant_details: Option<RawJson>,
    pub metadata: Option<RawJson>,
}

impl InitPayment {
    pub fn read(o: &Obj) -> Result<InitPayment, Reply> {
        o.only(&[
            "payment_details",
            "amount_details",
            "customer",
            "payment_options",
            "participant_details",
            "metadata",
        ])?;
        Ok(InitPayment {
            payment_details: PaymentDetails::read(&o.object("payment_details")?)?,
            amount_details: Amount::read(&o.object("amount_details")?)?,
            customer: o
                .raw_object("customer")?
                .ok_or_else(|| invalid("customer", "is required"))?,
            payment_options: PaymentOptions::of(o)?,
            participant_details: o.raw_object("participant_details")?,
            metadata: o.raw("metadata"),
        })
    }
}

/// `session/start/payment`: the session plus what create did not give.
#[derive(Debug, Clone, PartialEq)]
pub struct StartPayment {
    pub session_id: String,
    pub payment_details: Option<PaymentDetails>,
    pub amount_details: Option<Amount>,
    pub customer: Option<RawJson>,
    pub payment_options: Option<PaymentOptions>,
    pub participant_details: Option<RawJson>,
    pub metadata: Option<RawJson>,
}

impl StartPayment {
    pub fn read(o: &Obj) -> Result<StartPayment, Reply> {
        o.only(&[
            "session_id",
            "payment_details",
            "amount_details",
            "customer",
            "payment_options",
            "participant_details",
            "metadata",
        ])?;
        Ok(StartPayment {
            session_id: o.text("session_id")?,
            payment_details: PaymentDetails::of(o)?,
            amount_details: Amount::of(o, "amount_details")?,
            customer: o.raw_object("customer")?,
            payment_options: PaymentOptions::of(o)?,
            participant_details: o.raw_object("participant_details")?,
            metadata: o.raw("metadata"),
        })
    }
}

/// `session/capture`, `session/refund` (a refund may carry `metadata`,
/// docs/reference/methods/session-refund).
#[derive(Debug, Clone, PartialEq)]
pub struct AmountChange {
    pub session_id: String,
    pub amount_details: Option<Amount>,
    pub metadata: Option<RawJson>,
}

impl AmountChange {
    pub fn read(o: &Obj, refund: bool) -> Result<AmountChange, Reply> {
        if refund {
            o.only(&["session_id", "amount_details", "metadata"])?;
        } else {
            o.only(&["session_id", "amount_details"])?;
        }
        Ok(AmountChange {
            session_id: o.text("session_id")?,
            amount_details: Amount::of(o, "amount_details")?,
            metadata: o.raw("metadata"),
        })
    }
}

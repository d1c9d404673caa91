//! Bodies of the session endpoints of payments: create, init/payment,
//! start/payment, confirm, cancel, status, capture, refund.

use super::amount::Amount;
use super::edits::Edits;
use super::object::{invalid, Obj, RawJson};
use super::options::PaymentOptions;
use super::payment_details::PaymentDetails;
use super::payout::PaymentMethod;
use crate::error::Error;
use crate::json::Value;
use crate::prelude::*;
use crate::tree::Path;

/// `session/create`: everything optional (payment or payout fields).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CreateSession {
    pub payment_details: Option<PaymentDetails>,
    pub amount_details: Option<Amount>,
    pub customer: Option<RawJson>,
    pub payment_options: Option<PaymentOptions>,
    pub participant_details: Option<RawJson>,
    /// A payout's destination.
    pub payment_method: Option<PaymentMethod>,
    pub metadata: Option<RawJson>,
}

impl CreateSession {
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
                "payment_details",
                "amount_details",
                "customer",
                "payment_options",
                "participant_details",
                method_key,
                "metadata",
            ],
        )?;
        Ok(CreateSession {
            payment_details: payment_details(&o)?,
            amount_details: amount(&o, edits)?,
            customer: o.raw_object("customer")?,
            payment_options: options(&o)?,
            participant_details: o.raw_object("participant_details")?,
            payment_method: match o.get(method_key) {
                Some(m) => Some(PaymentMethod::read(m, &path.key(method_key))?),
                None => None,
            },
            metadata: o.raw("metadata")?,
        })
    }
}

/// `session/init/payment`: create and start in one call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InitPayment {
    pub payment_details: PaymentDetails,
    pub amount_details: Amount,
    pub customer: RawJson,
    pub payment_options: Option<PaymentOptions>,
    pub participant_details: Option<RawJson>,
    pub metadata: Option<RawJson>,
}

impl InitPayment {
    pub fn read(v: Value<'_>, path: &Path, edits: &mut Edits) -> Result<Self, Error> {
        let o = Obj::new(
            v,
            path,
            &[
                "payment_details",
                "amount_details",
                "customer",
                "payment_options",
                "participant_details",
                "metadata",
            ],
        )?;
        let payment_details =
            PaymentDetails::read(o.required("payment_details")?, &path.key("payment_details"))?;
        let amount_details = Amount::read(
            o.required("amount_details")?,
            &path.key("amount_details"),
            edits,
        )?;
        o.required("customer")?;
        if payment_details == PaymentDetails::FasterPayments {
            fps_payment_rules(&o, &amount_details)?;
        }
        Ok(InitPayment {
            payment_details,
            amount_details,
            customer: o.raw_object("customer")?.unwrap_or(RawJson("{}".into())),
            payment_options: options(&o)?,
            participant_details: o.raw_object("participant_details")?,
            metadata: o.raw("metadata")?,
        })
    }
}

/// An FPS payment by QR code (docs/payments/payment-qr): roubles, and who
/// pays named by `customer.reference` or `participant_details.sender.ipv4`
/// (at least one).
fn fps_payment_rules(o: &Obj<'_, '_>, amount: &Amount) -> Result<(), Error> {
    let path = o.path();
    if amount.currency != "rub" {
        return Err(invalid(
            &path.key("amount_details").key("currency"),
            "must be \"rub\" for a faster_payment_system payment",
        ));
    }
    let text = |v: Option<Value<'_>>| {
        v.and_then(|v| v.as_str())
            .is_some_and(|s| !s.trim().is_empty())
    };
    let reference = text(o.get("customer").and_then(|c| c.get("reference")));
    let ipv4 = text(
        o.get("participant_details")
            .and_then(|p| p.get("sender"))
            .and_then(|s| s.get("ipv4")),
    );
    if !reference && !ipv4 {
        return Err(invalid(
            &path.key("customer").key("reference"),
            "an FPS payment names its payer: customer.reference or participant_details.sender.ipv4",
        ));
    }
    Ok(())
}

/// `session/start/payment`: the session plus what create did not give.
#[derive(Debug, Clone, PartialEq, Eq)]
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
    pub fn read(v: Value<'_>, path: &Path, edits: &mut Edits) -> Result<Self, Error> {
        let o = Obj::new(
            v,
            path,
            &[
                "session_id",
                "payment_details",
                "amount_details",
                "customer",
                "payment_options",
                "participant_details",
                "metadata",
            ],
        )?;
        Ok(StartPayment {
            session_id: o.nonblank("session_id")?,
            payment_details: payment_details(&o)?,
            amount_details: amount(&o, edits)?,
            customer: o.raw_object("customer")?,
            payment_options: options(&o)?,
            participant_details: o.raw_object("participant_details")?,
            metadata: o.raw("metadata")?,
        })
    }
}

/// `session/confirm`, `session/cancel`, `session/status`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionId {
    pub session_id: String,
}

impl SessionId {
    pub fn read(v: Value<'_>, path: &Path) -> Result<Self, Error> {
        let o = Obj::new(v, path, &["session_id"])?;
        Ok(SessionId {
            session_id: o.nonblank("session_id")?,
        })
    }
}

/// `session/capture`, `session/refund`: without `amount_details`, the whole
/// amount (what is left of it, for a refund). A refund may carry
/// `metadata` (docs/reference/methods/session-refund); a capture may not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AmountChange {
    pub session_id: String,
    pub amount_details: Option<Amount>,
    pub metadata: Option<RawJson>,
}

impl AmountChange {
    pub fn read(v: Value<'_>, path: &Path, edits: &mut Edits, refund: bool) -> Result<Self, Error> {
        let known: &[&str] = if refund {
            &["session_id", "amount_details", "metadata"]
        } else {
            &["session_id", "amount_details"]
        };
        let o = Obj::new(v, path, known)?;
        Ok(AmountChange {
            session_id: o.nonblank("session_id")?,
            amount_details: amount(&o, edits)?,
            metadata: o.raw("metadata")?,
        })
    }
}

pub(super) fn payment_details(o: &Obj<'_, '_>) -> Result<Option<PaymentDetails>, Error> {
    match o.get("payment_details") {
        Some(v) => Ok(Some(PaymentDetails::read(
            v,
            &o.path().key("payment_details"),
        )?)),
        None => Ok(None),
    }
}

pub(super) fn amount(o: &Obj<'_, '_>, edits: &mut Edits) -> Result<Option<Amount>, Error> {
    match o.get("amount_details") {
        Some(v) => Ok(Some(Amount::read(
            v,
            &o.path().key("amount_details"),
            edits,
        )?)),
        None => Ok(None),
    }
}

fn options(o: &Obj<'_, '_>) -> Result<Option<PaymentOptions>, Error> {
    match o.get("payment_options") {
        Some(v) => Ok(Some(PaymentOptions::read(
            v,
            &o.path().key("payment_options"),
        )?)),
        None => Ok(None),
    }
}

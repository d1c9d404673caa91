//! What the core needs to know of a session, read from an answer, a webhook
//! or an object the caller holds, whatever holds the tree (see
//! [`crate::tree`]). The JS event object keeps the wire shape; these facts
//! are what views, checks and the reference worker decide with.
//!
//! Live shapes (reference pages): payments in `acquiring_payments` (API v2:
//! `payment_list`), payouts in `payments` (v2: `payout_list`), refunds
//! inside each payment (`refunds[]`, chargebacks flagged `is_chargeback`),
//! failure details in `error {code, description, reject_reasons}`.

use crate::prelude::*;
mod read;

pub use read::{find_session, is_last4, read_event, read_session, OperationAt};

use crate::model::{EventType, NextAction, PaymentStatus, Redirect, SessionStatus};

/// A payment (money in) or a payout (money out).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OperationKind {
    Payment,
    Payout,
}

impl OperationKind {
    pub fn as_str(self) -> &'static str {
        match self {
            OperationKind::Payment => "payment",
            OperationKind::Payout => "payout",
        }
    }
}

/// Why an operation failed, as the page may show it: code and description
/// only (the reject reasons are the merchant's business, never the customer's).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub code: String,
    pub description: String,
}

/// The refunds of an operation, summed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Refunds {
    /// Minor units of accepted refunds.
    pub refunded: u64,
    /// Any accepted refund came through the chargeback procedure.
    pub chargeback: bool,
    /// Accepted refunds whose amount was not given (taken as the rest).
    pub unmeasured: bool,
    /// Refunds listed, in any status.
    pub listed: usize,
}

/// The operation a session is about: the last of its list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OperationFacts {
    pub kind: OperationKind,
    pub at: OperationAt,
    pub id: String,
    pub status: PaymentStatus,
    pub amount: Option<(u64, String)>,
    /// Brand and last four digits (at most four digits, else none).
    pub brand: Option<String>,
    pub last4: Option<String>,
    pub redirect: Option<Redirect>,
    /// `customer_interaction.inform.qr.content`: a Faster Payments deep
    /// link, to show as a QR code or open on a phone (an http(s) URL only).
    pub qr: Option<String>,
    pub refunds: Refunds,
    pub error: Option<Failure>,
    pub has_metadata: bool,
}

/// A session as the core sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionFacts {
    pub id: String,
    pub status: SessionStatus,
    pub updated_at: Option<String>,
    pub next_action: Option<NextAction>,
    pub error: Option<Failure>,
    pub has_metadata: bool,
    /// The payment or payout the session is about, if it has one.
    pub operation: Option<OperationFacts>,
}

/// A webhook: its type and session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventFacts {
    pub kind: EventType,
    pub session: SessionFacts,
}

/// What identifies a delivery for deduplication: session id, event type,
/// the session's status, the current operation's status and the number of
/// its refunds (so a second partial refund is not a duplicate of the first,
/// nor a failure in a cancelled session one in a session in `error`). The
/// same delivery sent twice yields the same key.
pub fn dedup_key(event: &EventFacts) -> String {
    let op = event.session.operation.as_ref();
    cat(&[
        event.session.id.as_str(),
        ":",
        event.kind.as_str(),
        ":",
        event.session.status.as_str(),
        ":",
        op.map_or("-", |o| o.status.as_str()),
        ":",
        &crate::money::decimal_digits(op.map_or(0, |o| o.refunds.listed as u64)),
    ])
}

//! Where a payment stands, for display, and how that follows from a session.

use crate::model::{string_enum, EventType, NextAction, PaymentStatus, SessionStatus};
use crate::prelude::*;
use crate::session::{OperationKind, SessionFacts};

string_enum! {
    /// Where a payment (or payout) stands, for display.
    PaymentState {
        Created = "created",
        Processing = "processing",
        AwaitingConfirmation = "awaiting_confirmation",
        /// The customer must act: 3-D Secure (`redirect` says where) or pay
        /// in their bank's app (`interaction`: a QR code of a deep link).
        ActionRequired = "action_required",
        /// Held on the card, waiting for capture.
        Authorized = "authorized",
        Succeeded = "succeeded",
        Failed = "failed",
        Cancelled = "cancelled",
        /// Some of the amount was refunded (`refunded_amount` says how much).
        PartiallyRefunded = "partially_refunded",
        Refunded = "refunded",
        /// Failed inside a session in `error`: not final; the merchant asks
        /// support for the final status and must not retry.
        NeedsAttention = "needs_attention",
    }
}

impl PaymentState {
    /// Whether nothing more will happen without a new operation.
    pub fn is_final(&self) -> bool {
        matches!(
            self,
            PaymentState::Succeeded
                | PaymentState::Failed
                | PaymentState::Cancelled
                | PaymentState::PartiallyRefunded
                | PaymentState::Refunded
        )
    }

    /// The English label shown for the state (the browser's default).
    /// `{refunded}` and `{amount}` are filled with formatted money.
    pub fn default_label(&self, kind: OperationKind) -> &'static str {
        let payout = kind == OperationKind::Payout;
        match self {
            PaymentState::Created if payout => "Payout created",
            PaymentState::Created => "Payment created",
            PaymentState::AwaitingConfirmation if payout => "Confirming payout…",
            PaymentState::AwaitingConfirmation => "Confirming payment…",
            PaymentState::ActionRequired => "Additional verification required",
            PaymentState::Authorized => "Payment authorized",
            PaymentState::Succeeded if payout => "Payout sent",
            PaymentState::Succeeded => "Payment successful",
            PaymentState::Failed if payout => "Payout failed",
            PaymentState::Failed => "Payment failed",
            PaymentState::Cancelled if payout => "Payout cancelled",
            PaymentState::Cancelled => "Payment cancelled",
            PaymentState::PartiallyRefunded => "Refunded {refunded} of {amount}",
            PaymentState::Refunded => "Payment refunded",
            PaymentState::NeedsAttention => "We are checking this payment",
            PaymentState::Processing | PaymentState::Unknown(_) if payout => "Processing payout…",
            PaymentState::Processing | PaymentState::Unknown(_) => "Processing payment…",
        }
    }
}

/// `template` with `{name}` replaced by its value (unknown names kept).
pub fn fill_label(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some((before, after)) = rest.split_once('{') {
        out.push_str(before);
        let known = after.split_once('}').and_then(|(name, tail)| {
            values
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v, tail))
        });
        match known {
            Some((value, tail)) => {
                out.push_str(value);
                rest = tail;
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The state of a session, as of the webhook `event` when there is one.
pub fn derive_state(s: &SessionFacts, event: Option<&EventType>) -> PaymentState {
    use PaymentState as S;
    let op = s.operation.as_ref();
    // An operation's own outcome first: a declined card fails the payment
    // and cancels the session, and that shows as `failed`; a session the
    // merchant cancelled keeps its payment unfinished: `cancelled`.
    if let Some(o) = op {
        match o.status {
            PaymentStatus::Succeeded => {
                let r = o.refunds;
                let whole = o.amount.as_ref().is_some_and(|a| r.refunded >= a.0);
                return if r.unmeasured || (r.refunded > 0 && whole) {
                    S::Refunded
                } else if r.refunded > 0 {
                    S::PartiallyRefunded
                } else if r.listed == 0 && event == Some(&EventType::PaymentRefunded) {
                    // An older webhook shape: the event says it, no list does.
                    S::Refunded
                } else {
                    S::Succeeded
                };
            }
            PaymentStatus::Failed if s.status == SessionStatus::Error => return S::NeedsAttention,
            PaymentStatus::Failed => return S::Failed,
            _ => {}
        }
    }
    if s.status == SessionStatus::Cancelled {
        return S::Cancelled;
    }
    // The customer has something to do: 3-D Secure, or pay in the bank's app.
    let has_redirect = op.is_some_and(|o| o.redirect.is_some() || o.qr.is_some());
    match event {
        Some(EventType::ActionRequired) if has_redirect => return S::ActionRequired,
        Some(EventType::ReadyToCapture) => return S::Authorized,
        Some(EventType::ReadyToConfirm) => return S::AwaitingConfirmation,
        _ => {}
    }
    match s.next_action {
        Some(NextAction::Capture) => return S::Authorized,
        Some(NextAction::Confirm) => return S::AwaitingConfirmation,
        _ => {}
    }
    if has_redirect {
        return S::ActionRequired;
    }
    if s.status == SessionStatus::Created && op.is_none() {
        return S::Created;
    }
    S::Processing
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        assert_eq!(
            fill_label(
                "Refunded {refunded} of {amount}",
                &[("refunded", "$4.00"), ("amount", "$10.00")]
            ),
            "Refunded $4.00 of $10.00"
        );
        assert_eq!(fill_label("{x} and {", &[]), "{x} and {");
        assert_eq!(
            fill_label("a}b{refunded", &[("refunded", "1")]),
            "a}b{refunded"
        );
        assert_eq!(
            PaymentState::Succeeded.default_label(OperationKind::Payout),
            "Payout sent"
        );
        let all: Vec<_> = PaymentState::KNOWN
            .iter()
            .map(|s| PaymentState::from(*s))
            .collect();
        assert!(all.iter().all(|s| !matches!(s, PaymentState::Unknown(_))));
        assert_eq!(
            all.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
            PaymentState::KNOWN
        );
    }
}

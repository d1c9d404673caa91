//! Where a session stands: the one thing stored. Its status, `next_action`
//! and its operation's status are derived from it here, in one place.

use sg_wire::{NextAction, PaymentStatus, SessionStatus};

/// The stage of a session and its operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Stage {
    /// Created, no operation started.
    Created,
    /// Started; `ready_to_confirm` sent, waiting for `session/confirm`.
    AwaitingConfirmation,
    /// Confirmed; the customer is at the ACS (3-D Secure).
    AwaitingAction,
    /// Authorised (manual capture); `ready_to_capture` sent.
    AwaitingCapture,
    Succeeded,
    /// Declined: the operation failed, the session is cancelled.
    Failed,
    /// Cancelled by the merchant before money moved.
    Cancelled,
    /// The service's own failure: the operation failed inside a session in
    /// `error`, which is not final (the merchant asks support).
    Error,
}

/// How a stage shows on the wire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    pub session: SessionStatus,
    pub next_action: Option<NextAction>,
    pub operation: PaymentStatus,
}

impl Stage {
    /// The one derivation of the wire statuses.
    pub fn shown(self) -> Shown {
        use PaymentStatus as P;
        use SessionStatus as S;
        let (session, next_action, operation) = match self {
            Stage::Created => (S::Created, None, P::Pending),
            Stage::AwaitingConfirmation => (S::InProgress, Some(NextAction::Confirm), P::Pending),
            Stage::AwaitingAction => (S::InProgress, None, P::Pending),
            Stage::AwaitingCapture => (S::InProgress, Some(NextAction::Capture), P::Pending),
            Stage::Succeeded => (S::Accepted, None, P::Succeeded),
            Stage::Failed => (S::Cancelled, None, P::Failed),
            // The merchant's cancel moves no money: the operation stays unfinished.
            Stage::Cancelled => (S::Cancelled, None, P::Pending),
            Stage::Error => (S::Error, None, P::Failed),
        };
        Shown {
            session,
            next_action,
            operation,
        }
    }

    /// Whether the operation is over (nothing more happens by itself).
    pub fn is_final(self) -> bool {
        matches!(
            self,
            Stage::Succeeded | Stage::Failed | Stage::Cancelled | Stage::Error
        )
    }

    /// Whether `session/cancel` may stop the session here.
    pub fn cancellable(self) -> bool {
        matches!(
            self,
            Stage::Created | Stage::AwaitingConfirmation | Stage::AwaitingCapture
        )
    }

    pub fn name(self) -> &'static str {
        match self {
            Stage::Created => "created",
            Stage::AwaitingConfirmation => "awaiting confirmation",
            Stage::AwaitingAction => "awaiting 3-D Secure",
            Stage::AwaitingCapture => "awaiting capture",
            Stage::Succeeded => "succeeded",
            Stage::Failed => "failed",
            Stage::Cancelled => "cancelled",
            Stage::Error => "in error",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_stage_shows_one_way() {
        use PaymentStatus as P;
        use SessionStatus as S;
        for (stage, session, next, op, is_final) in [
            (Stage::Created, S::Created, None, P::Pending, false),
            (
                Stage::AwaitingConfirmation,
                S::InProgress,
                Some(NextAction::Confirm),
                P::Pending,
                false,
            ),
            (
                Stage::AwaitingAction,
                S::InProgress,
                None,
                P::Pending,
                false,
            ),
            (
                Stage::AwaitingCapture,
                S::InProgress,
                Some(NextAction::Capture),
                P::Pending,
                false,
            ),
            (Stage::Succeeded, S::Accepted, None, P::Succeeded, true),
            (Stage::Failed, S::Cancelled, None, P::Failed, true),
            (Stage::Cancelled, S::Cancelled, None, P::Pending, true),
            (Stage::Error, S::Error, None, P::Failed, true),
        ] {
            let shown = stage.shown();
            assert_eq!(
                (shown.session, shown.next_action, shown.operation),
                (session, next, op),
                "{stage:?}"
            );
            assert_eq!(stage.is_final(), is_final, "{stage:?}");
        }
    }
}

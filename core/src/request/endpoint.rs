//! The API endpoints, under `{base}/api/v1/`.

use crate::error::Error;
use crate::prelude::*;

/// An endpoint of the API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Endpoint {
    SessionCreate,
    InitPayment,
    StartPayment,
    InitPayout,
    StartPayout,
    Confirm,
    Cancel,
    Capture,
    Refund,
    Status,
    RecurrentStatus,
    RecurrentDisable,
    Token,
    TokenInfo,
    WalletBalance,
    /// `fps/customer_verification`: is a phone registered with a bank on the
    /// Faster Payments System (docs/reference/methods/fps-verification).
    FpsCustomerVerification,
}

/// The part of an ok answer a call resolves with: one member, or the whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnswerPart {
    /// `session`: the payment session.
    Session,
    /// `recurrent`: a recurrent token's details.
    Recurrent,
    /// The whole answer (`{status, public_token}`, `{status, info}`,
    /// `{status, wallets}`): handed over as sent.
    Whole,
}

impl AnswerPart {
    /// The member holding the result, or `None` for the whole answer.
    pub fn key(self) -> Option<&'static str> {
        match self {
            AnswerPart::Session => Some("session"),
            AnswerPart::Recurrent => Some("recurrent"),
            AnswerPart::Whole => None,
        }
    }
}

impl Endpoint {
    /// Every endpoint, in documentation order.
    pub const ALL: [Endpoint; 16] = [
        Endpoint::SessionCreate,
        Endpoint::InitPayment,
        Endpoint::StartPayment,
        Endpoint::InitPayout,
        Endpoint::StartPayout,
        Endpoint::Confirm,
        Endpoint::Cancel,
        Endpoint::Capture,
        Endpoint::Refund,
        Endpoint::Status,
        Endpoint::RecurrentStatus,
        Endpoint::RecurrentDisable,
        Endpoint::Token,
        Endpoint::TokenInfo,
        Endpoint::WalletBalance,
        Endpoint::FpsCustomerVerification,
    ];

    /// The path after `/api/v1/`.
    pub fn path(self) -> &'static str {
        match self {
            Endpoint::SessionCreate => "session/create",
            Endpoint::InitPayment => "session/init/payment",
            Endpoint::StartPayment => "session/start/payment",
            Endpoint::InitPayout => "session/init/payout",
            Endpoint::StartPayout => "session/start/payout",
            Endpoint::Confirm => "session/confirm",
            Endpoint::Cancel => "session/cancel",
            Endpoint::Capture => "session/capture",
            Endpoint::Refund => "session/refund",
            Endpoint::Status => "session/status",
            Endpoint::RecurrentStatus => "recurrent/status",
            Endpoint::RecurrentDisable => "recurrent/disable",
            Endpoint::Token => "token",
            Endpoint::TokenInfo => "token/info",
            Endpoint::WalletBalance => "wallet/balance",
            Endpoint::FpsCustomerVerification => "fps/customer_verification",
        }
    }

    /// Looks an endpoint up by its path (`"session/create"`, a leading `/`
    /// or `/api/v1/` or `/api/v2/` allowed).
    pub fn from_path(path: &str) -> Result<Endpoint, Error> {
        let p = path.trim_start_matches('/');
        let p = p
            .strip_prefix("api/v1/")
            .or_else(|| p.strip_prefix("api/v2/"))
            .unwrap_or(p);
        Endpoint::ALL
            .into_iter()
            .find(|e| e.path() == p)
            .ok_or_else(|| {
                let known: Vec<_> = Endpoint::ALL.iter().map(|e| e.path()).collect();
                Error::invalid(
                    "endpoint",
                    cat(&["unknown endpoint; expected one of ", &known.join(", ")]),
                )
            })
    }

    /// Whether the call changes state, and so carries an idempotency key.
    pub fn is_mutating(self) -> bool {
        !matches!(
            self,
            Endpoint::Status
                | Endpoint::RecurrentStatus
                | Endpoint::TokenInfo
                | Endpoint::WalletBalance
        )
    }

    /// What its ok answer carries.
    pub fn answer_part(self) -> AnswerPart {
        match self {
            Endpoint::RecurrentStatus | Endpoint::RecurrentDisable => AnswerPart::Recurrent,
            Endpoint::Token | Endpoint::TokenInfo | Endpoint::WalletBalance => AnswerPart::Whole,
            _ => AnswerPart::Session,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints() {
        for e in Endpoint::ALL {
            assert_eq!(Endpoint::from_path(e.path()).unwrap(), e);
        }
        assert_eq!(
            Endpoint::from_path("/api/v1/session/create").unwrap(),
            Endpoint::SessionCreate
        );
        assert!(Endpoint::from_path("session/start").is_err());
        assert!(!Endpoint::Status.is_mutating());
        assert!(!Endpoint::TokenInfo.is_mutating());
        assert!(Endpoint::Refund.is_mutating());
        assert!(Endpoint::Token.is_mutating());
        assert_eq!(Endpoint::Token.answer_part().key(), None);
        assert_eq!(
            Endpoint::RecurrentDisable.answer_part().key(),
            Some("recurrent")
        );
        assert_eq!(Endpoint::InitPayout.answer_part().key(), Some("session"));
    }
}

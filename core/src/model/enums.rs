//! String enums with an `Unknown(String)` fallback: the API may add values at
//! any time and a reader must keep working.

macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $wire:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
            /// A value this version of the SDK does not know yet.
            Unknown(::alloc::string::String),
        }

        impl $name {
            /// Every value this version knows, in order (the `.d.ts`
            /// unions are checked against it).
            pub const KNOWN: &'static [&'static str] = &[$($wire),+];

            /// The value as on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $wire,)+
                    Self::Unknown(s) => s,
                }
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                match s {
                    $($wire => Self::$variant,)+
                    other => Self::Unknown(::alloc::string::ToString::to_string(other)),
                }
            }
        }

        impl core::fmt::Display for $name {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl $crate::model::WireText for $name {
            fn as_wire(&self) -> &str {
                self.as_str()
            }
            fn from_wire(text: &str) -> Self {
                Self::from(text)
            }
        }
    };
}
pub(crate) use string_enum;

/// A value that is a string on the wire, known or not (every enum of
/// [`crate::model`]). The serde models of the sandbox and the tests
/// (`sg-wire`) read and write these through it.
pub trait WireText: Sized {
    /// The text as on the wire.
    fn as_wire(&self) -> &str;
    /// The value for a text, `Unknown` when this version does not know it.
    fn from_wire(text: &str) -> Self;
}

string_enum! {
    /// `status` of the response envelope.
    EnvelopeStatus { Ok = "ok", Error = "error" }
}

string_enum! {
    /// `session.status`. `Error` is not final: the API asks to contact support.
    SessionStatus {
        Created = "created",
        InProgress = "in_progress",
        Accepted = "accepted",
        Cancelled = "cancelled",
        Error = "error",
    }
}

string_enum! {
    /// `status` of an acquiring payment.
    PaymentStatus {
        Pending = "pending",
        InProgress = "in_progress",
        Succeeded = "succeeded",
        Failed = "failed",
    }
}

string_enum! {
    /// `status` of a refund.
    RefundStatus {
        Accepted = "accepted",
        InProgress = "in_progress",
        Declined = "declined",
        Error = "error",
    }
}

string_enum! {
    /// Webhook `type`.
    EventType {
        ReadyToConfirm = "ready_to_confirm",
        ActionRequired = "action_required",
        ReadyToCapture = "ready_to_capture",
        PaymentFinished = "payment_finished",
        PaymentRefunded = "payment_refunded",
    }
}

string_enum! {
    /// `session.next_action`.
    NextAction { Confirm = "confirm", Capture = "capture" }
}

string_enum! {
    /// `payment_details.type`.
    PaymentDetailsType { Card = "card", Recurrent = "recurrent" }
}

string_enum! {
    /// `recurrent.initiator`: `client` for CIT, `merchant` for MIT.
    Initiator { Client = "client", Merchant = "merchant" }
}

string_enum! {
    /// Method of a 3-D Secure redirect.
    RedirectMethod { Get = "GET", Post = "POST" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_values_keep_their_text() {
        let s = SessionStatus::from_wire("frozen");
        assert_eq!(s, SessionStatus::Unknown("frozen".into()));
        assert_eq!(s.as_wire(), "frozen");
        let e = EventType::from("payment_finished");
        assert_eq!(e, EventType::PaymentFinished);
        assert_eq!(e.to_string(), "payment_finished");
    }
}

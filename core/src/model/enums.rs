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

        #[cfg(feature = "serde")]
        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        #[cfg(feature = "serde")]
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <::alloc::borrow::Cow<'de, str> as ::serde::Deserialize>::deserialize(d)?;
                Ok(Self::from(s.as_ref()))
            }
        }
    };
}
pub(crate) use string_enum;

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

#[cfg(all(test, feature = "serde"))]
mod tests {
    use super::*;

    #[test]
    fn unknown_values_round_trip() {
        let s: SessionStatus = serde_json::from_str("\"frozen\"").unwrap();
        assert_eq!(s, SessionStatus::Unknown("frozen".into()));
        assert_eq!(serde_json::to_string(&s).unwrap(), "\"frozen\"");
        let e: EventType = serde_json::from_str("\"payment_finished\"").unwrap();
        assert_eq!(e, EventType::PaymentFinished);
        assert_eq!(e.to_string(), "payment_finished");
    }
}

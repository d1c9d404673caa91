//! `PaymentView`: the browser-safe snapshot of a session.
//!
//! It carries no token, no card number beyond brand and last4, and no
//! metadata unless the merchant opts in. The merchant's backend builds it
//! from a session or a webhook and hands it to the page.

use crate::error::Error;
use crate::model::{
    string_enum, EventType, PaymentStatus, Redirect, RefundStatus, Session, SessionStatus,
    WebhookEvent,
};
use serde::{Deserialize, Serialize};

string_enum! {
    /// Where a payment stands, for display.
    PaymentState {
        Created = "created",
        Processing = "processing",
        AwaitingConfirmation = "awaiting_confirmation",
        /// The customer must go through 3-D Secure: `redirect` says where.
        ActionRequired = "action_required",
        /// Held on the card, waiting for capture.
        Authorized = "authorized",
        Succeeded = "succeeded",
        Failed = "failed",
        Cancelled = "cancelled",
        Refunded = "refunded",
    }
}

impl PaymentState {
    /// The English label shown for the state (the browser's default).
    pub fn default_label(&self) -> &'static str {
        match self {
            PaymentState::Created => "Payment created",
            PaymentState::AwaitingConfirmation => "Confirming payment…",
            PaymentState::ActionRequired => "Additional verification required",
            PaymentState::Authorized => "Payment authorized",
            PaymentState::Succeeded => "Payment successful",
            PaymentState::Failed => "Payment failed",
            PaymentState::Cancelled => "Payment cancelled",
            PaymentState::Refunded => "Payment refunded",
            PaymentState::Processing | PaymentState::Unknown(_) => "Processing payment…",
        }
    }

    /// Whether nothing more will happen without a new operation.
    pub fn is_final(&self) -> bool {
        matches!(
            self,
            PaymentState::Succeeded
                | PaymentState::Failed
                | PaymentState::Cancelled
                | PaymentState::Refunded
        )
    }
}

/// Brand and last four digits: all a page may know of a card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardView {
    pub brand: Option<String>,
    pub last4: Option<String>,
}

/// The snapshot, with the wire's snake_case names.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PaymentView {
    pub session_id: String,
    pub state: PaymentState,
    #[serde(rename = "final")]
    pub is_final: bool,
    pub amount: Option<u64>,
    pub currency: Option<String>,
    pub card: Option<CardView>,
    pub redirect: Option<Redirect>,
    pub updated_at: Option<String>,
    /// Only when the merchant asked for it; kept as the JSON text received
    /// (a page only passes it on, and the browser build carries no JSON tree).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Box<serde_json::value::RawValue>>,
}

/// Options of [`PaymentView::from_session`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ViewOptions {
    /// Copy the payment's (or else the session's) metadata into the view.
    pub include_metadata: bool,
}

impl PaymentView {
    /// The view of a session, as of the webhook `event` when there is one.
    pub fn from_session(session: &Session, event: Option<&EventType>, opts: ViewOptions) -> Self {
        let payment = session.current_payment();
        let state = derive_state(session, event);
        let redirect = if state == PaymentState::ActionRequired {
            payment
                .and_then(|p| p.customer_interaction.as_ref())
                .and_then(|ci| ci.redirect.clone())
        } else {
            None
        };
        let card = payment
            .and_then(|p| p.payment_details.as_ref())
            .and_then(|d| d.card.as_ref())
            .map(|c| CardView {
                brand: c.brand.clone(),
                last4: c.last4(),
            });
        let amount = payment.and_then(|p| p.amount_details.as_ref());
        let metadata = if opts.include_metadata {
            payment
                .and_then(|p| p.metadata.as_ref())
                .or(session.metadata.as_ref())
                .and_then(|m| serde_json::value::to_raw_value(m).ok())
        } else {
            None
        };
        PaymentView {
            session_id: session.id.clone(),
            is_final: state.is_final(),
            state,
            amount: amount.map(|a| a.amount),
            currency: amount.map(|a| a.currency.clone()),
            card,
            redirect,
            updated_at: session.updated_at.clone(),
            metadata,
        }
    }

    /// The view of a webhook event.
    pub fn from_event(event: &WebhookEvent, opts: ViewOptions) -> Self {
        Self::from_session(&event.session, Some(&event.kind), opts)
    }

    /// The view of any of: a webhook event (`{type, session}`), a response
    /// envelope (`{status, session}`) or a bare session, as JSON text.
    /// Field order (of redirect params) is kept.
    pub fn from_json(json: &str, opts: ViewOptions) -> Result<Self, Error> {
        #[derive(Deserialize)]
        struct Probe {
            #[serde(rename = "type", default)]
            kind: Option<EventType>,
            #[serde(default)]
            session: Option<Box<serde_json::value::RawValue>>,
        }
        let probe: Option<Probe> = crate::json::parse(json.as_bytes()).ok();
        let (kind, raw) = match probe {
            Some(Probe {
                kind,
                session: Some(raw),
            }) => (kind, Some(raw)),
            _ => (None, None),
        };
        let session_json = raw
            .as_deref()
            .map_or(json, serde_json::value::RawValue::get);
        let session: Session = crate::json::parse(session_json.as_bytes())
            .map_err(|e| Error::invalid("session", crate::error::safe_serde_message(&e)))?;
        Ok(Self::from_session(&session, kind.as_ref(), opts))
    }
}

fn derive_state(session: &Session, event: Option<&EventType>) -> PaymentState {
    use PaymentState as S;
    let payment = session.current_payment();
    let refunded = matches!(event, Some(EventType::PaymentRefunded))
        || session
            .refunds
            .iter()
            .any(|r| r.status == RefundStatus::Accepted);
    if refunded {
        return S::Refunded;
    }
    // A payment's own outcome first: a declined card fails the payment and
    // cancels the session, and that shows as `failed`. A session cancelled
    // by the merchant keeps its payment unfinished and shows as `cancelled`.
    match payment.map(|p| &p.status) {
        Some(PaymentStatus::Succeeded) => return S::Succeeded,
        Some(PaymentStatus::Failed) => return S::Failed,
        _ => {}
    }
    if session.status == SessionStatus::Cancelled {
        return S::Cancelled;
    }
    let has_redirect = payment
        .and_then(|p| p.customer_interaction.as_ref())
        .is_some_and(|ci| ci.redirect.is_some());
    match event {
        Some(EventType::ActionRequired) if has_redirect => return S::ActionRequired,
        Some(EventType::ReadyToCapture) => return S::Authorized,
        Some(EventType::ReadyToConfirm) => return S::AwaitingConfirmation,
        _ => {}
    }
    match session.next_action.as_ref().map(|a| a.as_str()) {
        Some("capture") => return S::Authorized,
        Some("confirm") => return S::AwaitingConfirmation,
        _ => {}
    }
    if has_redirect {
        return S::ActionRequired;
    }
    if session.status == SessionStatus::Created && payment.is_none() {
        return S::Created;
    }
    S::Processing
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    fn view(v: Value) -> PaymentView {
        PaymentView::from_json(&v.to_string(), ViewOptions::default()).unwrap()
    }

    fn session(status: &str, payment_status: Option<&str>) -> Value {
        let mut s = json!({"id":"ps_1","status":status,"updated_at":"2024-05-27T02:03:00.000000Z"});
        if let Some(ps) = payment_status {
            s["acquiring_payments"] = json!([{
                "id":"pm_1","status":ps,
                "payment_details":{"type":"card","card":{"brand":"visa","last4":"4242"}},
                "amount_details":{"amount":10000,"currency":"usd"},
                "metadata":"order-7"
            }]);
        }
        s
    }

    #[test]
    fn states() {
        assert_eq!(view(session("created", None)).state, PaymentState::Created);
        assert_eq!(
            view(session("in_progress", Some("in_progress"))).state,
            PaymentState::Processing
        );
        assert_eq!(
            view(
                json!({"type":"ready_to_confirm","session":session("in_progress", Some("pending"))})
            )
            .state,
            PaymentState::AwaitingConfirmation
        );
        assert_eq!(
            view(
                json!({"type":"ready_to_capture","session":session("in_progress", Some("pending"))})
            )
            .state,
            PaymentState::Authorized
        );
        let mut s = session("in_progress", Some("pending"));
        s["next_action"] = json!("capture");
        assert_eq!(view(s).state, PaymentState::Authorized);
        let v = view(
            json!({"type":"payment_finished","session":session("accepted", Some("succeeded"))}),
        );
        assert_eq!(v.state, PaymentState::Succeeded);
        assert!(v.is_final);
        assert_eq!(
            view(session("in_progress", Some("failed"))).state,
            PaymentState::Failed
        );
        assert_eq!(
            view(session("cancelled", Some("pending"))).state,
            PaymentState::Cancelled
        );
        let mut s = session("accepted", Some("succeeded"));
        s["refunds"] = json!([{"id":"rf_1","status":"accepted"}]);
        assert_eq!(view(s).state, PaymentState::Refunded);
        let mut s = session("accepted", Some("succeeded"));
        s["refunds"] = json!([{"id":"rf_1","status":"in_progress"}]);
        assert_eq!(view(s).state, PaymentState::Succeeded);
        assert_eq!(
            view(json!({"status":"ok","session":session("error", Some("in_progress"))})).state,
            PaymentState::Processing,
            "session error is not final"
        );
    }

    #[test]
    fn view_is_browser_safe() {
        let mut s = session("in_progress", Some("pending"));
        s["acquiring_payments"][0]["payment_details"] = json!({"type":"card","card":{"number":"4000000000003220","security_code":"123","expiration_month":"12","expiration_year":"29"}});
        s["acquiring_payments"][0]["recurrent"] = json!({"token":"tok_secret"});
        s["acquiring_payments"][0]["customer_interaction"] = json!({"type":"redirect","redirect":{"url":"https://acs.test/?a=1","base_url":"https://acs.test/","method":"POST","qs":{"a":"1"},"params":{"PaReq":"x^y","MD":"m"}}});
        // Built from text so that the order of the params is the sender's.
        let text = format!(r#"{{"type":"action_required","session":{s}}}"#).replace(
            r#""params":{"MD":"m","PaReq":"x^y"}"#,
            r#""params":{"PaReq":"x^y","MD":"m"}"#,
        );
        let v = PaymentView::from_json(&text, ViewOptions::default()).unwrap();
        assert_eq!(v.state, PaymentState::ActionRequired);
        let text = serde_json::to_string(&v).unwrap();
        for secret in [
            "4000000000003220",
            "123\"",
            "tok_secret",
            "order-7",
            "metadata",
        ] {
            assert!(!text.contains(secret), "{secret} in {text}");
        }
        assert_eq!(v.card.unwrap().last4.as_deref(), Some("3220"));
        let r = v.redirect.unwrap();
        assert_eq!(
            r.params.0,
            vec![("PaReq".into(), "x^y".into()), ("MD".into(), "m".into())]
        );
    }

    #[test]
    fn metadata_on_request_and_shape() {
        let s = session("accepted", Some("succeeded"));
        let v = PaymentView::from_json(
            &s.to_string(),
            ViewOptions {
                include_metadata: true,
            },
        )
        .unwrap();
        assert_eq!(v.metadata.as_ref().map(|m| m.get()), Some("\"order-7\""));
        let text = serde_json::to_value(&v).unwrap();
        assert_eq!(
            text,
            json!({"session_id":"ps_1","state":"succeeded","final":true,"amount":10000,"currency":"usd",
                   "card":{"brand":"visa","last4":"4242"},"redirect":null,
                   "updated_at":"2024-05-27T02:03:00.000000Z","metadata":"order-7"})
        );
        let err = PaymentView::from_json(r#"{"nope":1}"#, ViewOptions::default()).unwrap_err();
        assert_eq!(err.code(), "invalid_params");
        assert!(err.to_string().contains("missing field `id`"), "{err}");
        assert!(PaymentView::from_json("7", ViewOptions::default()).is_err());
        assert!(PaymentView::from_json("{", ViewOptions::default()).is_err());
    }
}

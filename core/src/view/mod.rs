//! `PaymentView`: the browser-safe snapshot of a session.
//!
//! It carries no token, no card number beyond brand and last four digits,
//! no reject reasons, and no metadata unless the merchant opts in. The
//! merchant's backend builds it from a session, an answer or a webhook and
//! hands it to the page.

use crate::prelude::*;
mod before;
mod read;
mod state;
mod status;

pub use before::view_before_start;
pub use read::read_view;
pub use state::{derive_state, fill_label, PaymentState};
pub use status::{initial_view, status_text, StatusOptions, StatusText, RECONNECTING};

use crate::error::Error;
use crate::model::{EventType, Redirect};
use crate::session::{Failure, OperationKind, SessionFacts};
use crate::tree::{Out, Path, Reader};

/// Brand and last four digits: all a page may know of a card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardView {
    pub brand: Option<String>,
    pub last4: Option<String>,
}

/// The snapshot, with the wire's snake_case names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentView {
    pub session_id: String,
    pub kind: OperationKind,
    pub state: PaymentState,
    pub is_final: bool,
    pub amount: Option<u64>,
    pub currency: Option<String>,
    pub card: Option<CardView>,
    /// Minor units refunded so far (accepted refunds).
    pub refunded_amount: u64,
    /// A refund came through the chargeback procedure.
    pub chargeback: bool,
    /// Why it failed (`failed`, `needs_attention`): never the reject reasons.
    pub failure: Option<Failure>,
    /// Where to send the customer, when `state` is `action_required`.
    pub redirect: Option<Redirect>,
    /// What to show instead of a redirect, when `state` is
    /// `action_required`: a Faster Payments deep link (`{type: "qr",
    /// content}`), shown as a QR code or opened on a phone.
    pub qr: Option<String>,
    pub updated_at: Option<String>,
}

/// Where a view's metadata comes from, when the merchant asked for it: the
/// operation's, else the session's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MetadataFrom {
    Operation,
    Session,
}

impl PaymentView {
    /// The view of a session, as of the webhook `event` when there is one.
    pub fn from_facts(s: &SessionFacts, event: Option<&EventType>) -> PaymentView {
        let op = s.operation.as_ref();
        let state = derive_state(s, event);
        let failure = match state {
            PaymentState::Failed | PaymentState::NeedsAttention => {
                op.and_then(|o| o.error.clone()).or_else(|| s.error.clone())
            }
            _ => None,
        };
        PaymentView {
            session_id: s.id.clone(),
            kind: op.map_or(OperationKind::Payment, |o| o.kind),
            is_final: state.is_final(),
            redirect: match state {
                PaymentState::ActionRequired => op.and_then(|o| o.redirect.clone()),
                _ => None,
            },
            qr: match state {
                PaymentState::ActionRequired => op.and_then(|o| o.qr.clone()),
                _ => None,
            },
            state,
            amount: op.and_then(|o| o.amount.as_ref().map(|a| a.0)),
            currency: op.and_then(|o| o.amount.as_ref().map(|a| a.1.clone())),
            card: op
                .filter(|o| o.brand.is_some() || o.last4.is_some())
                .map(|o| CardView {
                    brand: o.brand.clone(),
                    last4: o.last4.clone(),
                }),
            refunded_amount: op.map_or(0, |o| o.refunds.refunded),
            chargeback: op.is_some_and(|o| o.refunds.chargeback),
            failure,
            updated_at: s.updated_at.clone(),
        }
    }

    /// Which metadata to copy into the view, if any exists.
    pub fn metadata_from(s: &SessionFacts) -> Option<MetadataFrom> {
        match &s.operation {
            Some(o) if o.has_metadata => Some(MetadataFrom::Operation),
            _ if s.has_metadata => Some(MetadataFrom::Session),
            _ => None,
        }
    }

    /// The view as the packages hand it out (field order as documented).
    pub fn to_out(&self) -> Out {
        let s = |v: &Option<String>| Out::opt(v.as_ref(), |x| Out::str(x.as_str()));
        Out::Obj(vec![
            ("session_id", Out::str(self.session_id.as_str())),
            ("kind", Out::str(self.kind.as_str())),
            ("state", Out::str(self.state.as_str())),
            ("final", Out::Bool(self.is_final)),
            ("amount", Out::opt(self.amount, Out::Int)),
            ("currency", s(&self.currency)),
            (
                "card",
                Out::opt(self.card.as_ref(), |c| {
                    Out::Obj(vec![("brand", s(&c.brand)), ("last4", s(&c.last4))])
                }),
            ),
            ("refunded_amount", Out::Int(self.refunded_amount)),
            ("chargeback", Out::Bool(self.chargeback)),
            (
                "failure",
                Out::opt(self.failure.as_ref(), |f| {
                    Out::Obj(vec![
                        ("code", Out::str(f.code.as_str())),
                        ("description", Out::str(f.description.as_str())),
                    ])
                }),
            ),
            (
                "redirect",
                Out::opt(self.redirect.as_ref(), crate::redirect::redirect_to_out),
            ),
            (
                "interaction",
                Out::opt(self.qr.as_ref(), |c| {
                    Out::Obj(vec![
                        ("type", Out::str("qr")),
                        ("content", Out::str(c.as_str())),
                    ])
                }),
            ),
            ("updated_at", s(&self.updated_at)),
        ])
    }

    /// The view of any of: a webhook event (`{type, session}`), an answer
    /// (`{status, session}`) or a bare session, as JSON text, written as
    /// JSON text; with `include_metadata`, the metadata as it was written.
    pub fn json_of(text: &str, include_metadata: bool) -> Result<String, Error> {
        let doc = crate::json::parse(text.as_bytes()).map_err(|e| Error::syntax(&e))?;
        let root = doc.root();
        let r = Reader::caller("sessionOrEvent");
        let path = Path::root("sessionOrEvent");
        let (event, facts) = crate::session::find_session(&r, &root, &path)?;
        let view = PaymentView::from_facts(&facts, event.as_ref());
        let mut out = view.to_out();
        if include_metadata {
            let session = root
                .get("session")
                .filter(|s| s.kind() == crate::json::Kind::Object)
                .unwrap_or(root);
            let raw = match PaymentView::metadata_from(&facts) {
                Some(MetadataFrom::Operation) => facts.operation.as_ref().and_then(|o| {
                    session
                        .get(o.at.list)?
                        .elements()
                        .nth(o.at.index)?
                        .get("metadata")
                }),
                Some(MetadataFrom::Session) => session.get("metadata"),
                None => None,
            };
            if let (Some(raw), Out::Obj(fields)) = (raw, &mut out) {
                fields.push(("metadata", Out::Raw(raw.raw().to_string())));
            }
        }
        Ok(out.to_json())
    }
}

#[cfg(test)]
mod tests;

//! The ACS (the card issuer's 3-D Secure page): what it shows, and the
//! customer's decision.

use super::payments::Outcome;
use super::stage::Stage;
use super::{Ctx, Engine};
use sg_wire::RedirectMethod;

/// What the ACS page shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AcsChallenge {
    pub merchant: String,
    pub amount: u64,
    pub currency: String,
    pub last4: String,
    pub md: String,
    pub pareq: Option<String>,
    /// Where the customer goes afterwards, when it is the merchant's (the
    /// page's forms must be allowed to go there).
    pub return_url: Option<String>,
    /// The page that frames the ACS (the widget's parent, 3-D Secure inside
    /// the widget), the only one it may be framed by.
    pub framed_by: Option<String>,
}

/// Where the customer goes after the ACS, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AcsReturn {
    pub return_url: Option<String>,
    pub method: RedirectMethod,
    pub fields: Vec<(String, String)>,
}

impl Engine {
    /// The challenge of an operation waiting at the ACS, if `md` matches.
    pub fn acs_challenge(&self, operation_id: &str, md: &str) -> Option<AcsChallenge> {
        let rec = self.sessions.get(self.operations.get(operation_id)?)?;
        let op = rec.op()?;
        let acs = op
            .acs
            .as_ref()
            .filter(|a| a.md == md && rec.stage == Stage::AwaitingAction)?;
        let last4 = match &op.method {
            super::record::Method::Card { last4, .. }
            | super::record::Method::Recurrent { last4, .. } => last4.clone(),
            _ => String::new(),
        };
        Some(AcsChallenge {
            merchant: self.settings.project.clone(),
            amount: op.amount,
            currency: op.currency.clone(),
            last4,
            md: acs.md.clone(),
            pareq: acs.pareq.clone(),
            return_url: op.return_url.clone().filter(|_| op.hosted.is_none()),
            framed_by: op
                .hosted
                .as_ref()
                .and_then(|h| h.frame.as_ref())
                .filter(|f| !f.top)
                .map(|f| f.parent.clone()),
        })
    }

    /// The customer's decision. `None` when nothing waits there with this
    /// `md` (a second submit, or a forged one). A payment started on the
    /// hosted page goes back to it; any other to its `return_url`, the way
    /// it came (a POST form or a GET).
    pub fn acs_decide(
        &mut self,
        operation_id: &str,
        md: &str,
        approve: bool,
        ctx: &mut Ctx,
    ) -> Option<AcsReturn> {
        self.acs_challenge(operation_id, md)?;
        let id = self.operations.get(operation_id)?.clone();
        let op = self.sessions.get(&id)?.op()?.clone();
        let acs = op.acs.clone()?;
        let behaviour = op.method.behaviour();
        let pares = format!("{}{}", if approve { "Y" } else { "N" }, (ctx.random_hex)());
        self.authorize(&id, Outcome::of(behaviour, approve), ctx);
        let public_url = self.settings.public_url.clone();
        Some(match &op.hosted {
            Some(h) => AcsReturn {
                return_url: Some(match &h.frame {
                    Some(f) if !f.top => format!(
                        "{public_url}{}",
                        crate::widget::status_path(&h.public_token, f)
                    ),
                    _ => format!(
                        "{public_url}/{}/payment/{}/status",
                        h.locale,
                        smart_glocal::return_url::encode(&h.public_token)
                    ),
                }),
                method: RedirectMethod::Get,
                fields: Vec::new(),
            },
            None => AcsReturn {
                return_url: op.return_url.clone(),
                method: if acs.post {
                    RedirectMethod::Post
                } else {
                    RedirectMethod::Get
                },
                fields: vec![("PaRes".into(), pares), ("MD".into(), md.into())],
            },
        })
    }
}

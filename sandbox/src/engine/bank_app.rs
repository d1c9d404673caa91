//! An FPS payment (the Faster Payments System by QR code) at the
//! customer's bank: confirmed, the payment waits in `action_required`
//! with `customer_interaction: {type: "inform", inform: {qr: {content}}}`
//! (docs/payments/payment-qr, docs/restricted/recurrent-fps), a deep link
//! the merchant shows as a QR code or opens on a phone. In the sandbox the
//! link opens its "bank app" page (`/bank/{payment}?code=…`), the test's
//! stand-in for the customer's phone: approve or decline.

use super::payments::Outcome;
use super::record::FpsWait;
use super::stage::Stage;
use super::{Ctx, Engine, Reply, Result};
use sg_wire::{EventType, Session};

/// What the bank app shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BankAppPayment {
    pub merchant: String,
    pub amount: u64,
    pub currency: String,
}

impl Engine {
    /// Confirmed: the QR code's deep link, and `action_required`.
    pub(super) fn send_to_bank_app(&mut self, id: &str, ctx: &mut Ctx) -> Result<Session> {
        let code = (ctx.random_hex)();
        let public_url = self.settings.public_url.clone();
        let rec = self.record_mut(id)?;
        let Some(op) = rec.op_mut() else {
            return Err(Reply::error(409, "wrong_state", "nothing to pay"));
        };
        let link = format!("{public_url}/bank/{}?code={code}", op.id);
        op.fps = Some(FpsWait { code, link });
        rec.to(Stage::AwaitingAction, ctx.now_ms);
        ctx.emit(EventType::ActionRequired, rec);
        Ok(rec.render())
    }

    /// The payment the bank app shows, if `code` is its link's.
    pub fn bank_app_payment(&self, operation_id: &str, code: &str) -> Option<BankAppPayment> {
        let rec = self.sessions.get(self.operations.get(operation_id)?)?;
        let op = rec.op()?;
        op.fps
            .as_ref()
            .filter(|f| !code.is_empty() && f.code == code && rec.stage == Stage::AwaitingAction)?;
        Some(BankAppPayment {
            merchant: self.settings.project.clone(),
            amount: op.amount,
            currency: op.currency.clone(),
        })
    }

    /// The customer's answer in the app; `false` when nothing waits there
    /// with this code (a second answer, or a forged one).
    pub fn bank_app_decide(
        &mut self,
        operation_id: &str,
        code: &str,
        approve: bool,
        ctx: &mut Ctx,
    ) -> bool {
        if self.bank_app_payment(operation_id, code).is_none() {
            return false;
        }
        let Some(id) = self.operations.get(operation_id).cloned() else {
            return false;
        };
        if let Some(op) = self.sessions.get_mut(&id).and_then(|r| r.op_mut()) {
            op.fps = None;
        }
        let outcome = if approve {
            Outcome::Approved
        } else {
            Outcome::Declined
        };
        self.authorize(&id, outcome, ctx);
        true
    }
}

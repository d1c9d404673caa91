//! Refunds (partial, several, up to the amount) and chargebacks, listed
//! inside the payment they refund, as the live service does.

use super::record::{Kind, RefundRecord};
use super::requests::AmountChange;
use super::stage::Stage;
use super::{wrong_state, Ctx, Engine, Reply, Result};
use sg_wire::{EventType, Session};

impl Engine {
    pub(super) fn refund(&mut self, p: &AmountChange, ctx: &mut Ctx) -> Result<Session> {
        let rec = self.record(&p.session_id)?;
        let op = rec
            .op()
            .filter(|o| rec.stage == Stage::Succeeded && o.kind == Kind::Payment);
        let Some(op) = op else {
            return Err(wrong_state("refund", rec));
        };
        let left = op.amount.saturating_sub(op.refunded());
        let amount = match &p.amount_details {
            Some(a) if a.currency != op.currency => None,
            Some(a) => Some(a.amount),
            None => Some(left),
        };
        let amount = match amount {
            Some(a) if a > 0 && a <= left => a,
            _ => {
                return Err(Reply::error(
                    400,
                    "invalid_amount",
                    format!("the refund must be in {} and at most {left}", op.currency),
                ))
            }
        };
        self.add_refund(&p.session_id, amount, false, ctx)?;
        self.applied(&p.session_id).refunds.push(amount);
        Ok(self.record(&p.session_id)?.render())
    }

    /// A chargeback (a test control: the merchant cannot start one): the
    /// rest of a succeeded payment comes back with `is_chargeback: true`.
    pub fn chargeback(&mut self, session_id: &str, ctx: &mut Ctx) -> Result<Session> {
        let rec = self.record(session_id)?;
        let left = match rec.op() {
            Some(op) if rec.stage == Stage::Succeeded && op.kind == Kind::Payment => {
                op.amount - op.refunded()
            }
            _ => return Err(wrong_state("charge back", rec)),
        };
        if left == 0 {
            return Err(Reply::error(
                409,
                "wrong_state",
                "the payment was refunded in full",
            ));
        }
        self.add_refund(session_id, left, true, ctx)?;
        Ok(self.record(session_id)?.render())
    }

    fn add_refund(
        &mut self,
        session_id: &str,
        amount: u64,
        chargeback: bool,
        ctx: &mut Ctx,
    ) -> Result<()> {
        let refund_id = self.id("rf");
        let rec = self.record_mut(session_id)?;
        if let Some(op) = rec.op_mut() {
            op.refunds.push(RefundRecord {
                id: refund_id,
                amount,
                at_ms: ctx.now_ms,
                chargeback,
            });
        }
        rec.changed_ms = ctx.now_ms;
        ctx.emit(EventType::PaymentRefunded, rec);
        Ok(())
    }
}

//! Payouts: money to a card or a bank account, confirmed like payments,
//! drawn on the prefunded wallet (no 3-D Secure).

use super::cards::brand_of;
use super::cards::{behaviour_of, bin_of, Behaviour};
use super::payments::value;
use super::record::{Kind, Method, Operation};
use super::requests::{mask_last4, CreateSession, InitPayout, PaymentMethod, StartPayout};
use super::stage::Stage;
use super::{wrong_state, Ctx, Engine, Reply, Result};
use serde_json::Value;
use sg_wire::{EventType, Session};

/// What a payout start needs.
struct PayoutInputs {
    method: PaymentMethod,
    amount: (u64, String),
    customer: Option<Value>,
    participants: Option<Value>,
    metadata: Option<Value>,
}

fn method_of(m: &PaymentMethod) -> Method {
    match m {
        PaymentMethod::Card { number } => Method::Card {
            brand: brand_of(number).into(),
            last4: mask_last4(number),
            bin: bin_of(number),
            behaviour: behaviour_of(number),
        },
        PaymentMethod::EncryptedCard { number_hash } => Method::EncryptedCard {
            number_hash: number_hash.clone(),
        },
        PaymentMethod::BankAccount(a) => Method::BankAccount {
            system: a.system,
            last4: a.last4.clone(),
            description: a.description.clone(),
            // A phone the test phones do not register with that bank.
            unreachable: a
                .fps
                .as_ref()
                .is_some_and(|(phone, bank)| !super::fps::registered(phone, bank)),
        },
        PaymentMethod::Wallet { msisdn_last4 } => Method::Wallet {
            last4: msisdn_last4.clone(),
        },
    }
}

impl Engine {
    pub(super) fn init_payout(&mut self, p: InitPayout, ctx: &mut Ctx) -> Result<Session> {
        let id = self.create(CreateSession::default(), ctx.now_ms).id;
        let inputs = PayoutInputs {
            method: p.payment_method,
            amount: (p.amount_details.amount, p.amount_details.currency),
            customer: value(p.customer),
            participants: value(p.participant_details),
            metadata: value(p.metadata),
        };
        self.start_payout_with(&id, inputs, ctx)
    }

    pub(super) fn start_payout(&mut self, p: StartPayout, ctx: &mut Ctx) -> Result<Session> {
        let rec = self.record(&p.session_id)?;
        if rec.stage != Stage::Created {
            return Err(wrong_state("start a payout", rec));
        }
        let missing =
            |f: &str| Reply::error(400, "invalid_params", format!("invalid `{f}`: is required"));
        let inputs = PayoutInputs {
            method: p
                .payment_method
                .or_else(|| rec.pending.payment_method.clone())
                .ok_or_else(|| missing("payment_method"))?,
            amount: p
                .amount_details
                .map(|a| (a.amount, a.currency))
                .or_else(|| rec.pending.amount.clone())
                .ok_or_else(|| missing("amount_details"))?,
            customer: value(p.customer).or_else(|| rec.pending.customer.clone()),
            participants: value(p.participant_details)
                .or_else(|| rec.pending.participant_details.clone()),
            metadata: value(p.metadata).or_else(|| rec.metadata.clone()),
        };
        self.start_payout_with(&p.session_id, inputs, ctx)
    }

    fn start_payout_with(
        &mut self,
        id: &str,
        inputs: PayoutInputs,
        ctx: &mut Ctx,
    ) -> Result<Session> {
        let op_id = self.id("po");
        let op = Operation {
            customer: inputs.customer,
            metadata: inputs.metadata.clone(),
            participant_details: inputs.participants,
            ..Operation::new(
                op_id.clone(),
                Kind::Payout,
                ctx.now_ms,
                method_of(&inputs.method),
                inputs.amount.0,
                inputs.amount.1,
            )
        };
        self.operations.insert(op_id, id.to_string());
        let rec = self.record_mut(id)?;
        rec.metadata = inputs.metadata;
        rec.operation = Some(op);
        self.begin(id, ctx)
    }

    /// A confirmed payout: sent, declined (the declined test card, or not
    /// enough in the wallet), or the service's own failure.
    pub(super) fn settle_payout(&mut self, id: &str, ctx: &mut Ctx) -> Result<Session> {
        let (amount, currency, behaviour) = match self.record(id)?.op() {
            Some(op) => (op.amount, op.currency.clone(), op.method.behaviour()),
            None => return Err(Reply::error(409, "wrong_state", "no payout to confirm")),
        };
        let failure = match behaviour {
            Behaviour::Declined => Some((
                Stage::Failed,
                "payout_declined",
                "The recipient's bank declined the payout",
            )),
            Behaviour::SessionError => Some((
                Stage::Error,
                "processing_error",
                "The payout could not be processed",
            )),
            _ if !self.wallets.withdraw(&currency, amount) => Some((
                Stage::Failed,
                "insufficient_funds",
                "The prefunding balance is too low for this payout",
            )),
            _ => None,
        };
        let rrn = ctx.rrn();
        let rec = self.record_mut(id)?;
        match failure {
            Some((stage, code, what)) => {
                if let Some(op) = rec.op_mut() {
                    op.error = Some((code.into(), what.into()));
                }
                rec.to(stage, ctx.now_ms);
            }
            None => {
                if let Some(op) = rec.op_mut() {
                    op.transaction = Some((rrn, "000000".into()));
                }
                rec.to(Stage::Succeeded, ctx.now_ms);
            }
        }
        ctx.emit(EventType::PaymentFinished, rec);
        Ok(rec.render())
    }
}

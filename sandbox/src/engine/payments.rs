//! Sessions and card payments: create, start (or init), confirm, the bank's
//! answer, capture, cancel.

use super::cards::brand_of;
use super::cards::Behaviour;
use super::record::{Acs, HostedStart, Kind, Method, Operation, Pending, Record};
use super::requests::{
    AmountChange, CreateSession, InitPayment, Initiator, PaymentDetails, PaymentOptions, RawJson,
    StartPayment,
};
use super::stage::Stage;
use super::{wrong_state, CaptureMode, Ctx, Engine, Reply, Result};
use serde_json::Value;
use sg_wire::{EventType, Fields, RecurrentDetails, Redirect, RedirectMethod, Session};

pub(super) fn value(raw: Option<RawJson>) -> Option<Value> {
    raw.map(|r| r.0)
}

/// An FPS payment by QR code (docs/payments/payment-qr): in roubles, its
/// payer named by `customer.reference` or `participant_details.sender.ipv4`.
fn fps_rules(inputs: &PaymentInputs) -> Result<()> {
    if inputs.details != PaymentDetails::FasterPayments {
        return Ok(());
    }
    if inputs.amount.1 != "rub" {
        return Err(super::requests::invalid(
            "amount_details.currency",
            "must be rub for a faster_payment_system payment",
        ));
    }
    let named = |v: Option<&Value>| {
        v.and_then(Value::as_str)
            .is_some_and(|s| !s.trim().is_empty())
    };
    let reference = named(inputs.customer.as_ref().and_then(|c| c.get("reference")));
    let ipv4 = named(
        inputs
            .participants
            .as_ref()
            .and_then(|p| p.get("sender"))
            .and_then(|s| s.get("ipv4")),
    );
    if !reference && !ipv4 {
        return Err(super::requests::invalid(
            "customer.reference",
            "is required for a faster_payment_system payment (or participant_details.sender.ipv4)",
        ));
    }
    Ok(())
}

fn missing(field: &str) -> Reply {
    Reply::error(
        400,
        "invalid_params",
        format!("invalid `{field}`: is required"),
    )
}

/// What a payment start needs, from the call and what create gave.
pub(super) struct PaymentInputs {
    pub details: PaymentDetails,
    pub amount: (u64, String),
    pub customer: Option<Value>,
    pub options: PaymentOptions,
    pub participants: Option<Value>,
    pub metadata: Option<Value>,
}

/// Why a bank answer ends an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Outcome {
    Approved,
    Declined,
    ServiceError,
}

impl Outcome {
    pub fn of(behaviour: Behaviour, approved_at_acs: bool) -> Outcome {
        match behaviour {
            Behaviour::Declined => Outcome::Declined,
            Behaviour::SessionError => Outcome::ServiceError,
            _ if approved_at_acs => Outcome::Approved,
            _ => Outcome::Declined,
        }
    }
}

impl Engine {
    pub(super) fn create(&mut self, p: CreateSession, now: u64) -> Session {
        let id = self.id("ps");
        let pending = Pending {
            payment_details: p.payment_details,
            payment_method: p.payment_method,
            amount: p.amount_details.map(|a| (a.amount, a.currency)),
            customer: value(p.customer),
            options: p.payment_options,
            participant_details: value(p.participant_details),
        };
        let rec = Record::new(id.clone(), now, value(p.metadata), pending);
        let session = rec.render();
        self.sessions.insert(id, rec);
        session
    }

    pub(super) fn init_payment(&mut self, p: InitPayment, ctx: &mut Ctx) -> Result<Session> {
        let inputs = PaymentInputs {
            details: p.payment_details,
            amount: (p.amount_details.amount, p.amount_details.currency),
            customer: value(Some(p.customer)),
            options: p.payment_options.unwrap_or_default(),
            participants: value(p.participant_details),
            metadata: value(p.metadata),
        };
        // The payment is checked before anything is created.
        fps_rules(&inputs)?;
        let method = self.method_of(&inputs.details)?;
        let id = self.create(CreateSession::default(), ctx.now_ms).id;
        self.start_with(&id, inputs, method, None, ctx)
    }

    pub(super) fn start_payment(&mut self, p: StartPayment, ctx: &mut Ctx) -> Result<Session> {
        let rec = self.record(&p.session_id)?;
        if rec.stage != Stage::Created {
            return Err(wrong_state("start a payment", rec));
        }
        let pending = &rec.pending;
        let inputs = PaymentInputs {
            details: p
                .payment_details
                .or_else(|| pending.payment_details.clone())
                .ok_or_else(|| missing("payment_details"))?,
            amount: p
                .amount_details
                .map(|a| (a.amount, a.currency))
                .or_else(|| pending.amount.clone())
                .ok_or_else(|| missing("amount_details"))?,
            customer: value(p.customer).or_else(|| pending.customer.clone()),
            options: p
                .payment_options
                .or_else(|| pending.options.clone())
                .unwrap_or_default(),
            participants: value(p.participant_details)
                .or_else(|| pending.participant_details.clone()),
            metadata: value(p.metadata).or_else(|| rec.metadata.clone()),
        };
        if inputs.customer.is_none() {
            return Err(missing("customer"));
        }
        fps_rules(&inputs)?;
        let method = self.method_of(&inputs.details)?;
        self.start_with(&p.session_id, inputs, method, None, ctx)
    }

    /// How a payment is paid: a card, or a saved card's active token.
    pub(super) fn method_of(&self, details: &PaymentDetails) -> Result<Method> {
        match details {
            PaymentDetails::Card { card, .. } => Ok(Method::Card {
                brand: brand_of(&card.number).into(),
                last4: card.last4().into(),
                bin: super::cards::bin_of(&card.number),
                behaviour: super::cards::behaviour_of(&card.number),
            }),
            PaymentDetails::Recurrent { token, initiator } => match self.recurrent.get(token) {
                None => Err(Reply::error(
                    400,
                    "token_not_found",
                    "no such recurrent token",
                )),
                Some(t) if t.details.is_active == Some(false) => Err(Reply::error(
                    400,
                    "token_disabled",
                    "the recurrent token is disabled",
                )),
                Some(t) => Ok(Method::Recurrent {
                    token: token.clone(),
                    client: *initiator != Some(Initiator::Merchant),
                    brand: t.brand.clone(),
                    last4: t.last4.clone(),
                }),
            },
            PaymentDetails::FasterPayments => Ok(Method::Fps),
            // Binding an account without a charge (API v2) is not emulated.
            PaymentDetails::FasterPaymentsBinding => Err(Reply::error(
                400,
                "payment_method_not_available",
                "this sandbox does not emulate Faster Payments bindings yet",
            )),
        }
    }

    /// Starts the payment of session `id` (`Created`).
    pub(super) fn start_with(
        &mut self,
        id: &str,
        inputs: PaymentInputs,
        method: Method,
        hosted: Option<HostedStart>,
        ctx: &mut Ctx,
    ) -> Result<Session> {
        let op_id = self.id("pm");
        let card = matches!(method, Method::Card { .. });
        let op = Operation {
            customer: inputs.customer,
            return_url: inputs.options.return_url,
            // A card, or an FPS account (docs/restricted/recurrent-fps): a
            // first payment may ask for a recurrent token.
            want_token: (card || matches!(method, Method::Fps))
                && inputs.options.recurrent == Some(true),
            metadata: inputs.metadata.clone(),
            participant_details: inputs.participants,
            hosted,
            ..Operation::new(
                op_id.clone(),
                Kind::Payment,
                ctx.now_ms,
                method,
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

    /// A started operation waits for confirmation, or confirms itself.
    pub(super) fn begin(&mut self, id: &str, ctx: &mut Ctx) -> Result<Session> {
        let auto = self.settings.auto_confirm;
        let rec = self.record_mut(id)?;
        rec.to(Stage::AwaitingConfirmation, ctx.now_ms);
        if auto {
            return self.confirm(id, ctx);
        }
        ctx.emit(EventType::ReadyToConfirm, rec);
        Ok(rec.render())
    }

    pub(super) fn confirm(&mut self, id: &str, ctx: &mut Ctx) -> Result<Session> {
        let rec = self.record(id)?;
        if rec.stage != Stage::AwaitingConfirmation {
            return Err(wrong_state("confirm", rec));
        }
        let (kind, behaviour, fps) = match rec.op() {
            Some(op) => (op.kind, op.method.behaviour(), op.method == Method::Fps),
            None => return Err(wrong_state("confirm", rec)),
        };
        self.applied(id).confirms += 1;
        match (kind, behaviour) {
            (Kind::Payout, _) => self.settle_payout(id, ctx),
            (_, _) if fps => self.send_to_bank_app(id, ctx),
            (_, Behaviour::ThreeDsPost | Behaviour::ThreeDsGet) => {
                self.challenge(id, behaviour == Behaviour::ThreeDsPost, ctx)
            }
            (_, b) => {
                self.authorize(id, Outcome::of(b, true), ctx);
                Ok(self.record(id)?.render())
            }
        }
    }

    /// Sends the customer to the ACS: `action_required` with the redirect.
    fn challenge(&mut self, id: &str, post: bool, ctx: &mut Ctx) -> Result<Session> {
        let md = (ctx.random_hex)();
        let pareq = post.then(|| format!("eJx{}", (ctx.random_hex)()));
        let public_url = self.settings.public_url.clone();
        let rec = self.record_mut(id)?;
        let Some(op) = rec.op_mut() else {
            return Err(Reply::error(409, "wrong_state", "nothing to authenticate"));
        };
        let base = format!("{public_url}/acs/{}", op.id);
        let redirect = match &pareq {
            Some(pareq) => Redirect {
                url: format!("{base}?lang=en"),
                base_url: Some(base),
                method: RedirectMethod::Post,
                qs: Fields(vec![("lang".into(), "en".into())]),
                params: Fields(vec![
                    ("PaReq".into(), pareq.clone()),
                    ("MD".into(), md.clone()),
                ]),
            },
            None => Redirect {
                url: format!("{base}?MD={md}&lang=en"),
                base_url: Some(base),
                method: RedirectMethod::Get,
                qs: Fields(vec![
                    ("MD".into(), md.clone()),
                    ("lang".into(), "en".into()),
                ]),
                params: Fields::default(),
            },
        };
        op.acs = Some(Acs {
            post,
            md,
            pareq,
            redirect,
        });
        rec.to(Stage::AwaitingAction, ctx.now_ms);
        ctx.emit(EventType::ActionRequired, rec);
        Ok(rec.render())
    }

    /// The bank's answer: held (manual capture), captured, declined, or the
    /// service's own failure.
    pub(super) fn authorize(&mut self, id: &str, outcome: Outcome, ctx: &mut Ctx) {
        let capture = self.settings.capture;
        let Some(rec) = self.sessions.get_mut(id) else {
            return;
        };
        match outcome {
            Outcome::Declined | Outcome::ServiceError => {
                let (stage, code, what) = match outcome {
                    Outcome::Declined => (
                        Stage::Failed,
                        "card_declined",
                        "The card was declined by the issuer",
                    ),
                    _ => (
                        Stage::Error,
                        "processing_error",
                        "The payment could not be processed",
                    ),
                };
                if let Some(op) = rec.op_mut() {
                    op.error = Some((code.into(), what.into()));
                }
                rec.to(stage, ctx.now_ms);
                ctx.emit(EventType::PaymentFinished, rec);
            }
            Outcome::Approved if capture == CaptureMode::Manual => {
                if let Some(op) = rec.op_mut() {
                    op.acs = None;
                }
                rec.to(Stage::AwaitingCapture, ctx.now_ms);
                ctx.emit(EventType::ReadyToCapture, rec);
            }
            Outcome::Approved => self.succeed(id, ctx),
        }
    }

    /// The money moved: `payment_finished` with `succeeded` (and a recurrent
    /// token if the first payment asked for one).
    pub(super) fn succeed(&mut self, id: &str, ctx: &mut Ctx) {
        let token = format!("{}{}", (ctx.random_hex)(), (ctx.random_hex)());
        let rrn = ctx.rrn();
        let auth_code: String = (ctx.random_hex)()
            .bytes()
            .take(6)
            .map(|b| char::from(b.to_ascii_uppercase()))
            .collect();
        let Some(rec) = self.sessions.get_mut(id) else {
            return;
        };
        let mut saved = None;
        if let Some(op) = rec.op_mut() {
            op.transaction = Some((rrn, auth_code));
            let from = match &op.method {
                Method::Card { brand, last4, .. } => Some((brand.clone(), last4.clone())),
                // An account in the customer's bank: no card to name.
                Method::Fps => Some((String::new(), String::new())),
                _ => None,
            };
            if let (true, Some((brand, last4))) = (op.want_token, from) {
                let details = RecurrentDetails {
                    token: token.clone(),
                    created_at: Some(super::record::stamp(ctx.now_ms)),
                    finished_at: None,
                    is_active: Some(true),
                };
                op.issued_token = Some(details.clone());
                saved = Some(super::tokens::SavedCard {
                    details,
                    brand,
                    last4,
                });
            }
        }
        rec.to(Stage::Succeeded, ctx.now_ms);
        ctx.emit(EventType::PaymentFinished, rec);
        if let Some(s) = saved {
            self.recurrent.insert(token, s);
        }
    }

    pub(super) fn cancel(&mut self, id: &str, ctx: &mut Ctx) -> Result<Session> {
        let rec = self.record_mut(id)?;
        if !rec.stage.cancellable() {
            return Err(wrong_state("cancel", rec));
        }
        rec.to(Stage::Cancelled, ctx.now_ms);
        let session = rec.render();
        self.applied(id).cancels += 1;
        Ok(session)
    }

    pub(super) fn capture(&mut self, p: &AmountChange, ctx: &mut Ctx) -> Result<Session> {
        let rec = self.record_mut(&p.session_id)?;
        if rec.stage != Stage::AwaitingCapture {
            return Err(wrong_state("capture", rec));
        }
        if let (Some(a), Some(op)) = (&p.amount_details, rec.op_mut()) {
            if a.currency != op.currency || a.amount > op.amount {
                return Err(Reply::error(
                    400,
                    "invalid_amount",
                    "the capture must be in the payment's currency and at most the amount held",
                ));
            }
            op.amount = a.amount;
        }
        self.applied(&p.session_id).captures += 1;
        self.succeed(&p.session_id, ctx);
        Ok(self.record(&p.session_id)?.render())
    }
}

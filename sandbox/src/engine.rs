//! The sandbox's state machine: API calls in, answers and webhooks out.
//! No I/O: the time and random values are passed in, so every flow is
//! deterministic under test.
//!
//! Flows (see `shared/API-NOTES.md`):
//! - create → start/payment (or init/payment) → `ready_to_confirm`
//! - confirm → 3-D Secure (`action_required`) when the card needs it →
//!   ACS decision → `payment_finished` (succeeded | failed), or with
//!   manual capture `ready_to_capture` → capture → `payment_finished`
//! - cancel instead of confirm or capture: session `cancelled`, payment left
//!   unfinished (no money moved)
//! - refund of a succeeded payment → `payment_refunded`
//! - `payment_options.recurrent: true` yields a token on success; a
//!   `recurrent` payment with `initiator: client` always goes through 3DS.

use serde_json::{json, Value};
use smart_glocal::model::{
    AcquiringPayment, AmountDetails, Card, Customer, CustomerInteraction, EventType, Fields,
    Initiator, NextAction, PaymentDetails, PaymentDetailsType, PaymentOptions, PaymentStatus,
    RecurrentDetails, RecurrentPaymentDetails, Redirect, RedirectMethod, Refund, RefundStatus,
    Session, SessionStatus, WebhookEvent,
};
use smart_glocal::request::{
    self, AmountChangeParams, AmountParams, CreateSessionParams, InitPaymentParams, Params,
    PaymentDetailsParams, PaymentOptionsParams, SessionIdParams, StartPaymentParams, TokenParams,
};
use smart_glocal::{Endpoint, Error};
use std::collections::HashMap;

/// `--capture`: whether an approved payment is captured at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaptureMode {
    Auto,
    Manual,
}

/// How a card behaves, from its number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Behaviour {
    Frictionless,
    ThreeDsPost,
    ThreeDsGet,
    Declined,
}

impl Behaviour {
    /// The behaviour of a card number: its row in [`TEST_CARDS`], else frictionless.
    pub fn of_card(number: &str) -> Behaviour {
        TEST_CARDS
            .iter()
            .find(|(n, _, _)| *n == number)
            .map_or(Behaviour::Frictionless, |(_, b, _)| *b)
    }
}

/// The test cards, as printed by `--help` and the demo. Any other Luhn-valid
/// number succeeds.
pub const TEST_CARDS: &[(&str, Behaviour, &str)] = &[
    (
        "4242424242424242",
        Behaviour::Frictionless,
        "succeeds without 3-D Secure",
    ),
    (
        "4000000000003220",
        Behaviour::ThreeDsPost,
        "3-D Secure with a POST redirect (PaReq, MD)",
    ),
    (
        "4000000000003063",
        Behaviour::ThreeDsGet,
        "3-D Secure with a GET redirect",
    ),
    (
        "4000000000000002",
        Behaviour::Declined,
        "declined (payment_finished with failed)",
    ),
];

/// An answer: HTTP status and JSON body.
#[derive(Debug, Clone, PartialEq)]
pub struct Reply {
    pub status: u16,
    pub body: Value,
}

impl Reply {
    fn ok_session(s: &Session) -> Reply {
        Reply {
            status: 200,
            body: json!({ "status": "ok", "session": s }),
        }
    }

    pub fn error(status: u16, code: &str, description: impl Into<String>) -> Reply {
        Reply {
            status,
            body: json!({ "status": "error", "error": { "code": code, "description": description.into() } }),
        }
    }
}

/// Where the customer goes after the ACS, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AcsReturn {
    pub return_url: Option<String>,
    pub method: RedirectMethod,
    pub fields: Vec<(String, String)>,
}

/// What the ACS page shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AcsChallenge {
    pub merchant: String,
    pub amount: u64,
    pub currency: String,
    pub last4: String,
    pub md: String,
    pub pareq: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    Created,
    AwaitingConfirmation,
    AwaitingAction,
    ReadyToCapture,
    Succeeded,
    Failed,
    Cancelled,
}

#[derive(Debug, Clone)]
struct Acs {
    method: RedirectMethod,
    md: String,
    pareq: Option<String>,
}

#[derive(Debug, Clone)]
struct Record {
    session: Session,
    stage: Stage,
    /// Payment fields given at create, used by start/payment.
    pending: CreateSessionParams,
    behaviour: Behaviour,
    last4: String,
    brand: String,
    return_url: Option<String>,
    want_token: bool,
    acs: Option<Acs>,
}

#[derive(Debug, Clone)]
struct Token {
    details: RecurrentDetails,
    brand: String,
    last4: String,
}

#[derive(Debug, Clone)]
struct Idempotent {
    endpoint: Endpoint,
    body: Vec<u8>,
    reply: Reply,
}

/// The whole state of one sandbox.
pub struct Engine {
    project: String,
    capture: CaptureMode,
    /// Base URL of this sandbox as the customer's browser reaches it.
    public_url: String,
    sessions: HashMap<String, Record>,
    payment_index: HashMap<String, String>,
    tokens: HashMap<String, Token>,
    idempotency: HashMap<String, Idempotent>,
    next_id: u64,
}

/// The context of one call: the time and a source of random hex.
pub struct Ctx<'a> {
    pub now: &'a str,
    pub random_hex: &'a mut dyn FnMut() -> String,
}

type Result<T> = std::result::Result<T, Reply>;

fn invalid(e: Error) -> Reply {
    match e {
        Error::InvalidParams { .. } => Reply::error(400, "invalid_params", e.to_string()),
        other => Reply::error(400, other.code(), other.to_string()),
    }
}

fn parse<P: Params>(body: &str) -> Result<P> {
    let mut p: P = request::from_json(body).map_err(invalid)?;
    p.validate().map_err(invalid)?;
    Ok(p)
}

fn brand_of(number: &str) -> &'static str {
    match number.as_bytes() {
        [b'4', ..] => "visa",
        [b'5', b'1'..=b'5', ..] | [b'2', b'2'..=b'7', ..] => "mastercard",
        [b'3', b'4' | b'7', ..] => "amex",
        [b'6', ..] => "discover",
        _ => "unknown",
    }
}

fn amount_of(a: &AmountParams) -> AmountDetails {
    AmountDetails {
        amount: a.amount.as_u64().unwrap_or(0),
        currency: a.currency.clone(),
    }
}

impl Engine {
    pub fn new(project: &str, capture: CaptureMode, public_url: &str) -> Engine {
        Engine {
            project: project.into(),
            capture,
            public_url: public_url.trim_end_matches('/').into(),
            sessions: HashMap::new(),
            payment_index: HashMap::new(),
            tokens: HashMap::new(),
            idempotency: HashMap::new(),
            next_id: 3230,
        }
    }

    fn id(&mut self, prefix: &str) -> String {
        self.next_id += 1;
        format!("{prefix}_{}", self.next_id)
    }

    /// One API call, already authenticated. With an idempotency key, the
    /// same body replays the stored answer and changes nothing; a different
    /// body is `409 idempotency_conflict`.
    pub fn call(
        &mut self,
        endpoint: Endpoint,
        body: &[u8],
        idempotency_key: Option<&str>,
        ctx: &mut Ctx,
    ) -> (Reply, Vec<WebhookEvent>) {
        if let Some(key) = idempotency_key {
            if let Some(prev) = self.idempotency.get(key) {
                if prev.endpoint == endpoint && prev.body == body {
                    return (prev.reply.clone(), Vec::new());
                }
                return (
                    Reply::error(
                        409,
                        "idempotency_conflict",
                        "this idempotency key was used with another request",
                    ),
                    Vec::new(),
                );
            }
        }
        let mut events = Vec::new();
        let reply = match self.dispatch(endpoint, body, ctx, &mut events) {
            Ok(r) | Err(r) => r,
        };
        if let Some(key) = idempotency_key {
            self.idempotency.insert(
                key.to_string(),
                Idempotent {
                    endpoint,
                    body: body.to_vec(),
                    reply: reply.clone(),
                },
            );
        }
        (reply, events)
    }

    fn dispatch(
        &mut self,
        endpoint: Endpoint,
        body: &[u8],
        ctx: &mut Ctx,
        events: &mut Vec<WebhookEvent>,
    ) -> Result<Reply> {
        let text = std::str::from_utf8(body)
            .map_err(|_| Reply::error(400, "malformed_json", "the body is not UTF-8"))?;
        if let Err(e) = serde_json::from_str::<Value>(text) {
            return Err(Reply::error(
                400,
                "malformed_json",
                format!("the body is not JSON: {e}"),
            ));
        }
        match endpoint {
            Endpoint::SessionCreate => {
                let p: CreateSessionParams = parse(text)?;
                let id = self.create(p, ctx.now);
                Ok(Reply::ok_session(&self.sessions[&id].session))
            }
            Endpoint::InitPayment => {
                let p: InitPaymentParams = parse(text)?;
                let start = StartPaymentParams {
                    session_id: String::new(),
                    payment_details: Some(p.payment_details),
                    amount_details: Some(p.amount_details),
                    customer: Some(p.customer),
                    payment_options: p.payment_options,
                    participant_details: p.participant_details,
                    metadata: p.metadata,
                };
                // Check the payment before creating anything.
                self.payment_inputs(&start, &CreateSessionParams::default())?;
                let id = self.create(CreateSessionParams::default(), ctx.now);
                self.start(&id, start, ctx, events)
            }
            Endpoint::StartPayment => {
                let p: StartPaymentParams = parse(text)?;
                let id = p.session_id.clone();
                self.start(&id, p, ctx, events)
            }
            Endpoint::Confirm => {
                let p: SessionIdParams = parse(text)?;
                self.confirm(&p.session_id, ctx, events)
            }
            Endpoint::Cancel => {
                let p: SessionIdParams = parse(text)?;
                self.cancel(&p.session_id, ctx.now)
            }
            Endpoint::Capture => {
                let p: AmountChangeParams = parse(text)?;
                self.capture(&p, ctx, events)
            }
            Endpoint::Refund => {
                let p: AmountChangeParams = parse(text)?;
                self.refund(&p, ctx, events)
            }
            Endpoint::Status => {
                let p: SessionIdParams = parse(text)?;
                Ok(Reply::ok_session(&self.record(&p.session_id)?.session))
            }
            Endpoint::RecurrentStatus | Endpoint::RecurrentDisable => {
                let p: TokenParams = parse(text)?;
                let token = self.tokens.get_mut(&p.token).ok_or_else(|| {
                    Reply::error(404, "token_not_found", "no such recurrent token")
                })?;
                if endpoint == Endpoint::RecurrentDisable {
                    token.details.is_active = Some(false);
                    token.details.finished_at = Some(ctx.now.to_string());
                }
                Ok(Reply {
                    status: 200,
                    body: json!({ "status": "ok", "recurrent": token.details }),
                })
            }
            _ => Err(Reply::error(404, "not_found", "unknown endpoint")),
        }
    }

    fn record(&self, id: &str) -> Result<&Record> {
        self.sessions
            .get(id)
            .ok_or_else(|| Reply::error(404, "session_not_found", format!("no session {id}")))
    }

    fn record_mut(&mut self, id: &str) -> Result<&mut Record> {
        self.sessions
            .get_mut(id)
            .ok_or_else(|| Reply::error(404, "session_not_found", format!("no session {id}")))
    }

    fn create(&mut self, p: CreateSessionParams, now: &str) -> String {
        let id = self.id("ps");
        let session = Session {
            id: id.clone(),
            status: SessionStatus::Created,
            created_at: Some(now.into()),
            updated_at: Some(now.into()),
            next_action: None,
            acquiring_payments: Vec::new(),
            payments: Vec::new(),
            refunds: Vec::new(),
            metadata: p.metadata.clone(),
        };
        self.sessions.insert(
            id.clone(),
            Record {
                session,
                stage: Stage::Created,
                pending: p,
                behaviour: Behaviour::Frictionless,
                last4: String::new(),
                brand: String::new(),
                return_url: None,
                want_token: false,
                acs: None,
            },
        );
        id
    }

    /// The payment fields of a start, completed from those given at create.
    #[allow(clippy::type_complexity)]
    fn payment_inputs(
        &self,
        p: &StartPaymentParams,
        pending: &CreateSessionParams,
    ) -> Result<(
        PaymentDetailsParams,
        AmountDetails,
        Value,
        PaymentOptionsParams,
    )> {
        let missing =
            |f: &str| Reply::error(400, "invalid_params", format!("invalid `{f}`: is required"));
        let details = p
            .payment_details
            .clone()
            .or_else(|| pending.payment_details.clone())
            .ok_or_else(|| missing("payment_details"))?;
        let amount = p
            .amount_details
            .as_ref()
            .or(pending.amount_details.as_ref())
            .map(amount_of)
            .ok_or_else(|| missing("amount_details"))?;
        let customer = p
            .customer
            .clone()
            .or_else(|| pending.customer.clone())
            .ok_or_else(|| missing("customer"))?;
        let options = p
            .payment_options
            .clone()
            .or_else(|| pending.payment_options.clone())
            .unwrap_or_default();
        if details.kind == "recurrent" {
            let token = details
                .recurrent
                .as_ref()
                .map(|r| r.token.as_str())
                .unwrap_or("");
            match self.tokens.get(token) {
                None => {
                    return Err(Reply::error(
                        400,
                        "token_not_found",
                        "no such recurrent token",
                    ))
                }
                Some(t) if t.details.is_active == Some(false) => {
                    return Err(Reply::error(
                        400,
                        "token_disabled",
                        "the recurrent token is disabled",
                    ))
                }
                Some(_) => {}
            }
        }
        Ok((details, amount, customer, options))
    }

    fn start(
        &mut self,
        id: &str,
        p: StartPaymentParams,
        ctx: &mut Ctx,
        events: &mut Vec<WebhookEvent>,
    ) -> Result<Reply> {
        let rec = self.record(id)?;
        if rec.stage != Stage::Created {
            return Err(wrong_state("start a payment", rec));
        }
        let (details, amount, customer, options) = self.payment_inputs(&p, &rec.pending)?;
        let metadata = p.metadata.clone().or_else(|| rec.pending.metadata.clone());
        let payment_id = self.id("pm");

        let (wire_details, behaviour, brand, last4) = match details.kind.as_str() {
            "recurrent" => {
                let r = details.recurrent.as_ref().expect("validated");
                let t = &self.tokens[&r.token];
                let client = r.initiator.as_deref() != Some("merchant");
                let wire = PaymentDetails {
                    kind: PaymentDetailsType::Recurrent,
                    card: None,
                    recurrent: Some(RecurrentPaymentDetails {
                        token: r.token.clone(),
                        initiator: Some(if client {
                            Initiator::Client
                        } else {
                            Initiator::Merchant
                        }),
                    }),
                };
                let behaviour = if client {
                    Behaviour::ThreeDsGet
                } else {
                    Behaviour::Frictionless
                };
                (wire, behaviour, t.brand.clone(), t.last4.clone())
            }
            _ => {
                let card = details.card.as_ref().expect("validated");
                let number = card
                    .bank_card
                    .as_ref()
                    .and_then(|b| b.number.clone())
                    .or_else(|| card.number.clone())
                    .unwrap_or_default();
                let brand = brand_of(&number).to_string();
                let last4 = number[number.len().saturating_sub(4)..].to_string();
                let wire = PaymentDetails {
                    kind: PaymentDetailsType::Card,
                    card: Some(Card {
                        brand: Some(brand.clone()),
                        last4: Some(last4.clone()),
                        ..Card::default()
                    }),
                    recurrent: None,
                };
                (wire, Behaviour::of_card(&number), brand, last4)
            }
        };
        let customer: Option<Customer> = serde_json::from_value(customer).ok();
        let payment = AcquiringPayment {
            id: payment_id.clone(),
            status: PaymentStatus::Pending,
            created_at: Some(ctx.now.into()),
            finished_at: None,
            customer,
            payment_details: Some(wire_details),
            amount_details: Some(amount),
            amounts: None,
            payment_options: Some(PaymentOptions {
                return_url: options.return_url.clone(),
                recurrent: options.recurrent,
            }),
            customer_interaction: None,
            recurrent: None,
            metadata: metadata.clone(),
        };
        self.payment_index.insert(payment_id, id.to_string());
        let rec = self.record_mut(id)?;
        rec.behaviour = behaviour;
        rec.brand = brand;
        rec.last4 = last4;
        rec.return_url = options.return_url;
        rec.want_token = options.recurrent == Some(true) && details.kind == "card";
        rec.session.metadata = metadata;
        rec.session.acquiring_payments.push(payment);
        rec.session.status = SessionStatus::InProgress;
        rec.session.next_action = Some(NextAction::Confirm);
        rec.session.updated_at = Some(ctx.now.into());
        rec.stage = Stage::AwaitingConfirmation;
        events.push(event(EventType::ReadyToConfirm, &rec.session));
        Ok(Reply::ok_session(&rec.session))
    }

    fn confirm(
        &mut self,
        id: &str,
        ctx: &mut Ctx,
        events: &mut Vec<WebhookEvent>,
    ) -> Result<Reply> {
        let public_url = self.public_url.clone();
        let rec = self.record_mut(id)?;
        if rec.stage != Stage::AwaitingConfirmation {
            return Err(wrong_state("confirm", rec));
        }
        rec.session.next_action = None;
        rec.session.updated_at = Some(ctx.now.into());
        let method = match rec.behaviour {
            Behaviour::ThreeDsPost => Some(RedirectMethod::Post),
            Behaviour::ThreeDsGet => Some(RedirectMethod::Get),
            _ => None,
        };
        match method {
            Some(method) => {
                let md = (ctx.random_hex)();
                let pareq =
                    (method == RedirectMethod::Post).then(|| format!("eJx{}", (ctx.random_hex)()));
                let payment = rec.session.acquiring_payments.last_mut().expect("started");
                let base = format!("{public_url}/acs/{}", payment.id);
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
                payment.customer_interaction = Some(CustomerInteraction {
                    kind: "redirect".into(),
                    redirect: Some(redirect),
                });
                rec.acs = Some(Acs { method, md, pareq });
                rec.stage = Stage::AwaitingAction;
                events.push(event(EventType::ActionRequired, &rec.session));
                Ok(Reply::ok_session(&rec.session))
            }
            None => {
                let approved = rec.behaviour != Behaviour::Declined;
                let id = id.to_string();
                self.authorize(&id, approved, ctx, events);
                Ok(Reply::ok_session(&self.sessions[&id].session))
            }
        }
    }

    /// The bank's answer: held (manual capture), captured, or declined.
    fn authorize(
        &mut self,
        id: &str,
        approved: bool,
        ctx: &mut Ctx,
        events: &mut Vec<WebhookEvent>,
    ) {
        let capture = self.capture;
        let Some(rec) = self.sessions.get_mut(id) else {
            return;
        };
        rec.session.updated_at = Some(ctx.now.into());
        if let Some(p) = rec.session.acquiring_payments.last_mut() {
            p.customer_interaction = None;
        }
        rec.acs = None;
        if !approved {
            let p = rec.session.acquiring_payments.last_mut().expect("started");
            p.status = PaymentStatus::Failed;
            p.finished_at = Some(ctx.now.into());
            rec.session.status = SessionStatus::Cancelled;
            rec.stage = Stage::Failed;
            events.push(event(EventType::PaymentFinished, &rec.session));
            return;
        }
        if capture == CaptureMode::Manual {
            rec.session.next_action = Some(NextAction::Capture);
            rec.stage = Stage::ReadyToCapture;
            events.push(event(EventType::ReadyToCapture, &rec.session));
            return;
        }
        self.succeed(id, ctx, events);
    }

    fn succeed(&mut self, id: &str, ctx: &mut Ctx, events: &mut Vec<WebhookEvent>) {
        let Some(rec) = self.sessions.get_mut(id) else {
            return;
        };
        let token = rec.want_token.then(|| Token {
            details: RecurrentDetails {
                token: format!("{}{}", (ctx.random_hex)(), (ctx.random_hex)()),
                created_at: Some(ctx.now.into()),
                finished_at: None,
                is_active: Some(true),
            },
            brand: rec.brand.clone(),
            last4: rec.last4.clone(),
        });
        let p = rec.session.acquiring_payments.last_mut().expect("started");
        p.status = PaymentStatus::Succeeded;
        p.finished_at = Some(ctx.now.into());
        p.recurrent = token.as_ref().map(|t| t.details.clone());
        rec.session.status = SessionStatus::Accepted;
        rec.session.next_action = None;
        rec.session.updated_at = Some(ctx.now.into());
        rec.stage = Stage::Succeeded;
        events.push(event(EventType::PaymentFinished, &rec.session));
        if let Some(t) = token {
            self.tokens.insert(t.details.token.clone(), t);
        }
    }

    fn cancel(&mut self, id: &str, now: &str) -> Result<Reply> {
        let rec = self.record_mut(id)?;
        match rec.stage {
            Stage::Created | Stage::AwaitingConfirmation | Stage::ReadyToCapture => {}
            _ => return Err(wrong_state("cancel", rec)),
        }
        rec.session.status = SessionStatus::Cancelled;
        rec.session.next_action = None;
        rec.session.updated_at = Some(now.into());
        rec.stage = Stage::Cancelled;
        Ok(Reply::ok_session(&rec.session))
    }

    fn capture(
        &mut self,
        p: &AmountChangeParams,
        ctx: &mut Ctx,
        events: &mut Vec<WebhookEvent>,
    ) -> Result<Reply> {
        let rec = self.record_mut(&p.session_id)?;
        if rec.stage != Stage::ReadyToCapture {
            return Err(wrong_state("capture", rec));
        }
        let payment = rec.session.acquiring_payments.last_mut().expect("started");
        if let Some(a) = &p.amount_details {
            let held = payment.amount_details.clone().expect("set at start");
            let a = amount_of(a);
            if a.currency != held.currency || a.amount > held.amount {
                return Err(Reply::error(
                    400,
                    "invalid_amount",
                    "the capture must be in the payment's currency and at most the amount held",
                ));
            }
            payment.amount_details = Some(a);
        }
        let id = p.session_id.clone();
        self.succeed(&id, ctx, events);
        Ok(Reply::ok_session(&self.sessions[&id].session))
    }

    fn refund(
        &mut self,
        p: &AmountChangeParams,
        ctx: &mut Ctx,
        events: &mut Vec<WebhookEvent>,
    ) -> Result<Reply> {
        let refund_id = self.id("rf");
        let rec = self.record_mut(&p.session_id)?;
        if rec.stage != Stage::Succeeded {
            return Err(wrong_state("refund", rec));
        }
        let paid = rec
            .session
            .current_payment()
            .and_then(|p| p.amount_details.clone())
            .expect("succeeded payments have an amount");
        let refunded: u64 = rec
            .session
            .refunds
            .iter()
            .filter_map(|r| r.amount_details.as_ref().map(|a| a.amount))
            .sum();
        let left = paid.amount.saturating_sub(refunded);
        let amount = match &p.amount_details {
            Some(a) => amount_of(a),
            None => AmountDetails {
                amount: left,
                currency: paid.currency.clone(),
            },
        };
        if amount.currency != paid.currency || amount.amount == 0 || amount.amount > left {
            return Err(Reply::error(
                400,
                "invalid_amount",
                format!("the refund must be in {} and at most {left}", paid.currency),
            ));
        }
        rec.session.refunds.push(Refund {
            id: refund_id,
            status: RefundStatus::Accepted,
            created_at: Some(ctx.now.into()),
            finished_at: Some(ctx.now.into()),
            amount_details: Some(amount),
            is_chargeback: Some(false),
            metadata: None,
        });
        rec.session.updated_at = Some(ctx.now.into());
        events.push(event(EventType::PaymentRefunded, &rec.session));
        Ok(Reply::ok_session(&rec.session))
    }

    /// The challenge of a payment waiting at the ACS, if `md` matches.
    pub fn acs_challenge(&self, payment_id: &str, md: &str) -> Option<AcsChallenge> {
        let rec = self.sessions.get(self.payment_index.get(payment_id)?)?;
        let acs = rec
            .acs
            .as_ref()
            .filter(|a| a.md == md && rec.stage == Stage::AwaitingAction)?;
        let amount = rec.session.current_payment()?.amount_details.clone()?;
        Some(AcsChallenge {
            merchant: self.project.clone(),
            amount: amount.amount,
            currency: amount.currency,
            last4: rec.last4.clone(),
            md: acs.md.clone(),
            pareq: acs.pareq.clone(),
        })
    }

    /// The customer's decision at the ACS. `None` when nothing waits there
    /// with this `md` (a second submit, or a forged one).
    pub fn acs_decide(
        &mut self,
        payment_id: &str,
        md: &str,
        approve: bool,
        ctx: &mut Ctx,
        events: &mut Vec<WebhookEvent>,
    ) -> Option<AcsReturn> {
        self.acs_challenge(payment_id, md)?;
        let id = self.payment_index.get(payment_id)?.clone();
        let rec = self.sessions.get(&id)?;
        let method = rec.acs.as_ref()?.method.clone();
        let return_url = rec.return_url.clone();
        let pares = format!("{}{}", if approve { "Y" } else { "N" }, (ctx.random_hex)());
        self.authorize(&id, approve, ctx, events);
        Some(AcsReturn {
            return_url,
            method,
            fields: vec![("PaRes".into(), pares), ("MD".into(), md.into())],
        })
    }
}

fn event(kind: EventType, session: &Session) -> WebhookEvent {
    WebhookEvent {
        kind,
        session: session.clone(),
    }
}

fn wrong_state(what: &str, rec: &Record) -> Reply {
    Reply::error(
        409,
        "wrong_state",
        format!(
            "cannot {what}: session {} is {} ({:?})",
            rec.session.id, rec.session.status, rec.stage
        ),
    )
}

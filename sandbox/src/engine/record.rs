//! What the sandbox keeps of a session, and how it is written on the wire
//! (live shapes: payments in `acquiring_payments`, payouts in `payments`,
//! refunds inside their payment, failures in `error`).

use super::cards::Behaviour;
use super::stage::Stage;
use serde_json::{json, Value};
use sg_wire::{
    AcquiringPayment, AmountDetails, Card, Customer, CustomerInteraction, Initiator,
    OperationError, PaymentDetails, PaymentDetailsType, PaymentMethodDetails, PaymentOptions,
    Payout, RecurrentDetails, RecurrentPaymentDetails, Redirect, Refund, RefundStatus, Session,
    TransactionInfo,
};
use smart_glocal::time::rfc3339_micros;

/// Milliseconds of the sandbox's clock → the API's timestamp form.
pub fn stamp(ms: u64) -> String {
    rfc3339_micros(ms.saturating_mul(1000))
}

/// Payment or payout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Payment,
    Payout,
}

/// How an operation is paid or paid out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Method {
    /// A card (payment or payout); the number itself is never kept.
    Card {
        brand: String,
        last4: String,
        bin: String,
        behaviour: Behaviour,
    },
    /// A saved card's recurrent token.
    Recurrent {
        token: String,
        client: bool,
        brand: String,
        last4: String,
    },
    /// A card tokenised by the widget (payouts).
    EncryptedCard { number_hash: String },
    /// A bank account (payouts): its payment system (`global`, `ru`,
    /// `faster_payment_system`); only the account's last four characters kept.
    BankAccount {
        system: &'static str,
        last4: String,
        description: String,
        /// No account at its end (an FPS phone not registered with that
        /// bank): the payout fails.
        unreachable: bool,
    },
    /// A wallet (payouts): the last four digits of its `msisdn`.
    Wallet { last4: String },
    /// The Faster Payments System by QR code (payments, roubles): the
    /// customer pays in their bank's app.
    Fps,
}

/// An FPS payment waiting for the customer's bank app: the deep link its
/// QR code carries, with a code only that link knows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FpsWait {
    pub code: String,
    pub link: String,
}

impl Method {
    /// How the operation behaves when confirmed.
    pub fn behaviour(&self) -> Behaviour {
        match self {
            Method::Card { behaviour, .. } => *behaviour,
            Method::Recurrent { client: true, .. } => Behaviour::ThreeDsGet,
            Method::BankAccount {
                unreachable: true, ..
            } => Behaviour::Declined,
            _ => Behaviour::Frictionless,
        }
    }
}

/// The 3-D Secure step waiting at the ACS.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Acs {
    pub post: bool,
    pub md: String,
    pub pareq: Option<String>,
    pub redirect: Redirect,
}

/// One refund of a payment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefundRecord {
    pub id: String,
    pub amount: u64,
    pub at_ms: u64,
    pub chargeback: bool,
}

/// The hosted payment page an operation was started from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostedStart {
    pub public_token: String,
    pub locale: String,
    pub success_url: Option<String>,
    pub failure_url: Option<String>,
    /// Started in the payment form widget's frame (not the hosted page).
    pub frame: Option<Frame>,
}

/// The widget's frame: the page that embeds it (an exact origin, the only
/// one its pages may be framed by and report to) and where 3-D Secure
/// opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frame {
    pub parent: String,
    /// 3-D Secure in the whole tab (`customerInteractionRedirect.target`
    /// `_top`), which then ends on the hosted page's status.
    pub top: bool,
    pub cvc_masked: bool,
}

/// A payment or payout.
#[derive(Debug, Clone)]
pub struct Operation {
    pub id: String,
    pub kind: Kind,
    pub created_ms: u64,
    pub finished_ms: Option<u64>,
    pub method: Method,
    pub amount: u64,
    pub currency: String,
    pub customer: Option<Value>,
    pub return_url: Option<String>,
    /// A first payment asking for a recurrent token.
    pub want_token: bool,
    pub issued_token: Option<RecurrentDetails>,
    pub metadata: Option<Value>,
    pub participant_details: Option<Value>,
    pub acs: Option<Acs>,
    pub fps: Option<FpsWait>,
    pub refunds: Vec<RefundRecord>,
    pub error: Option<(String, String)>,
    pub transaction: Option<(String, String)>,
    pub hosted: Option<HostedStart>,
}

impl Operation {
    /// A new operation of `kind`, nothing happened to it yet; the callers
    /// fill in what their call gave.
    pub fn new(
        id: String,
        kind: Kind,
        now_ms: u64,
        method: Method,
        amount: u64,
        currency: String,
    ) -> Operation {
        Operation {
            id,
            kind,
            created_ms: now_ms,
            finished_ms: None,
            method,
            amount,
            currency,
            customer: None,
            return_url: None,
            want_token: false,
            issued_token: None,
            metadata: None,
            participant_details: None,
            acs: None,
            fps: None,
            refunds: Vec::new(),
            error: None,
            transaction: None,
            hosted: None,
        }
    }

    pub fn refunded(&self) -> u64 {
        self.refunds.iter().map(|r| r.amount).sum()
    }
}

/// A session.
#[derive(Debug, Clone)]
pub struct Record {
    pub id: String,
    pub created_ms: u64,
    /// The one stored state; everything on the wire derives from it.
    pub stage: Stage,
    /// When the stage last changed (timeouts count from it).
    pub stage_ms: u64,
    /// When anything last changed (`updated_at`).
    pub changed_ms: u64,
    pub metadata: Option<Value>,
    /// What `session/create` gave, for the start that follows.
    pub pending: Pending,
    pub operation: Option<Operation>,
}

/// Fields given at `session/create`.
#[derive(Debug, Clone, Default)]
pub struct Pending {
    pub payment_details: Option<super::requests::PaymentDetails>,
    pub payment_method: Option<super::requests::PaymentMethod>,
    pub amount: Option<(u64, String)>,
    pub customer: Option<Value>,
    pub options: Option<super::requests::PaymentOptions>,
    pub participant_details: Option<Value>,
}

impl Record {
    pub fn new(id: String, now: u64, metadata: Option<Value>, pending: Pending) -> Record {
        Record {
            id,
            created_ms: now,
            stage: Stage::Created,
            stage_ms: now,
            changed_ms: now,
            metadata,
            pending,
            operation: None,
        }
    }

    /// Moves to `stage` at `now`.
    pub fn to(&mut self, stage: Stage, now: u64) {
        self.stage = stage;
        self.stage_ms = now;
        self.changed_ms = now;
        if stage.is_final() {
            if let Some(op) = &mut self.operation {
                if stage != Stage::Cancelled {
                    op.finished_ms.get_or_insert(now);
                }
                op.acs = None;
            }
        }
    }

    pub fn op(&self) -> Option<&Operation> {
        self.operation.as_ref()
    }

    pub fn op_mut(&mut self) -> Option<&mut Operation> {
        self.operation.as_mut()
    }

    /// The session as the API shows it.
    pub fn render(&self) -> Session {
        let shown = self.stage.shown();
        let mut acquiring_payments = Vec::new();
        let mut payments = Vec::new();
        let session_error = (self.stage == Stage::Error).then(|| {
            error_object(
                "processing_error",
                "The payment is being checked: contact support for its final status",
            )
        });
        if let Some(op) = &self.operation {
            let amount = Some(AmountDetails {
                amount: op.amount,
                currency: op.currency.clone(),
            });
            let error = op.error.as_ref().map(|(c, d)| error_object(c, d));
            let transaction_info = op.transaction.as_ref().map(|(rrn, auth)| TransactionInfo {
                rrn: Some(rrn.clone()),
                arn: None,
                auth_code: Some(auth.clone()),
            });
            let refunds = op
                .refunds
                .iter()
                .map(|r| Refund {
                    id: r.id.clone(),
                    status: RefundStatus::Accepted,
                    created_at: Some(stamp(r.at_ms)),
                    finished_at: Some(stamp(r.at_ms)),
                    amount_details: Some(AmountDetails {
                        amount: r.amount,
                        currency: op.currency.clone(),
                    }),
                    is_chargeback: Some(r.chargeback),
                    metadata: None,
                })
                .collect();
            let customer = op
                .customer
                .clone()
                .and_then(|c| serde_json::from_value::<Customer>(c).ok());
            match op.kind {
                Kind::Payment => acquiring_payments.push(AcquiringPayment {
                    id: op.id.clone(),
                    status: shown.operation.clone(),
                    created_at: Some(stamp(op.created_ms)),
                    finished_at: op.finished_ms.map(stamp),
                    customer,
                    payment_details: Some(payment_details(&op.method)),
                    amount_details: amount,
                    amounts: None,
                    payment_options: Some(PaymentOptions {
                        return_url: op.return_url.clone(),
                        recurrent: op.want_token.then_some(true),
                    }),
                    customer_interaction: match (&op.acs, &op.fps) {
                        (Some(a), _) => Some(CustomerInteraction {
                            kind: "redirect".into(),
                            redirect: Some(a.redirect.clone()),
                            inform: None,
                        }),
                        (None, Some(f)) => Some(CustomerInteraction {
                            kind: "inform".into(),
                            redirect: None,
                            inform: Some(json!({"qr": {"content": f.link}})),
                        }),
                        (None, None) => None,
                    },
                    recurrent: op.issued_token.clone(),
                    participant_details: op.participant_details.clone(),
                    refunds,
                    transaction_info,
                    error,
                    metadata: op.metadata.clone(),
                }),
                Kind::Payout => payments.push(Payout {
                    id: op.id.clone(),
                    status: shown.operation.clone(),
                    created_at: Some(stamp(op.created_ms)),
                    finished_at: op.finished_ms.map(stamp),
                    customer,
                    payment_method: Some(payment_method(&op.method)),
                    amount_details: amount,
                    participant_details: op.participant_details.clone(),
                    refunds,
                    transaction_info,
                    error,
                    metadata: op.metadata.clone(),
                }),
            }
        }
        Session {
            id: self.id.clone(),
            status: shown.session,
            created_at: Some(stamp(self.created_ms)),
            updated_at: Some(stamp(self.changed_ms)),
            next_action: shown.next_action,
            acquiring_payments,
            payments,
            error: session_error,
            metadata: self.metadata.clone(),
        }
    }
}

fn error_object(code: &str, description: &str) -> OperationError {
    OperationError {
        code: code.into(),
        description: description.into(),
        reject_reasons: Vec::new(),
    }
}

fn card(brand: &str, last4: &str, bin: Option<&str>) -> Card {
    Card {
        brand: Some(brand.into()),
        last4: Some(last4.into()),
        bin: bin.map(Into::into),
        ..Card::default()
    }
}

fn payment_details(m: &Method) -> PaymentDetails {
    match m {
        Method::Recurrent { token, client, .. } => PaymentDetails {
            kind: PaymentDetailsType::Recurrent,
            card: None,
            recurrent: Some(RecurrentPaymentDetails {
                token: token.clone(),
                initiator: Some(if *client {
                    Initiator::Client
                } else {
                    Initiator::Merchant
                }),
            }),
        },
        Method::Card {
            brand, last4, bin, ..
        } => PaymentDetails {
            kind: PaymentDetailsType::Card,
            card: Some(card(brand, last4, Some(bin))),
            recurrent: None,
        },
        Method::Fps => PaymentDetails {
            kind: smart_glocal::model::WireText::from_wire("faster_payment_system"),
            card: None,
            recurrent: None,
        },
        _ => PaymentDetails {
            kind: PaymentDetailsType::Card,
            card: None,
            recurrent: None,
        },
    }
}

fn payment_method(m: &Method) -> PaymentMethodDetails {
    match m {
        Method::BankAccount {
            system,
            last4,
            description,
            ..
        } => PaymentMethodDetails {
            kind: "bank_account".into(),
            card: None,
            bank_account: Some(
                json!({"system_type": system, *system: {"account_last4": last4, "description": description}}),
            ),
            wallet: None,
        },
        Method::Wallet { last4 } => PaymentMethodDetails {
            kind: "wallet".into(),
            card: None,
            bank_account: None,
            wallet: Some(json!({"type": "global", "global": {"msisdn_last4": last4}})),
        },
        Method::EncryptedCard { .. } => PaymentMethodDetails {
            kind: "card".into(),
            card: Some(Card::default()),
            bank_account: None,
            wallet: None,
        },
        Method::Card {
            brand, last4, bin, ..
        } => PaymentMethodDetails {
            kind: "card".into(),
            card: Some(card(brand, last4, Some(bin))),
            bank_account: None,
            wallet: None,
        },
        Method::Recurrent { brand, last4, .. } => PaymentMethodDetails {
            kind: "card".into(),
            card: Some(card(brand, last4, None)),
            bank_account: None,
            wallet: None,
        },
        // Payments only: never a payout's method.
        Method::Fps => PaymentMethodDetails {
            kind: "faster_payment_system".into(),
            card: None,
            bank_account: None,
            wallet: None,
        },
    }
}

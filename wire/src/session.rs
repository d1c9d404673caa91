//! The payment session and the operations inside it.

use crate::*;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A payment session (`ps_…`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub id: String,
    #[serde(with = "crate::strings")]
    pub status: SessionStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<String>,
    #[serde(
        default,
        with = "crate::strings::opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub next_action: Option<NextAction>,
    /// Card payments. API v2 calls this list `payment_list`.
    #[serde(default, alias = "payment_list", skip_serializing_if = "Vec::is_empty")]
    pub acquiring_payments: Vec<AcquiringPayment>,
    /// Payouts. API v2 calls this list `payout_list`.
    #[serde(default, alias = "payout_list", skip_serializing_if = "Vec::is_empty")]
    pub payments: Vec<Payout>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<OperationError>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Value>,
}

/// One entry of `acquiring_payments`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AcquiringPayment {
    pub id: String,
    #[serde(with = "crate::strings")]
    pub status: PaymentStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finished_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer: Option<Customer>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_details: Option<PaymentDetails>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_details: Option<AmountDetails>,
    /// Fees and other amounts (`amounts.fee.merchant_fee`), kept as received.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amounts: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_options: Option<PaymentOptions>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_interaction: Option<CustomerInteraction>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recurrent: Option<RecurrentDetails>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub participant_details: Option<Value>,
    /// Refunds of this payment (the live service lists them here, never on
    /// the session).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub refunds: Vec<Refund>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_info: Option<TransactionInfo>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<OperationError>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Value>,
}

/// One entry of `payments` (a payout, `po_…`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Payout {
    pub id: String,
    #[serde(with = "crate::strings")]
    pub status: PaymentStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finished_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer: Option<Customer>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_method: Option<PaymentMethodDetails>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_details: Option<AmountDetails>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub participant_details: Option<Value>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub refunds: Vec<Refund>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_info: Option<TransactionInfo>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<OperationError>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Value>,
}

/// `payment_method` of a payout as answers show it: a masked card or an
/// account (kept as received).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PaymentMethodDetails {
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub card: Option<Card>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bank_account: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wallet: Option<Value>,
}

/// `transaction_info`: the card network's references.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct TransactionInfo {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rrn: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arn: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_code: Option<String>,
}

/// `error` of an operation or a session: why it failed. The reject reasons
/// are for the merchant only.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct OperationError {
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub description: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reject_reasons: Vec<RejectReason>,
}

/// One of `error.reject_reasons`: the anti-fraud rule that matched.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct RejectReason {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule_alias: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub list_alias: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiration_date: Option<String>,
}

/// One entry of a payment's `refunds`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Refund {
    pub id: String,
    #[serde(with = "crate::strings")]
    pub status: RefundStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finished_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_details: Option<AmountDetails>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_chargeback: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Value>,
}

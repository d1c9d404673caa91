//! The payment session and the operations inside it.

use super::*;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A payment session (`ps_…`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub id: String,
    pub status: SessionStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_action: Option<NextAction>,
    /// Card payments. API v2 calls this list `payment_list`.
    #[serde(default, alias = "payment_list", skip_serializing_if = "Vec::is_empty")]
    pub acquiring_payments: Vec<AcquiringPayment>,
    /// Payouts, kept as received.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub payments: Vec<Value>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub refunds: Vec<Refund>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Value>,
}

impl Session {
    /// The payment that decides the session's state: the latest one.
    pub fn current_payment(&self) -> Option<&AcquiringPayment> {
        self.acquiring_payments.last()
    }
}

/// One entry of `acquiring_payments`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AcquiringPayment {
    pub id: String,
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
    pub metadata: Option<Value>,
}

/// One entry of `refunds`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Refund {
    pub id: String,
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

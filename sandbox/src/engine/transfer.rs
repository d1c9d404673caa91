//! Money transfers by FPS without an account (docs/payments/payment-individuals):
//! a session in roubles, a public token `fps_no_account_widget` (both with
//! `X-PARTNER-SUBMERCHANT`), and Smart Glocal's payment page, where the
//! customer agrees to the transfer's terms, sees the fee, and gets a QR
//! code for their bank app. The payment then runs as any FPS payment: the
//! merchant confirms on `ready_to_confirm`, the bank app answers.

use super::hosted::{HostedError, HostedNext};
use super::payments::PaymentInputs;
use super::record::{HostedStart, Method};
use super::requests::{PaymentDetails, PaymentOptions};
use super::stage::Stage;
use super::{Ctx, Engine};

/// What the transfer page shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransferPage {
    pub merchant: String,
    pub amount: u64,
    pub currency: String,
    /// The customer's fee, in minor units (none in the sandbox).
    pub fee: u64,
}

impl Engine {
    /// The transfer a token opens, or why it opens none.
    pub fn transfer_page(&self, token: &str, now: u64) -> Result<TransferPage, HostedError> {
        let t = self.public_tokens.get(token).ok_or(HostedError::Unknown)?;
        let session = t.transfer.as_ref().ok_or(HostedError::Unknown)?;
        if t.used {
            return Err(HostedError::Used);
        }
        if t.expired(now) {
            return Err(HostedError::Expired);
        }
        let rec = self.sessions.get(session).ok_or(HostedError::Unknown)?;
        let (amount, currency) = rec.pending.amount.clone().ok_or(HostedError::Closed)?;
        if rec.stage != Stage::Created {
            return Err(HostedError::Closed);
        }
        Ok(TransferPage {
            merchant: self.settings.project.clone(),
            amount,
            currency,
            fee: 0,
        })
    }

    /// The customer agreed and asked for the QR code: the token is spent and
    /// the FPS payment starts (the merchant then confirms it).
    pub fn transfer_pay(&mut self, token: &str, locale: &str, ctx: &mut Ctx) -> HostedNext {
        let page = match self.transfer_page(token, ctx.now_ms) {
            Ok(p) => p,
            Err(e) => return HostedNext::Refused(e),
        };
        let Some(t) = self.public_tokens.get_mut(token) else {
            return HostedNext::Refused(HostedError::Unknown);
        };
        t.used = true;
        let Some(session) = t.transfer.clone() else {
            return HostedNext::Refused(HostedError::Unknown);
        };
        let Ok(rec) = self.record(&session) else {
            return HostedNext::Refused(HostedError::Unknown);
        };
        let pending = rec.pending.clone();
        let inputs = PaymentInputs {
            details: PaymentDetails::FasterPayments,
            amount: (page.amount, page.currency),
            customer: pending.customer.clone(),
            options: PaymentOptions {
                // `dummy:/url`: the customer stays on the page or in the app.
                return_url: None,
                ..pending.options.clone().unwrap_or_default()
            },
            participants: pending.participant_details.clone(),
            metadata: rec.metadata.clone(),
        };
        let hosted = HostedStart {
            public_token: token.to_string(),
            locale: locale.to_string(),
            success_url: None,
            failure_url: None,
            frame: None,
        };
        match self.start_with(&session, inputs, Method::Fps, Some(hosted), ctx) {
            Ok(_) => self.hosted_status(token),
            Err(_) => HostedNext::Refused(HostedError::Closed),
        }
    }
}

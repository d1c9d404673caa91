//! The hosted payment page (the widget flow): a public token opens a form
//! for its session; the card typed there is checked, the token is spent,
//! and the payment runs as in the direct flow. The page then follows the
//! session: 3-D Secure at the ACS, the merchant's confirmation, the result,
//! and finally the success or failure return URL.
//!
//! The card number never leaves this module except as brand, BIN and last
//! four digits, as with a direct payment.

use super::payments::PaymentInputs;
use super::record::{Frame, HostedStart, Kind};
use super::requests::{luhn_ok, BankCard, CardShape, PaymentDetails, PaymentOptions};
use super::stage::Stage;
use super::{Ctx, Engine};
use sg_wire::Redirect;
use smart_glocal::time::civil_from_days;

/// What the payment form shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostedPage {
    pub merchant: String,
    pub amount: u64,
    pub currency: String,
    /// Offer "save my card" (`show_recurrent_checkbox`).
    pub recurrent_checkbox: bool,
}

/// Why a token opens no form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HostedError {
    Unknown,
    Used,
    Expired,
    /// The session can no longer be paid (cancelled, or paid another way).
    Closed,
}

impl HostedError {
    pub fn code(self) -> &'static str {
        match self {
            HostedError::Unknown => "unknown",
            HostedError::Used => "used",
            HostedError::Expired => "expired",
            HostedError::Closed => "closed",
        }
    }
}

/// The form as the customer submitted it.
#[derive(Clone, Default)]
pub struct HostedForm {
    pub number: String,
    /// `MM/YY` (or `MM/YYYY`).
    pub expiry: String,
    pub cvc: String,
    pub cardholder: String,
    pub save_card: bool,
}

impl std::fmt::Debug for HostedForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("HostedForm { .. }")
    }
}

/// A field of the form the customer must correct (named, never quoted).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormProblem {
    Number,
    Expiry,
    Expired,
    Cvc,
    Cardholder,
}

/// What the page does next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HostedNext {
    /// The form again, with what to correct.
    Correct(FormProblem),
    /// The token opens nothing.
    Refused(HostedError),
    /// Waiting for the merchant or the bank: show progress and look again.
    Wait,
    /// 3-D Secure: send the customer to the ACS.
    Acs(Redirect),
    /// FPS: the customer pays in their bank app (the deep link, to show as
    /// a QR code and a button).
    BankApp(String),
    /// The end: `url` is where the customer goes (none given: show it here).
    Done {
        succeeded: bool,
        url: Option<String>,
    },
}

/// The card's digits (spaces and dashes as typed are dropped).
fn digits(s: &str) -> String {
    s.chars().filter(|c| !matches!(c, ' ' | '-')).collect()
}

/// Checks the form against the clock; the card number is checked like a
/// direct payment's (digits, length, Luhn).
fn check(form: &HostedForm, now_ms: u64) -> Result<(String, String, String), FormProblem> {
    let number = digits(&form.number);
    if !(12..=19).contains(&number.len())
        || !number.bytes().all(|b| b.is_ascii_digit())
        || !luhn_ok(&number)
    {
        return Err(FormProblem::Number);
    }
    let (month, year) = form
        .expiry
        .trim()
        .split_once('/')
        .ok_or(FormProblem::Expiry)?;
    let (month, year) = (month.trim(), year.trim());
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(month) || !all_digits(year) || month.len() > 2 || !matches!(year.len(), 2 | 4) {
        return Err(FormProblem::Expiry);
    }
    let m: u32 = month.parse().map_err(|_| FormProblem::Expiry)?;
    let mut y: i64 = year.parse().map_err(|_| FormProblem::Expiry)?;
    if !(1..=12).contains(&m) {
        return Err(FormProblem::Expiry);
    }
    if year.len() == 2 {
        y += 2000;
    }
    let (now_y, now_m, _) = civil_from_days((now_ms / 86_400_000) as i64);
    if (y, m) < (now_y, now_m) {
        return Err(FormProblem::Expired);
    }
    if !(3..=4).contains(&form.cvc.len()) || !all_digits(&form.cvc) {
        return Err(FormProblem::Cvc);
    }
    if form.cardholder.chars().count() > 64 {
        return Err(FormProblem::Cardholder);
    }
    Ok((number, format!("{m:02}"), format!("{:02}", y % 100)))
}

impl Engine {
    /// The form a token opens, or why it opens none.
    pub fn hosted_page(&self, token: &str, now: u64) -> Result<HostedPage, HostedError> {
        let t = self.public_tokens.get(token).ok_or(HostedError::Unknown)?;
        let widget = t.widget.as_ref().ok_or(HostedError::Unknown)?;
        if t.used {
            return Err(HostedError::Used);
        }
        if t.expired(now) {
            return Err(HostedError::Expired);
        }
        let rec = self
            .sessions
            .get(&widget.session_id)
            .ok_or(HostedError::Unknown)?;
        let (amount, currency) = rec.pending.amount.clone().ok_or(HostedError::Closed)?;
        if rec.stage != Stage::Created {
            return Err(HostedError::Closed);
        }
        Ok(HostedPage {
            merchant: self.settings.project.clone(),
            amount,
            currency,
            recurrent_checkbox: widget.show_recurrent_checkbox,
        })
    }

    /// The customer pays: the form is checked, the token spent, the payment
    /// started (the merchant then confirms on `ready_to_confirm`).
    pub fn hosted_pay(
        &mut self,
        token: &str,
        locale: &str,
        form: &HostedForm,
        ctx: &mut Ctx,
    ) -> HostedNext {
        self.pay_form(token, locale, form, None, ctx)
    }

    /// The same in the widget's frame: the payment remembers the frame, so
    /// the ACS comes back to it.
    pub fn widget_pay(
        &mut self,
        token: &str,
        frame: Frame,
        form: &HostedForm,
        ctx: &mut Ctx,
    ) -> HostedNext {
        let locale = self.widget_locale(token);
        self.pay_form(token, &locale, form, Some(frame), ctx)
    }

    /// The language of a token's form (`acquiring_widget.locale`; English
    /// when none, or one the pages do not speak).
    pub fn widget_locale(&self, token: &str) -> String {
        let locale = self
            .public_tokens
            .get(token)
            .and_then(|t| t.widget.as_ref())
            .and_then(|w| w.locale.clone());
        match locale.as_deref() {
            Some("ru") => "ru".into(),
            _ => "en".into(),
        }
    }

    fn pay_form(
        &mut self,
        token: &str,
        locale: &str,
        form: &HostedForm,
        frame: Option<Frame>,
        ctx: &mut Ctx,
    ) -> HostedNext {
        let page = match self.hosted_page(token, ctx.now_ms) {
            Ok(p) => p,
            Err(e) => return HostedNext::Refused(e),
        };
        let (number, month, year) = match check(form, ctx.now_ms) {
            Ok(c) => c,
            Err(p) => return HostedNext::Correct(p),
        };
        let Some(t) = self.public_tokens.get_mut(token) else {
            return HostedNext::Refused(HostedError::Unknown);
        };
        t.used = true;
        let Some(widget) = t.widget.clone() else {
            return HostedNext::Refused(HostedError::Unknown);
        };
        let Ok(rec) = self.record(&widget.session_id) else {
            return HostedNext::Refused(HostedError::Unknown);
        };
        let pending = rec.pending.clone();
        let metadata = rec.metadata.clone();
        let card = BankCard {
            number,
            expiration_month: month,
            expiration_year: year,
            security_code: Some(form.cvc.clone()),
            cardholder_name: Some(form.cardholder.trim().to_string()).filter(|n| !n.is_empty()),
        };
        let details = PaymentDetails::Card {
            card,
            shape: CardShape::Nested,
        };
        let options = pending.options.clone().unwrap_or_default();
        let inputs = PaymentInputs {
            details,
            amount: (page.amount, page.currency),
            customer: pending.customer.clone(),
            options: PaymentOptions {
                recurrent: Some(page.recurrent_checkbox && form.save_card),
                ..options
            },
            participants: pending.participant_details.clone(),
            metadata,
        };
        let method = match self.method_of(&inputs.details) {
            Ok(m) => m,
            Err(_) => return HostedNext::Correct(FormProblem::Number),
        };
        let hosted = HostedStart {
            public_token: token.to_string(),
            locale: locale.to_string(),
            success_url: widget.success_return_url.clone(),
            failure_url: widget.failure_return_url.clone(),
            frame,
        };
        match self.start_with(&widget.session_id, inputs, method, Some(hosted), ctx) {
            Ok(_) => self.hosted_status(token),
            Err(_) => HostedNext::Refused(HostedError::Closed),
        }
    }

    /// Where a payment started on the hosted page stands, for the customer.
    pub fn hosted_status(&self, token: &str) -> HostedNext {
        let Some(session_id) = self.public_tokens.get(token).and_then(|t| {
            t.widget
                .as_ref()
                .map(|w| w.session_id.clone())
                .or_else(|| t.transfer.clone())
        }) else {
            return HostedNext::Refused(HostedError::Unknown);
        };
        let Some(rec) = self.sessions.get(&session_id) else {
            return HostedNext::Refused(HostedError::Unknown);
        };
        let Some(op) = rec.op().filter(|o| o.kind == Kind::Payment) else {
            return HostedNext::Refused(HostedError::Closed);
        };
        let Some(hosted) = &op.hosted else {
            // Paid another way: the page has nothing to follow.
            return HostedNext::Refused(HostedError::Closed);
        };
        let on_hold_ok = self
            .public_tokens
            .get(token)
            .and_then(|t| t.widget.as_ref())
            .is_some_and(|w| w.success_on_hold);
        let succeeded = match rec.stage {
            Stage::Created | Stage::AwaitingConfirmation => return HostedNext::Wait,
            Stage::AwaitingAction => {
                return match (&op.acs, &op.fps) {
                    (Some(acs), _) => HostedNext::Acs(acs.redirect.clone()),
                    (None, Some(f)) => HostedNext::BankApp(f.link.clone()),
                    (None, None) => HostedNext::Wait,
                }
            }
            Stage::AwaitingCapture if !on_hold_ok => return HostedNext::Wait,
            Stage::AwaitingCapture | Stage::Succeeded => true,
            Stage::Failed | Stage::Cancelled | Stage::Error => false,
        };
        let chosen = if succeeded {
            &hosted.success_url
        } else {
            &hosted.failure_url
        };
        HostedNext::Done {
            succeeded,
            url: chosen.clone().or_else(|| op.return_url.clone()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(number: &str, expiry: &str, cvc: &str) -> HostedForm {
        HostedForm {
            number: number.into(),
            expiry: expiry.into(),
            cvc: cvc.into(),
            cardholder: "A CUSTOMER".into(),
            save_card: false,
        }
    }

    // 2026-11-22T00:00:00Z
    const NOW: u64 = 1_795_305_600_000;

    #[test]
    fn the_form_is_checked_against_the_clock() {
        assert!(check(&form("4242 4242 4242 4242", "11/26", "123"), NOW).is_ok());
        assert!(check(&form("4242-4242-4242-4242", "12/2030", "1234"), NOW).is_ok());
        assert_eq!(
            check(&form("4242424242424241", "11/26", "123"), NOW).unwrap_err(),
            FormProblem::Number
        );
        assert_eq!(
            check(&form("42424242", "11/26", "123"), NOW).unwrap_err(),
            FormProblem::Number
        );
        assert_eq!(
            check(&form("４２４２424242424242", "11/26", "123"), NOW).unwrap_err(),
            FormProblem::Number
        );
        assert_eq!(
            check(&form("4242424242424242", "10/26", "123"), NOW).unwrap_err(),
            FormProblem::Expired
        );
        for bad in [
            "13/27", "0/27", "1127", "11/7", "aa/bb", "11/", "/27", "+1/27",
        ] {
            assert_eq!(
                check(&form("4242424242424242", bad, "123"), NOW).unwrap_err(),
                FormProblem::Expiry,
                "{bad}"
            );
        }
        for bad in ["12", "12345", "12a", ""] {
            assert_eq!(
                check(&form("4242424242424242", "11/26", bad), NOW).unwrap_err(),
                FormProblem::Cvc,
                "{bad}"
            );
        }
        let mut long = form("4242424242424242", "11/26", "123");
        long.cardholder = "x".repeat(65);
        assert_eq!(check(&long, NOW).unwrap_err(), FormProblem::Cardholder);
    }

    #[test]
    fn debug_shows_no_card() {
        assert_eq!(
            format!("{:?}", form("4242424242424242", "11/26", "123")),
            "HostedForm { .. }"
        );
    }
}

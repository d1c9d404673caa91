//! `fps/customer_verification`: whether a phone is registered with a bank
//! on the Faster Payments System. Free and confirmed automatically
//! (docs/reference/methods/fps-verification): the verification is a payout
//! operation (`po_…`) of nothing that ends at once, succeeded (the session
//! accepted) when the phone is one of [`TEST_PHONES`]' registered ones
//! with its bank, failed (the session cancelled) otherwise; then
//! `payment_finished`.

use super::record::{Kind, Method, Operation};
use super::requests::{mask_last4, FpsVerification};
use super::stage::Stage;
use super::{wrong_state, Ctx, Engine, Result};
use sg_wire::{EventType, Session};

/// A test phone: registered with `bank_id`, or with no bank at all.
#[derive(Debug, Clone, Copy)]
pub struct TestPhone {
    pub phone: &'static str,
    pub bank_id: Option<&'static str>,
    pub what: &'static str,
}

/// The test phones. Any other phone is not registered.
pub const TEST_PHONES: [TestPhone; 2] = [
    TestPhone {
        phone: "79001234567",
        bank_id: Some("100000000111"),
        what: "registered with bank 100000000111: verified, payouts succeed",
    },
    TestPhone {
        phone: "79000000000",
        bank_id: None,
        what: "not registered with any bank: the verification fails",
    },
];

/// The test phones as JSON text: `[{phone, bank_id, what}]` (`bank_id`
/// null for a phone registered nowhere).
pub fn test_phones_json() -> String {
    let phones: Vec<_> = TEST_PHONES
        .iter()
        .map(|p| serde_json::json!({"phone": p.phone, "bank_id": p.bank_id, "what": p.what}))
        .collect();
    serde_json::to_string_pretty(&phones).unwrap_or_default()
}

/// Whether `phone` is registered with `bank_id`.
pub fn registered(phone: &str, bank_id: &str) -> bool {
    TEST_PHONES
        .iter()
        .any(|p| p.phone == phone && p.bank_id == Some(bank_id))
}

impl Engine {
    pub(super) fn verify_fps_customer(
        &mut self,
        p: FpsVerification,
        ctx: &mut Ctx,
    ) -> Result<Session> {
        let rec = self.record(&p.session_id)?;
        if rec.stage != Stage::Created {
            return Err(wrong_state("verify a customer in", rec));
        }
        let op_id = self.id("po");
        let found = registered(&p.phone, &p.bank_id);
        let method = Method::BankAccount {
            system: "faster_payment_system_verification",
            last4: mask_last4(&p.phone),
            description: String::new(),
            unreachable: false,
        };
        let op = Operation {
            participant_details: Some(p.participant_details.0),
            error: (!found).then(|| {
                (
                    "customer_not_found".into(),
                    "The phone is not registered with this bank in the Faster Payments System"
                        .into(),
                )
            }),
            ..Operation::new(
                op_id.clone(),
                Kind::Payout,
                ctx.now_ms,
                method,
                0,
                "rub".into(),
            )
        };
        self.operations.insert(op_id, p.session_id.clone());
        let rec = self.record_mut(&p.session_id)?;
        rec.operation = Some(op);
        rec.to(
            if found {
                Stage::Succeeded
            } else {
                Stage::Failed
            },
            ctx.now_ms,
        );
        ctx.emit(EventType::PaymentFinished, rec);
        Ok(rec.render())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_registered_phone_with_its_bank_is_found() {
        assert!(registered("79001234567", "100000000111"));
        assert!(!registered("79001234567", "100000000069"));
        assert!(!registered("79000000000", "100000000111"));
    }
}

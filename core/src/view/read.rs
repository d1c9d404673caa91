//! A `PaymentView` read back from the object the merchant's backend sent
//! (the browser's input). Unknown members are ignored: a newer backend may
//! send more.

use super::{CardView, PaymentState, PaymentView};
use crate::error::Error;
use crate::session::{is_last4, Failure, OperationKind};
use crate::tree::{Node, Path, Reader};

pub fn read_view<N: Node>(v: &N) -> Result<PaymentView, Error> {
    let r = Reader::caller("view");
    let path = Path::root("view");
    r.expect_object(v, &path)?;
    let state = r.required(r.string(v, &path, "state")?, &path, "state")?;
    let state = PaymentState::from(state.as_str());
    let kind = match r.string(v, &path, "kind")?.as_deref() {
        Some("payout") => OperationKind::Payout,
        _ => OperationKind::Payment,
    };
    let card = match r.object(v, &path, "card")? {
        Some(c) => {
            let cp = path.key("card");
            Some(CardView {
                brand: r.string(&c, &cp, "brand")?,
                // More than four digits is never shown.
                last4: r.string(&c, &cp, "last4")?.filter(|l| is_last4(l)),
            })
        }
        None => None,
    };
    let failure = match r.object(v, &path, "failure")? {
        Some(f) => {
            let fp = path.key("failure");
            Some(Failure {
                code: r.string(&f, &fp, "code")?.unwrap_or_default(),
                description: r.string(&f, &fp, "description")?.unwrap_or_default(),
            })
        }
        None => None,
    };
    let redirect = match r.child(v, &path, "redirect")? {
        Some(rd) => Some(crate::redirect::read_redirect(
            &r,
            &rd,
            &path.key("redirect"),
        )?),
        None => None,
    };
    Ok(PaymentView {
        session_id: r.string(v, &path, "session_id")?.unwrap_or_default(),
        kind,
        is_final: r
            .boolean(v, &path, "final")?
            .unwrap_or_else(|| state.is_final()),
        state,
        amount: r.amount(v, &path, "amount")?,
        currency: r.string(v, &path, "currency")?,
        card,
        refunded_amount: r.amount(v, &path, "refunded_amount")?.unwrap_or(0),
        chargeback: r.boolean(v, &path, "chargeback")?.unwrap_or(false),
        failure,
        redirect,
        qr: None,
        updated_at: r.string(v, &path, "updated_at")?,
    })
}

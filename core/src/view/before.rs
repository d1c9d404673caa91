//! The view of an operation before any session is known: the merchant's
//! backend created it and its start call is on its way, or was refused.
//! A worker shows it in place of a session's view, so a page always reads
//! the same shape with the same states.

use super::{PaymentState, PaymentView};
use crate::error::Error;
use crate::params::is_currency_code;
use crate::session::{Failure, OperationKind};
use crate::tree::{only_known, Node, Path, Reader};

const MEMBERS: &[&str] = &["id", "kind", "amount", "currency", "failure"];

/// Reads `{id?, kind, amount, currency, failure?}`: `kind` is `"payment"`
/// or `"payout"`, `amount` whole minor units, `currency` an ISO 4217 code,
/// `id` what `session_id` shows (the merchant's own id: a page never needs
/// the session's), `failure` `{code, description}` when the start was
/// refused. Without a failure the view is `processing`; with one, `failed`
/// and final.
pub fn view_before_start<N: Node>(op: &N) -> Result<PaymentView, Error> {
    let r = Reader::caller("operation");
    let path = Path::root("operation");
    r.expect_object(op, &path)?;
    only_known(&r, op, &path, MEMBERS)?;
    let kind = match r.string(op, &path, "kind")?.as_deref() {
        Some("payment") => OperationKind::Payment,
        Some("payout") => OperationKind::Payout,
        Some(_) => return Err(r.error_at(&path.key("kind"), "must be \"payment\" or \"payout\"")),
        None => return Err(r.error_at(&path.key("kind"), "is required")),
    };
    let amount = r.amount(op, &path, "amount")?;
    let amount = r.required(amount, &path, "amount")?;
    let currency = r.string(op, &path, "currency")?;
    let currency = r.required(currency, &path, "currency")?;
    if !is_currency_code(&currency) {
        return Err(r.error_at(&path.key("currency"), crate::params::CURRENCY_RULE));
    }
    let failure = match r.object(op, &path, "failure")? {
        None => None,
        Some(f) => {
            let at = path.key("failure");
            only_known(&r, &f, &at, &["code", "description"])?;
            let code = r.string(&f, &at, "code")?;
            Some(Failure {
                code: r.required(code, &at, "code")?,
                description: r.string(&f, &at, "description")?.unwrap_or_default(),
            })
        }
    };
    let state = if failure.is_some() {
        PaymentState::Failed
    } else {
        PaymentState::Processing
    };
    Ok(PaymentView {
        session_id: r.string(op, &path, "id")?.unwrap_or_default(),
        kind,
        is_final: state.is_final(),
        state,
        amount: Some(amount),
        currency: Some(currency.to_ascii_lowercase()),
        card: None,
        refunded_amount: 0,
        chargeback: false,
        failure,
        redirect: None,
        qr: None,
        updated_at: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(text: &str) -> Result<String, Error> {
        let doc = crate::json::parse(text.as_bytes()).unwrap();
        view_before_start(&doc.root()).map(|v| v.to_out().to_json())
    }

    #[test]
    fn a_pending_start_is_processing_and_a_refused_one_failed() {
        let pending =
            view(r#"{"id":"op_1","kind":"payout","amount":1050,"currency":"EUR"}"#).unwrap();
        assert_eq!(
            pending,
            r#"{"session_id":"op_1","kind":"payout","state":"processing","final":false,"amount":1050,"currency":"eur","card":null,"refunded_amount":0,"chargeback":false,"failure":null,"redirect":null,"interaction":null,"updated_at":null}"#
        );
        let refused = view(r#"{"kind":"payment","amount":5,"currency":"jpy","failure":{"code":"not_started","description":"x"}}"#).unwrap();
        assert!(
            refused.contains(r#""state":"failed","final":true"#),
            "{refused}"
        );
        assert!(
            refused.contains(r#""failure":{"code":"not_started","description":"x"}"#),
            "{refused}"
        );
        assert!(refused.starts_with(r#"{"session_id":"","#), "{refused}");
    }

    #[test]
    fn each_bad_member_is_named() {
        for (text, field) in [
            (r#"[]"#, "operation"),
            (
                r#"{"kind":"refund","amount":1,"currency":"eur"}"#,
                "operation.kind",
            ),
            (r#"{"amount":1,"currency":"eur"}"#, "operation.kind"),
            (
                r#"{"kind":"payment","amount":1.5,"currency":"eur"}"#,
                "operation.amount",
            ),
            (r#"{"kind":"payment","currency":"eur"}"#, "operation.amount"),
            (
                r#"{"kind":"payment","amount":1,"currency":"euro"}"#,
                "operation.currency",
            ),
            (
                r#"{"kind":"payment","amount":1,"currency":"eur","failure":{}}"#,
                "operation.failure.code",
            ),
            (
                r#"{"kind":"payment","amount":1,"currency":"eur","failure":7}"#,
                "operation.failure",
            ),
            (
                r#"{"kind":"payment","amount":1,"currency":"eur","state":"succeeded"}"#,
                "operation",
            ),
            (
                r#"{"kind":"payment","amount":1,"currency":"eur","id":5}"#,
                "operation.id",
            ),
        ] {
            match view(text) {
                Err(Error::InvalidParams { field: f, .. }) => assert_eq!(f, field, "{text}"),
                other => panic!("{text}: {other:?}"),
            }
        }
    }
}

//! Reading sessions and events from any tree. Every amount anywhere in a
//! session is checked: one above 2^53 − 1 is an error naming its field,
//! never a rounded number.

use super::{EventFacts, Failure, OperationFacts, OperationKind, Refunds, SessionFacts};
use crate::error::Error;
use crate::model::{EventType, NextAction, PaymentStatus, SessionStatus};
use crate::prelude::*;
use crate::tree::{IntegerRead, Kind, Node, Path, Reader};

/// Where an operation sits: the list's name and its index in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OperationAt {
    pub list: &'static str,
    pub index: usize,
}

/// The lists of operations, in the order they are looked at: payments
/// first (v1 and v2 names), then payouts.
const LISTS: [(&str, OperationKind); 4] = [
    ("acquiring_payments", OperationKind::Payment),
    ("payment_list", OperationKind::Payment),
    ("payments", OperationKind::Payout),
    ("payout_list", OperationKind::Payout),
];

/// A webhook: `{ "type": …, "session": {…} }`.
pub fn read_event<N: Node>(r: &Reader, root: &N, path: &Path) -> Result<EventFacts, Error> {
    r.expect_object(root, path)?;
    let kind = r.required(r.string(root, path, "type")?, path, "type")?;
    let session = r.required(r.object(root, path, "session")?, path, "session")?;
    Ok(EventFacts {
        kind: EventType::from(kind.as_str()),
        session: read_session(r, &session, &path.key("session"))?,
    })
}

/// The session of an event (`{type, session}`), of an answer
/// (`{status, session}`), or `root` itself; with the event's type if any.
pub fn find_session<N: Node>(
    r: &Reader,
    root: &N,
    path: &Path,
) -> Result<(Option<EventType>, SessionFacts), Error> {
    r.expect_object(root, path)?;
    match r.child(root, path, "session")? {
        Some(session) if session.kind() == Kind::Object => {
            let kind = match r.child(root, path, "type")? {
                Some(t) => t.string().map(|t| EventType::from(t.as_str())),
                None => None,
            };
            Ok((kind, read_session(r, &session, &path.key("session"))?))
        }
        _ => Ok((None, read_session(r, root, path)?)),
    }
}

/// A session object.
pub fn read_session<N: Node>(r: &Reader, s: &N, path: &Path) -> Result<SessionFacts, Error> {
    r.expect_object(s, path)?;
    let id = r.required(r.string(s, path, "id")?, path, "id")?;
    if id.trim().is_empty() {
        return Err(r.error_at(&path.key("id"), "must not be empty"));
    }
    let status = r.required(r.string(s, path, "status")?, path, "status")?;
    let updated_at = r.string(s, path, "updated_at")?;
    let next_action = r.string(s, path, "next_action")?;
    let error = failure(r, s, path)?;
    let has_metadata = r.child(s, path, "metadata")?.is_some();

    let mut current: Option<(OperationKind, &'static str, usize, N)> = None;
    for (name, kind) in LISTS {
        let items = r.array(s, path, name)?;
        let here = path.key(name);
        for (i, op) in items.iter().enumerate() {
            // The operation read below (the last of the first list that has
            // one) has its amounts read there: here only its `amounts`.
            let read_below = current.is_none() && i + 1 == items.len();
            check_amounts(r, op, &here.index(i), !read_below)?;
        }
        let last = items.len().checked_sub(1);
        if let (Some(index), None) = (last, &current) {
            if let Some(op) = items.into_iter().next_back() {
                current = Some((kind, name, index, op));
            }
        }
    }
    let operation = match current {
        Some((kind, list, index, op)) => {
            let here = path.key(list);
            let at_path = here.index(index);
            Some(read_operation(
                r,
                &op,
                &at_path,
                kind,
                OperationAt { list, index },
            )?)
        }
        None => None,
    };
    Ok(SessionFacts {
        id,
        status: SessionStatus::from(status.as_str()),
        updated_at,
        next_action: next_action.map(|a| NextAction::from(a.as_str())),
        error,
        has_metadata,
        operation,
    })
}

fn read_operation<N: Node>(
    r: &Reader,
    op: &N,
    path: &Path,
    kind: OperationKind,
    at: OperationAt,
) -> Result<OperationFacts, Error> {
    let id = r.required(r.string(op, path, "id")?, path, "id")?;
    let status = r.required(r.string(op, path, "status")?, path, "status")?;
    let amount = match r.object(op, path, "amount_details")? {
        Some(a) => {
            let ap = path.key("amount_details");
            let amount = r.required(r.amount(&a, &ap, "amount")?, &ap, "amount")?;
            let currency = r.required(r.string(&a, &ap, "currency")?, &ap, "currency")?;
            Some((amount, currency))
        }
        None => None,
    };
    let details_key = match kind {
        OperationKind::Payment => "payment_details",
        OperationKind::Payout => "payment_method",
    };
    let (brand, last4) = card(r, op, path, details_key)?;
    let mut qr = None;
    let redirect = match r.object(op, path, "customer_interaction")? {
        Some(ci) => {
            let cp = path.key("customer_interaction");
            // `inform`: the customer acts in their bank's app; a QR code of
            // `qr.content` (docs/payments/payment-qr, restricted/recurring-fps).
            if let Some(inform) = r.object(&ci, &cp, "inform")? {
                let ip = cp.key("inform");
                if let Some(q) = r.object(&inform, &ip, "qr")? {
                    qr = r
                        .string(&q, &ip.key("qr"), "content")?
                        .filter(|c| crate::url::is_absolute_http_url(c));
                }
            }
            match r.object(&ci, &cp, "redirect")? {
                // Only an absolute http(s) redirect is one: a view is what
                // a page navigates to, and `javascript:`, `data:` or
                // `file:` must never reach it, even by a page's own code.
                Some(rd) => Some(crate::redirect::read_redirect(r, &rd, &cp.key("redirect"))?)
                    .filter(|rd| {
                        crate::url::is_absolute_http_url(&rd.url)
                            && rd
                                .base_url
                                .as_deref()
                                .is_none_or(crate::url::is_absolute_http_url)
                    }),
                None => None,
            }
        }
        None => None,
    };
    Ok(OperationFacts {
        kind,
        at,
        id,
        status: PaymentStatus::from(status.as_str()),
        amount,
        brand,
        last4,
        redirect,
        qr,
        refunds: refunds(r, op, path)?,
        error: failure(r, op, path)?,
        has_metadata: r.child(op, path, "metadata")?.is_some(),
    })
}

/// Brand and last four digits of `details.card`: `last4` when it is 1 to 4
/// digits, else the tail of a number the object carries.
fn card<N: Node>(
    r: &Reader,
    op: &N,
    path: &Path,
    details_key: &str,
) -> Result<(Option<String>, Option<String>), Error> {
    let Some(details) = r.object(op, path, details_key)? else {
        return Ok((None, None));
    };
    let dp = path.key(details_key);
    let Some(card) = r.object(&details, &dp, "card")? else {
        return Ok((None, None));
    };
    let cp = dp.key("card");
    let brand = r.string(&card, &cp, "brand")?;
    let mut last4 = r.string(&card, &cp, "last4")?.filter(|l| is_last4(l));
    if last4.is_none() {
        let number = match r.object(&card, &cp, "bank_card")? {
            Some(bc) => r.string(&bc, &cp.key("bank_card"), "number")?,
            None => r.string(&card, &cp, "number")?,
        };
        last4 = number
            .filter(|n| n.len() >= 4 && n.bytes().all(|b| b.is_ascii_digit()))
            .map(|n| crate::params::last4(&n).to_string());
    }
    Ok((brand, last4))
}

/// 1 to 4 ASCII digits.
pub fn is_last4(s: &str) -> bool {
    (1..=4).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
}

fn refunds<N: Node>(r: &Reader, op: &N, path: &Path) -> Result<Refunds, Error> {
    let items = r.array(op, path, "refunds")?;
    let here = path.key("refunds");
    let mut out = Refunds {
        listed: items.len(),
        ..Refunds::default()
    };
    for (i, refund) in items.iter().enumerate() {
        let rp = here.index(i);
        r.expect_object(refund, &rp)?;
        // The three members in one walk of the refund's (a webhook may
        // list thousands of refunds).
        let [status, details, chargeback] =
            r.children(refund, &rp, ["status", "amount_details", "is_chargeback"])?;
        let accepted = r.required(
            r.string_is_of(status, &rp, "status", "accepted")?,
            &rp,
            "status",
        )?;
        let amount = match r.object_of(details, &rp, "amount_details")? {
            Some(a) => r.amount(&a, &rp.key("amount_details"), "amount")?,
            None => None,
        };
        let chargeback = r
            .boolean_of(chargeback, &rp, "is_chargeback")?
            .unwrap_or(false);
        if accepted {
            match amount {
                Some(a) => out.refunded = out.refunded.saturating_add(a),
                None => out.unmeasured = true,
            }
            out.chargeback |= chargeback;
        }
    }
    Ok(out)
}

/// `error {code, description}` of a session or an operation.
fn failure<N: Node>(r: &Reader, node: &N, path: &Path) -> Result<Option<Failure>, Error> {
    let Some(e) = r.object(node, path, "error")? else {
        return Ok(None);
    };
    let ep = path.key("error");
    Ok(Some(Failure {
        code: r.string(&e, &ep, "code")?.unwrap_or_default(),
        description: r.string(&e, &ep, "description")?.unwrap_or_default(),
    }))
}

/// Every amount of an operation: `amount_details.amount`, each refund's,
/// and any number under `amounts` (fees); without `all`, `amounts` only
/// (for the operation `read_operation` reads, which checks the others).
fn check_amounts<N: Node>(r: &Reader, op: &N, path: &Path, all: bool) -> Result<(), Error> {
    r.expect_object(op, path)?;
    if all {
        if let Some(a) = r.object(op, path, "amount_details")? {
            r.amount(&a, &path.key("amount_details"), "amount")?;
        }
        let here = path.key("refunds");
        for (i, refund) in r.array(op, path, "refunds")?.iter().enumerate() {
            let rp = here.index(i);
            r.expect_object(refund, &rp)?;
            if let Some(a) = r.object(refund, &rp, "amount_details")? {
                r.amount(&a, &rp.key("amount_details"), "amount")?;
            }
        }
    }
    if let Some(amounts) = r.child(op, path, "amounts")? {
        no_unsafe_numbers(r, &amounts, &path.key("amounts"), 4)?;
    }
    Ok(())
}

/// Numbers above 2^53 − 1 anywhere under `node` (to `depth` levels).
fn no_unsafe_numbers<N: Node>(r: &Reader, node: &N, path: &Path, depth: u32) -> Result<(), Error> {
    match node.kind() {
        Kind::Number => match number_problem(node) {
            Some(problem) => Err(r.error(Some(node), path, problem)),
            None => Ok(()),
        },
        Kind::Object if depth > 0 => {
            // One walk of the members (by key, each lookup would walk them
            // again: 10,000 members made 50 million steps).
            for (key, child) in r.entries(node, path)? {
                if matches!(child.kind(), Kind::Null | Kind::Other) {
                    continue;
                }
                // Keys are payload data: only names of the documented
                // object appear in a path; under any other the error names
                // the parent, and its line and column find the number.
                let here = match AMOUNTS_NAMES.iter().find(|n| **n == key) {
                    Some(name) => path.key(name),
                    None => *path,
                };
                no_unsafe_numbers(r, &child, &here, depth - 1)?;
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

/// The members of `amounts` the reference documents
/// (`amounts.fee.merchant_fee.amount`).
const AMOUNTS_NAMES: [&str; 5] = ["fee", "merchant_fee", "provider_fee", "amount", "currency"];

/// What is wrong with a number of `amounts` as JavaScript would hold it:
/// above 2^53 − 1 (rounded), beyond any float (`1E400` is `Infinity`) or
/// negative zero.
fn number_problem<N: Node>(node: &N) -> Option<&'static str> {
    if node.safe_integer() == IntegerRead::TooLarge {
        return Some("is above 2^53 - 1 (JavaScript cannot hold it exactly)");
    }
    match node.number() {
        Some(n) if !n.is_finite() => Some("is not a finite number"),
        Some(n) if n == 0.0 && n.is_sign_negative() => Some("is negative zero"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json;
    use crate::tree::spy::Spy;
    use core::cell::Cell;

    /// `amounts` is read in one walk of its members: the lookups made do
    /// not grow with its size (by key, 10,000 members were 50 million
    /// steps), and an unsafe number is still found at its place.
    #[test]
    fn amounts_are_walked_once_whatever_their_size() {
        let gets_for = |members: usize, last: &str| {
            let fees: String = (0..members).map(|i| format!(r#""f{i}":{i},"#)).collect();
            let text = format!(
                r#"{{"id":"ps_1","status":"accepted","acquiring_payments":[{{"id":"pm_1","status":"succeeded","amounts":{{{fees}"fee":{last}}}}}]}}"#
            );
            let doc = json::parse(text.as_bytes()).unwrap();
            let gets = Cell::new(0);
            let root = Spy {
                value: doc.root(),
                gets: &gets,
                hole: None,
            };
            let read = read_session(&Reader::API, &root, &Path::root("session"));
            (gets.get(), read.map(|_| ()))
        };
        let (few, ok) = gets_for(10, "1");
        assert!(ok.is_ok());
        let (many, ok) = gets_for(5_000, "1");
        assert!(ok.is_ok());
        assert_eq!(few, many, "lookups grew with the members");
        let (_, unsafe_fee) = gets_for(5_000, "9007199254740993");
        match unsafe_fee {
            Err(Error::MalformedPayload { field, .. }) => {
                assert_eq!(field, "session.acquiring_payments[0].amounts.fee")
            }
            other => panic!("{other:?}"),
        }
    }

    /// A refund's members as an attacker writes them: each of the wrong
    /// type is named at its place, `null` is absence, and an escaped
    /// spelling of a member's name is that member.
    #[test]
    fn refund_members_of_the_wrong_type_are_named() {
        let read = |refund: &str| {
            let text = format!(
                r#"{{"id":"ps_1","status":"accepted","acquiring_payments":[{{"id":"pm_1","status":"succeeded","refunds":[{refund}]}}]}}"#
            );
            let doc = json::parse(text.as_bytes()).unwrap();
            read_session(&Reader::API, &doc.root(), &Path::root("session"))
        };
        let at = "session.acquiring_payments[0].refunds[0]";
        for (refund, field, message) in [
            (r#"{"status":7}"#, "status", "must be a string"),
            (r#"{"status":null}"#, "status", "is required"),
            (r#"{}"#, "status", "is required"),
            (
                r#"{"status":"accepted","amount_details":"x"}"#,
                "amount_details",
                "must be an object",
            ),
            (
                r#"{"status":"accepted","is_chargeback":"yes"}"#,
                "is_chargeback",
                "must be a boolean",
            ),
            (
                r#"{"status":"accepted","amount_details":{"amount":-1}}"#,
                "amount_details.amount",
                "must be a whole number of minor units",
            ),
        ] {
            match read(refund) {
                Err(Error::MalformedPayload {
                    field: f,
                    message: m,
                    ..
                }) => {
                    assert_eq!(
                        (f, m.as_str()),
                        (format!("{at}.{field}"), message),
                        "{refund}"
                    )
                }
                other => panic!("{refund}: {other:?}"),
            }
        }
        let escaped = read(
            r#"{"st\u0061tus":"accepted","is_ch\u0061rgeback":true,"amount_details":{"amount":5}}"#,
        )
        .unwrap();
        let refunds = escaped.operation.unwrap().refunds;
        assert_eq!((refunds.refunded, refunds.chargeback), (5, true));
        let nulls = read(r#"{"status":"accepted","amount_details":null,"is_chargeback":null}"#);
        let refunds = nulls.unwrap().operation.unwrap().refunds;
        assert!(refunds.unmeasured && !refunds.chargeback);
    }
}

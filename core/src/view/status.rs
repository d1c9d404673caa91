//! What a status display shows for a view: label, amount, card, failure,
//! progress. The browser glue only puts these texts into the DOM (as text,
//! never HTML) and formats money with `Intl.NumberFormat`.

use super::{fill_label, PaymentState, PaymentView};
use crate::error::Error;
use crate::limits::MAX_LABELS;
use crate::prelude::*;
use crate::tree::{Node, Path, Reader};

/// The label shown while polls fail, unless `labels.reconnecting` says else.
pub const RECONNECTING_LABEL: &str = "Reconnecting…";
/// The key of that label.
pub const RECONNECTING: &str = "reconnecting";

/// `{ labels?, locale? }` of a status display.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StatusOptions {
    /// Label per state (or `reconnecting`); `{refunded}` and `{amount}` are
    /// filled with formatted money.
    pub labels: Vec<(String, String)>,
    /// BCP 47 locale for amounts; the browser's when absent.
    pub locale: Option<String>,
}

impl StatusOptions {
    /// Reads the options (other members are ignored: one object may carry
    /// the options of several calls).
    pub fn read<N: Node>(opts: Option<&N>) -> Result<StatusOptions, Error> {
        let r = Reader::caller("opts");
        let path = Path::root("opts");
        let Some(opts) = opts else {
            return Ok(StatusOptions::default());
        };
        r.expect_object(opts, &path)?;
        let locale = r.string(opts, &path, "locale")?;
        if locale
            .as_deref()
            .is_some_and(|l| !crate::money::is_language_tag(l))
        {
            return Err(r.error_at(&path.key("locale"), "must be a BCP 47 language tag"));
        }
        let mut labels = Vec::new();
        if let Some(l) = r.object(opts, &path, "labels")? {
            let lp = path.key("labels");
            let keys = r.keys(&l, &lp)?;
            if keys.len() > MAX_LABELS {
                return Err(r.error(Some(&l), &lp, "has too many labels"));
            }
            for key in keys {
                let text = l
                    .get(&key)
                    .map_err(|_| r.error_at(&lp, "could not be read"))?
                    .and_then(|v| v.string())
                    .ok_or_else(|| r.error_at(&lp, "must map states to strings"))?;
                labels.push((key, text));
            }
        }
        Ok(StatusOptions { labels, locale })
    }

    fn label(&self, key: &str) -> Option<&str> {
        self.labels
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// The label while reconnecting.
    pub fn reconnecting(&self) -> &str {
        self.label(RECONNECTING).unwrap_or(RECONNECTING_LABEL)
    }
}

/// The texts of a status display; an empty text is hidden.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusText {
    pub label: String,
    pub amount: String,
    pub card: String,
    /// Why it failed, when it did.
    pub detail: String,
    /// Whether the progress indicator shows.
    pub progress: bool,
    /// The label while polls fail.
    pub reconnecting: String,
}

impl StatusText {
    /// `{ state, kind, final, chargeback, label, amount, card, detail,
    /// progress }` for the page to show.
    pub fn to_out(&self, view: &PaymentView) -> crate::tree::Out {
        use crate::tree::Out;
        Out::Obj(vec![
            ("state", Out::str(view.state.as_str())),
            ("kind", Out::str(view.kind.as_str())),
            ("final", Out::Bool(view.is_final)),
            ("chargeback", Out::Bool(view.chargeback)),
            ("label", Out::str(self.label.as_str())),
            ("amount", Out::str(self.amount.as_str())),
            ("card", Out::str(self.card.as_str())),
            ("detail", Out::str(self.detail.as_str())),
            ("progress", Out::Bool(self.progress)),
            ("reconnecting", Out::str(self.reconnecting.as_str())),
        ])
    }
}

/// The view a status display shows before the first one arrives.
pub fn initial_view() -> PaymentView {
    PaymentView {
        session_id: String::new(),
        kind: crate::session::OperationKind::Payment,
        state: PaymentState::Processing,
        is_final: false,
        amount: None,
        currency: None,
        card: None,
        refunded_amount: 0,
        chargeback: false,
        failure: None,
        redirect: None,
        qr: None,
        updated_at: None,
    }
}

/// The texts for `view`. `money(amount, currency)` formats minor units.
pub fn status_text(
    view: &PaymentView,
    opts: &StatusOptions,
    money: &dyn Fn(u64, &str) -> String,
) -> StatusText {
    let amount = match (view.amount, view.currency.as_deref()) {
        (Some(a), Some(c)) => money(a, c),
        _ => String::new(),
    };
    let refunded = match view.currency.as_deref() {
        Some(c) => money(view.refunded_amount, c),
        None => String::new(),
    };
    let template = opts
        .label(view.state.as_str())
        .unwrap_or_else(|| view.state.default_label(view.kind));
    let card = view
        .card
        .as_ref()
        .map(|c| {
            let brand = c.brand.as_deref().unwrap_or("").to_ascii_uppercase();
            match c.last4.as_deref() {
                Some(l) if brand.is_empty() => cat(&["•••• ", l]),
                Some(l) => cat(&[brand.as_str(), " •••• ", l]),
                None => brand,
            }
        })
        .unwrap_or_default();
    let detail = match view.state {
        PaymentState::Failed | PaymentState::NeedsAttention => view
            .failure
            .as_ref()
            .map(|f| f.description.clone())
            .unwrap_or_default(),
        _ => String::new(),
    };
    StatusText {
        label: fill_label(template, &[("refunded", &refunded), ("amount", &amount)]),
        amount,
        card,
        detail,
        progress: !view.is_final,
        reconnecting: opts.reconnecting().into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::{Failure, OperationKind};
    use crate::view::CardView;

    fn view(state: PaymentState) -> PaymentView {
        PaymentView {
            session_id: "ps_1".into(),
            kind: OperationKind::Payment,
            is_final: state.is_final(),
            state,
            amount: Some(1000),
            currency: Some("usd".into()),
            card: Some(CardView {
                brand: Some("visa".into()),
                last4: Some("4242".into()),
            }),
            refunded_amount: 400,
            chargeback: false,
            failure: Some(Failure {
                code: "c".into(),
                description: "Insufficient funds".into(),
            }),
            redirect: None,
            qr: None,
            updated_at: None,
        }
    }

    fn money(a: u64, c: &str) -> String {
        crate::money::to_decimal(a, c)
    }

    #[test]
    fn texts() {
        let o = StatusOptions::default();
        let t = status_text(&view(PaymentState::PartiallyRefunded), &o, &money);
        assert_eq!(t.label, "Refunded 4.00 of 10.00");
        assert_eq!(
            (
                t.amount.as_str(),
                t.card.as_str(),
                t.detail.as_str(),
                t.progress
            ),
            ("10.00", "VISA •••• 4242", "", false)
        );
        let t = status_text(&view(PaymentState::Failed), &o, &money);
        assert_eq!(
            (t.label.as_str(), t.detail.as_str()),
            ("Payment failed", "Insufficient funds")
        );
        let t = status_text(&view(PaymentState::NeedsAttention), &o, &money);
        assert_eq!(t.label, "We are checking this payment");
        assert!(t.progress, "not final");
        let custom = StatusOptions {
            labels: vec![("succeeded".into(), "Paid {amount}!".into())],
            locale: None,
        };
        assert_eq!(
            status_text(&view(PaymentState::Succeeded), &custom, &money).label,
            "Paid 10.00!"
        );
        assert_eq!(custom.reconnecting(), RECONNECTING_LABEL);
    }

    #[test]
    fn options() {
        let read = |t: &str| {
            let doc = crate::json::parse(t.as_bytes()).unwrap();
            StatusOptions::read(Some(&doc.root()))
        };
        let o = read(r#"{"labels":{"succeeded":"<b>x</b>","reconnecting":"…"},"locale":"en-US"}"#)
            .unwrap();
        assert_eq!(o.reconnecting(), "…");
        for bad in [
            r#"{"labels":{"succeeded":5}}"#,
            r#"{"locale":"en US"}"#,
            r#"{"labels":[]}"#,
        ] {
            assert!(read(bad).is_err(), "{bad}");
        }
    }
}

//! The hosted payment page: where a customer pays on Smart Glocal's own page
//! with a public token (the widget flow, for merchants without PCI DSS).

use crate::error::Error;
use crate::prelude::*;
use crate::tree::{Node, Path, Reader};

/// The live payment page's origin.
pub const DEFAULT_PAGE_BASE: &str = "https://pay.smart-glocal.com";
pub const DEFAULT_LOCALE: &str = "en";

/// `{ locale?, base? }` (and `target` for `openPaymentPage`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageOptions {
    pub locale: String,
    pub base: String,
}

impl PageOptions {
    /// Reads the options (other members are ignored).
    pub fn read<N: Node>(opts: Option<&N>) -> Result<PageOptions, Error> {
        let r = Reader::caller("opts");
        let path = Path::root("opts");
        let (locale, base) = match opts {
            None => (None, None),
            Some(o) => {
                r.expect_object(o, &path)?;
                (r.string(o, &path, "locale")?, r.string(o, &path, "base")?)
            }
        };
        let locale = locale.unwrap_or_else(|| DEFAULT_LOCALE.into());
        if !crate::params::is_locale(&locale) {
            return Err(Error::invalid(
                "opts.locale",
                "must be a language code such as \"en\" or \"ru\"",
            ));
        }
        let base = base.unwrap_or_else(|| DEFAULT_PAGE_BASE.into());
        crate::url::parse_secure(&base, true)
            .ok_or_else(|| Error::invalid("opts.base", crate::url::SECURE_BASE_RULE))?;
        Ok(PageOptions {
            locale,
            base: base.trim_end_matches('/').into(),
        })
    }
}

/// A public token as given: non-empty, at most 1 KiB.
pub fn public_token(token: Option<&str>) -> Result<&str, Error> {
    token
        .filter(|t| !t.trim().is_empty() && t.len() <= 1024)
        .ok_or_else(|| Error::invalid("publicToken", "must be a non-empty string"))
}

/// `{base}/{locale}/payment/{public_token}`, the token percent-encoded.
pub fn payment_page_url(public_token: Option<&str>, opts: &PageOptions) -> Result<String, Error> {
    let token = self::public_token(public_token)?;
    Ok(cat(&[
        opts.base.as_str(),
        "/",
        &opts.locale,
        "/payment/",
        &crate::return_url::encode(token),
    ]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(text: &str) -> Result<PageOptions, Error> {
        let doc = crate::json::parse(text.as_bytes()).unwrap();
        PageOptions::read(Some(&doc.root()))
    }

    #[test]
    fn urls() {
        let d = PageOptions::read::<crate::json::Value>(None).unwrap();
        assert_eq!(
            payment_page_url(Some("e065c2f1"), &d).unwrap(),
            "https://pay.smart-glocal.com/en/payment/e065c2f1"
        );
        let local = opts(r#"{"locale":"ru","base":"http://127.0.0.1:4010/"}"#).unwrap();
        assert_eq!(
            payment_page_url(Some("a/b?c#d"), &local).unwrap(),
            "http://127.0.0.1:4010/ru/payment/a%2Fb%3Fc%23d"
        );
        for (bad, field) in [
            (r#"{"locale":"EN"}"#, "opts.locale"),
            (r#"{"locale":"en/../x"}"#, "opts.locale"),
            (r#"{"base":"http://pay.evil.test"}"#, "opts.base"),
            (r#"{"base":"javascript:alert(1)"}"#, "opts.base"),
            (r#"{"base":"https://pay.test/?x"}"#, "opts.base"),
        ] {
            match opts(bad) {
                Err(Error::InvalidParams { field: got, .. }) => assert_eq!(got, field, "{bad}"),
                other => panic!("{bad}: {other:?}"),
            }
        }
        assert!(payment_page_url(None, &d).is_err());
        assert!(payment_page_url(Some(" "), &d).is_err());
    }
}

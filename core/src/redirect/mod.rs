//! `customer_interaction.redirect` → [`RedirectPlan`]: where and how to send
//! the customer for 3-D Secure, after checking that the place is safe.
//!
//! - POST: a form to `base_url` with `qs` as its query and `params` as its
//!   fields, values byte for byte;
//! - GET: navigate to `url`.
//!
//! Only `https:` is allowed, or `http:` to a loopback host (`localhost`,
//! `127.0.0.1`, `[::1]`) so a local sandbox works. An optional list of
//! allowed hosts narrows it further.

use crate::prelude::*;
mod options;
mod read;

pub use options::{RedirectOptions, WindowTarget};
pub use read::read_redirect;

use crate::error::Error;
use crate::model::{Redirect, RedirectMethod};
use crate::return_url::append_query;
use crate::tree::Out;

/// What a browser must do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RedirectPlan {
    pub method: RedirectMethod,
    pub action: String,
    pub fields: Vec<(String, String)>,
}

impl RedirectPlan {
    /// `{ method, action, fields: [[name, value], …] }`.
    pub fn to_out(&self) -> Out {
        Out::Obj(vec![
            ("method", Out::str(self.method.as_str())),
            ("action", Out::str(self.action.as_str())),
            (
                "fields",
                Out::Arr(
                    self.fields
                        .iter()
                        .map(|(k, v)| Out::Arr(vec![Out::str(k.as_str()), Out::str(v.as_str())]))
                        .collect(),
                ),
            ),
        ])
    }
}

impl RedirectPlan {
    /// What the page does to perform the plan: the plan plus where
    /// (`target`), the form's `rel` and `window.open`'s features (a new
    /// window never gets `window.opener`).
    pub fn to_perform_out(&self, target: &WindowTarget) -> Out {
        let blank = *target == WindowTarget::Blank;
        let mut out = match self.to_out() {
            Out::Obj(fields) => fields,
            _ => Vec::new(),
        };
        out.push(("target", Out::str(target.as_str())));
        out.push(("rel", Out::str(if blank { "noopener" } else { "" })));
        out.push(("features", Out::str(if blank { "noopener" } else { "" })));
        Out::Obj(out)
    }
}

/// A redirect as a view carries it: `{url, base_url?, method, qs, params}`.
pub fn redirect_to_out(r: &Redirect) -> Out {
    let map = |f: &crate::model::Fields| {
        Out::Map(
            f.0.iter()
                .map(|(k, v)| (k.clone(), Out::str(v.as_str())))
                .collect(),
        )
    };
    let mut fields = vec![("url", Out::str(r.url.as_str()))];
    if let Some(b) = &r.base_url {
        fields.push(("base_url", Out::str(b.as_str())));
    }
    fields.push(("method", Out::str(r.method.as_str())));
    fields.push(("qs", map(&r.qs)));
    fields.push(("params", map(&r.params)));
    Out::Obj(fields)
}

/// The platform URL parser's reading of a plan's action (`protocol` as
/// `URL.protocol` gives it, `hostname` without brackets) must agree with
/// the rule: `https:`, or `http:` to a loopback host.
pub fn check_platform_url(protocol: &str, hostname: &str) -> Result<(), Error> {
    if crate::url::platform_is_secure(protocol, hostname) {
        return Ok(());
    }
    Err(unsafe_redirect(&cat(&[
        "as the browser reads it, the target ",
        crate::url::SECURE_RULE,
    ])))
}

fn unsafe_redirect(message: &str) -> Error {
    Error::UnsafeRedirect {
        message: message.into(),
    }
}

/// Builds the plan, or `unsafe_redirect`.
pub fn plan(redirect: &Redirect, allowed_hosts: Option<&[String]>) -> Result<RedirectPlan, Error> {
    let (action, fields) = match &redirect.method {
        RedirectMethod::Post => {
            let base = match redirect.base_url.as_deref().filter(|b| !b.is_empty()) {
                Some(b) => b,
                // Without base_url, the url stripped of its query.
                None => redirect.url.split(['?', '#']).next().unwrap_or(""),
            };
            (
                append_query(base, &redirect.qs.0),
                redirect.params.0.clone(),
            )
        }
        RedirectMethod::Get if !redirect.url.is_empty() => (redirect.url.clone(), Vec::new()),
        RedirectMethod::Get => {
            let base = redirect.base_url.as_deref().unwrap_or("");
            (append_query(base, &redirect.qs.0), Vec::new())
        }
        RedirectMethod::Unknown(_) => {
            return Err(unsafe_redirect("the method must be GET or POST"))
        }
    };
    let url = crate::url::parse_secure(&action, false)
        .ok_or_else(|| unsafe_redirect(&cat(&["the target ", crate::url::SECURE_RULE])))?;
    if let Some(hosts) = allowed_hosts {
        if !hosts.iter().any(|h| h.eq_ignore_ascii_case(url.host)) {
            return Err(unsafe_redirect("the target host is not in allowedHosts"));
        }
    }
    Ok(RedirectPlan {
        method: redirect.method.clone(),
        action,
        fields,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Fields;

    fn fields(pairs: &[(&str, &str)]) -> Fields {
        Fields(
            pairs
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect(),
        )
    }

    fn redirect(method: RedirectMethod, url: &str, base: &str) -> Redirect {
        Redirect {
            url: url.into(),
            base_url: Some(base.into()),
            method,
            qs: fields(&[("foo", "bar baz")]),
            params: fields(&[("PaReq", "sdfew^//asdhbv"), ("MD", "a&b=c\"<>é")]),
        }
    }

    #[test]
    fn post_goes_to_base_url_with_qs_and_params() {
        let r = redirect(
            RedirectMethod::Post,
            "https://website.com?foo=bar",
            "https://website.com",
        );
        let p = plan(&r, None).unwrap();
        assert_eq!(p.method, RedirectMethod::Post);
        assert_eq!(p.action, "https://website.com?foo=bar%20baz");
        assert_eq!(
            p.fields,
            vec![
                ("PaReq".to_string(), "sdfew^//asdhbv".to_string()),
                ("MD".to_string(), "a&b=c\"<>é".to_string())
            ],
            "values kept byte for byte"
        );
        let mut no_base = r.clone();
        no_base.base_url = None;
        assert_eq!(
            plan(&no_base, None).unwrap().action,
            "https://website.com?foo=bar%20baz"
        );
    }

    #[test]
    fn get_goes_to_url() {
        let r = redirect(
            RedirectMethod::Get,
            "https://smart-glocal.com?foo=bar",
            "https://smart-glocal.com",
        );
        let p = plan(&r, None).unwrap();
        assert_eq!(
            (p.action.as_str(), p.fields.len()),
            ("https://smart-glocal.com?foo=bar", 0)
        );
    }

    #[test]
    fn unsafe_targets_are_refused() {
        for url in [
            "javascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "http://acs.bank.test/",
            "http://127.0.0.2/",
            "http://localhost.evil.test/",
            "//acs.bank.test/",
            "/acs",
            "https://acs.bank.test/\u{0}x",
            "https://a b/",
            "vbscript:x",
            "",
        ] {
            let r = redirect(RedirectMethod::Get, url, url);
            let e = plan(&r, None).unwrap_err();
            assert_eq!(e.code(), "unsafe_redirect", "{url:?}");
            let r = redirect(RedirectMethod::Post, url, url);
            assert_eq!(
                plan(&r, None).unwrap_err().code(),
                "unsafe_redirect",
                "{url:?}"
            );
        }
        for ok in [
            "http://localhost:4010/acs",
            "http://127.0.0.1/acs",
            "http://[::1]:4010/acs",
            "https://acs.bank.test/",
        ] {
            assert!(
                plan(&redirect(RedirectMethod::Get, ok, ok), None).is_ok(),
                "{ok}"
            );
        }
        let unknown = Redirect {
            method: RedirectMethod::Unknown("PUT".into()),
            ..redirect(RedirectMethod::Get, "https://a.test/", "https://a.test/")
        };
        assert_eq!(plan(&unknown, None).unwrap_err().code(), "unsafe_redirect");
    }

    #[test]
    fn allowed_hosts_narrow_it() {
        let r = redirect(
            RedirectMethod::Post,
            "https://ACS.bank.test/x",
            "https://ACS.bank.test/x",
        );
        let hosts = vec!["acs.bank.test".to_string()];
        assert!(plan(&r, Some(&hosts)).is_ok());
        let other = vec!["pay.bank.test".to_string()];
        assert_eq!(
            plan(&r, Some(&other)).unwrap_err().code(),
            "unsafe_redirect"
        );
        assert_eq!(plan(&r, Some(&[])).unwrap_err().code(), "unsafe_redirect");
    }
}

//! Options of performing a redirect, read from the caller's object.

use crate::error::Error;
use crate::limits::MAX_ALLOWED_HOSTS;
use crate::prelude::*;
use crate::tree::{Kind, Node, Path, Reader};

/// Where the browser goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WindowTarget {
    /// The current browsing context (default).
    Same,
    /// The top-level context.
    Top,
    /// A new context, opened with `noopener`: the ACS page gets no handle
    /// on the shop's window.
    Blank,
    /// A named frame or window.
    Named(String),
}

impl WindowTarget {
    /// The name a form's `target` or `window.open` takes.
    pub fn as_str(&self) -> &str {
        match self {
            WindowTarget::Same => "_self",
            WindowTarget::Top => "_top",
            WindowTarget::Blank => "_blank",
            WindowTarget::Named(n) => n,
        }
    }

    fn parse(name: &str) -> Option<WindowTarget> {
        match name {
            "_self" => Some(WindowTarget::Same),
            "_top" => Some(WindowTarget::Top),
            "_blank" => Some(WindowTarget::Blank),
            "_parent" => Some(WindowTarget::Named("_parent".into())),
            "" => None,
            n if n.len() <= 128
                && !n.starts_with('_')
                && n.bytes().all(|b| b > 0x20 && b != 0x7f) =>
            {
                Some(WindowTarget::Named(n.to_string()))
            }
            _ => None,
        }
    }
}

/// `{ target?, allowedHosts? }`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RedirectOptions {
    pub target: WindowTarget,
    /// When given, only these hosts (exact, ignoring case) receive the customer.
    pub allowed_hosts: Option<Vec<String>>,
}

impl RedirectOptions {
    /// Reads the options (other members are ignored: the follower's and
    /// the status display's options share the object).
    pub fn read<N: Node>(opts: Option<&N>) -> Result<RedirectOptions, Error> {
        let r = Reader::caller("opts");
        let path = Path::root("opts");
        let Some(opts) = opts else {
            return Ok(RedirectOptions {
                target: WindowTarget::Same,
                allowed_hosts: None,
            });
        };
        r.expect_object(opts, &path)?;
        let target = match r.string(opts, &path, "target")? {
            None => WindowTarget::Same,
            Some(name) => WindowTarget::parse(&name).ok_or_else(|| {
                r.error_at(
                    &path.key("target"),
                    "must be _self, _top, _blank or a frame name",
                )
            })?,
        };
        let allowed_hosts = match r.child(opts, &path, "allowedHosts")? {
            None => None,
            Some(list) => {
                let here = path.key("allowedHosts");
                let items = r.elements(&list, &here)?;
                if items.len() > MAX_ALLOWED_HOSTS {
                    return Err(r.error(Some(&list), &here, "has too many hosts"));
                }
                let mut hosts = Vec::with_capacity(items.len());
                for item in &items {
                    match (item.kind(), item.string()) {
                        (Kind::String, Some(h)) => hosts.push(h),
                        _ => return Err(r.error(Some(item), &here, "must be an array of strings")),
                    }
                }
                Some(hosts)
            }
        };
        Ok(RedirectOptions {
            target,
            allowed_hosts,
        })
    }
}

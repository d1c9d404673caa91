//! Dotted paths of fields (`payment_details.card.number`, `refunds[1]`),
//! built only when an error needs one.

use crate::prelude::*;
/// Where a value sits: a chain of keys and indices from a named root.
#[derive(Debug, Clone, Copy)]
pub struct Path<'a> {
    parent: Option<&'a Path<'a>>,
    seg: Seg<'a>,
}

#[derive(Debug, Clone, Copy)]
enum Seg<'a> {
    /// The root's name: "" for a request body (fields are named bare),
    /// "config", "opts", "view", …; and whether the readers below it pass
    /// members they do not know on rather than refuse them (the caller
    /// asked for it, call by call; every known member is still checked).
    Root(&'a str, bool),
    Key(&'a str),
    Index(usize),
}

impl<'a> Path<'a> {
    pub const fn root(name: &'a str) -> Path<'a> {
        Path {
            parent: None,
            seg: Seg::Root(name, false),
        }
    }

    /// A root whose readers pass members they do not know on rather than
    /// refuse them (every known member is still checked).
    pub const fn root_passing_unknown(name: &'a str) -> Path<'a> {
        Path {
            parent: None,
            seg: Seg::Root(name, true),
        }
    }

    /// Whether unknown members are passed on rather than refused: the
    /// root's say.
    pub fn passes_unknown(&self) -> bool {
        let mut at = self;
        while let Some(p) = at.parent {
            at = p;
        }
        matches!(at.seg, Seg::Root(_, true))
    }

    pub fn key(&'a self, key: &'a str) -> Path<'a> {
        Path {
            parent: Some(self),
            seg: Seg::Key(key),
        }
    }

    pub fn index(&'a self, index: usize) -> Path<'a> {
        Path {
            parent: Some(self),
            seg: Seg::Index(index),
        }
    }

    /// The dotted name; a nameless root alone is called `fallback`.
    pub fn render(&self, fallback: &str) -> String {
        let mut segs = Vec::new();
        let mut at = Some(self);
        while let Some(p) = at {
            segs.push(p.seg);
            at = p.parent;
        }
        let mut out = String::new();
        for seg in segs.iter().rev() {
            match seg {
                Seg::Root(name, _) => out.push_str(name),
                Seg::Key(k) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(k);
                }
                Seg::Index(i) => {
                    out.push('[');
                    out.push_str(&crate::money::decimal_digits(*i as u64));
                    out.push(']');
                }
            }
        }
        if out.is_empty() || out.starts_with('[') {
            out.insert_str(0, fallback);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::Path;

    #[test]
    fn renders() {
        let root = Path::root("");
        let a = root.key("payment_details");
        let b = a.key("card");
        assert_eq!(
            b.key("number").render("params"),
            "payment_details.card.number"
        );
        assert_eq!(root.render("params"), "params");
        assert_eq!(root.index(2).key("id").render("params"), "params[2].id");
        let view = Path::root("view");
        assert_eq!(view.key("refunds").index(0).render("x"), "view.refunds[0]");
    }
}

//! The request body is the caller's JSON text as given, with the few
//! normalisations the core makes (a currency lowercased) applied in place.

use crate::prelude::*;
use core::ops::Range;

/// Replacements of byte spans of the source text.
#[derive(Debug, Default)]
pub struct Edits {
    list: Vec<(Range<usize>, String)>,
}

impl Edits {
    pub fn replace(&mut self, span: Range<usize>, with: String) {
        self.list.push((span, with));
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// `source` with every replacement applied.
    pub fn apply(mut self, source: &str) -> String {
        self.list.sort_by_key(|(r, _)| r.start);
        let mut out = String::with_capacity(source.len());
        let mut at = 0;
        for (span, with) in &self.list {
            if span.start < at || span.end > source.len() {
                continue; // overlapping edits cannot be made by the readers
            }
            out.push_str(&source[at..span.start]);
            out.push_str(with);
            at = span.end;
        }
        out.push_str(&source[at..]);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::Edits;

    #[test]
    fn applies_in_order() {
        let mut e = Edits::default();
        e.replace(6..9, "usd".into());
        e.replace(0..1, "[".into());
        assert_eq!(e.apply("{\"c\": USD}"), "[\"c\": usd}");
        assert_eq!(Edits::default().apply("same"), "same");
    }
}

//! Objects from the caller (configuration, options) read strictly: an
//! unknown member is named by its parent only, never echoed, with a
//! suggestion of one of *our* names when it is close to one.

use super::{Node, Path, Reader};
use crate::error::Error;
use crate::prelude::*;

/// `node`, an object, must have only members in `known`.
pub fn only_known<N: Node>(
    reader: &Reader,
    node: &N,
    path: &Path,
    known: &[&str],
) -> Result<(), Error> {
    reader.expect_object(node, path)?;
    for key in reader.keys(node, path)? {
        if !known.contains(&key.as_str()) {
            return Err(reader.error(Some(node), path, &unknown_field_message(&key, known)));
        }
    }
    Ok(())
}

/// "has an unknown field", with a suggestion when one of ours is close.
pub fn unknown_field_message(unknown: &str, known: &[&str]) -> String {
    match suggestion(unknown, known) {
        Some(s) => cat(&["has an unknown field (did you mean `", s, "`?)"]),
        None => "has an unknown field".into(),
    }
}

/// A known name within two edits of `unknown`, or equal to it ignoring case.
pub fn suggestion<'k>(unknown: &str, known: &[&'k str]) -> Option<&'k str> {
    if unknown.len() > 64 {
        return None;
    }
    known
        .iter()
        .map(|k| (distance(unknown, k), *k))
        .filter(|(d, k)| *d <= 2 || unknown.eq_ignore_ascii_case(k))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// Levenshtein distance over bytes (short names only).
fn distance(a: &str, b: &str) -> usize {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let replace = diagonal + usize::from(ca != cb);
            diagonal = row[j + 1];
            row[j + 1] = replace.min(row[j] + 1).min(row[j + 1] + 1);
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_name_our_fields_only() {
        let known = ["session_id", "amount_details", "signingKey"];
        assert_eq!(suggestion("sesion_id", &known), Some("session_id"));
        assert_eq!(suggestion("Session_ID", &known), Some("session_id"));
        assert_eq!(suggestion("signingkey", &known), Some("signingKey"));
        assert_eq!(suggestion("4242424242424242", &known), None);
        assert_eq!(suggestion("metadata", &known), None);
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("", "ab"), 2);
        assert_eq!(distance("ab", ""), 2);
    }
}

//! Repeated keys. The parser checks each object as it closes (the keys'
//! fingerprints were taken as they were read) and flags the object; a
//! document is refused, or a reader asks which key repeats, without
//! comparing again.

use super::value::{Kind, Value};
use crate::prelude::*;

/// A key's fingerprint, kept on its tape entry while parsing: the low byte
/// of its length and its first two and last bytes. Keys without escapes
/// are equal only if their fingerprints are; a key with escapes is compared
/// in full with every other.
pub(super) fn fingerprint(raw: &[u8]) -> u32 {
    let byte = |i: usize| raw.get(i).copied().unwrap_or(0);
    u32::from_le_bytes([
        byte(0),
        byte(1),
        raw.last().copied().unwrap_or(0),
        raw.len() as u8,
    ])
}

impl<'d> Value<'d> {
    /// The second occurrence of the first key repeated by an object at or
    /// under this value (see [`Doc::first_repeated_key`](super::Doc::first_repeated_key)).
    pub fn repeated_key_within(&self) -> Option<Value<'d>> {
        // Most documents repeat no key anywhere: nothing to walk.
        self.doc.first_repeat?;
        let end = match self.kind() {
            Kind::Object | Kind::Array => self.entry().next as usize,
            _ => return None,
        };
        (self.at..end)
            .map(|at| Value { doc: self.doc, at })
            .find_map(|v| v.repeated_key())
    }

    /// The second occurrence of a key this object has twice (the first
    /// such in member order).
    pub fn repeated_key(&self) -> Option<Value<'d>> {
        let e = self.entry();
        if e.kind != Kind::Object || !e.escaped {
            return None;
        }
        self.scan_repeats()
    }

    /// Compares the keys of this object (the parser's check as it closes
    /// it, and [`Value::repeated_key`] of an object it flagged).
    pub(super) fn scan_repeats(&self) -> Option<Value<'d>> {
        const SMALL: usize = 16;
        if self.len() <= SMALL {
            // Most objects: each key's fingerprint against those before it,
            // the bytes only where they cannot tell two keys apart (or a
            // key has escapes: then in full).
            let mut prints = [0u32; SMALL];
            let mut keys = [*self; SMALL];
            let mut escapes = false;
            for (n, (k, _)) in self.members().enumerate() {
                let e = k.entry();
                escapes |= e.escaped;
                let repeats = if escapes {
                    keys[..n].iter().any(|seen| seen.same_string(&k))
                } else {
                    (0..n).any(|i| prints[i] == e.count && keys[i].same_string(&k))
                };
                if repeats {
                    return Some(k);
                }
                prints[n] = e.count;
                keys[n] = k;
            }
            return None;
        }
        let mut keys: Vec<_> = self
            .members()
            .enumerate()
            .map(|(n, (k, _))| (k.as_str().unwrap_or_default(), n, k))
            .collect();
        super::sort::heapsort(&mut keys, |a, b| (&a.0, a.1) < (&b.0, b.1));
        keys.windows(2)
            .filter(|w| w[0].0 == w[1].0)
            .map(|w| (w[1].1, w[1].2))
            .min_by_key(|(n, _)| *n)
            .map(|(_, k)| k)
    }
}

#[cfg(test)]
mod tests {
    use crate::prelude::*;

    #[test]
    fn repeated_keys_are_found_in_any_object() {
        let many: String = (0..40).map(|i| format!(r#""k{i}":{i},"#)).collect();
        for (text, repeated) in [
            (r#"{"a":1,"b":{"c":2,"d":3}}"#.to_string(), false),
            (r#"{"a":1,"b":{"c":2,"c":3}}"#.to_string(), true),
            (r#"[{"x":1},{"x":2,"y":[{"z":1,"z":2}]}]"#.to_string(), true),
            (r#"{"a":1,"\u0061":2}"#.to_string(), true),
            (r#"{"a\n":1,"a\u000a":2}"#.to_string(), true),
            (format!("{{{many}\"end\":0}}"), false),
            (format!("{{{many}\"k7\":0}}"), true),
        ] {
            assert_eq!(
                crate::parse_keeping_repeats(text.as_bytes())
                    .unwrap()
                    .has_repeated_key(),
                repeated,
                "{text}"
            );
            // The strict reader refuses exactly these, at the second key.
            assert_eq!(crate::parse(text.as_bytes()).is_err(), repeated, "{text}");
        }
        let e = crate::parse(
            br#"{"status":"succeeded",
 "st\u0061tus":"failed"}"#,
        )
        .unwrap_err();
        assert_eq!((e.message, e.line, e.column), ("repeated key", 2, 2));
        let big: String = (0..40).map(|i| format!(r#""k{i}":{i},"#)).collect();
        let e = crate::parse(format!("{{{big}\"k9\":0,\"k3\":1}}").as_bytes()).unwrap_err();
        let at = format!("{{{big}").len() + 1;
        assert_eq!(
            e.column, at,
            "the first repeat in the text, not in sorted order"
        );
    }

    /// Keys that share a fingerprint's parts (length, first and last
    /// bytes) but differ inside, and escaped spellings of plain keys: every
    /// pair of keys over {a, b} up to 6 bytes, plain and escaped.
    #[test]
    fn repeated_keys_are_told_apart_byte_for_byte() {
        let mut keys = vec![String::new()];
        for len in 1..=6 {
            for bits in 0..1u32 << len {
                keys.push(
                    (0..len)
                        .map(|i| if bits >> i & 1 == 1 { 'b' } else { 'a' })
                        .collect(),
                );
            }
        }
        let escaped = |k: &str| k.replace('b', "\\u0062");
        for a in &keys {
            for b in &keys {
                for text in [
                    format!(r#"{{"{a}":0,"{b}":1}}"#),
                    format!(r#"{{"{a}":0,"x":2,"{}":1}}"#, escaped(b)),
                ] {
                    let doc = crate::parse_keeping_repeats(text.as_bytes()).unwrap();
                    assert_eq!(doc.has_repeated_key(), a == b, "{text}");
                }
            }
        }
    }
}

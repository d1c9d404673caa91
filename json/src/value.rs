//! The parsed document: a flat tape of entries, each with its byte span, and
//! [`Value`], a cheap handle to navigate it.

use crate::prelude::*;
use alloc::borrow::Cow;

/// What a value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Null,
    Bool,
    Number,
    String,
    Array,
    Object,
}

/// One value on the tape. A container's members follow it (an object's as
/// key, value, key, value …); `next` is the index just past its subtree.
#[derive(Debug, Clone, Copy)]
pub(super) struct Entry {
    pub kind: Kind,
    /// A string holding backslash escapes (decoded on demand); an object
    /// that has a key twice (found by the parser as it closed the object).
    pub escaped: bool,
    /// Strings: between the quotes. Containers: from the bracket to just past
    /// the closing one. Scalars: the literal.
    pub start: u32,
    pub end: u32,
    pub next: u32,
    /// Members of an object, elements of an array; a key's fingerprint
    /// (`repeats::fingerprint`).
    pub count: u32,
}

/// A parsed JSON document, borrowing its source text.
#[derive(Debug, Clone)]
pub struct Doc<'s> {
    pub(super) src: &'s [u8],
    pub(super) tape: Vec<Entry>,
    /// The first object (in tape order) that has a key twice.
    pub(super) first_repeat: Option<usize>,
    /// The source as text, when it is UTF-8 throughout (checked once; then
    /// no value's text is checked again).
    text: Option<&'s str>,
}

impl<'s> Doc<'s> {
    pub(super) fn new(
        src: &'s [u8],
        tape: Vec<Entry>,
        first_repeat: Option<usize>,
        text: Option<&'s str>,
    ) -> Doc<'s> {
        Doc {
            src,
            tape,
            first_repeat,
            text,
        }
    }

    /// The top-level value.
    pub fn root(&self) -> Value<'_> {
        Value { doc: self, at: 0 }
    }

    /// The text that was parsed.
    pub fn source(&self) -> &'s [u8] {
        self.src
    }

    /// Whether any object of the document repeats a key (compared after
    /// decoding escapes; found while parsing).
    pub fn has_repeated_key(&self) -> bool {
        self.first_repeat.is_some()
    }

    /// The second occurrence of the first key that an object of the
    /// document repeats (in tape order), compared after decoding escapes.
    pub fn first_repeated_key(&self) -> Option<Value<'_>> {
        let at = self.first_repeat?;
        Value { doc: self, at }.repeated_key()
    }
}

/// A value inside a [`Doc`]: copyable, every accessor is O(1) or a walk of
/// one container's members.
#[derive(Clone, Copy)]
pub struct Value<'d> {
    pub(super) doc: &'d Doc<'d>,
    pub(super) at: usize,
}

impl core::fmt::Debug for Value<'_> {
    /// The kind and span only: values may be card data.
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Value")
            .field("kind", &self.kind())
            .field("span", &self.span())
            .finish()
    }
}

impl<'d> Value<'d> {
    pub(super) fn entry(&self) -> &'d Entry {
        &self.doc.tape[self.at]
    }

    pub fn kind(&self) -> Kind {
        self.entry().kind
    }

    /// The byte span of the whole value in the source (quotes included).
    pub fn span(&self) -> core::ops::Range<usize> {
        let e = self.entry();
        let (start, end) = (e.start as usize, e.end as usize);
        match e.kind {
            Kind::String => start - 1..end + 1,
            _ => start..end,
        }
    }

    /// The source's bytes in `range` as text: every value's span is (the
    /// parser checked strings' bytes; the rest is ASCII), and spans begin
    /// and end at ASCII bytes.
    fn text(&self, range: core::ops::Range<usize>) -> Option<&'d str> {
        match self.doc.text {
            Some(whole) => whole.get(range),
            None => core::str::from_utf8(&self.doc.src[range]).ok(),
        }
    }

    /// The value's text as it appears in the source.
    pub fn raw(&self) -> &'d str {
        self.text(self.span()).unwrap_or("")
    }

    /// A string's contents, decoded.
    pub fn as_str(&self) -> Option<Cow<'d, str>> {
        let e = self.entry();
        if e.kind != Kind::String {
            return None;
        }
        let text = self.text(e.start as usize..e.end as usize)?;
        Some(if e.escaped {
            Cow::Owned(unescape(text))
        } else {
            Cow::Borrowed(text)
        })
    }

    pub fn as_bool(&self) -> Option<bool> {
        let e = self.entry();
        // The parser took `true` or `false` whole: the first byte tells.
        (e.kind == Kind::Bool).then(|| self.doc.src[e.start as usize] == b't')
    }

    pub fn is_null(&self) -> bool {
        self.kind() == Kind::Null
    }

    /// A number's text exactly as written (never rounded).
    pub fn number_text(&self) -> Option<&'d str> {
        (self.kind() == Kind::Number).then(|| self.raw())
    }

    /// A plain non-negative integer literal (`42`; not `-1`, `4.0`, `4e1`)
    /// that fits a `u64`.
    pub fn as_u64(&self) -> Option<u64> {
        let e = self.entry();
        if e.kind != Kind::Number {
            return None;
        }
        // A number's bytes are ASCII (the parser took them one by one).
        let digits = &self.doc.src[e.start as usize..e.end as usize];
        digits.iter().try_fold(0u64, |n, &b| {
            let digit = b.checked_sub(b'0').filter(|d| *d <= 9)?;
            n.checked_mul(10)?.checked_add(u64::from(digit))
        })
    }

    /// The number as the nearest `f64` (as JavaScript's `JSON.parse` reads it).
    pub fn as_f64(&self) -> Option<f64> {
        super::number::to_f64(self.number_text()?)
    }

    /// Members of an array or object (0 for anything else).
    pub fn len(&self) -> usize {
        match self.kind() {
            Kind::Array | Kind::Object => self.entry().count as usize,
            _ => 0,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// An object's members in order, keys as string values.
    pub fn members(&self) -> Members<'d> {
        let (next, left) = match self.kind() {
            Kind::Object => (self.at + 1, self.len()),
            _ => (0, 0),
        };
        Members {
            doc: self.doc,
            next,
            left,
        }
    }

    /// An array's elements in order.
    pub fn elements(&self) -> Elements<'d> {
        let (next, left) = match self.kind() {
            Kind::Array => (self.at + 1, self.len()),
            _ => (0, 0),
        };
        Elements {
            doc: self.doc,
            next,
            left,
        }
    }

    /// The first member of an object named `key`. Each key's fingerprint
    /// (taken by the parser) is compared first: a key without escapes can
    /// only be `key` if the two fingerprints are equal.
    pub fn get(&self, key: &str) -> Option<Value<'d>> {
        let print = super::repeats::fingerprint(key.as_bytes());
        self.members()
            .find(|(k, _)| {
                let e = k.entry();
                (e.escaped || e.count == print) && k.key_is(key)
            })
            .map(|(_, v)| v)
    }

    /// The first member named each of `keys` (distinct names) into `out`
    /// (as long as `keys`), in one walk of the members: [`Value::get`] of
    /// each without walking the members once per key. Not generic, so that
    /// it is compiled here, at this crate's opt-level.
    pub fn get_each(&self, keys: &[&str], out: &mut [Option<Value<'d>>]) {
        const MAX: usize = 4;
        if keys.len() > MAX || out.len() != keys.len() {
            for (key, slot) in keys.iter().zip(out.iter_mut()) {
                *slot = self.get(key);
            }
            return;
        }
        let mut prints = [0u32; MAX];
        for (print, key) in prints.iter_mut().zip(keys) {
            *print = super::repeats::fingerprint(key.as_bytes());
        }
        out.fill(None);
        let tape = &self.doc.tape;
        let entry = self.entry();
        if entry.kind != Kind::Object {
            return;
        }
        // The members on the tape: a key, then its value, whose `next` is
        // the following key.
        let (mut at, end) = (self.at + 1, entry.next as usize);
        let mut left = keys.len();
        while at < end && left > 0 {
            let e = &tape[at];
            for (i, key) in keys.iter().enumerate() {
                if (e.escaped || e.count == prints[i])
                    && out[i].is_none()
                    && (Value { doc: self.doc, at }).key_is(key)
                {
                    out[i] = Some(Value {
                        doc: self.doc,
                        at: at + 1,
                    });
                    left -= 1;
                    break;
                }
            }
            at = tape[at + 1].next as usize;
        }
    }

    /// Whether two string values are equal once decoded.
    pub(super) fn same_string(&self, other: &Value<'_>) -> bool {
        let (a, b) = (self.entry(), other.entry());
        if !a.escaped && !b.escaped {
            return self.doc.src[a.start as usize..a.end as usize]
                == other.doc.src[b.start as usize..b.end as usize];
        }
        self.as_str() == other.as_str()
    }

    /// Whether this string value equals `s` (decoding escapes if any).
    pub fn key_is(&self, s: &str) -> bool {
        let e = self.entry();
        if e.kind != Kind::String {
            return false;
        }
        if e.escaped {
            return self.as_str().is_some_and(|k| k == s);
        }
        &self.doc.src[e.start as usize..e.end as usize] == s.as_bytes()
    }

    /// 1-based line and byte column of the value's first byte.
    pub fn position(&self) -> (usize, usize) {
        super::position(self.doc.src, self.span().start)
    }
}

/// See [`Value::members`].
pub struct Members<'d> {
    doc: &'d Doc<'d>,
    next: usize,
    left: usize,
}

impl<'d> Iterator for Members<'d> {
    type Item = (Value<'d>, Value<'d>);

    fn next(&mut self) -> Option<Self::Item> {
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        let key = Value {
            doc: self.doc,
            at: self.next,
        };
        let value = Value {
            doc: self.doc,
            at: self.next + 1,
        };
        self.next = value.entry().next as usize;
        Some((key, value))
    }
}

/// See [`Value::elements`].
pub struct Elements<'d> {
    doc: &'d Doc<'d>,
    next: usize,
    left: usize,
}

impl<'d> Iterator for Elements<'d> {
    type Item = Value<'d>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        let value = Value {
            doc: self.doc,
            at: self.next,
        };
        self.next = value.entry().next as usize;
        Some(value)
    }
}

/// Decodes the escapes of a string the parser accepted.
fn unescape(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let decoded = match chars.next() {
            Some('b') => '\u{8}',
            Some('f') => '\u{c}',
            Some('n') => '\n',
            Some('r') => '\r',
            Some('t') => '\t',
            Some('u') => {
                let unit = hex4(&mut chars);
                if (0xD800..0xDC00).contains(&unit) {
                    chars.next(); // the `\` of the pair, checked by the parser
                    chars.next(); // `u`
                    let low = hex4(&mut chars);
                    let code =
                        0x10000 + ((unit - 0xD800) << 10) + (low.wrapping_sub(0xDC00) & 0x3ff);
                    char::from_u32(code).unwrap_or('\u{fffd}')
                } else {
                    char::from_u32(unit).unwrap_or('\u{fffd}')
                }
            }
            Some(other) => other,
            None => break,
        };
        out.push(decoded);
    }
    out
}

fn hex4(chars: &mut core::str::Chars<'_>) -> u32 {
    (0..4).fold(0, |v, _| {
        // The parser checked the escape: four hex digits.
        let d = chars
            .next()
            .and_then(|c| u8::try_from(c).ok())
            .and_then(crate::nibble);
        v << 4 | u32::from(d.unwrap_or(0))
    })
}

#[cfg(test)]
mod tests {
    use super::super::parse;

    use super::*;

    #[test]
    fn navigates_and_keeps_spans() {
        let text = r#" {"a": [1, -2.5e3, "x\"y", {"b": null}], "c\u0041": true, "a": 2} "#;
        let doc = super::super::parse_keeping_repeats(text.as_bytes()).unwrap();
        let root = doc.root();
        assert_eq!(root.kind(), Kind::Object);
        assert_eq!(root.len(), 3);
        let a = root.get("a").unwrap();
        assert_eq!(a.len(), 4);
        let items: Vec<_> = a.elements().collect();
        assert_eq!(items[0].as_u64(), Some(1));
        assert_eq!(items[1].as_u64(), None);
        assert_eq!(items[1].as_f64(), Some(-2500.0));
        assert_eq!(items[1].number_text(), Some("-2.5e3"));
        assert_eq!(items[2].as_str().unwrap(), "x\"y");
        assert_eq!(items[2].raw(), r#""x\"y""#);
        assert!(items[3].get("b").unwrap().is_null());
        assert_eq!(root.get("cA").and_then(|v| v.as_bool()), Some(true));
        let keys: Vec<_> = root
            .members()
            .map(|(k, _)| k.as_str().unwrap().into_owned())
            .collect();
        assert_eq!(keys, ["a", "cA", "a"], "repeated keys are kept, in order");
        assert_eq!(&text[a.span()], r#"[1, -2.5e3, "x\"y", {"b": null}]"#);
        assert_eq!(root.get("nope").map(|v| v.kind()), None);
        assert_eq!(a.members().count(), 0);
        assert_eq!(root.elements().count(), 0);
    }

    #[test]
    fn decodes_escapes() {
        let doc = parse(br#""\b\f\n\r\t\/\\ \u00e9\ud83d\udcb3""#).unwrap();
        assert_eq!(doc.root().as_str().unwrap(), "\u{8}\u{c}\n\r\t/\\ é💳");
        assert_eq!(
            parse(br#"18446744073709551616"#).unwrap().root().as_u64(),
            None,
            "beyond u64"
        );
        assert_eq!(
            parse(b"9007199254740993").unwrap().root().as_u64(),
            Some(9_007_199_254_740_993),
            "exact, never rounded"
        );
    }

    /// `get_each` finds what `get` finds for each key: plain and escaped
    /// keys, absent ones, the first of a repeated key, a key whose
    /// fingerprint another shares, and more keys than it compares at once.
    #[test]
    fn get_each_is_get_of_each() {
        let text = br#"{"ab":1,"a\u0062c":2,"abc":3,"axc":4,"ab":5,"":6,"k1":7,"k2":8,"k3":9}"#;
        let doc = crate::parse_keeping_repeats(text).unwrap();
        let root = doc.root();
        let spans =
            |v: &[Option<Value<'_>>]| v.iter().map(|v| v.map(|v| v.span())).collect::<Vec<_>>();
        for keys in [
            &["ab", "abc", "axc"][..],
            &["abc", "missing", ""],
            &["axc", "ab"],
            &["k3", "k2", "k1", "", "axc", "abc", "ab", "nope", "k9"],
            &[],
        ] {
            let mut out = vec![None; keys.len()];
            root.get_each(keys, &mut out);
            let each: Vec<_> = keys.iter().map(|k| root.get(k)).collect();
            assert_eq!(spans(&out), spans(&each), "{keys:?}");
        }
        // The escaped spelling of "abc" comes first, so it is the one found.
        let mut out = [None];
        root.get_each(&["abc"], &mut out);
        assert_eq!(out[0].and_then(|v| v.as_u64()), Some(2));
    }
}

//! Bytes → tape. Iterative (an explicit stack of open containers), so no
//! input can overflow the call stack; every error names the byte where
//! parsing stopped.

use super::repeats::fingerprint;
use super::text::position;
use super::value::{Doc, Entry, Kind, Value};
use crate::prelude::*;
use crate::MAX_DEPTH;

/// Where and why a text is not JSON. `line` and `column` are 1-based; the
/// column counts bytes and points at the offending byte (one past the end
/// for a text that stops too early). Never quotes the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub offset: usize,
    pub line: usize,
    pub column: usize,
    pub message: &'static str,
}

/// A container still open.
struct Open {
    /// Its tape index.
    at: usize,
    object: bool,
    /// An object that may have a key twice, to be compared key by key as it
    /// closes: two of its keys share a fingerprint, one has escapes, or it
    /// has more keys than are compared as they come ([`PRINTS_COMPARED`]).
    suspect: bool,
    /// Where its keys' fingerprints start in `Parser::prints`.
    prints: usize,
}

/// Keys of an object whose fingerprints are compared as they are read;
/// past that, the object is compared as it closes (sorted, O(n log n)).
const PRINTS_COMPARED: usize = 16;

pub(super) struct Parser<'a> {
    pub(super) src: &'a [u8],
    pub(super) pos: usize,
    pub(super) tape: Vec<Entry>,
    /// The containers still open, innermost last.
    open: Vec<Open>,
    /// The fingerprints of the keys read so far in the objects still open
    /// (each object's from its `Open::prints` on).
    prints: Vec<u32>,
    /// The source as text when it is UTF-8 throughout (checked once):
    /// strings then need no check of their own.
    pub(super) text: Option<&'a str>,
    /// The first object (in tape order) found to have a key twice.
    first_repeat: Option<usize>,
    /// Why parsing stopped (at `pos`), once it has.
    stopped: &'static str,
}

/// Parsing stopped: the reason is the parser's (`Parser::stopped`), the
/// byte its position. A unit, so that every step's result is a flag in a
/// register rather than an error written out on the way.
pub(super) struct Stop;

pub(super) type Step<T> = Result<T, Stop>;

/// Parses a whole document: one value, whitespace around it, nothing else,
/// and no object with a key twice (escaped or not). Two readers that keep
/// different members of a repeated key (this one the first, `JSON.parse`
/// the last) would see different documents in the same bytes, so every
/// document from outside is read this way; the error points at the second
/// occurrence.
pub fn parse(src: &[u8]) -> Result<Doc<'_>, SyntaxError> {
    let doc = parse_keeping_repeats(src)?;
    if let Some(key) = doc.first_repeated_key() {
        return Err(error(src, key.span().start, REPEATED_KEY));
    }
    Ok(doc)
}

/// The message of a document refused for a repeated key.
pub const REPEATED_KEY: &str = "repeated key";

/// [`parse`] without the repeated-key check: for a reader that names a
/// repeated key by its own schema (request parameters) and then refuses
/// what is left with [`Doc::first_repeated_key`].
pub fn parse_keeping_repeats(src: &[u8]) -> Result<Doc<'_>, SyntaxError> {
    parse_known(src, core::str::from_utf8(src).ok())
}

/// [`parse_keeping_repeats`] of text already known to be UTF-8 (a `&str`):
/// not checked again.
pub fn parse_text_keeping_repeats(text: &str) -> Result<Doc<'_>, SyntaxError> {
    parse_known(text.as_bytes(), Some(text))
}

/// `text`: `src` as text when it is UTF-8 throughout.
fn parse_known<'a>(src: &'a [u8], text: Option<&'a str>) -> Result<Doc<'a>, SyntaxError> {
    if u32::try_from(src.len()).is_err() {
        return Err(error(src, 0, "the document is too large"));
    }
    let mut p = Parser {
        src,
        pos: 0,
        // About one entry per six to ten bytes of typical JSON (a request's
        // lines of metadata, a webhook's refunds), so that the tape is
        // seldom copied as it grows; bounded by the input, which the caller
        // already holds.
        tape: Vec::with_capacity(src.len() / 6 + 4),
        open: Vec::new(),
        prints: Vec::new(),
        text,
        first_repeat: None,
        stopped: "",
    };
    if p.document().is_err() {
        return Err(error(src, p.pos, p.stopped));
    }
    Ok(Doc::new(src, p.tape, p.first_repeat, p.text))
}

fn error(src: &[u8], offset: usize, message: &'static str) -> SyntaxError {
    let (line, column) = position(src, offset);
    SyntaxError {
        offset,
        line,
        column,
        message,
    }
}

impl Parser<'_> {
    /// Stops parsing at the current byte, for `message`.
    #[cold]
    pub(super) fn fail<T>(&mut self, message: &'static str) -> Step<T> {
        self.stopped = message;
        Err(Stop)
    }

    pub(super) fn peek(&self) -> Option<u8> {
        self.src.get(self.pos).copied()
    }

    #[inline(always)]
    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    #[inline(always)]
    pub(super) fn push(&mut self, kind: Kind, start: usize, end: usize) -> usize {
        let at = self.tape.len();
        self.tape.push(Entry {
            kind,
            escaped: false,
            start: start as u32,
            end: end as u32,
            next: at as u32 + 1,
            count: 0,
        });
        at
    }

    fn document(&mut self) -> Step<()> {
        loop {
            // A value is expected here.
            self.skip_ws();
            let needs_value = self.value()?;
            if needs_value {
                continue;
            }
            // A value ended: close containers, or move to the next member.
            loop {
                self.skip_ws();
                let Some(&Open {
                    at: top, object, ..
                }) = self.open.last()
                else {
                    return match self.peek() {
                        None => Ok(()),
                        Some(_) => self.fail("unexpected characters after the value"),
                    };
                };
                match (self.peek(), object) {
                    (Some(b','), _) => {
                        self.pos += 1;
                        self.tape[top].count += 1;
                        if object {
                            self.skip_ws();
                            self.key()?;
                        }
                        break;
                    }
                    (Some(b'}'), true) | (Some(b']'), false) => {
                        self.pos += 1;
                        self.close();
                    }
                    (None, _) => return self.fail("unexpected end of input"),
                    (_, true) => return self.fail("expected `,` or `}`"),
                    (_, false) => return self.fail("expected `,` or `]`"),
                }
            }
        }
    }

    /// Closes the innermost container, the position just past its bracket.
    fn close(&mut self) {
        let Some(open) = self.open.pop() else { return };
        self.prints.truncate(open.prints);
        let next = self.tape.len() as u32;
        let entry = &mut self.tape[open.at];
        entry.end = self.pos as u32;
        entry.next = next;
        if open.suspect {
            self.check_repeats(open.at);
        }
    }

    /// Flags the object at `at`, just closed, if it has a key twice. Its
    /// members are complete, so the tape is read as a document for the
    /// while (moved, not copied).
    fn check_repeats(&mut self, at: usize) {
        let doc = Doc::new(self.src, core::mem::take(&mut self.tape), None, self.text);
        let repeats = Value { doc: &doc, at }.scan_repeats().is_some();
        self.tape = doc.tape;
        if repeats {
            self.tape[at].escaped = true;
            // Objects close inner first: the first in tape order is the least index.
            if self.first_repeat.is_none_or(|first| at < first) {
                self.first_repeat = Some(at);
            }
        }
    }

    /// Reads the start of a value. `Ok(true)` when a non-empty container was
    /// opened (its first member follows), `Ok(false)` when a value ended.
    #[inline(always)]
    fn value(&mut self) -> Step<bool> {
        let start = self.pos;
        match self.peek() {
            Some(b'{') | Some(b'[') => {
                let object = self.peek() == Some(b'{');
                if self.open.len() >= MAX_DEPTH {
                    return self.fail("nesting too deep");
                }
                let kind = if object { Kind::Object } else { Kind::Array };
                let at = self.push(kind, start, start);
                self.open.push(Open {
                    at,
                    object,
                    suspect: false,
                    prints: self.prints.len(),
                });
                self.pos += 1;
                self.skip_ws();
                let closing = if object { b'}' } else { b']' };
                if self.peek() == Some(closing) {
                    self.pos += 1;
                    self.close();
                    return Ok(false);
                }
                self.tape[at].count = 1;
                if object {
                    self.key()?;
                }
                Ok(true)
            }
            Some(b'"') => {
                self.string()?;
                Ok(false)
            }
            Some(b't') => self.literal(b"true", Kind::Bool),
            Some(b'f') => self.literal(b"false", Kind::Bool),
            Some(b'n') => self.literal(b"null", Kind::Null),
            Some(b'-' | b'0'..=b'9') => {
                self.number()?;
                Ok(false)
            }
            None => self.fail("unexpected end of input"),
            Some(_) => self.fail("expected a value"),
        }
    }

    /// A member's key and its colon, leaving the position at the value.
    #[inline(always)]
    fn key(&mut self) -> Step<()> {
        match self.peek() {
            Some(b'"') => {
                self.string()?;
                self.note_key();
            }
            None => return self.fail("unexpected end of input"),
            Some(_) => return self.fail("expected a key (a string)"),
        }
        self.skip_ws();
        match self.peek() {
            Some(b':') => {
                self.pos += 1;
                Ok(())
            }
            None => self.fail("unexpected end of input"),
            Some(_) => self.fail("expected `:`"),
        }
    }

    /// Takes the fingerprint of the key just read (kept on its entry for
    /// [`Value::scan_repeats`]) and compares it with its object's earlier
    /// keys': an object is compared in full as it closes only if it may
    /// repeat a key.
    #[inline(always)]
    fn note_key(&mut self) {
        let (Some(key), Some(open)) = (self.tape.last_mut(), self.open.last_mut()) else {
            return;
        };
        let print = fingerprint(&self.src[key.start as usize..key.end as usize]);
        key.count = print;
        if open.suspect {
            return;
        }
        let earlier = &self.prints[open.prints..];
        if key.escaped || earlier.len() >= PRINTS_COMPARED || earlier.contains(&print) {
            open.suspect = true;
        }
        self.prints.push(print);
    }

    /// `true`, `false` or `null`. Compared byte by byte in place: a slice
    /// compare is a call to `memcmp`, a loop of its own in wasm.
    #[inline(always)]
    fn literal(&mut self, word: &[u8], kind: Kind) -> Step<bool> {
        let start = self.pos;
        let end = start + word.len();
        let whole = self
            .src
            .get(start..end)
            .is_some_and(|got| got.iter().zip(word).all(|(a, b)| a == b));
        if !whole {
            // Point at the first byte that differs.
            let same = self.src[start..]
                .iter()
                .zip(word)
                .take_while(|(a, b)| a == b)
                .count();
            self.pos = start + same;
            return match self.peek() {
                None => self.fail("unexpected end of input"),
                Some(_) => self.fail("expected a value"),
            };
        }
        self.pos = end;
        self.push(kind, start, end);
        Ok(false)
    }

    fn digits(&mut self) -> usize {
        let from = self.pos;
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
        self.pos - from
    }

    fn number(&mut self) -> Step<()> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => {
                self.digits();
            }
            None => return self.fail("unexpected end of input"),
            Some(_) => return self.fail("invalid number"),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if self.digits() == 0 {
                return match self.peek() {
                    None => self.fail("unexpected end of input"),
                    Some(_) => self.fail("invalid number"),
                };
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return match self.peek() {
                    None => self.fail("unexpected end of input"),
                    Some(_) => self.fail("invalid number"),
                };
            }
        }
        if let Some(b'0'..=b'9' | b'.' | b'e' | b'E' | b'+' | b'-') = self.peek() {
            return self.fail("invalid number");
        }
        self.push(Kind::Number, start, self.pos);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> SyntaxError {
        parse(text.as_bytes()).expect_err(text)
    }

    #[test]
    fn accepts_json() {
        for ok in [
            "0",
            "-0",
            "1.5e-3",
            "-12E+7",
            "true",
            "null",
            "\"\"",
            "\"a\\u00e9\\ud83d\\udcb3\\n\"",
            "[]",
            "{}",
            " [1, {\"a\": [true, false, null]}, \"x\"] ",
            "{\"a\":{\"b\":{\"c\":[[[]]]}}}",
            "\"é 💳\"",
        ] {
            assert!(parse(ok.as_bytes()).is_ok(), "{ok}");
        }
    }

    #[test]
    fn refuses_what_is_not_json_and_names_the_byte() {
        for (bad, offset) in [
            ("", 0),
            ("   ", 3),
            ("[1,]", 3),
            ("{\"a\":1,}", 7),
            ("{\"a\" 1}", 5),
            ("{1:2}", 1),
            ("[1 2]", 3),
            ("01", 1),
            ("1.", 2),
            ("1.e5", 2),
            ("-", 1),
            ("+1", 0),
            ("1e", 2),
            (".5", 0),
            ("tru", 3),
            ("nul!", 3),
            ("\"abc", 4),
            ("\"a\u{1}b\"", 2),
            ("\"\\x\"", 2),
            ("\"\\ud800\"", 7),
            ("\"\\udc00\"", 3),
            ("\"\\ud800\\u0041\"", 9),
            ("[1] 2", 4),
            ("{\"a\":1", 6),
            ("NaN", 0),
            ("[1,,2]", 3),
        ] {
            let e = err(bad);
            assert_eq!(e.offset, offset, "{bad:?}: {}", e.message);
        }
        let e = err("{\n\"a\": 1\n\"b\": 2}");
        assert_eq!((e.line, e.column), (3, 1));
        assert_eq!(e.message, "expected `,` or `}`");
        assert_eq!(err(&"[".repeat(MAX_DEPTH + 1)).message, "nesting too deep");
        assert!(
            parse(format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH)).as_bytes()).is_ok()
        );
        let e = parse(b"\"\xff\"").unwrap_err();
        assert_eq!((e.offset, e.message), (1, "invalid UTF-8 in a string"));
    }
}

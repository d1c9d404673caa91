//! Strings on the way through the parser: plain bytes skipped sixteen or
//! eight at a time, escapes checked (surrogate pairs whole), UTF-8 checked once.

use super::parse::{Parser, Step};
use super::value::Kind;

impl Parser<'_> {
    fn hex4(&mut self) -> Step<u32> {
        let mut v = 0u32;
        for _ in 0..4 {
            let d = match self.peek() {
                None => return self.fail("unexpected end of input"),
                Some(c) => match crate::nibble(c) {
                    Some(d) => d,
                    None => return self.fail("invalid \\u escape"),
                },
            };
            v = v << 4 | u32::from(d);
            self.pos += 1;
        }
        Ok(v)
    }

    /// A string, the position at its opening quote. The tape keeps the span
    /// between the quotes and whether it holds escapes.
    #[inline(always)]
    pub(super) fn string(&mut self) -> Step<()> {
        let start = self.pos + 1;
        let end = plain_end(self.src, start);
        // Most strings: no escapes, the closing quote the first byte that
        // is not plain.
        if self.src.get(end) == Some(&b'"') && self.text.is_some() {
            self.pos = end + 1;
            self.push(Kind::String, start, end);
            return Ok(());
        }
        self.pos = end;
        self.string_with_escapes(start)
    }

    /// The rest of a string from the first byte that is not plain: escapes
    /// checked (surrogate pairs whole), control characters refused, and its
    /// UTF-8 checked if the document's was not valid throughout.
    #[inline(never)]
    fn string_with_escapes(&mut self, start: usize) -> Step<()> {
        let mut escaped = false;
        loop {
            self.pos = plain_end(self.src, self.pos);
            match self.peek() {
                None => return self.fail("unexpected end of input"),
                Some(b'"') => break,
                Some(b'\\') => {
                    escaped = true;
                    self.pos += 1;
                    self.escape()?;
                }
                Some(_) => return self.fail("control character in a string"),
            }
        }
        let end = self.pos;
        if self.text.is_none() {
            if let Err(e) = core::str::from_utf8(&self.src[start..end]) {
                self.pos = start + e.valid_up_to();
                return self.fail("invalid UTF-8 in a string");
            }
        }
        self.pos += 1;
        let at = self.push(Kind::String, start, end);
        self.tape[at].escaped = escaped;
        Ok(())
    }

    /// One escape, the position just past its backslash.
    fn escape(&mut self) -> Step<()> {
        match self.peek() {
            Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => self.pos += 1,
            Some(b'u') => {
                self.pos += 1;
                let unit = self.hex4()?;
                match unit {
                    0xD800..=0xDBFF => {
                        if self.src.get(self.pos..self.pos + 2) != Some(b"\\u") {
                            return self.fail("lone leading surrogate in \\u escape");
                        }
                        self.pos += 2;
                        if !(0xDC00..=0xDFFF).contains(&self.hex4()?) {
                            self.pos -= 4;
                            return self.fail("invalid trailing surrogate in \\u escape");
                        }
                    }
                    0xDC00..=0xDFFF => {
                        self.pos -= 4;
                        return self.fail("lone trailing surrogate in \\u escape");
                    }
                    _ => {}
                }
            }
            None => return self.fail("unexpected end of input"),
            Some(_) => return self.fail("invalid escape"),
        }
        Ok(())
    }
}

/// The index of the first byte from `from` on that a string cannot hold as
/// it is (`"`, `\\` or a control character), or the length of `src`.
/// Sixteen bytes at a time where the target has 128-bit SIMD (the edge
/// build's wasm, `+simd128`; x86-64 natively), else eight ([`plain_end_swar`]).
#[inline(always)]
pub(super) fn plain_end(src: &[u8], from: usize) -> usize {
    #[cfg(any(
        all(target_arch = "wasm32", target_feature = "simd128"),
        all(target_arch = "x86_64", target_feature = "sse2")
    ))]
    {
        super::simd::plain_end(src, from)
    }
    #[cfg(not(any(
        all(target_arch = "wasm32", target_feature = "simd128"),
        all(target_arch = "x86_64", target_feature = "sse2")
    )))]
    {
        plain_end_swar(src, from)
    }
}

/// [`plain_end`] eight bytes at a time in a `u64`, then one at a time for
/// the last few: the reading without SIMD (the browser build's).
#[cfg_attr(
    any(
        all(target_arch = "wasm32", target_feature = "simd128"),
        all(target_arch = "x86_64", target_feature = "sse2")
    ),
    allow(dead_code)
)]
#[inline(always)]
pub(super) fn plain_end_swar(src: &[u8], from: usize) -> usize {
    let mut i = from;
    while let Some(chunk) = src.get(i..i + 8) {
        let mut w = [0u8; 8];
        w.copy_from_slice(chunk);
        let special = special_bytes(u64::from_le_bytes(w));
        if special != 0 {
            return i + (special.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    plain_end_bytewise(src, i)
}

/// [`plain_end`] one byte at a time: the tail of the others, and the
/// reference the tests hold them to.
#[inline(always)]
pub(super) fn plain_end_bytewise(src: &[u8], from: usize) -> usize {
    let mut i = from;
    while let Some(&b) = src.get(i) {
        if b == b'"' || b == b'\\' || b < 0x20 {
            break;
        }
        i += 1;
    }
    i
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The high bit set in each byte of `w` that is `"`, `\\` or below 0x20
/// (exact for the lowest such byte, which is the one used).
fn special_bytes(w: u64) -> u64 {
    let zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
    zero(w ^ (ONES * u64::from(b'"')))
        | zero(w ^ (ONES * u64::from(b'\\')))
        | (w.wrapping_sub(ONES * 0x20) & !w & HIGH)
}

#[cfg(test)]
mod tests {
    use super::special_bytes;

    #[test]
    fn special_bytes_finds_the_first() {
        for (text, first) in [
            (&b"abcdefgh"[..], None),
            (b"abc\"efgh", Some(3)),
            (b"\\bcdefgh", Some(0)),
            (b"abcdefg\n", Some(7)),
            (b"\xc3\xa9\xc3\xa9\x22abc", Some(4)),
        ] {
            let mut w = [0u8; 8];
            w.copy_from_slice(text);
            let s = special_bytes(u64::from_le_bytes(w));
            assert_eq!(
                (s != 0).then(|| (s.trailing_zeros() / 8) as usize),
                first,
                "{text:?}"
            );
        }
    }
}

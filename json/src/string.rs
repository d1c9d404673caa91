//! Strings on the way through the parser: plain bytes skipped eight at a
//! time, escapes checked (surrogate pairs whole), UTF-8 checked once.

use super::parse::{Parser, SyntaxError};
use super::value::Kind;

impl Parser<'_> {
    fn hex4(&mut self) -> Result<u32, SyntaxError> {
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

    /// Moves past the bytes a string holds as they are: anything but `"`,
    /// `\\` and control characters, eight at a time.
    fn skip_plain(&mut self) {
        let src = self.src;
        let mut i = self.pos;
        while let Some(chunk) = src.get(i..i + 8) {
            let mut w = [0u8; 8];
            w.copy_from_slice(chunk);
            let special = special_bytes(u64::from_le_bytes(w));
            if special != 0 {
                self.pos = i + (special.trailing_zeros() / 8) as usize;
                return;
            }
            i += 8;
        }
        while let Some(&b) = src.get(i) {
            if b == b'"' || b == b'\\' || b < 0x20 {
                break;
            }
            i += 1;
        }
        self.pos = i;
    }

    /// A string, the position at its opening quote. The tape keeps the span
    /// between the quotes and whether it holds escapes.
    pub(super) fn string(&mut self) -> Result<(), SyntaxError> {
        self.pos += 1;
        let start = self.pos;
        let mut escaped = false;
        loop {
            self.skip_plain();
            match self.peek() {
                None => return self.fail("unexpected end of input"),
                Some(b'"') => break,
                Some(b'\\') => {
                    escaped = true;
                    self.pos += 1;
                    match self.peek() {
                        Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => {
                            self.pos += 1
                        }
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
                                        return self
                                            .fail("invalid trailing surrogate in \\u escape");
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
                }
                Some(0x00..=0x1f) => return self.fail("control character in a string"),
                Some(_) => self.pos += 1,
            }
        }
        let end = self.pos;
        if self.text.is_some() {
            // Checked for the whole source already.
        } else if let Err(e) = core::str::from_utf8(&self.src[start..end]) {
            self.pos = start + e.valid_up_to();
            return self.fail("invalid UTF-8 in a string");
        }
        self.pos += 1;
        let at = self.push(Kind::String, start, end);
        self.tape[at].escaped = escaped;
        Ok(())
    }
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

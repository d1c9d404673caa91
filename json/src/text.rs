//! Positions in a text, and writing JSON strings.

use crate::prelude::*;
/// 1-based line and byte column of `offset` in `src` (a column one past the
/// last byte for the end of the text).
pub fn position(src: &[u8], offset: usize) -> (usize, usize) {
    let offset = offset.min(src.len());
    let before = &src[..offset];
    let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    (line, offset - line_start + 1)
}

/// Appends `s` as a JSON string (quotes included): `"` and `\` escaped,
/// control characters as `\n`, `\t`, … or `\u00XX`.
pub fn write_escaped(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => {
                out.push_str("\\u00");
                out.push(char::from(HEX[(c as usize) >> 4]));
                out.push(char::from(HEX[(c as usize) & 15]));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions() {
        assert_eq!(position(b"", 0), (1, 1));
        assert_eq!(position(b"ab\ncd", 4), (2, 2));
        assert_eq!(position(b"ab\n", 3), (2, 1));
        assert_eq!(position(b"ab", 99), (1, 3));
    }

    #[test]
    fn escapes_round_trip() {
        let s = "a\"b\\c\n\u{1}\u{1f}é💳/";
        let mut out = String::new();
        write_escaped(&mut out, s);
        assert_eq!(out, "\"a\\\"b\\\\c\\n\\u0001\\u001fé💳/\"");
        let doc = super::super::parse(out.as_bytes()).unwrap();
        assert_eq!(doc.root().as_str().unwrap(), s);
    }
}

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
/// control characters as `\n`, `\t`, … or `\u00XX`. The bytes between
/// them are copied a run at a time (found as the parser finds a string's
/// end); every byte escaped is ASCII, so each run is whole characters.
pub fn write_escaped(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let bytes = s.as_bytes();
    out.reserve(s.len() + 2);
    out.push('"');
    let mut at = 0;
    loop {
        let end = super::string::plain_end(bytes, at);
        out.push_str(&s[at..end]);
        let Some(&b) = bytes.get(end) else { break };
        match b {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            0x08 => out.push_str("\\b"),
            0x0c => out.push_str("\\f"),
            _ => {
                out.push_str("\\u00");
                out.push(char::from(HEX[usize::from(b >> 4)]));
                out.push(char::from(HEX[usize::from(b & 15)]));
            }
        }
        at = end + 1;
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
        // Every byte below 0x20, and runs long enough for the 16-byte scan.
        let all: String = (0u8..0x20)
            .map(char::from)
            .chain("\"\\ é💳".chars())
            .collect();
        let long = format!("{}{all}{}", "x".repeat(17), "y".repeat(40));
        for s in [all.as_str(), long.as_str(), "", "plain"] {
            let mut out = String::new();
            write_escaped(&mut out, s);
            let doc = super::super::parse(out.as_bytes()).unwrap();
            assert_eq!(doc.root().as_str().unwrap(), s);
            assert!(out[1..out.len() - 1].bytes().all(|b| b >= 0x20));
        }
    }
}

//! The JSON reader of the crate. Every type goes through [`parse`] only, so
//! its deserializer exists once in the wasm builds.
//!
//! When the input is the caller's (params, config), an error must name the
//! field. Rather than wrapping every deserializer to track the path (which
//! doubles the code of every type), [`path_at`] recovers the path afterwards
//! from the text and serde's line and column: a small scan, run only on error.

use serde::de::DeserializeOwned;

/// Parses the whole of `bytes` as `T`.
pub(crate) fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, serde_json::Error> {
    serde_json::from_slice(bytes)
}

/// The dotted path (`payment_details.card.number`, `contacts[1].email`) of
/// the value being read when a parser stopped at `line`/`column` (1-based,
/// as serde_json reports them: `column` counts the bytes consumed on that
/// line). Empty at the top level. A container that ended exactly there is
/// named itself, so "missing field" errors point at their object.
pub(crate) fn path_at(json: &[u8], line: usize, column: usize) -> String {
    let mut offset = 0;
    for _ in 1..line {
        match json[offset..].iter().position(|&b| b == b'\n') {
            Some(nl) => offset += nl + 1,
            None => break,
        }
    }
    let end = (offset + column).min(json.len());

    enum Frame {
        Object { key: Option<String>, want_key: bool },
        Array { index: usize },
    }
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < end {
        match json[i] {
            b'{' => stack.push(Frame::Object {
                key: None,
                want_key: true,
            }),
            b'[' => stack.push(Frame::Array { index: 0 }),
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::Object { want_key, .. }) => *want_key = true,
                Some(Frame::Array { index }) => *index += 1,
                None => {}
            },
            b':' => {
                if let Some(Frame::Object { want_key, .. }) = stack.last_mut() {
                    *want_key = false;
                }
            }
            b'"' => {
                let start = i + 1;
                i = start;
                while i < json.len() && json[i] != b'"' {
                    i += if json[i] == b'\\' { 2 } else { 1 };
                }
                if let Some(Frame::Object {
                    key,
                    want_key: true,
                }) = stack.last_mut()
                {
                    let raw = &json[start..i.min(json.len())];
                    *key = Some(String::from_utf8_lossy(raw).into_owned());
                }
            }
            _ => {}
        }
        i += 1;
    }
    let mut path = String::new();
    for frame in &stack {
        match frame {
            Frame::Object { key: Some(k), .. } => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(k);
            }
            Frame::Object { key: None, .. } => {}
            Frame::Array { index } => {
                path.push('[');
                path.push_str(&index.to_string());
                path.push(']');
            }
        }
    }
    path
}

#[cfg(test)]
mod tests {
    use super::path_at;

    fn at(json: &str, marker: &str) -> String {
        let col = json.find(marker).unwrap() + marker.len();
        path_at(json.as_bytes(), 1, col)
    }

    #[test]
    fn paths() {
        let j = r#"{"a":{"b":[{"c":1},{"d":"x\"y","e":2}]},"f":3}"#;
        assert_eq!(at(j, r#""c":1"#), "a.b[0].c");
        assert_eq!(at(j, r#""d":"x\"y""#), "a.b[1].d");
        assert_eq!(at(j, r#""e":2}"#), "a.b[1]", "a closed object names itself");
        assert_eq!(at(j, r#""f":3"#), "f");
        assert_eq!(at(j, "{"), "");
        assert_eq!(path_at(b"{\n\"a\": {\n\"b\": 1", 3, 6), "a.b");
        assert_eq!(path_at(b"", 5, 5), "");
    }
}

//! The cap of a body read from outside (the numbers are in
//! [`crate::limits`]). A body is refused by its declared `Content-Length`
//! before it is read, and by counting while it streams (never more than the
//! cap plus one chunk is read); nothing larger ever reaches wasm memory.

use crate::error::Error;
use crate::limits::{range_rule, MAX_MAX_BYTES};
use crate::tree::{only_known, IntegerRead, Node, Path, Reader};

/// A body's cap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BodyCap {
    pub limit: u64,
}

impl BodyCap {
    /// `opts.maxBytes` (1 to [`MAX_MAX_BYTES`]) or `default`; `opts` may
    /// have no other member.
    pub fn read<N: Node>(opts: Option<&N>, default: u64) -> Result<BodyCap, Error> {
        let r = Reader::caller("opts");
        let path = Path::root("opts");
        let Some(opts) = opts else {
            return Ok(BodyCap { limit: default });
        };
        only_known(&r, opts, &path, &["maxBytes"])?;
        let limit = match r.child(opts, &path, "maxBytes")? {
            None => default,
            Some(v) => match v.safe_integer() {
                IntegerRead::Ok(n) if (1..=MAX_MAX_BYTES).contains(&n) => n,
                _ => {
                    let rule = range_rule("a whole number of bytes", 1, MAX_MAX_BYTES);
                    return Err(r.error(Some(&v), &path.key("maxBytes"), &rule));
                }
            },
        };
        Ok(BodyCap { limit })
    }

    /// Refuses a body whose `Content-Length` says it is over the cap. An
    /// unreadable length is left to the counting reader.
    pub fn check_declared(&self, content_length: Option<&str>) -> Result<(), Error> {
        let declared = content_length
            .map(str::trim)
            .filter(|v| !v.is_empty() && v.len() <= 20 && v.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|v| v.parse::<u64>().ok());
        match declared {
            Some(n) if n > self.limit => Err(self.too_large()),
            _ => Ok(()),
        }
    }

    /// Whether `total` bytes read so far are still within the cap.
    pub fn check_total(&self, total: u64) -> Result<(), Error> {
        if total > self.limit {
            Err(self.too_large())
        } else {
            Ok(())
        }
    }

    pub fn too_large(&self) -> Error {
        Error::PayloadTooLarge {
            what: "the body (bytes)".into(),
            limit: self.limit,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(text: &str) -> Result<BodyCap, Error> {
        let doc = crate::json::parse(text.as_bytes()).unwrap();
        BodyCap::read(Some(&doc.root()), 100)
    }

    #[test]
    fn caps() {
        assert_eq!(
            BodyCap::read::<crate::json::Value>(None, 7).unwrap().limit,
            7
        );
        assert_eq!(opts(r#"{"maxBytes":5}"#).unwrap().limit, 5);
        assert_eq!(opts(r#"{}"#).unwrap().limit, 100);
        for bad in [
            r#"{"maxBytes":0}"#,
            r#"{"maxBytes":1.5}"#,
            r#"{"maxBytes":"5"}"#,
            r#"{"maxBytes":67108865}"#,
        ] {
            let e = opts(bad).unwrap_err();
            assert!(
                matches!(&e, Error::InvalidParams { field, .. } if field == "opts.maxBytes"),
                "{bad}: {e}"
            );
        }
        assert!(
            matches!(opts(r#"{"maxbytes":5}"#), Err(Error::InvalidParams { ref field, .. }) if field == "opts")
        );
        let cap = BodyCap { limit: 10 };
        assert!(cap.check_declared(Some("10")).is_ok());
        assert_eq!(
            cap.check_declared(Some("11")).unwrap_err().code(),
            "payload_too_large"
        );
        assert_eq!(
            cap.check_declared(Some("99999999999999999999999"))
                .map_err(|e| e.code()),
            Ok(())
        );
        assert!(cap.check_declared(Some("-1")).is_ok());
        assert!(cap.check_declared(None).is_ok());
        assert!(cap.check_total(10).is_ok());
        assert!(cap.check_total(11).is_err());
    }
}

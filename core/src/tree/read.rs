//! Typed reads of fields with the error every reader gives: the field's
//! dotted path, what is wrong, never the value.

use super::{ElementsError, IntegerRead, Kind, Node, Path, Unreadable};
use crate::error::Error;
use crate::limits::MAX_ENTRIES;
use crate::prelude::*;

/// Whose data is read, which decides the error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// An answer or a webhook of the API: `malformed_payload`.
    Api,
    /// An argument of the caller: `invalid_params`.
    Caller,
}

/// Reads fields of one tree. `fallback` names the root when a path has no
/// name of its own (a request body's root is `params`).
#[derive(Debug, Clone, Copy)]
pub struct Reader {
    pub source: Source,
    pub fallback: &'static str,
}

impl Reader {
    pub const API: Reader = Reader {
        source: Source::Api,
        fallback: "payload",
    };

    pub const fn caller(fallback: &'static str) -> Reader {
        Reader {
            source: Source::Caller,
            fallback,
        }
    }

    /// The error for the value at `path` (`node`, when there is one, gives
    /// the position in the text).
    #[inline(never)]
    pub fn error<N: Node>(&self, node: Option<&N>, path: &Path, message: &str) -> Error {
        let mut e = self.error_at(path, message);
        if let (Error::MalformedPayload { line, column, .. }, Some((l, c))) =
            (&mut e, node.and_then(Node::position))
        {
            (*line, *column) = (l, c);
        }
        e
    }

    /// A member, `None` when absent, `undefined` or `null`.
    #[inline(never)]
    pub fn child<N: Node>(&self, node: &N, path: &Path, key: &str) -> Result<Option<N>, Error> {
        match node.get(key) {
            Ok(Some(v)) if matches!(v.kind(), Kind::Null | Kind::Other) => Ok(None),
            Ok(v) => Ok(v),
            Err(_) => Err(self.error_at(&path.key(key), "could not be read")),
        }
    }

    /// The members `keys` of `node` (distinct names) in one read, each
    /// `None` when absent, `undefined` or `null`: for a reader of several
    /// members of many objects (a webhook's refunds).
    #[inline(never)]
    pub fn children<N: Node, const K: usize>(
        &self,
        node: &N,
        path: &Path,
        keys: [&str; K],
    ) -> Result<[Option<N>; K], Error> {
        let mut found = match node.get_each(keys) {
            Ok(found) => found,
            Err(i) => return Err(self.error_at(&path.key(keys[i]), "could not be read")),
        };
        for v in &mut found {
            if v.as_ref()
                .is_some_and(|v| matches!(v.kind(), Kind::Null | Kind::Other))
            {
                *v = None;
            }
        }
        Ok(found)
    }

    /// `node` must be an object.
    #[inline(never)]
    pub fn expect_object<N: Node>(&self, node: &N, path: &Path) -> Result<(), Error> {
        match node.kind() {
            Kind::Object => Ok(()),
            _ => Err(self.error(Some(node), path, "must be an object")),
        }
    }

    /// An object member (`None` when absent or null).
    #[inline(never)]
    pub fn object<N: Node>(&self, node: &N, path: &Path, key: &str) -> Result<Option<N>, Error> {
        self.object_of(self.child(node, path, key)?, path, key)
    }

    /// [`Reader::object`] of a member already read (`v`, member `key` of `path`).
    pub fn object_of<N: Node>(
        &self,
        v: Option<N>,
        path: &Path,
        key: &str,
    ) -> Result<Option<N>, Error> {
        let Some(v) = v else {
            return Ok(None);
        };
        self.expect_object(&v, &path.key(key))?;
        Ok(Some(v))
    }

    pub fn required<T>(&self, value: Option<T>, path: &Path, key: &str) -> Result<T, Error> {
        value.ok_or_else(|| self.error_at(&path.key(key), "is required"))
    }

    /// The error for the value at `path`, without a position.
    #[inline(never)]
    pub fn error_at(&self, path: &Path, message: &str) -> Error {
        let field = path.render(self.fallback);
        match self.source {
            Source::Caller => Error::invalid(field, message),
            Source::Api => Error::MalformedPayload {
                field,
                line: 0,
                column: 0,
                message: message.into(),
            },
        }
    }

    /// A string member (`None` when absent or null).
    #[inline(never)]
    pub fn string<N: Node>(
        &self,
        node: &N,
        path: &Path,
        key: &str,
    ) -> Result<Option<String>, Error> {
        let Some(v) = self.child(node, path, key)? else {
            return Ok(None);
        };
        v.string()
            .map(Some)
            .ok_or_else(|| self.error(Some(&v), &path.key(key), "must be a string"))
    }

    /// Whether a string member already read (`v`, member `key` of `path`)
    /// equals `text` (`None` when absent or null), without copying it: for
    /// members only compared, never kept.
    pub fn string_is_of<N: Node>(
        &self,
        v: Option<N>,
        path: &Path,
        key: &str,
        text: &str,
    ) -> Result<Option<bool>, Error> {
        let Some(v) = v else {
            return Ok(None);
        };
        v.string_is(text)
            .map(Some)
            .ok_or_else(|| self.error(Some(&v), &path.key(key), "must be a string"))
    }

    /// A boolean member (`None` when absent or null).
    #[inline(never)]
    pub fn boolean<N: Node>(
        &self,
        node: &N,
        path: &Path,
        key: &str,
    ) -> Result<Option<bool>, Error> {
        self.boolean_of(self.child(node, path, key)?, path, key)
    }

    /// [`Reader::boolean`] of a member already read.
    pub fn boolean_of<N: Node>(
        &self,
        v: Option<N>,
        path: &Path,
        key: &str,
    ) -> Result<Option<bool>, Error> {
        let Some(v) = v else {
            return Ok(None);
        };
        v.boolean()
            .map(Some)
            .ok_or_else(|| self.error(Some(&v), &path.key(key), "must be a boolean"))
    }

    /// An amount of minor units: a whole number from 0 to 2^53 − 1, never
    /// rounded (`None` when absent or null).
    #[inline(never)]
    pub fn amount<N: Node>(&self, node: &N, path: &Path, key: &str) -> Result<Option<u64>, Error> {
        let Some(v) = self.child(node, path, key)? else {
            return Ok(None);
        };
        match v.safe_integer() {
            IntegerRead::Ok(n) => Ok(Some(n)),
            IntegerRead::TooLarge => Err(self.error(
                Some(&v),
                &path.key(key),
                "is above 2^53 - 1 (JavaScript cannot hold it exactly)",
            )),
            _ => Err(self.error(
                Some(&v),
                &path.key(key),
                "must be a whole number of minor units",
            )),
        }
    }

    /// The elements of an array member (none when absent or null), at most
    /// [`MAX_ENTRIES`](crate::limits::MAX_ENTRIES).
    #[inline(never)]
    pub fn array<N: Node>(&self, node: &N, path: &Path, key: &str) -> Result<Vec<N>, Error> {
        let Some(v) = self.child(node, path, key)? else {
            return Ok(Vec::new());
        };
        let here = path.key(key);
        self.elements(&v, &here)
    }

    /// The elements of `node`, which must be an array of at most
    /// [`MAX_ENTRIES`](crate::limits::MAX_ENTRIES).
    #[inline(never)]
    pub fn elements<N: Node>(&self, node: &N, path: &Path) -> Result<Vec<N>, Error> {
        if node.kind() != Kind::Array {
            return Err(self.error(Some(node), path, "must be an array"));
        }
        let unreadable = || self.error_at(path, "could not be read");
        let len = node.length().map_err(|_| unreadable())?;
        if len > MAX_ENTRIES {
            return Err(self.error(Some(node), path, "has too many elements"));
        }
        node.elements_upto(len).map_err(|e| match e {
            ElementsError::Unreadable => unreadable(),
            ElementsError::Missing(i) => self.error_at(&path.index(i), "is missing"),
        })
    }

    /// An object's keys, at most [`MAX_ENTRIES`](crate::limits::MAX_ENTRIES).
    #[inline(never)]
    pub fn keys<N: Node>(&self, node: &N, path: &Path) -> Result<Vec<String>, Error> {
        self.capped(node, path, node.keys())
    }

    /// An object's members with their keys, in one read, at most
    /// [`MAX_ENTRIES`](crate::limits::MAX_ENTRIES).
    #[inline(never)]
    pub fn entries<N: Node>(&self, node: &N, path: &Path) -> Result<Vec<(String, N)>, Error> {
        self.capped(node, path, node.entries())
    }

    /// What `node` gave for its members: refused when it could not be read
    /// or has more than [`MAX_ENTRIES`](crate::limits::MAX_ENTRIES).
    fn capped<N: Node, T>(
        &self,
        node: &N,
        path: &Path,
        read: Result<Vec<T>, Unreadable>,
    ) -> Result<Vec<T>, Error> {
        let read = read.map_err(|_| self.error_at(path, "could not be read"))?;
        if read.len() > MAX_ENTRIES {
            return Err(self.error(Some(node), path, "has too many fields"));
        }
        Ok(read)
    }
}

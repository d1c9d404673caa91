//! Requests and answers as plain values: what the sandbox's routes take and
//! give, with no server in them. A shell (the native one in `server.rs`,
//! and later one in WebAssembly) turns its own HTTP into these and back.

/// A request as the routes see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub method: String,
    /// The path, percent-encoding kept.
    pub path: String,
    pub query: Option<String>,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Request {
    /// The first value of `name` (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn is_post(&self) -> bool {
        self.method == "POST"
    }
}

/// How an answer leaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// As it is.
    Normal,
    /// After this long (an injected timeout).
    After { ms: u64 },
    /// Not at all: the connection closes without an answer (the call was
    /// applied; fault `api.drop`).
    Dropped,
}

/// An answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
    pub ending: Ending,
}

impl Response {
    pub fn new(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Response {
        Response {
            status,
            headers: vec![("content-type", content_type.to_string())],
            body: body.into(),
            ending: Ending::Normal,
        }
    }

    /// A JSON answer.
    pub fn json(status: u16, body: &serde_json::Value) -> Response {
        Response::new(status, "application/json", body.to_string())
    }

    /// `303 See Other` to `location` (none when it cannot be a header).
    pub fn see_other(location: &str) -> Response {
        let mut res = Response::new(303, "text/plain; charset=utf-8", "");
        res.headers.clear();
        if is_header_value(location) {
            res.headers.push(("location", location.to_string()));
        }
        res
    }

    pub fn with_header(mut self, name: &'static str, value: impl Into<String>) -> Response {
        let value = value.into();
        if is_header_value(&value) {
            self.headers.push((name, value));
        }
        self
    }

    /// The value of `name`, for tests.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Visible ASCII and spaces only: what every shell can send as a header.
fn is_header_value(v: &str) -> bool {
    v.bytes().all(|b| b == b'\t' || (0x20..0x7f).contains(&b))
}

/// An engine answer as an HTTP one.
pub fn reply(r: &crate::engine::Reply) -> Response {
    Response::json(r.status, &r.body)
}

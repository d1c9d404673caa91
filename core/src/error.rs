//! The one error type of the SDK. Every variant has a stable string code
//! (typed in `js/shared.d.ts`, listed in both packages' READMEs: a contract test
//! holds the three together), which the glue copies onto `SmartGlocalError.code`.
//!
//! Messages never contain card data or key material: values supplied by the
//! caller are never echoed, only the names of the fields they were given in.

use crate::prelude::*;
use core::fmt;

/// Everything that can go wrong in the SDK.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// A parameter is missing or has a bad value. `field` is the dotted path
    /// of the offending field (`payment_details.card.number`).
    InvalidParams { field: String, message: String },
    /// A webhook arrived without an `X-PARTNER-SIGN` header.
    MissingSignature,
    /// A signature did not match the bytes, or is not well formed.
    BadSignature,
    /// A body (an answer, a webhook) is not the JSON expected. `field` names
    /// the offending value when the text parsed but a value is wrong (empty
    /// for a syntax error); `line` and `column` are 1-based and point at the
    /// byte where parsing stopped, or at the value (0 when unknown: a value
    /// read from an object rather than a text).
    MalformedPayload {
        field: String,
        line: usize,
        column: usize,
        message: String,
    },
    /// The API answered with its error envelope.
    Api {
        status: u16,
        code: String,
        description: String,
    },
    /// The API answered with a non-2xx status and no error envelope.
    Http { status: u16 },
    /// No answer within the configured time.
    Timeout,
    /// The request could not be sent or its answer not read.
    Network { message: String },
    /// A redirect target that is not safe to send a customer to.
    UnsafeRedirect { message: String },
    /// A key that cannot be used.
    InvalidKey { message: String },
    /// A body over its cap, refused before it was read whole. `what` names
    /// the body (`request`, `body`, `location`), `limit` is the cap in bytes.
    PayloadTooLarge { what: String, limit: u64 },
    /// The instance failed (a trap or an exception inside it) and was
    /// recovered; the call can be retried.
    Internal { message: String },
    /// The package's WebAssembly module could not be loaded here (a CSP
    /// without `'wasm-unsafe-eval'`, server rendering without a DOM, the
    /// `.wasm` file not served). Made by the packages' JavaScript
    /// (`js/load.js`): without the module no Rust code runs.
    WasmUnavailable { message: String },
    /// The payment form widget's script could not be loaded or run (blocked
    /// by the page's CSP, the host unreachable, its time out, no
    /// `SmglPaymentForm` in it). Made by `mountPaymentForm`'s JavaScript.
    WidgetUnavailable { message: String },
}

/// Every error code, in the order of [`Error::code`]'s documentation. The
/// packages' `ErrorCode` types are checked against this list.
pub const ERROR_CODES: [&str; 14] = [
    "invalid_params",
    "missing_signature",
    "bad_signature",
    "malformed_payload",
    "api_error",
    "http_error",
    "timeout",
    "network",
    "unsafe_redirect",
    "invalid_key",
    "payload_too_large",
    "internal",
    "wasm_unavailable",
    "widget_unavailable",
];

impl Error {
    /// The stable code of the error, as JavaScript sees it in `error.code`.
    pub fn code(&self) -> &'static str {
        match self {
            Error::InvalidParams { .. } => "invalid_params",
            Error::MissingSignature => "missing_signature",
            Error::BadSignature => "bad_signature",
            Error::MalformedPayload { .. } => "malformed_payload",
            Error::Api { .. } => "api_error",
            Error::Http { .. } => "http_error",
            Error::Timeout => "timeout",
            Error::Network { .. } => "network",
            Error::UnsafeRedirect { .. } => "unsafe_redirect",
            Error::InvalidKey { .. } => "invalid_key",
            Error::PayloadTooLarge { .. } => "payload_too_large",
            Error::Internal { .. } => "internal",
            Error::WasmUnavailable { .. } => "wasm_unavailable",
            Error::WidgetUnavailable { .. } => "widget_unavailable",
        }
    }

    /// Shorthand for [`Error::InvalidParams`].
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        Error::InvalidParams {
            field: field.into(),
            message: message.into(),
        }
    }

    /// A text that is not JSON at all, with the position where parsing stopped.
    pub fn syntax(err: &crate::json::SyntaxError) -> Self {
        Error::MalformedPayload {
            field: String::new(),
            line: err.line,
            column: err.column,
            message: err.message.into(),
        }
    }
}

impl Error {
    /// The human-readable message (also the `Display` form). Built without
    /// the formatting machinery, which the browser build does not carry.
    pub fn message(&self) -> String {
        use crate::money::decimal_digits as num;
        let mut m = String::new();
        let mut put = |parts: &[&str]| parts.iter().for_each(|p| m.push_str(p));
        match self {
            Error::InvalidParams { field, message } => put(&["invalid `", field, "`: ", message]),
            Error::MissingSignature => put(&["the X-PARTNER-SIGN header is missing"]),
            Error::BadSignature => put(&["the signature does not match the body"]),
            Error::MalformedPayload {
                field,
                line,
                column,
                message,
            } => {
                put(&["malformed JSON payload"]);
                if !field.is_empty() {
                    put(&[": `", field, "`"]);
                }
                if *line > 0 {
                    put(&[
                        " at line ",
                        &num(*line as u64),
                        ", column ",
                        &num(*column as u64),
                    ]);
                }
                put(&[": ", message]);
            }
            Error::Api {
                status,
                code,
                description,
            } => put(&[
                "API error ",
                code,
                " (HTTP ",
                &num(u64::from(*status)),
                "): ",
                description,
            ]),
            Error::Http { status } => put(&["unexpected HTTP status ", &num(u64::from(*status))]),
            Error::Timeout => put(&["the request timed out"]),
            Error::Network { message } => put(&["network error: ", message]),
            Error::UnsafeRedirect { message } => put(&["unsafe redirect: ", message]),
            Error::InvalidKey { message } => put(&["invalid key: ", message]),
            Error::PayloadTooLarge { what, limit } => put(&[
                "payload too large: ",
                what,
                " exceeds its cap of ",
                &num(*limit),
            ]),
            Error::Internal { message } => put(&[
                "internal error (the instance was recovered; the call can be retried): ",
                message,
            ]),
            Error::WasmUnavailable { message } | Error::WidgetUnavailable { message } => {
                put(&[message])
            }
        }
        m
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl core::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_stable() {
        assert_eq!(Error::invalid("a", "b").code(), "invalid_params");
        assert_eq!(Error::MissingSignature.code(), "missing_signature");
        assert_eq!(Error::BadSignature.code(), "bad_signature");
        assert_eq!(Error::Timeout.code(), "timeout");
        let all = [
            Error::invalid("a", "b"),
            Error::MissingSignature,
            Error::BadSignature,
            Error::MalformedPayload {
                field: String::new(),
                line: 1,
                column: 1,
                message: String::new(),
            },
            Error::Api {
                status: 400,
                code: String::new(),
                description: String::new(),
            },
            Error::Http { status: 500 },
            Error::Timeout,
            Error::Network {
                message: String::new(),
            },
            Error::UnsafeRedirect {
                message: String::new(),
            },
            Error::InvalidKey {
                message: String::new(),
            },
            Error::PayloadTooLarge {
                what: "body".into(),
                limit: 1,
            },
            Error::Internal {
                message: String::new(),
            },
            Error::WasmUnavailable {
                message: String::new(),
            },
            Error::WidgetUnavailable {
                message: String::new(),
            },
        ];
        let codes: Vec<_> = all.iter().map(Error::code).collect();
        assert_eq!(codes, ERROR_CODES, "one entry per variant, in order");
        assert_eq!(Error::Http { status: 502 }.code(), "http_error");
        assert_eq!(
            Error::Network {
                message: "x".into()
            }
            .code(),
            "network"
        );
        assert_eq!(
            Error::Api {
                status: 400,
                code: "c".into(),
                description: "d".into()
            }
            .code(),
            "api_error"
        );
    }
}

//! Header names, as the API spells them (HTTP compares them ignoring case).

pub const HEADER_CONTENT_TYPE: &str = "Content-Type";
pub const HEADER_PROJECT: &str = "X-PARTNER-PROJECT";
pub const HEADER_SIGN: &str = "X-PARTNER-SIGN";
pub const HEADER_IDEMPOTENCY_KEY: &str = "X-PARTNER-IDEMPOTENCY-KEY";
/// The payer's identifier for legal entities; mandatory for faster-payments
/// transfers.
pub const HEADER_SUBMERCHANT: &str = "X-PARTNER-SUBMERCHANT";
pub const HEADER_RETRY_AFTER: &str = "Retry-After";

//! Wire types, named exactly as on the wire (snake_case), so the JSON in the
//! API documentation maps 1:1. Reading is tolerant: unknown fields are
//! ignored and unknown enum values land in `Unknown(String)`.

mod enums;
pub(crate) use enums::string_enum;
#[cfg(feature = "serde")]
mod payment;
mod redirect;
#[cfg(feature = "serde")]
mod session;
#[cfg(feature = "serde")]
mod wire;

pub use enums::*;
#[cfg(feature = "serde")]
pub use payment::*;
pub use redirect::{Fields, Redirect};
#[cfg(feature = "serde")]
pub use session::*;
#[cfg(feature = "serde")]
pub use wire::*;

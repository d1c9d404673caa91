//! The API's string enums (with an `Unknown` fallback) and the 3-D Secure
//! redirect, as the core's readers give them. The serde models of whole
//! answers and webhooks are not here: they belong to the sandbox and the
//! native tests (`sg-wire`); the SDK reads JSON with its own parser.

mod enums;
pub(crate) use enums::string_enum;
mod redirect;

pub use enums::*;
pub use redirect::{Fields, Redirect};

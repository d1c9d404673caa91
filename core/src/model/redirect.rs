//! `customer_interaction.redirect` and its form fields (read by the
//! core's readers from any tree).

use super::RedirectMethod;
use crate::prelude::*;

/// `customer_interaction.redirect`: where to send the customer for 3-D Secure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redirect {
    pub url: String,
    pub base_url: Option<String>,
    pub method: RedirectMethod,
    pub qs: Fields,
    pub params: Fields,
}

/// A JSON object of form fields, in the order received, values kept as
/// strings byte for byte (numbers and booleans as their JSON text, `null` as "").
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Fields(pub Vec<(String, String)>);

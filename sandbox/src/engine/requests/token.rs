//! `token` (one widget: docs/reference/methods/token-method) and
//! `token/info` (docs/reference/methods/token-info,
//! docs/restricted/subscription-token).

use super::checks::return_url;
use super::{invalid, Obj};
use crate::engine::Reply;

/// The payment form of a session (the widget, the hosted page).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AcquiringWidget {
    pub session_id: String,
    pub locale: Option<String>,
    pub show_recurrent_checkbox: bool,
    pub success_return_url: Option<String>,
    pub failure_return_url: Option<String>,
    pub success_on_hold: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TokenRequest {
    TokenizeWidget { locale: Option<String> },
    AcquiringWidget(AcquiringWidget),
    FpsNoAccountWidget { session_id: String },
}

fn locale(o: &Obj) -> Result<Option<String>, Reply> {
    let l = o.text_opt("locale")?;
    if l.as_ref()
        .is_some_and(|l| !(2..=3).contains(&l.len()) || !l.bytes().all(|b| b.is_ascii_lowercase()))
    {
        return Err(invalid(
            &o.name("locale"),
            "must be a language code such as en or ru",
        ));
    }
    Ok(l)
}

impl TokenRequest {
    pub fn read(o: &Obj) -> Result<TokenRequest, Reply> {
        const WIDGETS: [&str; 3] = [
            "tokenize_widget",
            "acquiring_widget",
            "fps_no_account_widget",
        ];
        o.only(&WIDGETS)?;
        let given: Vec<_> = WIDGETS.iter().filter(|w| o.has(w)).collect();
        let [widget] = given.as_slice() else {
            return Err(invalid("params", "give exactly one widget"));
        };
        let w = o.object(widget)?;
        match **widget {
            "tokenize_widget" => {
                w.only(&["access", "locale"])?;
                w.flag("access")?;
                Ok(TokenRequest::TokenizeWidget {
                    locale: locale(&w)?,
                })
            }
            "acquiring_widget" => {
                w.only(&[
                    "session_id",
                    "locale",
                    "show_recurrent_checkbox",
                    "success_return_url",
                    "failure_return_url",
                    "success_on_hold",
                    "redirect_target",
                ])?;
                let url = |k: &str| {
                    if w.has(k) {
                        return_url(&w, k).map(Some)
                    } else {
                        Ok(None)
                    }
                };
                w.text_opt("redirect_target")?;
                Ok(TokenRequest::AcquiringWidget(AcquiringWidget {
                    session_id: w.text("session_id")?,
                    locale: locale(&w)?,
                    show_recurrent_checkbox: w.flag("show_recurrent_checkbox")?,
                    success_return_url: url("success_return_url")?,
                    failure_return_url: url("failure_return_url")?,
                    success_on_hold: w.flag("success_on_hold")?,
                }))
            }
            _ => {
                w.only(&["session_id"])?;
                Ok(TokenRequest::FpsNoAccountWidget {
                    session_id: w.text("session_id")?,
                })
            }
        }
    }
}

/// What `token/info` is asked about. Tokens are credentials: `Debug` hides them.
#[derive(Clone, PartialEq)]
pub enum TokenInfoRequest {
    Card { number_hash: String },
    PublicToken { token: String },
    RecurrentToken { token: String },
    SubscriptionToken { token: String },
}

impl std::fmt::Debug for TokenInfoRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TokenInfoRequest { .. }")
    }
}

impl TokenInfoRequest {
    pub fn read(o: &Obj) -> Result<TokenInfoRequest, Reply> {
        const KINDS: [&str; 4] = [
            "card",
            "public_token",
            "recurrent_token",
            "subscription_token",
        ];
        let mut known = KINDS.to_vec();
        known.push("type");
        o.only(&known)?;
        let kind = o.text("type")?;
        let Some(kind) = KINDS.iter().find(|k| **k == kind) else {
            return Err(invalid("type", "is not a token type of the reference"));
        };
        if KINDS.iter().any(|k| k != kind && o.has(k)) {
            return Err(invalid("params", "has an object of another type"));
        }
        let inner = o.object(kind)?;
        if *kind == "card" {
            inner.only(&["type", "encrypted_card"])?;
            if inner.text("type")? != "encrypted_card" {
                return Err(invalid(&inner.name("type"), "must be \"encrypted_card\""));
            }
            let e = inner.object("encrypted_card")?;
            e.only(&["number_hash"])?;
            return Ok(TokenInfoRequest::Card {
                number_hash: e.text("number_hash")?,
            });
        }
        inner.only(&["token"])?;
        let token = inner.text("token")?;
        Ok(match *kind {
            "public_token" => TokenInfoRequest::PublicToken { token },
            "recurrent_token" => TokenInfoRequest::RecurrentToken { token },
            _ => TokenInfoRequest::SubscriptionToken { token },
        })
    }
}

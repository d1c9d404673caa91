//! Tokens: a public token for the widgets and the hosted payment page
//! (`token`), what a token stands for (`token/info`), and the recurrent
//! token endpoints (`recurrent/status`, `recurrent/disable`).

use super::object::{invalid, Obj};
use super::options::return_url;
use crate::error::Error;
use crate::json::{Kind, Value};
use crate::prelude::*;
use crate::tree::Path;

/// The body of `token`: exactly one widget.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenRequest {
    /// The tokenisation widget (a card becomes an `encrypted_card`).
    TokenizeWidget { locale: Option<String> },
    /// The payment form of a session: the hosted payment page.
    AcquiringWidget(AcquiringWidget),
    /// The payment form of a faster-payments transfer.
    FpsNoAccountWidget { session_id: String },
}

/// `acquiring_widget`: the hosted payment page of a session.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AcquiringWidget {
    pub session_id: String,
    pub locale: Option<String>,
    /// Offer "save my card for later payments"; the saved token comes in
    /// `payment_finished`.
    pub show_recurrent_checkbox: bool,
    pub success_return_url: Option<String>,
    pub failure_return_url: Option<String>,
    pub success_on_hold: bool,
}

impl TokenRequest {
    pub fn read(v: Value<'_>, path: &Path) -> Result<TokenRequest, Error> {
        let widgets = [
            "tokenize_widget",
            "acquiring_widget",
            "fps_no_account_widget",
        ];
        let o = Obj::new(v, path, &widgets)?;
        let given: Vec<_> = widgets.iter().filter(|w| o.get(w).is_some()).collect();
        let [widget] = given.as_slice() else {
            return Err(invalid(
                path,
                "give exactly one of tokenize_widget, acquiring_widget, fps_no_account_widget",
            ));
        };
        let wpath = path.key(widget);
        let w = o.required(widget)?;
        match **widget {
            "tokenize_widget" => {
                let t = Obj::new(w, &wpath, &["access", "locale"])?;
                t.boolean("access")?;
                Ok(TokenRequest::TokenizeWidget {
                    locale: locale(&t)?,
                })
            }
            "acquiring_widget" => {
                let a = Obj::new(
                    w,
                    &wpath,
                    &[
                        "session_id",
                        "locale",
                        "show_recurrent_checkbox",
                        "success_return_url",
                        "failure_return_url",
                        "success_on_hold",
                        "redirect_target",
                    ],
                )?;
                if a.get("redirect_target").is_some() {
                    a.nonblank("redirect_target")?;
                }
                let url = |key: &str| match a.get(key) {
                    Some(u) => return_url(u, &wpath.key(key)).map(Some),
                    None => Ok(None),
                };
                Ok(TokenRequest::AcquiringWidget(AcquiringWidget {
                    session_id: a.nonblank("session_id")?,
                    locale: locale(&a)?,
                    show_recurrent_checkbox: flag(&a, "show_recurrent_checkbox")?,
                    success_return_url: url("success_return_url")?,
                    failure_return_url: url("failure_return_url")?,
                    success_on_hold: flag(&a, "success_on_hold")?,
                }))
            }
            _ => {
                let f = Obj::new(w, &wpath, &["session_id"])?;
                Ok(TokenRequest::FpsNoAccountWidget {
                    session_id: f.nonblank("session_id")?,
                })
            }
        }
    }
}

/// A language tag of the pages: two or three lowercase letters (`en`, `ru`).
pub fn is_locale(s: &str) -> bool {
    (2..=3).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_lowercase())
}

fn locale(o: &Obj<'_, '_>) -> Result<Option<String>, Error> {
    let l = o.string("locale")?;
    if l.as_deref().is_some_and(|l| !is_locale(l)) {
        return Err(invalid(
            &o.path().key("locale"),
            "must be a language code such as \"en\" or \"ru\"",
        ));
    }
    Ok(l)
}

/// A boolean, also accepted as the strings "true"/"false" (the reference's
/// own example sends `"show_recurrent_checkbox": "true"`).
fn flag(o: &Obj<'_, '_>, key: &str) -> Result<bool, Error> {
    match o.get(key) {
        None => Ok(false),
        Some(v) if v.kind() == Kind::Bool => Ok(v.as_bool() == Some(true)),
        Some(v) => match v.as_str().as_deref() {
            Some("true") => Ok(true),
            Some("false") => Ok(false),
            _ => Err(invalid(&o.path().key(key), "must be a boolean")),
        },
    }
}

/// The members of a `token/info` body: `type` and one object per kind.
const KINDS: [&str; 5] = [
    "type",
    "card",
    "public_token",
    "recurrent_token",
    "subscription_token",
];

/// The body of `token/info`.
#[derive(Clone, PartialEq, Eq)]
pub enum TokenInfoRequest {
    /// A card tokenised by the widget (`encrypted_card.number_hash`).
    Card {
        number_hash: String,
    },
    PublicToken {
        token: String,
    },
    RecurrentToken {
        token: String,
    },
    /// A Donate subscription (docs/restricted/subscription-token).
    SubscriptionToken {
        token: String,
    },
}

impl core::fmt::Debug for TokenInfoRequest {
    /// Tokens are credentials: never shown.
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(match self {
            TokenInfoRequest::Card { .. } => "TokenInfoRequest::Card { .. }",
            TokenInfoRequest::PublicToken { .. } => "TokenInfoRequest::PublicToken { .. }",
            TokenInfoRequest::RecurrentToken { .. } => "TokenInfoRequest::RecurrentToken { .. }",
            TokenInfoRequest::SubscriptionToken { .. } => {
                "TokenInfoRequest::SubscriptionToken { .. }"
            }
        })
    }
}

impl TokenInfoRequest {
    pub fn read(v: Value<'_>, path: &Path) -> Result<TokenInfoRequest, Error> {
        let o = Obj::new(v, path, &KINDS)?;
        let kind = o.required_string("type")?;
        if kind == "type" || !KINDS.contains(&kind.as_str()) {
            return Err(invalid(
                &path.key("type"),
                "must be \"card\", \"public_token\", \"recurrent_token\" or \"subscription_token\"",
            ));
        }
        let others = KINDS[1..].iter().filter(|k| **k != kind);
        if let Some(extra) = others.into_iter().find(|k| o.get(k).is_some()) {
            return Err(invalid(&path.key(extra), "does not go with this type"));
        }
        let inner_path = path.key(&kind);
        let inner = o.required(&kind)?;
        match kind.as_str() {
            "card" => {
                let c = Obj::new(inner, &inner_path, &["type", "encrypted_card"])?;
                if c.required_string("type")? != "encrypted_card" {
                    return Err(invalid(
                        &inner_path.key("type"),
                        "must be \"encrypted_card\"",
                    ));
                }
                let ep = inner_path.key("encrypted_card");
                let e = Obj::new(c.required("encrypted_card")?, &ep, &["number_hash"])?;
                Ok(TokenInfoRequest::Card {
                    number_hash: e.nonblank("number_hash")?,
                })
            }
            "public_token" => Ok(TokenInfoRequest::PublicToken {
                token: Obj::new(inner, &inner_path, &["token"])?.nonblank("token")?,
            }),
            "subscription_token" => Ok(TokenInfoRequest::SubscriptionToken {
                token: Obj::new(inner, &inner_path, &["token"])?.nonblank("token")?,
            }),
            _ => Ok(TokenInfoRequest::RecurrentToken {
                token: Obj::new(inner, &inner_path, &["token"])?.nonblank("token")?,
            }),
        }
    }
}

/// The body of `recurrent/status` and `recurrent/disable`:
/// `{"recurrent": {"token": …}}` (docs/reference/methods/recurrent-disable).
#[derive(Clone, PartialEq, Eq)]
pub struct RecurrentToken {
    pub token: String,
}

impl core::fmt::Debug for RecurrentToken {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("RecurrentToken { .. }")
    }
}

impl RecurrentToken {
    pub fn read(v: Value<'_>, path: &Path) -> Result<RecurrentToken, Error> {
        let o = Obj::new(v, path, &["recurrent"])?;
        let r_path = path.key("recurrent");
        let r = Obj::new(o.required("recurrent")?, &r_path, &["token"])?;
        Ok(RecurrentToken {
            token: r.nonblank("token")?,
        })
    }
}

//! Tokens: recurrent tokens (saved cards: `recurrent/status`,
//! `recurrent/disable`), public tokens for the hosted payment page
//! (`token`: single use, valid 24 hours, bound to a session), and what a
//! token stands for (`token/info`).

use super::record::stamp;
use super::requests::{AcquiringWidget, TokenInfoRequest, TokenRequest};
use super::stage::Stage;
use super::{Ctx, Engine, Reply, Result, PUBLIC_TOKEN_TTL_MS};
use serde_json::json;
use sg_wire::RecurrentDetails;
use smart_glocal::Endpoint;

/// A saved card: its recurrent token and what shows of the card.
#[derive(Debug, Clone)]
pub struct SavedCard {
    pub details: RecurrentDetails,
    pub brand: String,
    pub last4: String,
}

/// A public token for the widgets.
#[derive(Debug, Clone)]
pub struct PublicToken {
    pub created_ms: u64,
    /// The payment form's session and settings (`acquiring_widget`).
    pub widget: Option<AcquiringWidget>,
    /// Consumed by a card submitted on the hosted page.
    pub used: bool,
    /// A money transfer by FPS without an account (`fps_no_account_widget`):
    /// its session, paid on the transfer page.
    pub transfer: Option<String>,
}

impl PublicToken {
    pub fn expired(&self, now: u64) -> bool {
        now.saturating_sub(self.created_ms) >= PUBLIC_TOKEN_TTL_MS
    }
}

impl Engine {
    pub(super) fn recurrent(&mut self, endpoint: Endpoint, token: &str, now: u64) -> Result<Reply> {
        let saved = self
            .recurrent
            .get_mut(token)
            .ok_or_else(|| Reply::error(404, "token_not_found", "no such recurrent token"))?;
        if endpoint == Endpoint::RecurrentDisable && saved.details.is_active != Some(false) {
            saved.details.is_active = Some(false);
            saved.details.finished_at = Some(stamp(now));
        }
        // As the reference answers (docs/reference/methods/recurrent-disable).
        let mut details = json!(saved.details);
        details["type"] = json!("recurrent_token");
        Ok(Reply::ok(json!({"status": "ok", "recurrent": details})))
    }

    pub(super) fn public_token(&mut self, p: TokenRequest, ctx: &mut Ctx) -> Result<Reply> {
        let mut transfer = None;
        let widget = match p {
            TokenRequest::AcquiringWidget(w) => {
                let rec = self.record(&w.session_id)?;
                if rec.stage != Stage::Created {
                    return Err(super::wrong_state("open the payment form for", rec));
                }
                let has_amount = rec.pending.amount.is_some();
                if !has_amount {
                    return Err(Reply::error(
                        400,
                        "invalid_params",
                        "the session needs amount_details (give them at session/create)",
                    ));
                }
                Some(w)
            }
            TokenRequest::FpsNoAccountWidget { session_id } => {
                // docs/payments/payment-individuals: every request of a
                // transfer names the site that sends the customer.
                if ctx.submerchant.is_none() {
                    return Err(Reply::error(
                        400,
                        "invalid_params",
                        "X-PARTNER-SUBMERCHANT is required for fps_no_account_widget",
                    ));
                }
                let rec = self.record(&session_id)?;
                if rec.stage != Stage::Created {
                    return Err(super::wrong_state("open the transfer page for", rec));
                }
                if rec.pending.amount.as_ref().is_none_or(|(_, c)| c != "rub") {
                    return Err(Reply::error(
                        400,
                        "invalid_params",
                        "a transfer needs amount_details in rub (give them at session/create)",
                    ));
                }
                transfer = Some(session_id);
                None
            }
            TokenRequest::TokenizeWidget { .. } => None,
        };
        let token = format!(
            "{}{}{}{}",
            (ctx.random_hex)(),
            (ctx.random_hex)(),
            (ctx.random_hex)(),
            (ctx.random_hex)()
        );
        self.public_tokens.insert(
            token.clone(),
            PublicToken {
                created_ms: ctx.now_ms,
                widget,
                used: false,
                transfer,
            },
        );
        Ok(Reply::ok(json!({"status": "ok", "public_token": token})))
    }

    pub(super) fn token_info(&self, p: TokenInfoRequest, now: u64) -> Result<Reply> {
        let not_found = || Reply::error(404, "token_not_found", "no such token");
        let info = match p {
            TokenInfoRequest::PublicToken { token } => {
                let t = self.public_tokens.get(&token).ok_or_else(not_found)?;
                json!({
                    "type": "public_token",
                    "token": token,
                    "created_at": stamp(t.created_ms),
                    "finished_at": stamp(t.created_ms + PUBLIC_TOKEN_TTL_MS),
                    "is_active": !t.used && !t.expired(now),
                    "session_id": t.widget.as_ref().map(|w| w.session_id.clone()).or_else(|| t.transfer.clone()),
                })
            }
            TokenInfoRequest::RecurrentToken { token } => {
                let t = self.recurrent.get(&token).ok_or_else(not_found)?;
                json!({
                    "type": "recurrent_token",
                    "token": token,
                    "created_at": t.details.created_at,
                    "finished_at": t.details.finished_at,
                    "is_active": t.details.is_active,
                    "brand": t.brand,
                    "last4": t.last4,
                })
            }
            // The tokenisation widget and Donate subscriptions are not
            // emulated: no such hash or token is known here.
            TokenInfoRequest::Card { .. } | TokenInfoRequest::SubscriptionToken { .. } => {
                return Err(not_found())
            }
        };
        Ok(Reply::ok(json!({"status": "ok", "info": info})))
    }
}

//! One API call, already authenticated: idempotency, the body checked with
//! the SDK core's own rules, then the endpoint.

use super::idempotency::Seen;
use super::{invalid, Ctx, Engine, Reply, Result};
use serde_json::json;
use smart_glocal::params::{self, Params};
use smart_glocal::Endpoint;

impl Engine {
    /// One call. With an idempotency key, the same body replays the stored
    /// answer; another body is `409 idempotency_key_already_exists`.
    pub fn call(
        &mut self,
        endpoint: Endpoint,
        body: &[u8],
        key: Option<&str>,
        ctx: &mut Ctx,
    ) -> Reply {
        if let Some(key) = key {
            match self.idempotency.check(key, endpoint, body) {
                Seen::New => {}
                Seen::Replay(reply) | Seen::Conflict(reply) => return reply,
            }
        }
        let reply = match self.dispatch(endpoint, body, ctx) {
            Ok(r) | Err(r) => r,
        };
        if let Some(key) = key {
            self.idempotency.remember(key, endpoint, body, &reply);
        }
        reply
    }

    fn dispatch(&mut self, endpoint: Endpoint, body: &[u8], ctx: &mut Ctx) -> Result<Reply> {
        let text = std::str::from_utf8(body)
            .map_err(|_| Reply::error(400, "malformed_json", "the body is not UTF-8"))?;
        if let Err(e) = smart_glocal::json::parse(body) {
            return Err(Reply::error(
                400,
                "malformed_json",
                format!(
                    "the body is not JSON: {} at line {}, column {}",
                    e.message, e.line, e.column
                ),
            ));
        }
        let params = params::read(endpoint, text).map_err(invalid)?.params;
        let session =
            |s: smart_glocal::model::Session| Reply::ok(json!({"status": "ok", "session": s}));
        match params {
            Params::CreateSession(p) => Ok(session(self.create(p, ctx.now_ms))),
            Params::InitPayment(p) => self.init_payment(p, ctx).map(session),
            Params::StartPayment(p) => self.start_payment(p, ctx).map(session),
            Params::InitPayout(p) => self.init_payout(p, ctx).map(session),
            Params::StartPayout(p) => self.start_payout(p, ctx).map(session),
            Params::SessionId(p) => match endpoint {
                Endpoint::Confirm => self.confirm(&p.session_id, ctx).map(session),
                Endpoint::Cancel => self.cancel(&p.session_id, ctx).map(session),
                _ => Ok(session(self.record(&p.session_id)?.render())),
            },
            Params::AmountChange(p) => match endpoint {
                Endpoint::Capture => self.capture(&p, ctx).map(session),
                _ => self.refund(&p, ctx).map(session),
            },
            Params::RecurrentToken(p) => self.recurrent(endpoint, &p.token, ctx.now_ms),
            Params::Token(p) => self.public_token(p, ctx),
            Params::TokenInfo(p) => self.token_info(p, ctx.now_ms),
            Params::WalletBalance(_) => Ok(self.wallet_balance()),
            Params::FpsVerification(p) => self.verify_fps_customer(p, ctx).map(session),
        }
    }
}

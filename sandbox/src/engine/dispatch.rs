//! One API call, already authenticated: idempotency, the body checked with
//! the sandbox's own reading of the reference (`requests`, never the SDK's
//! `params`), then the endpoint.

use super::idempotency::Seen;
use super::requests::{self, Request};
use super::{Ctx, Engine, Reply, Result};
use serde_json::json;
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
        let request = requests::read(endpoint, body)?;
        let session =
            |s: smart_glocal::model::Session| Reply::ok(json!({"status": "ok", "session": s}));
        match request {
            Request::CreateSession(p) => Ok(session(self.create(p, ctx.now_ms))),
            Request::InitPayment(p) => self.init_payment(p, ctx).map(session),
            Request::StartPayment(p) => self.start_payment(p, ctx).map(session),
            Request::InitPayout(p) => self.init_payout(p, ctx).map(session),
            Request::StartPayout(p) => self.start_payout(p, ctx).map(session),
            Request::SessionId(id) => match endpoint {
                Endpoint::Confirm => self.confirm(&id, ctx).map(session),
                Endpoint::Cancel => self.cancel(&id, ctx).map(session),
                _ => Ok(session(self.record(&id)?.render())),
            },
            Request::AmountChange(p) => match endpoint {
                Endpoint::Capture => self.capture(&p, ctx).map(session),
                _ => self.refund(&p, ctx).map(session),
            },
            Request::RecurrentToken(token) => self.recurrent(endpoint, &token, ctx.now_ms),
            Request::Token(p) => self.public_token(p, ctx),
            Request::TokenInfo(p) => self.token_info(p, ctx.now_ms),
            Request::WalletBalance => Ok(self.wallet_balance()),
            Request::FpsVerification(p) => self.verify_fps_customer(p, ctx).map(session),
        }
    }
}

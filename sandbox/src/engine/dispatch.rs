//! One API call, already authenticated: idempotency, the body checked with
//! the sandbox's own reading of the reference (`requests`, never the SDK's
//! `params`), then the endpoint.

use super::idempotency::Seen;
use super::requests::{self, Request};
use super::{Ctx, Engine, Reply, Result};
use serde_json::json;
use smart_glocal::Endpoint;

impl Engine {
    /// One call in API v1. With an idempotency key, the same body replays
    /// the stored answer; another body is `409 idempotency_key_already_exists`.
    pub fn call(
        &mut self,
        endpoint: Endpoint,
        body: &[u8],
        key: Option<&str>,
        ctx: &mut Ctx,
    ) -> Reply {
        self.call_as(endpoint, body, key, ctx, false)
    }

    /// [`Engine::call`] in API v1 or (`v2`) v2: v2 reads `payout_details`
    /// for `payment_method` and answers with v2's names (`payment_list`,
    /// `payout_list`, `payout_details`).
    pub fn call_as(
        &mut self,
        endpoint: Endpoint,
        body: &[u8],
        key: Option<&str>,
        ctx: &mut Ctx,
        v2: bool,
    ) -> Reply {
        if let Some(key) = key {
            match self.idempotency.check(key, endpoint, body) {
                Seen::New => {}
                Seen::Replay(reply) | Seen::Conflict(reply) => return reply,
            }
        }
        let mut reply = match self.dispatch(endpoint, body, ctx, v2) {
            Ok(r) | Err(r) => r,
        };
        if v2 {
            to_v2(&mut reply.body);
        }
        if let Some(key) = key {
            self.idempotency.remember(key, endpoint, body, &reply);
        }
        reply
    }

    fn dispatch(
        &mut self,
        endpoint: Endpoint,
        body: &[u8],
        ctx: &mut Ctx,
        v2: bool,
    ) -> Result<Reply> {
        let request = requests::read(endpoint, body, v2)?;
        let session = |s: sg_wire::Session| Reply::ok(json!({"status": "ok", "session": s}));
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

/// An answer in API v2's names: a session's `acquiring_payments` are its
/// `payment_list`, its `payments` (payouts) its `payout_list`, and a payout's
/// `payment_method` its `payout_details`.
pub fn to_v2(body: &mut serde_json::Value) {
    let Some(session) = body.get_mut("session").and_then(|s| s.as_object_mut()) else {
        return;
    };
    if let Some(list) = session.remove("acquiring_payments") {
        session.insert("payment_list".into(), list);
    }
    if let Some(mut list) = session.remove("payments") {
        for op in list.as_array_mut().into_iter().flatten() {
            if let Some(op) = op.as_object_mut() {
                if let Some(m) = op.remove("payment_method") {
                    op.insert("payout_details".into(), m);
                }
            }
        }
        session.insert("payout_list".into(), list);
    }
}

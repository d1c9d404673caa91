//! The engine's transitions, without HTTP: each flow from its calls to the
//! answers and the webhooks it produced, on a clock the test moves.

mod hosted;
mod money_back;
mod payments;

use super::*;
use sg_wire::EventType;
use smart_glocal::Endpoint;

pub(super) const NOW: u64 = 1_795_305_600_000; // 2026-11-22T00:00:00Z
pub(super) const RETURN: &str = "https://shop.test/return";

pub(super) struct T {
    pub(super) engine: Engine,
    pub(super) now: u64,
    n: u64,
}

pub(super) fn t(capture: CaptureMode, auto_confirm: bool) -> T {
    T {
        engine: Engine::new(Settings {
            project: "demo".into(),
            capture,
            auto_confirm,
            public_url: "http://127.0.0.1:4010/".into(),
        }),
        now: NOW,
        n: 0,
    }
}

pub(super) fn auto() -> T {
    t(CaptureMode::Auto, false)
}

pub(super) fn card_body(number: &str) -> String {
    format!(
        r#"{{"payment_details":{{"type":"card","card":{{"type":"bank_card","bank_card":{{"number":"{number}","expiration_month":"12","expiration_year":"29","security_code":"123"}}}}}},"amount_details":{{"amount":15000,"currency":"usd"}},"customer":{{"reference":"c1"}},"payment_options":{{"return_url":"{RETURN}"}}}}"#
    )
}

impl T {
    pub(super) fn ctx_run<R>(
        &mut self,
        f: impl FnOnce(&mut Engine, &mut Ctx) -> R,
    ) -> (R, Vec<EventType>) {
        let mut n = self.n;
        let mut random = || {
            n += 1;
            format!("{n:016x}")
        };
        let mut ctx = Ctx::new(self.now, &mut random);
        let out = f(&mut self.engine, &mut ctx);
        let kinds = ctx.events.iter().map(|e| e.kind.clone()).collect();
        drop(ctx);
        self.n = n;
        (out, kinds)
    }

    pub(super) fn call_key(
        &mut self,
        endpoint: Endpoint,
        body: &str,
        key: Option<&str>,
    ) -> (Reply, Vec<EventType>) {
        self.ctx_run(|e, ctx| e.call(endpoint, body.as_bytes(), key, ctx))
    }

    pub(super) fn call(&mut self, endpoint: Endpoint, body: &str) -> (Reply, Vec<EventType>) {
        self.call_key(endpoint, body, None)
    }

    pub(super) fn ok(&mut self, endpoint: Endpoint, body: &str) -> (Value, Vec<EventType>) {
        let (r, ev) = self.call(endpoint, body);
        assert_eq!(r.status, 200, "{endpoint:?}: {}", r.body);
        (r.body, ev)
    }

    pub(super) fn session_call(&mut self, endpoint: Endpoint, id: &str) -> (Value, Vec<EventType>) {
        self.ok(endpoint, &format!(r#"{{"session_id":"{id}"}}"#))
    }

    /// init/payment with `number`; the session id.
    pub(super) fn init(&mut self, number: &str) -> String {
        let (body, ev) = self.ok(Endpoint::InitPayment, &card_body(number));
        assert_eq!(ev, [EventType::ReadyToConfirm]);
        body["session"]["id"].as_str().unwrap().to_string()
    }

    pub(super) fn status(&mut self, id: &str) -> Value {
        self.session_call(Endpoint::Status, id).0["session"].clone()
    }
}

pub(super) fn op_status(session: &Value) -> &str {
    session["acquiring_payments"][0]["status"]
        .as_str()
        .unwrap_or("-")
}

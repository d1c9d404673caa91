// The live API's shapes and calls through the installed package: payouts,
// public tokens, token/info, wallet balance, the submerchant header,
// `dummy:/url`, and views and operations of the live webhook shapes.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { SmartGlocal, SmartGlocalError, paymentView, operation } from "smart-glocal-edge";
import { startFakeApi, okSession, hmac, KEY } from "./fake-api.mjs";

const servers = [];
after(() => Promise.all(servers.map((s) => s.close())));

async function api(handler) {
  const s = await startFakeApi(handler);
  servers.push(s);
  return s;
}

const answers = {
  "/api/v1/token": { status: "ok", public_token: "e065c2f1" },
  "/api/v1/token/info": { status: "ok", info: { type: "card", brand: "visa", last4: "4242", number_hash: "h" } },
  "/api/v1/wallet/balance": { status: "ok", wallets: [{ id: "310", amount_details: { amount: 1000000, currency: "usd" } }] },
};

test("payouts, tokens, token/info and wallet balance hit their endpoints with validated bodies", async () => {
  const s = await api((req) => ({ body: answers[req.path] ?? okSession() }));
  const sg = new SmartGlocal({ project: "p", signingKey: KEY, baseUrl: s.url, submerchant: "sub-1" });
  const card = { type: "card", card: { type: "bank_card", bank_card: { number: "4444444444444448" } } };
  const iban = { type: "bank_account", bank_account: { system_type: "global", global: { iban: "GB82WEST12345698765432", description: "rent" } } };
  await sg.initPayout({ payment_method: card, amount_details: { amount: 100, currency: "USD" }, customer: { reference: "r" } });
  await sg.startPayout({ session_id: "ps_1", payment_method: iban, amount_details: { amount: 100, currency: "eur" } });
  const token = await sg.createPublicToken({ acquiring_widget: { session_id: "ps_1", locale: "ru", show_recurrent_checkbox: true,
    success_return_url: "https://shop.test/ok", failure_return_url: "https://shop.test/no" } });
  assert.equal(token.public_token, "e065c2f1");
  const info = await sg.tokenInfo({ type: "public_token", public_token: { token: "e065c2f1" } });
  assert.equal(info.info.last4, "4242");
  const wallets = await sg.walletBalance({ request_datetime: "2026-11-22T10:00:00Z" }, { submerchant: "sub-2" });
  assert.equal(wallets.wallets[0].amount_details.amount, 1000000);
  const paths = s.requests.map((r) => r.path);
  assert.deepEqual(paths, ["/api/v1/session/init/payout", "/api/v1/session/start/payout", "/api/v1/token", "/api/v1/token/info", "/api/v1/wallet/balance"]);
  for (const r of s.requests) assert.equal(r.headers["x-partner-sign"], hmac(r.body));
  assert.deepEqual(s.requests.map((r) => r.headers["x-partner-submerchant"]), ["sub-1", "sub-1", "sub-1", "sub-1", "sub-2"]);
  assert.equal(JSON.parse(s.requests[0].body).amount_details.currency, "usd");
  // Wrong shapes never leave the server, named by field, with no number echoed.
  for (const [call, field] of [
    [() => sg.initPayout({ payment_method: { type: "card", card: { type: "bank_card", bank_card: { number: "4444444444444441" } } }, amount_details: { amount: 1, currency: "usd" } }), "payment_method.card.bank_card.number"],
    [() => sg.initPayout({ payment_method: { ...iban, bank_account: { system_type: "global", global: { iban: "GB00WEST12345698765432" } } }, amount_details: { amount: 1, currency: "usd" } }), "payment_method.bank_account.global.iban"],
    [() => sg.createPublicToken({ acquiring_widget: { session_id: "ps_1", locale: "en-US" } }), "acquiring_widget.locale"],
    [() => sg.tokenInfo({ type: "public_token" }), "public_token"],
    [() => sg.confirm("ps_1", { submerchant: "bad\nvalue" }), "opts.submerchant"],
  ]) {
    await assert.rejects(call(), (e) => {
      assert.ok(e instanceof SmartGlocalError);
      assert.equal(e.code, "invalid_params", e.message);
      assert.equal(e.field, field);
      assert.doesNotMatch(e.message, /4444444444444441|GB00/);
      return true;
    });
  }
  assert.equal(s.requests.length, 5);
});

test("a faster-payments transfer may use return_url dummy:/url", async () => {
  const s = await api(() => ({ body: okSession() }));
  const sg = new SmartGlocal({ project: "p", signingKey: KEY, baseUrl: s.url });
  await sg.createSession({ payment_options: { return_url: "dummy:/url" } });
  assert.equal(JSON.parse(s.requests[0].body).payment_options.return_url, "dummy:/url");
  await assert.rejects(sg.createSession({ payment_options: { return_url: "dummy:/other" } }), (e) => e.field === "payment_options.return_url");
});

test("views and operations of the live shapes", () => {
  const payout = { type: "payment_finished", session: { id: "ps_1", status: "accepted",
    payments: [{ id: "po_1313", status: "succeeded", payment_method: { type: "card", card: { last4: "4242", brand: "visa", bin: "444600" } },
      amount_details: { amount: 10000, currency: "usd" }, transaction_info: { rrn: "425307614918", auth_code: "057441" } }] } };
  assert.equal(operation(payout).id, "po_1313");
  const v = paymentView(payout);
  assert.deepEqual([v.kind, v.state, v.final, v.card.last4], ["payout", "succeeded", true, "4242"]);
  const refunded = { id: "ps_2", status: "accepted", acquiring_payments: [{ id: "pm_1", status: "succeeded", amount_details: { amount: 1000, currency: "usd" },
    refunds: [{ id: "rf_1", status: "accepted", amount_details: { amount: 400, currency: "usd" } }, { id: "rf_2", status: "accepted", is_chargeback: true, amount_details: { amount: 100, currency: "usd" } }] }] };
  assert.equal(operation(refunded).id, "pm_1");
  const r = paymentView(refunded);
  assert.deepEqual([r.state, r.final, r.refunded_amount, r.chargeback], ["partially_refunded", true, 500, true]);
  const checking = { id: "ps_3", status: "error", acquiring_payments: [{ id: "pm_2", status: "failed",
    error: { code: "processing_error", description: "checking", reject_reasons: [{ rule_alias: "secret-rule" }] } }] };
  const n = paymentView(checking);
  assert.deepEqual([n.state, n.final, n.failure.code], ["needs_attention", false, "processing_error"]);
  assert.doesNotMatch(JSON.stringify(n), /secret-rule|reject_reasons/);
  assert.equal(operation({ id: "ps_4", status: "created" }), null);
});

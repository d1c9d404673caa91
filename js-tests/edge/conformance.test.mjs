// The live reference's own request examples (tests/fixtures/live, each with
// its page in that folder's README) through the installed package: each is
// accepted unchanged by `prepare` and sent as the same JSON value to its
// documented path; the calls with bodies of their own (recurrent tokens,
// refund metadata) send the documented shape and resolve with the
// documented member.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { SmartGlocal, paymentView as paymentViewOf } from "smart-glocal-edge";
import { startFakeApi, okSession, KEY } from "./fake-api.mjs";

const fixture = (name) => readFileSync(new URL(`./live-fixtures/${name}.json`, import.meta.url), "utf8");
const sg = new SmartGlocal({ project: "p", signingKey: KEY });

// Which example goes with which call: one list for the native, package and
// sandbox suites.
const MANIFEST = JSON.parse(fixture("examples"));
// The client's method for each endpoint, given the example's params.
const CALLS = {
  "session/create": (c, p) => c.createSession(p),
  "session/init/payment": (c, p) => c.initPayment(p),
  "session/confirm": (c, p) => c.confirm(p.session_id),
  "session/cancel": (c, p) => c.cancel(p.session_id),
  "session/status": (c, p) => c.status(p.session_id),
  "recurrent/disable": (c, p) => c.recurrentDisable(p.recurrent.token),
  token: (c, p) => c.createPublicToken(p),
  "token/info": (c, p) => c.tokenInfo(p),
  "wallet/balance": (c, p) => c.walletBalance(p),
};

test("every request example of the live pages is prepared unchanged, for its documented path", async () => {
  assert.ok(MANIFEST.requests.length >= 27);
  for (const [name, endpoint] of MANIFEST.requests) {
    const example = JSON.parse(fixture(name));
    const prepared = await sg.prepare(endpoint, example);
    assert.equal(prepared.url, `https://demo.smart-glocal.com/api/v1/${endpoint}`, name);
    assert.deepEqual(JSON.parse(prepared.body), example, name);
  }
});

test("every answer example is read by the call that receives it; sessions give a view", async () => {
  let sessions = 0;
  for (const { answer, endpoint } of MANIFEST.answers) {
    const body = JSON.parse(fixture(answer));
    const api = await startFakeApi(() => ({ body }));
    try {
      const client = new SmartGlocal({ project: "p", signingKey: KEY, baseUrl: api.url });
      const params = JSON.parse(fixture(MANIFEST.requests.find(([, e]) => e === endpoint)[0]));
      const call = CALLS[endpoint](client, params);
      if (body.status === "error") {
        await assert.rejects(call, (e) => e.code === "api_error" && e.api_code === body.error.code, answer);
        continue;
      }
      const got = await call;
      if (body.session) {
        assert.deepEqual(got, body.session, answer);
        const view = paymentViewOf(got);
        assert.equal(view.session_id, body.session.id, answer);
        const op = (body.session.acquiring_payments ?? body.session.payments ?? [])[0];
        assert.equal(view.amount, op?.amount_details.amount ?? null, answer);
        sessions += 1;
      } else {
        const member = Object.keys(body).find((k) => k !== "status");
        assert.deepEqual(got, ["recurrent"].includes(member) ? body[member] : body, answer);
      }
    } finally {
      await api.close();
    }
  }
  assert.equal(sessions, 5);
});

test("verifyFpsCustomer sends the documented body to fps/customer_verification", async () => {
  const api = await startFakeApi(() => ({ body: okSession({ status: "accepted" }) }));
  try {
    const client = new SmartGlocal({ project: "p", signingKey: KEY, baseUrl: api.url });
    const example = JSON.parse(fixture("fps-verification-request"));
    const session = await client.verifyFpsCustomer(example, { idempotencyKey: "verify-1" });
    assert.equal(session.status, "accepted");
    assert.equal(api.requests[0].path, "/api/v1/fps/customer_verification");
    assert.deepEqual(JSON.parse(api.requests[0].body), example);
    assert.equal(api.requests[0].headers["x-partner-idempotency-key"], "verify-1");
    const bad = structuredClone(example);
    bad.payment_method.bank_account.faster_payment_system_verification.phone = "12345";
    await assert.rejects(client.verifyFpsCustomer(bad), (e) => e.field === "payment_method.bank_account.faster_payment_system_verification.phone" && !e.message.includes("12345"));
  } finally {
    await api.close();
  }
});

test("recurrent tokens are sent as {recurrent: {token}} and answer the recurrent member", async () => {
  const answer = JSON.parse(fixture("recurrent-disable-response"));
  const api = await startFakeApi(() => ({ body: answer }));
  try {
    const client = new SmartGlocal({ project: "p", signingKey: KEY, baseUrl: api.url });
    const token = answer.recurrent.token;
    const disabled = await client.recurrentDisable(token);
    assert.deepEqual(disabled, answer.recurrent);
    await client.recurrentStatus(token);
    assert.deepEqual(api.requests.map((r) => [r.path, JSON.parse(r.body)]), [
      ["/api/v1/recurrent/disable", { recurrent: { token } }],
      ["/api/v1/recurrent/status", { recurrent: { token } }],
    ]);
  } finally {
    await api.close();
  }
});

test("a refund carries metadata; a capture refuses it", async () => {
  const api = await startFakeApi(() => ({ body: okSession() }));
  try {
    const client = new SmartGlocal({ project: "p", signingKey: KEY, baseUrl: api.url });
    await client.refund("ps_3230", { amount: 500, currency: "usd" }, { metadata: { reason: "returned" }, idempotencyKey: "refund-1" });
    await client.refund("ps_3230", null, { metadata: "good" });
    const [first, second] = api.requests;
    assert.deepEqual(JSON.parse(first.body), { session_id: "ps_3230", amount_details: { amount: 500, currency: "usd" }, metadata: { reason: "returned" } });
    assert.equal(first.headers["x-partner-idempotency-key"], "refund-1");
    assert.deepEqual(JSON.parse(second.body), { session_id: "ps_3230", metadata: "good" });
    await assert.rejects(sg.prepare("session/capture", { session_id: "ps_1", metadata: {} }), (e) => e.code === "invalid_params" && e.field === "params");
  } finally {
    await api.close();
  }
});

test("payout numbers are checked by their public rules, named by field and never quoted", async () => {
  const ru = JSON.parse(fixture("payout-russia-request"));
  const cases = [
    ["bik", "04452597", "payment_method.bank_account.ru.bik"],
    ["account", "4081781010000027041", "payment_method.bank_account.ru.account"],
    ["inn", "12345", "payment_method.bank_account.ru.inn"],
  ];
  for (const [key, value, field] of cases) {
    const bad = structuredClone(ru);
    bad.payment_method.bank_account.ru[key] = value;
    await assert.rejects(sg.prepare("session/init/payout", bad), (e) => e.code === "invalid_params" && e.field === field && !e.message.includes(value));
  }
  const fps = JSON.parse(fixture("payout-fps-request"));
  fps.amount_details.currency = "usd";
  await assert.rejects(sg.prepare("session/init/payout", fps), (e) => e.field === "amount_details.currency");
});

test("a Faster Payments payment waiting in the bank app is an interaction in the view, never a redirect", async () => {
  const event = {
    type: "action_required",
    session: { id: "ps_269223600", status: "in_progress", acquiring_payments: [{ id: "pm_1", status: "pending",
      payment_details: { type: "faster_payment_system" }, amount_details: { amount: 5000, currency: "rub" },
      customer_interaction: { type: "inform", inform: { qr: { content: "https://qr.nspk.ru/AS1000670LSS7DN18SJQDNP4B05KLJL2" } } } }] },
  };
  const body = JSON.stringify(event);
  const { hmac } = await import("./fake-api.mjs");
  const verified = await sg.verifyWebhook(body, hmac(body));
  for (const view of [paymentViewOf(verified), paymentViewOf(event)]) {
    assert.equal(view.state, "action_required");
    assert.equal(view.redirect, null);
    assert.deepEqual(view.interaction, { type: "qr", content: "https://qr.nspk.ru/AS1000670LSS7DN18SJQDNP4B05KLJL2" });
  }
  event.session.acquiring_payments[0].customer_interaction.inform.qr.content = "javascript:alert(1)";
  assert.equal(paymentViewOf(event).interaction, null);
});

test("apiVersion 2 sends to /api/v2/ with the v2 names; answers in v2 names are read", async () => {
  const api = await startFakeApi(() => ({ body: { status: "ok", session: { id: "ps_1", status: "in_progress",
    payout_list: [{ id: "po_1", status: "pending", amount_details: { amount: 10000, currency: "rub" } }] } } }));
  try {
    const v2 = new SmartGlocal({ project: "p", signingKey: KEY, baseUrl: api.url, apiVersion: 2 });
    const payout = JSON.parse(fixture("payout-fps-request"));
    const { payment_method, ...rest } = payout;
    const session = await v2.initPayout({ ...rest, payout_details: payment_method });
    assert.equal(api.requests[0].path, "/api/v2/session/init/payout");
    assert.deepEqual(JSON.parse(api.requests[0].body).payout_details, payment_method);
    assert.equal(paymentViewOf(session).kind, "payout");
    await assert.rejects(v2.initPayout(payout), (e) => e.code === "invalid_params" && e.field === "params");
    assert.throws(() => new SmartGlocal({ project: "p", signingKey: KEY, apiVersion: 3 }), (e) => e.field === "apiVersion");
  } finally {
    await api.close();
  }
});

test("passUnknownFields sends a field the SDK does not know yet, still checking the known ones", async () => {
  const params = { session_id: "ps_3230", amount_details: { amount: 100, currency: "usd" }, reason_code: "R1" };
  await assert.rejects(sg.prepare("session/refund", params), (e) => e.code === "invalid_params" && e.field === "params");
  const sent = await sg.prepare("session/refund", params, { passUnknownFields: true });
  assert.deepEqual(JSON.parse(sent.body), params);
  await assert.rejects(sg.prepare("session/refund", { ...params, amount_details: { amount: -1, currency: "usd" } }, { passUnknownFields: true }),
    (e) => e.field === "amount_details.amount");
  await assert.rejects(sg.prepare("session/refund", params, { passUnknownFields: "yes" }), (e) => e.field === "opts.passUnknownFields");
});

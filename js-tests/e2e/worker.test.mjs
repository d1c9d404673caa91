// The reference worker (wrangler dev) against a loopback fake API that the
// test scripts: repeated and concurrent deliveries, forged signatures, the
// amount check, webhooks before the checkout answer, actions retried from
// the alarm with one idempotency key, and reconciliation without webhooks.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { prepare, startWorker, workerSecrets } from "../../scripts/demo-lib.mjs";
import { startFakeApi, hmac } from "../edge/fake-api.mjs";
import { CARD, customer, until } from "./helpers.mjs";

const session = (id, status, paymentStatus, { amount = 15000, orderId, nextAction } = {}) => ({
  id, status, created_at: "2024-05-27T02:03:00.000000Z", updated_at: "2024-05-27T02:03:00.000000Z",
  ...(nextAction ? { next_action: nextAction } : {}),
  acquiring_payments: [{ id: `pm_${id}`, status: paymentStatus, amount_details: { amount, currency: "usd" },
    payment_details: { type: "card", card: { brand: "visa", last4: "4242" } }, metadata: { order_id: orderId } }],
});

// The fake API: sessions it created, by id; how many confirms of a session fail.
const sessions = new Map();
const failingConfirms = new Map();
let api, worker, holdInit = null;
const logs = [];
before(async () => {
  let n = 0;
  api = await startFakeApi(async (req) => {
    const path = req.path.replace("/api/v1/", "");
    const body = JSON.parse(req.body);
    if (path === "session/init/payment") {
      if (holdInit) await holdInit;
      // Like the live service, the answer does not ask for confirmation; ready_to_confirm (or session/status) does.
      const s = session(`ps_w${++n}`, "in_progress", "pending", { amount: body.amount_details.amount, orderId: body.metadata.order_id });
      sessions.set(s.id, s);
      return { body: { status: "ok", session: s } };
    }
    const failing = path === "session/confirm" ? failingConfirms.get(body.session_id) ?? 0 : 0;
    if (failing > 0) {
      failingConfirms.set(body.session_id, failing - 1);
      return { status: 503, body: "unavailable" };
    }
    const s = sessions.get(body.session_id);
    if (!s) return { status: 404, body: { status: "error", error: { code: "session_not_found", description: "no" } } };
    const orderId = s.acquiring_payments[0].metadata.order_id;
    const amount = s.acquiring_payments[0].amount_details.amount;
    if (path === "session/status") {
      const waiting = s.status === "in_progress";
      return { body: { status: "ok", session: waiting ? { ...s, next_action: "confirm" } : s } };
    }
    const next = path === "session/cancel"
      ? session(s.id, "cancelled", "pending", { amount, orderId })
      : session(s.id, "accepted", "succeeded", { amount, orderId });
    sessions.set(s.id, next);
    return { body: { status: "ok", session: next } };
  });
  worker = await startWorker({ port: 18790, baseUrl: api.url, secrets: workerSecrets(), vars: { SG_RECONCILE_SECONDS: "2", SG_TIMEOUT_MS: "2000" },
    paths: prepare(), log: (l) => logs.push(l) });
});
after(async () => {
  await worker?.stop();
  await api?.close();
  if (process.env.E2E_LOG) console.log(logs.join("\n"));
});

const shopper = () => customer(worker);

async function checkout(call) {
  const res = await call("/api/checkout", { method: "POST", body: { product_id: "beans-1kg", mode: "card", card: CARD("4242424242424242") } });
  assert.equal(res.status, 200, JSON.stringify(res.json));
  const id = [...sessions.values()].find((s) => s.acquiring_payments[0].metadata.order_id === res.json.order_id).id;
  return { order: res.json.order_id, id };
}

async function deliver(body, signature = hmac(body)) {
  const started = performance.now();
  const res = await fetch(`${worker.url}/webhooks/smart-glocal`, { method: "POST", headers: { "x-partner-sign": signature }, body });
  return { status: res.status, ms: performance.now() - started };
}

const calls = (path, id) => api.requests.filter((r) => r.path === `/api/v1/${path}` && JSON.parse(r.body).session_id === id);
const view = async (call, order) => (await call(`/api/orders/${order}`)).json;

test("the same webhook delivered 5 times at once changes state once", async () => {
  const call = shopper();
  const { order, id } = await checkout(call);
  const body = JSON.stringify({ type: "ready_to_confirm", session: session(id, "in_progress", "pending", { orderId: order }) });
  const results = await Promise.all(Array.from({ length: 5 }, () => deliver(body)));
  assert.deepEqual(results.map((r) => r.status), [200, 200, 200, 200, 200]);
  await until(() => calls("session/confirm", id).length >= 1, "a confirm");
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(calls("session/confirm", id).length, 1, "confirmed once");
  assert.equal(logs.filter((l) => l.includes(`webhook ${id} ready_to_confirm applied`)).length, 1);
  assert.equal(logs.filter((l) => l.includes(`webhook ${id} ready_to_confirm repeat`)).length, 4);
  console.log(`webhook answer times (ms, 5 concurrent): ${results.map((r) => r.ms.toFixed(1)).join(", ")}`);
  await until(async () => (await view(call, order)).state === "succeeded", "succeeded");
});

test("a webhook with a bad signature gets 401 and changes nothing", async () => {
  const call = shopper();
  holdInit = null;
  const { order, id } = await checkout(call);
  const before = api.requests.length;
  const body = JSON.stringify({ type: "payment_finished", session: session(id, "accepted", "succeeded", { orderId: order }) });
  for (const sig of [hmac(body, "wrong-key"), hmac(body).slice(0, 63), undefined]) {
    const res = await fetch(`${worker.url}/webhooks/smart-glocal`, { method: "POST", headers: sig ? { "x-partner-sign": sig } : {}, body });
    assert.equal(res.status, 401);
  }
  assert.equal(api.requests.length, before, "no API call");
  assert.notEqual((await view(call, order)).state, "succeeded");
});

test("a mismatched amount at ready_to_confirm is cancelled", async () => {
  const call = shopper();
  const { order, id } = await checkout(call);
  const body = JSON.stringify({ type: "ready_to_confirm", session: session(id, "in_progress", "pending", { amount: 1, orderId: order }) });
  assert.equal((await deliver(body)).status, 200);
  await until(() => calls("session/cancel", id).length === 1, "a cancel");
  assert.equal(calls("session/confirm", id).length, 0);
  await until(async () => (await view(call, order)).state === "cancelled", "the cancelled view");
});

test("ready_to_confirm before the checkout answer is applied once", async () => {
  const call = shopper();
  let release;
  holdInit = new Promise((r) => (release = r));
  const inits = api.requests.filter((r) => r.path.endsWith("init/payment")).length;
  const pending = call("/api/checkout", { method: "POST", body: { product_id: "beans-1kg", mode: "card", card: CARD("4242424242424242") } });
  await until(() => api.requests.filter((r) => r.path.endsWith("init/payment")).length > inits, "the init call");
  // The API already knows the order id (metadata): the webhook outruns the answer.
  const initBody = JSON.parse(api.requests.filter((r) => r.path.endsWith("init/payment")).at(-1).body);
  const id = `ps_w${sessions.size + 1}`;
  const body = JSON.stringify({ type: "ready_to_confirm", session: session(id, "in_progress", "pending", { orderId: initBody.metadata.order_id }) });
  assert.equal((await deliver(body)).status, 200);
  release();
  holdInit = null;
  const res = await pending;
  assert.equal(res.status, 200);
  await until(() => calls("session/confirm", id).length === 1, "the confirm");
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(calls("session/confirm", id).length, 1);
});

test("a confirm that keeps failing is retried from the alarm with the same key until it succeeds", async () => {
  const call = shopper();
  const { order, id } = await checkout(call);
  failingConfirms.set(id, 6); // more than the client's own retries
  const body = JSON.stringify({ type: "ready_to_confirm", session: session(id, "in_progress", "pending", { orderId: order }) });
  assert.equal((await deliver(body)).status, 200);
  await until(async () => (await view(call, order)).state === "succeeded", "succeeded after the retries", 60000);
  const keys = new Set(calls("session/confirm", id).map((r) => r.headers["x-partner-idempotency-key"]));
  assert.equal(calls("session/confirm", id).length, 7);
  assert.deepEqual([...keys], [`order-${order}-confirm`], "one key for every attempt");
  assert.ok(logs.some((l) => l.includes(`order ${order}: confirm failed`)), "the alarm retried");
});

test("without webhooks the order reconciles through session/status", async () => {
  const call = shopper();
  const { order, id } = await checkout(call);
  // No webhook at all: the alarm asks session/status, sees next_action confirm, confirms.
  await until(async () => (await view(call, order)).state === "succeeded", "succeeded by reconciliation", 30000);
  assert.ok(calls("session/status", id).length >= 1);
  assert.equal(calls("session/confirm", id).length, 1);
});

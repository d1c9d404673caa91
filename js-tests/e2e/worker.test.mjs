// The reference worker in workerd against a loopback fake API: duplicate
// deliveries, bad signatures, and the amount check at ready_to_confirm.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { prepare, startWorker } from "../../scripts/demo-lib.mjs";
import { startFakeApi, hmac } from "../edge/fake-api.mjs";

const session = (id, status, paymentStatus, amount = 15000) => ({
  id, status, created_at: "2024-05-27T02:03:00.000000Z", updated_at: "2024-05-27T02:03:00.000000Z",
  acquiring_payments: [{ id: `pm_${id}`, status: paymentStatus, amount_details: { amount, currency: "usd" },
    payment_details: { type: "card", card: { brand: "visa", last4: "4242" } } }],
});

let api, worker;
const logs = [];
before(async () => {
  let n = 0;
  api = await startFakeApi((req) => {
    const path = req.path.replace("/api/v1/", "");
    if (path === "session/init/payment") return { body: { status: "ok", session: session(`ps_w${++n}`, "in_progress", "pending") } };
    const id = JSON.parse(req.body).session_id;
    const status = path === "session/cancel" ? "cancelled" : "accepted";
    return { body: { status: "ok", session: session(id, status, path === "session/cancel" ? "pending" : "succeeded") } };
  });
  worker = await startWorker({ port: 18790, baseUrl: api.url, paths: prepare(), log: (l) => logs.push(l) });
});
after(async () => {
  await worker?.mf.dispose();
  await api?.close();
});

async function checkout(amount = 15000) {
  const res = await fetch(`${worker.url}/api/checkout`, {
    method: "POST", headers: { "content-type": "application/json" },
    body: JSON.stringify({ amount, currency: "usd", card: { number: "4242424242424242", expiration_month: "12", expiration_year: "29", security_code: "123" } }),
  });
  assert.equal(res.status, 200);
  return (await res.json()).session_id;
}

async function deliver(body, signature = hmac(body)) {
  const started = performance.now();
  const res = await fetch(`${worker.url}/webhooks/smart-glocal`, { method: "POST", headers: { "x-partner-sign": signature }, body });
  return { status: res.status, ms: performance.now() - started };
}

async function eventually(check, what) {
  for (let i = 0; i < 100; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  assert.fail(what);
}

const calls = (path, id) => api.requests.filter((r) => r.path === `/api/v1/${path}` && JSON.parse(r.body).session_id === id).length;

test("the same webhook delivered 5 times at once changes state once", async () => {
  const id = await checkout();
  const body = JSON.stringify({ type: "ready_to_confirm", session: session(id, "in_progress", "pending") });
  const results = await Promise.all(Array.from({ length: 5 }, () => deliver(body)));
  assert.deepEqual(results.map((r) => r.status), [200, 200, 200, 200, 200]);
  await eventually(() => calls("session/confirm", id) >= 1, "a confirm");
  await new Promise((r) => setTimeout(r, 200));
  assert.equal(calls("session/confirm", id), 1, "confirmed once");
  assert.equal(logs.filter((l) => l.includes(`webhook ${id} ready_to_confirm applied`)).length, 1);
  assert.equal(logs.filter((l) => l.includes(`webhook ${id} ready_to_confirm duplicate`)).length, 4);
  const times = results.map((r) => r.ms.toFixed(1));
  console.log(`webhook answer times (ms, 5 concurrent): ${times.join(", ")} (target < 50)`);
  const single = await deliver(JSON.stringify({ type: "payment_finished", session: session(id, "accepted", "succeeded") }));
  console.log(`webhook answer time (ms, alone): ${single.ms.toFixed(1)}`);
  const view = await (await fetch(`${worker.url}/api/payments/${id}`)).json();
  assert.equal(view.state, "succeeded");
});

test("a webhook with a bad signature gets 401 and changes nothing", async () => {
  const id = await checkout();
  const before = await (await fetch(`${worker.url}/api/payments/${id}`)).json();
  const callsBefore = api.requests.length;
  const body = JSON.stringify({ type: "payment_finished", session: session(id, "accepted", "succeeded") });
  for (const sig of [hmac(body, "wrong-key"), hmac(body).slice(0, 63), undefined]) {
    const res = await fetch(`${worker.url}/webhooks/smart-glocal`, { method: "POST", headers: sig ? { "x-partner-sign": sig } : {}, body });
    assert.equal(res.status, 401);
  }
  assert.deepEqual(await (await fetch(`${worker.url}/api/payments/${id}`)).json(), before);
  assert.equal(before.state, "processing");
  assert.equal(api.requests.length, callsBefore, "no API call");
  assert.equal((await fetch(`${worker.url}/api/payments/ps_unknown`)).status, 404);
});

test("a mismatched amount at ready_to_confirm is cancelled", async () => {
  const id = await checkout(15000);
  const body = JSON.stringify({ type: "ready_to_confirm", session: session(id, "in_progress", "pending", 1) });
  assert.equal((await deliver(body)).status, 200);
  await eventually(() => calls("session/cancel", id) === 1, "a cancel");
  assert.equal(calls("session/confirm", id), 0);
  await eventually(async () => (await (await fetch(`${worker.url}/api/payments/${id}`)).json()).state === "cancelled", "the cancelled view");
});

test("ready_to_confirm before the checkout answer is applied when the order arrives", async () => {
  // Deliver for the next session id before its checkout answer is stored.
  const next = `ps_w${api.requests.filter((r) => r.path.endsWith("init/payment")).length + 1}`;
  const body = JSON.stringify({ type: "ready_to_confirm", session: session(next, "in_progress", "pending") });
  assert.equal((await deliver(body)).status, 200);
  assert.equal(calls("session/confirm", next), 0, "no order yet: wait");
  assert.equal(await checkout(), next);
  await eventually(() => calls("session/confirm", next) === 1, "the confirm once the order is known");
});

// The reference worker against a stranger, over plain HTTP (sandbox +
// worker under wrangler dev): no route lets them read, pay, refund or
// reprice; cross-site state changes, oversized bodies, unknown routes and
// methods are refused.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { prepare, startDemo } from "../../scripts/demo-lib.mjs";
import { CARD, admin, customer, until } from "./helpers.mjs";

let demo;
const logs = [];
before(async () => {
  demo = await startDemo({ workerPort: 18791, sandboxPort: 14013, paths: prepare(), log: (l) => logs.push(l) });
});
after(async () => {
  await demo?.stop();
  if (process.env.E2E_LOG) console.log(logs.join("\n"));
});

async function paid(call, body) {
  const out = await call("/api/checkout", { method: "POST", body });
  assert.equal(out.status, 200, JSON.stringify(out.json));
  const view = await until(async () => {
    const v = (await call(out.json.status_url)).json;
    return v?.final ? v : null;
  }, "the order's final state");
  return { id: out.json.order_id, view };
}

const stats = async () => (await (await fetch(`${demo.sandboxUrl}/sandbox/stats`)).json()).applied;

test("a stranger can neither use nor see another customer's saved card", async () => {
  const alice = customer(demo);
  const first = await paid(alice, { product_id: "espresso-250g", mode: "card", card: CARD("4242424242424242"), save_card: true });
  assert.equal(first.view.state, "succeeded");
  const cards = await until(async () => (await alice("/api/saved-cards")).json.length ? (await alice("/api/saved-cards")).json : null, "the saved card");
  assert.deepEqual(Object.keys(cards[0]).sort(), ["brand", "id", "last4"], "no token reaches the browser");
  assert.match(cards[0].id, /^[0-9a-f]{32}$/);
  const mallory = customer(demo);
  assert.deepEqual((await mallory("/api/saved-cards")).json, []);
  const before = JSON.stringify(await stats());
  const stolen = await mallory("/api/checkout", { method: "POST", body: { product_id: "grinder", saved_card_id: cards[0].id } });
  assert.equal(stolen.status, 404);
  assert.equal(JSON.stringify(await stats()), before, "nothing reached the API");
  // The old route that took a session id is gone.
  assert.equal((await mallory("/api/checkout", { method: "POST", body: { product_id: "grinder", token: "ps_3231" } })).status, 400);
});

test("a stranger cannot read an order, even with its id; a forged cookie is a new customer", async () => {
  const alice = customer(demo);
  const order = await paid(alice, { product_id: "espresso-250g", mode: "card", card: CARD("4242424242424242") });
  assert.equal((await alice(`/api/orders/${order.id}`)).status, 200);
  const mallory = customer(demo);
  for (const path of [`/api/orders/${order.id}`, "/api/orders/ps_3231", "/api/payments/ps_3231", `/api/admin/orders/${order.id}`]) {
    const res = await mallory(path);
    assert.ok([401, 404].includes(res.status), `${path}: ${res.status}`);
  }
  const forged = await fetch(`${demo.url}/api/orders/${order.id}`, { headers: { cookie: `sg_customer=${"0".repeat(32)}.${"0".repeat(64)}` } });
  assert.equal(forged.status, 404);
  assert.match(forged.headers.get("set-cookie"), /^sg_customer=[0-9a-f]{32}\.[0-9a-f]{64}; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Lax$/);
  const view = (await alice(`/api/orders/${order.id}`)).json;
  assert.equal(view.session_id, order.id, "the browser never learns the session id");
  assert.doesNotMatch(JSON.stringify(view), /ps_\d+/);
});

test("prices come from the catalogue: amounts, unknown products and quantities are refused", async () => {
  const mallory = customer(demo);
  for (const body of [
    { product_id: "beans-1kg", amount: 1 },
    { amount: 1, currency: "usd", card: CARD("4242424242424242") },
    { product_id: "beans-1kg", currency: "jpy" },
    { product_id: "free-coffee" },
    { product_id: "beans-1kg", quantity: 0 },
    { product_id: "beans-1kg", quantity: 1.5 },
    { product_id: "beans-1kg", quantity: 11 },
    { product_id: "beans-1kg", mode: "card" },
    { product_id: "beans-1kg", mode: "cash" },
    { product_id: "beans-1kg", discount: 99 },
  ]) {
    const res = await mallory("/api/checkout", { method: "POST", body });
    assert.equal(res.status, 400, JSON.stringify(body));
    assert.equal(res.json.error, "invalid_params");
  }
  // What is charged is the catalogue's price times the quantity.
  const order = await paid(mallory, { product_id: "espresso-250g", quantity: 3, mode: "card", card: CARD("4242424242424242") });
  assert.equal(order.view.amount, 3 * 1890);
});

test("refunds are the merchant's: no token, a wrong token or another site is refused", async () => {
  const alice = customer(demo);
  const order = await paid(alice, { product_id: "beans-1kg", mode: "card", card: CARD("4242424242424242") });
  const path = `/api/orders/${order.id}/refund`;
  assert.equal((await alice(path, { method: "POST", body: {} })).status, 401);
  assert.equal((await alice(path, { method: "POST", body: {}, headers: { authorization: "Bearer wrong-token-of-some-length" } })).status, 401);
  const asAdmin = admin(demo);
  const crossSite = await asAdmin(path, { method: "POST", body: {}, headers: { origin: "https://evil.test" } });
  assert.equal(crossSite.status, 403);
  assert.equal((await asAdmin(path, { method: "POST", body: { amount: 15001 } })).status, 409);
  const part = await asAdmin(path, { method: "POST", body: { amount: 4000 } });
  assert.equal(part.status, 200, JSON.stringify(part.json));
  const rest = await asAdmin(path, { method: "POST", body: {} });
  assert.equal(rest.status, 200);
  assert.equal(rest.json.amount, 11000);
  assert.equal((await asAdmin(path, { method: "POST", body: {} })).status, 409, "nothing left");
  const view = await until(async () => {
    const v = (await alice(`/api/orders/${order.id}`)).json;
    return v.state === "refunded" ? v : null;
  }, "refunded");
  assert.equal(view.refunded_amount, 15000);
  const sessionId = (await asAdmin(`/api/admin/orders/${order.id}`)).json.session_id;
  assert.deepEqual((await stats())[sessionId].refunds, [4000, 11000]);
});

test("cross-site state changes, oversized bodies, unknown routes and methods", async () => {
  const c = customer(demo);
  const ok = { product_id: "beans-1kg", mode: "card", card: CARD("4242424242424242") };
  assert.equal((await c("/api/checkout", { method: "POST", body: ok, headers: { origin: "https://evil.test" } })).status, 403);
  assert.equal((await c("/api/checkout", { method: "POST", body: ok, headers: { origin: "null" } })).status, 403);
  assert.equal((await c("/api/checkout", { method: "POST", body: JSON.stringify(ok), headers: { "content-type": "text/plain" } })).status, 415);
  assert.equal((await c("/api/checkout", { method: "POST", body: { ...ok, pad: "x".repeat(17 * 1024) } })).status, 413);
  const bigHook = await fetch(`${demo.url}/webhooks/smart-glocal`, { method: "POST", body: "x".repeat(2 << 20), headers: { "x-partner-sign": "0".repeat(64) } });
  assert.equal(bigHook.status, 413);
  assert.equal((await c("/api/nothing")).status, 404);
  const wrong = await c("/api/checkout", { method: "DELETE" });
  assert.equal(wrong.status, 405);
  assert.equal(wrong.headers.get("allow"), "POST");
  assert.equal((await c("/index.html", { method: "PUT", body: "{}" })).status, 405);
  // Webhooks: unsigned or signed with another key.
  const body = JSON.stringify({ type: "ready_to_confirm", session: { id: "ps_1", status: "in_progress" } });
  assert.equal((await fetch(`${demo.url}/webhooks/smart-glocal`, { method: "POST", body })).status, 401);
  const forged = createHmac("sha256", "not-the-key").update(body).digest("hex");
  assert.equal((await fetch(`${demo.url}/webhooks/smart-glocal`, { method: "POST", body, headers: { "x-partner-sign": forged } })).status, 401);
});

test("the 3-D Secure return accepts the ACS's cross-site POST and only redirects home", async () => {
  const res = await fetch(`${demo.url}/return?order=${"a".repeat(32)}`, {
    method: "POST", redirect: "manual", body: "PaRes=x&MD=y",
    headers: { origin: "http://acs.bank.test", "content-type": "application/x-www-form-urlencoded" },
  });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get("location"), `/status.html?order=${"a".repeat(32)}&PaRes=x&MD=y`);
  const evil = await fetch(`${demo.url}/return?order=https://evil.test`, { redirect: "manual" });
  assert.match(evil.headers.get("location"), /^\/status\.html/);
});

test("a customer removes a saved card (its token disabled at the API); a stranger cannot", async () => {
  const alice = customer(demo);
  const first = await paid(alice, { product_id: "espresso-250g", mode: "card", card: CARD("4242424242424242"), save_card: true });
  assert.equal(first.view.state, "succeeded");
  const cards = await until(async () => ((await alice("/api/saved-cards")).json.length ? (await alice("/api/saved-cards")).json : null), "the saved card");
  const id = cards[0].id;
  const mallory = customer(demo);
  const stranger = await mallory(`/api/saved-cards/${id}`, { method: "DELETE" });
  assert.equal(stranger.status, 404, `not the stranger's card: ${JSON.stringify(stranger.json)}`);
  assert.equal((await alice(`/api/saved-cards/${id}`, { method: "DELETE", headers: { origin: "http://evil.test" } })).status, 403, "no cross-site removal");
  assert.equal((await alice("/api/saved-cards")).json.length, cards.length, "still there");
  const before = logs.length;
  assert.equal((await alice(`/api/saved-cards/${id}`, { method: "DELETE" })).status, 204);
  assert.ok(!(await alice("/api/saved-cards")).json.some((c) => c.id === id), "forgotten");
  assert.ok(logs.slice(before).some((l) => /recurrent\/disable/.test(l)), "the API disabled the token");
  assert.equal((await alice("/api/checkout", { method: "POST", body: { product_id: "grinder", saved_card_id: id } })).status, 404);
  assert.equal((await alice(`/api/saved-cards/${id}`, { method: "DELETE" })).status, 404, "once");
});

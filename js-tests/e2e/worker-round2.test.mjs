// The reference worker, second round (wrangler dev + a scripted loopback
// API): return URLs from SHOP_ORIGIN whatever the Host says, a paid order
// stays paid, a final order sends nothing more, placeholder secrets refused
// at start, no 5xx for a client's mistakes on any route, the __Host- cookie
// and duplicate cookies.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { prepare, startWorker, workerSecrets } from "../../scripts/demo-lib.mjs";
import { startFakeApi, hmac } from "../edge/fake-api.mjs";
import { CARD, customer, until } from "./helpers.mjs";

const SHOP = "https://shop.test";
const AT = "2024-05-27T02:03:00.000000Z";
const session = (id, status, paymentStatus, { amount = 15000, orderId, updatedAt = AT, refunds } = {}) => ({
  id, status, created_at: AT, ...(updatedAt ? { updated_at: updatedAt } : {}),
  acquiring_payments: [{ id: `pm_${id}`, status: paymentStatus, amount_details: { amount, currency: "usd" },
    payment_details: { type: "card", card: { brand: "visa", last4: "4242" } }, metadata: { order_id: orderId },
    ...(refunds ? { refunds } : {}) }],
});

const sessions = new Map();
let failCaptures = false;
let api, worker, paths;
const logs = [];
before(async () => {
  let n = 0;
  api = await startFakeApi(async (req) => {
    const path = req.path.replace("/api/v1/", "");
    const body = JSON.parse(req.body);
    if (path === "session/create" || path === "session/init/payment") {
      const s = session(`ps_r${++n}`, "in_progress", "pending", { amount: body.amount_details.amount, orderId: body.metadata.order_id });
      sessions.set(s.id, s);
      return { body: { status: "ok", session: s } };
    }
    if (path === "token") return { body: { status: "ok", public_token: "f".repeat(64) } };
    const s = sessions.get(body.session_id);
    if (!s) return { status: 404, body: { status: "error", error: { code: "session_not_found", description: "no" } } };
    const p = s.acquiring_payments[0];
    const orderId = p.metadata.order_id;
    if (path === "session/status") return { body: { status: "ok", session: s } };
    if (path === "session/capture" && failCaptures) return { status: 503, body: "unavailable" };
    if (path === "session/refund") {
      const next = session(s.id, "accepted", "succeeded", { orderId, refunds: [{ id: "rf_1", status: "accepted", amount_details: { amount: body.amount_details?.amount ?? p.amount_details.amount, currency: "usd" } }] });
      sessions.set(s.id, next);
      return { body: { status: "ok", session: next } };
    }
    const next = path === "session/cancel" ? session(s.id, "cancelled", "pending", { orderId }) : session(s.id, "accepted", "succeeded", { orderId });
    sessions.set(s.id, next);
    return { body: { status: "ok", session: next } };
  });
  paths = prepare();
  worker = await startWorker({ port: 18795, baseUrl: api.url, secrets: workerSecrets(), paths,
    vars: { SHOP_ORIGIN: SHOP, SG_RECONCILE_SECONDS: "600", SG_TIMEOUT_MS: "2000" }, log: (l) => logs.push(l) });
});
after(async () => {
  await worker?.stop();
  await api?.close();
  if (process.env.E2E_LOG) console.log(logs.join("\n"));
});

// A request with a forged Host (fetch cannot set it): raw HTTP on loopback.
function raw(path, { method = "GET", headers = {}, body = "" } = {}) {
  const { port } = new URL(worker.url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, path, method, headers: { "content-length": Buffer.byteLength(body), ...headers } }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, text: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

const deliver = (event) => {
  const body = JSON.stringify(event);
  return fetch(`${worker.url}/webhooks/smart-glocal`, { method: "POST", headers: { "x-partner-sign": hmac(body) }, body });
};
const sessionOf = (order) => [...sessions.values()].find((s) => s.acquiring_payments[0].metadata.order_id === order).id;
const calls = (path, id) => api.requests.filter((r) => r.path === `/api/v1/${path}` && JSON.parse(r.body).session_id === id);
const adminCall = (path, opts = {}) => customer(worker)(path, { ...opts, headers: { authorization: `Bearer ${worker.adminToken}`, ...opts.headers } });

async function paidOrder(call) {
  const res = await call("/api/checkout", { method: "POST", body: { product_id: "beans-1kg", mode: "card", card: CARD("4242424242424242") } });
  assert.equal(res.status, 200, JSON.stringify(res.json));
  const order = res.json.order_id;
  const id = sessionOf(order);
  await deliver({ type: "ready_to_confirm", session: sessions.get(id) });
  const view = await until(async () => ((await call(`/api/orders/${order}`)).json?.state === "succeeded" ? true : null), "the order paid");
  assert.ok(view);
  return { order, id };
}

test("return, success and failure URLs come from SHOP_ORIGIN, whatever Host and X-Forwarded-Host say", async () => {
  for (const mode of ["hosted", "card"]) {
    const before = api.requests.length;
    const body = JSON.stringify({ product_id: "beans-1kg", mode, ...(mode === "card" ? { card: CARD("4000000000003220") } : {}) });
    const res = await raw("/api/checkout", { method: "POST", body,
      headers: { host: "evil.test", "x-forwarded-host": "evil.test", "content-type": "application/json" } });
    assert.equal(res.status, 200, res.text);
    const sent = api.requests.slice(before).map((r) => r.body).join("\n");
    assert.doesNotMatch(sent, /evil\.test/, mode);
    assert.match(sent, mode === "card" ? /"return_url":"https:\/\/shop\.test\/return\?order=/ : /"success_return_url":"https:\/\/shop\.test\/status\.html\?order=/);
  }
  // A cross-site POST is judged against SHOP_ORIGIN too, not against the Host.
  const forged = await raw("/api/checkout", { method: "POST", body: "{}", headers: { host: "evil.test", origin: "http://evil.test", "content-type": "application/json" } });
  assert.equal(forged.status, 403);
});

test("a paid order stays paid: later failed snapshots, equal or later or absent timestamps, unknown types", async () => {
  const call = customer(worker);
  const { order, id } = await paidOrder(call);
  const failed = (updatedAt) => session(id, "cancelled", "failed", { orderId: order, updatedAt });
  for (const event of [
    { type: "payment_finished", session: failed(AT) },
    { type: "payment_finished", session: failed("2030-01-01T00:00:00.000000Z") },
    { type: "payment_finished", session: failed(null) },
    { type: "payment_something_new", session: failed("2031-01-01T00:00:00.000000Z") },
    { type: "ready_to_confirm", session: session(id, "in_progress", "pending", { orderId: order, updatedAt: "2032-01-01T00:00:00.000000Z" }) },
  ]) {
    assert.equal((await deliver(event)).status, 200);
    assert.equal((await call(`/api/orders/${order}`)).json.state, "succeeded", JSON.stringify(event));
  }
  await new Promise((r) => setTimeout(r, 1500)); // the alarm had its chance
  assert.equal(calls("session/cancel", id).length, 0, "no cancel");
  assert.equal(calls("session/confirm", id).length, 1, "one confirm, before the end");
  const refund = await adminCall(`/api/orders/${order}/refund`, { method: "POST", body: {} });
  assert.equal(refund.status, 200, JSON.stringify(refund.json));
  assert.equal(refund.json.order.state, "refunded");
  // Refunded stays refunded: a snapshot with less refunded is ignored.
  await deliver({ type: "payment_finished", session: session(id, "accepted", "succeeded", { orderId: order, updatedAt: "2033-01-01T00:00:00.000000Z" }) });
  assert.equal((await call(`/api/orders/${order}`)).json.state, "refunded");
});

test("a final order never triggers confirm, capture or cancel", async () => {
  const call = customer(worker);
  const res = await call("/api/checkout", { method: "POST", body: { product_id: "beans-1kg", mode: "card", card: CARD("4242424242424242") } });
  const order = res.json.order_id;
  const id = sessionOf(order);
  await deliver({ type: "payment_finished", session: session(id, "cancelled", "failed", { orderId: order }) });
  await until(async () => ((await call(`/api/orders/${order}`)).json?.state === "failed" ? true : null), "the order failed");
  for (const type of ["ready_to_confirm", "ready_to_capture"]) {
    await deliver({ type, session: session(id, "in_progress", "pending", { orderId: order, updatedAt: "2030-01-01T00:00:00.000000Z" }) });
  }
  await new Promise((r) => setTimeout(r, 1500));
  for (const path of ["session/confirm", "session/capture", "session/cancel"]) assert.equal(calls(path, id).length, 0, path);
  assert.equal((await call(`/api/orders/${order}`)).json.state, "failed");
});

test("client mistakes are 4xx on every route, never 5xx", async () => {
  const call = customer(worker);
  await call("/api/catalog");
  const paths = ["/api/catalog", "/api/checkout", "/api/orders/%ZZ", "/api/orders/%E0%A4%A", "/api/orders/" + "a".repeat(5000),
    "/api/orders/0123/refund", "/api/orders/%ZZ/refund", "/api/saved-cards", "/api/saved-cards/%ZZ", "/api/saved-cards/" + "f".repeat(32),
    "/api/admin/orders", "/api/admin/orders/%ZZ", "/api/admin/orders?group=open&before=%ZZ",
    "/api/admin/payouts", "/api/payouts", "/api/payouts/%ZZ", "/webhooks/smart-glocal", "/return", "/api/", "/api//orders",
    "/api/nothing", "/%ZZ"];
  const methods = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"];
  const seen = [];
  for (const path of paths) {
    for (const method of methods) {
      const res = await call(path, { method, raw: true, body: ["POST", "PUT", "PATCH"].includes(method) ? "{}" : undefined });
      await res.arrayBuffer();
      seen.push(`${method} ${path.slice(0, 40)} ${res.status}`);
      assert.ok(res.status < 500, `${method} ${path}: ${res.status}`);
    }
  }
  assert.equal(seen.length, paths.length * methods.length);
  // The 3-D Secure return: too big, or not a form.
  const big = "PaRes=" + "a".repeat(70 * 1024);
  assert.equal((await raw("/return", { method: "POST", body: big, headers: { "content-type": "application/x-www-form-urlencoded" } })).status, 413);
  for (const type of ["application/json", "text/plain", "multipart/form-data; boundary=x", undefined]) {
    const res = await raw("/return", { method: "POST", body: '{"MD":"x"}', headers: type ? { "content-type": type } : {} });
    assert.equal(res.status, 415, `${type}: ${res.status}`);
  }
  assert.ok(!logs.some((l) => /failed: /.test(l) && /worker: (GET|POST|HEAD|PUT|DELETE|PATCH|OPTIONS) /.test(l)), "no internal failure was logged");
});

test("on https the customer cookie is __Host-; two cookies of its name are refused", async () => {
  const res = await fetch(`${worker.url}/api/catalog`);
  const set = res.headers.get("set-cookie") ?? "";
  assert.match(set, /^__Host-sg_customer=[0-9a-f]{32}\.[0-9a-f]{64}; Path=\/; /);
  assert.match(set, /; Secure/);
  assert.match(set, /; HttpOnly/);
  assert.doesNotMatch(set, /Domain=/i);
  const cookie = set.split(";")[0];
  assert.equal((await fetch(`${worker.url}/api/saved-cards`, { headers: { cookie } })).status, 200);
  const planted = `__Host-sg_customer=${"0".repeat(32)}.${"0".repeat(64)}`;
  const twice = await fetch(`${worker.url}/api/saved-cards`, { headers: { cookie: `${planted}; ${cookie}` } });
  assert.equal(twice.status, 400);
  assert.equal((await twice.json()).error, "duplicate_cookie");
});

test("placeholder, repeated and guessable secrets, or no SHOP_ORIGIN: every route is 500 misconfigured, the log names the variable", async () => {
  const bad = { ...workerSecrets(), SG_COOKIE_SECRET: " ".repeat(40), SG_ADMIN_TOKEN: "replace-with-a-long-random-token" };
  const own = [];
  const w = await startWorker({ port: 18796, baseUrl: "https://demo.smart-glocal.com", secrets: { ...bad, SG_SIGNING_KEY: "demo-secret" }, paths,
    vars: { SHOP_ORIGIN: "" }, log: (l) => own.push(l), misconfigured: true });
  try {
    for (const [path, init] of [["/api/catalog", {}], ["/api/admin/orders", { headers: { authorization: "Bearer replace-with-a-long-random-token" } }],
      ["/webhooks/smart-glocal", { method: "POST", body: "{}", headers: { "x-partner-sign": hmac("{}") } }]]) {
      const res = await fetch(`${w.url}${path}`, init);
      assert.equal(res.status, 500, path);
      assert.deepEqual(await res.json(), { error: "misconfigured" });
    }
    const line = await until(async () => own.find((l) => /refusing to serve/.test(l)), "the log line", 5000).catch(() => own.join("\n"));
    for (const name of ["SHOP_ORIGIN", "SG_COOKIE_SECRET", "SG_ADMIN_TOKEN", "SG_SIGNING_KEY"]) assert.match(line, new RegExp(name));
    assert.doesNotMatch(line, /replace-with|demo-secret/, "values are never logged");
  } finally {
    await w.stop();
  }
});

test("a stranger cannot flush paid orders out of the merchant's list: 120 checkouts later it is still there", async () => {
  const { order } = await paidOrder(customer(worker));
  const strangers = Array.from({ length: 12 }, () => customer(worker));
  for (let i = 0; i < 120; i++) {
    const res = await strangers[i % strangers.length]("/api/checkout", { method: "POST", body: { product_id: "beans-1kg" } });
    assert.equal(res.status, 200, JSON.stringify(res.json));
  }
  const list = (await adminCall("/api/admin/orders")).json;
  assert.ok(list.paid.some((o) => o.id === order), "the paid order is listed");
  assert.equal(list.open.length, 50);
  assert.ok(list.next.open, "more open orders on the next page");
  // Paging by time: every open order once, newest first.
  const seen = [];
  let before = null;
  for (let i = 0; i < 10; i++) {
    const page = (await adminCall(`/api/admin/orders?group=open${before ? `&before=${before}` : ""}`)).json;
    seen.push(...page.orders.map((o) => o.id));
    if (!page.next) break;
    before = page.next;
  }
  assert.ok(seen.length >= 120, `${seen.length} open orders paged`);
  assert.equal(new Set(seen).size, seen.length, "no order twice");
  assert.equal((await adminCall("/api/admin/orders?group=nope")).status, 400);
  // A cursor that is not one of ours is no cursor: the first page.
  for (const before of ["garbage", "9".repeat(15) + ":" + "z".repeat(32), "%00"]) {
    const page = await adminCall(`/api/admin/orders?group=open&before=${before}`);
    assert.equal(page.status, 200, before);
    assert.equal(page.json.orders[0].id, seen[0], before);
  }
});

test("checkouts are limited per customer and per address (429 with Retry-After)", async () => {
  const w = await startWorker({ port: 18797, baseUrl: api.url, secrets: workerSecrets(), paths,
    vars: { SG_CHECKOUTS_PER_CUSTOMER: "3", SG_CHECKOUTS_PER_ADDRESS: "5", SG_CHECKOUT_WINDOW_SECONDS: "600" }, log: () => {} });
  try {
    const buy = (call, ip) => call("/api/checkout", { method: "POST", body: { product_id: "beans-1kg" }, headers: { "cf-connecting-ip": ip } });
    const alice = customer(w);
    for (let i = 0; i < 3; i++) assert.equal((await buy(alice, "192.0.2.1")).status, 200);
    const fourth = await buy(alice, "192.0.2.1");
    assert.equal(fourth.status, 429);
    assert.equal(fourth.json.error, "too_many_checkouts");
    assert.ok(Number(fourth.headers.get("retry-after")) > 0);
    // Another customer from the same address: the address has 2 left.
    const bob = customer(w);
    assert.equal((await buy(bob, "192.0.2.1")).status, 200);
    assert.equal((await buy(bob, "192.0.2.1")).status, 200);
    assert.equal((await buy(bob, "192.0.2.1")).status, 429);
    // Another address is not held back by this one.
    assert.equal((await buy(customer(w), "192.0.2.2")).status, 200);
  } finally {
    await w.stop();
  }
});

test("a capture is retried only inside the hold (SG_CAPTURE_WINDOW_HOURS), then given up", async () => {
  // 0.002 hours: a window of 7.2 s instead of 90 hours.
  const w = await startWorker({ port: 18798, baseUrl: api.url, secrets: workerSecrets(), paths,
    vars: { SG_CAPTURE_WINDOW_HOURS: "0.002", SG_RECONCILE_SECONDS: "600", SG_TIMEOUT_MS: "2000" }, log: () => {} });
  failCaptures = true;
  try {
    const call = customer(w);
    const res = await call("/api/checkout", { method: "POST", body: { product_id: "beans-1kg", mode: "card", card: CARD("4242424242424242") } });
    const order = res.json.order_id;
    const id = sessionOf(order);
    const held = { ...session(id, "in_progress", "pending", { orderId: order }), next_action: "capture" };
    const hook = JSON.stringify({ type: "ready_to_capture", session: held });
    assert.equal((await fetch(`${w.url}/webhooks/smart-glocal`, { method: "POST", headers: { "x-partner-sign": hmac(hook) }, body: hook })).status, 200);
    const asAdmin = (path) => customer(w)(path, { headers: { authorization: `Bearer ${w.adminToken}` } });
    const capture = await until(async () => {
      const a = (await asAdmin(`/api/admin/orders/${order}`)).json?.actions?.find((x) => x.name === "capture");
      return a?.status === "failed" ? a : null;
    }, "the capture given up", 30000);
    assert.ok(capture.attempts >= 2, `retried first (${capture.attempts} attempts)`);
    const tried = calls("session/capture", id).length;
    await new Promise((r) => setTimeout(r, 2500));
    assert.equal(calls("session/capture", id).length, tried, "no capture after the window");
  } finally {
    failCaptures = false;
    await w.stop();
  }
});

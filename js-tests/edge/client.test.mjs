// The published API as a user calls it, against a loopback fake API.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { SmartGlocal, SmartGlocalError } from "smart-glocal-edge";
import { startFakeApi, okSession, hmac, KEY } from "./fake-api.mjs";

const card = { number: "4242424242424242", expiration_month: "05", expiration_year: "29", security_code: "123" };
const servers = [];
after(() => Promise.all(servers.map((s) => s.close())));

async function api(handler = () => ({ body: okSession() })) {
  const s = await startFakeApi(handler);
  servers.push(s);
  return s;
}

const client = (url, extra = {}) =>
  new SmartGlocal({ project: "your_project_name", signingKey: KEY, baseUrl: url, timeoutMs: 2000, maxRetries: 2, ...extra });

async function rejects(promise, code) {
  try {
    await promise;
  } catch (e) {
    assert.ok(e instanceof SmartGlocalError, `a SmartGlocalError, got ${e}`);
    assert.ok(e instanceof Error);
    assert.equal(e.name, "SmartGlocalError");
    assert.equal(e.code, code, e.message);
    return e;
  }
  assert.fail(`expected a rejection with ${code}`);
}

function assertSigned(req, { idempotent }) {
  assert.equal(req.method, "POST");
  assert.equal(req.headers["content-type"], "application/json");
  assert.equal(req.headers["x-partner-project"], "your_project_name");
  assert.equal(req.headers["x-partner-sign"], hmac(req.body), "signature over the exact body bytes");
  if (idempotent) assert.match(req.headers["x-partner-idempotency-key"], /^[0-9a-f]{32}$/);
  else assert.equal(req.headers["x-partner-idempotency-key"], undefined);
}

test("every method hits its endpoint with a signed, validated body", async () => {
  const s = await api((req) =>
    req.path.startsWith("/api/v1/recurrent/")
      ? { body: { status: "ok", recurrent: { token: "tok_1", is_active: !req.path.endsWith("disable") } } }
      : { body: okSession() },
  );
  const sg = client(s.url);
  const cases = [
    [() => sg.createSession({ amount_details: { amount: 10000, currency: "usd" }, metadata: "order123" }),
      "session/create", { amount_details: { amount: 10000, currency: "usd" }, metadata: "order123" }, true],
    [() => sg.createSession(), "session/create", {}, true],
    [() => sg.initPayment({ payment_details: { type: "card", card: { type: "bank_card", bank_card: card } },
        amount_details: { amount: 10000, currency: "USD" }, customer: { reference: "lucky" },
        payment_options: { return_url: "https://website.com" } }),
      "session/init/payment", { payment_details: { type: "card", card: { type: "bank_card", bank_card: card } },
        amount_details: { amount: 10000, currency: "usd" }, customer: { reference: "lucky" },
        payment_options: { return_url: "https://website.com" } }, true],
    [() => sg.startPayment({ session_id: "ps_3230", payment_details: { type: "recurrent", recurrent: { token: "t", initiator: "client" } } }),
      "session/start/payment", { session_id: "ps_3230", payment_details: { type: "recurrent", recurrent: { token: "t", initiator: "client" } } }, true],
    [() => sg.confirm("ps_3230"), "session/confirm", { session_id: "ps_3230" }, true],
    [() => sg.cancel("ps_3230"), "session/cancel", { session_id: "ps_3230" }, true],
    [() => sg.capture("ps_3230"), "session/capture", { session_id: "ps_3230" }, true],
    [() => sg.capture("ps_3230", { amount: 500, currency: "EUR" }), "session/capture",
      { session_id: "ps_3230", amount_details: { amount: 500, currency: "eur" } }, true],
    [() => sg.refund("ps_3230", null), "session/refund", { session_id: "ps_3230" }, true],
    [() => sg.refund("ps_3230", { amount: 1, currency: "usd" }), "session/refund",
      { session_id: "ps_3230", amount_details: { amount: 1, currency: "usd" } }, true],
    [() => sg.status("ps_3230"), "session/status", { session_id: "ps_3230" }, false],
    // The reference's body (docs/reference/methods/recurrent-disable).
    [() => sg.recurrentStatus("tok_1"), "recurrent/status", { recurrent: { token: "tok_1" } }, false],
    [() => sg.recurrentDisable("tok_1"), "recurrent/disable", { recurrent: { token: "tok_1" } }, true],
  ];
  for (const [call, endpoint, body, idempotent] of cases) {
    const before = s.requests.length;
    const result = await call();
    assert.equal(s.requests.length, before + 1, endpoint);
    const req = s.requests.at(-1);
    assert.equal(req.path, `/api/v1/${endpoint}`);
    assert.deepEqual(JSON.parse(req.body), body, endpoint);
    assertSigned(req, { idempotent });
    if (endpoint.startsWith("recurrent/")) {
      assert.equal(result.token, "tok_1");
    } else {
      assert.equal(result.id, "ps_3230");
      assert.deepEqual(result.future_field, { kept: true }, "unknown fields reach the caller");
    }
  }
});

test("the caller's idempotency key is sent; generated keys differ per call", async () => {
  const s = await api();
  const sg = client(s.url);
  await sg.confirm("ps_1", { idempotencyKey: "order-42-confirm" });
  assert.equal(s.requests[0].headers["x-partner-idempotency-key"], "order-42-confirm");
  await sg.confirm("ps_1");
  await sg.confirm("ps_1");
  const [a, b] = s.requests.slice(1).map((r) => r.headers["x-partner-idempotency-key"]);
  assert.notEqual(a, b);
  await rejects(sg.confirm("ps_1", { idempotencyKey: "bad\nkey" }), "invalid_params");
  await rejects(sg.confirm("ps_1", { idempotencyKy: "typo" }), "invalid_params");
  assert.equal(s.requests.length, 3, "invalid calls send nothing");
});

test("retries keep one idempotency key, body and signature", async () => {
  const s = await api((_req, n) => (n < 3 ? { status: n === 1 ? 500 : 409, body: "busy" } : { body: okSession() }));
  const session = await client(s.url).initPayment({
    payment_details: { type: "card", card }, amount_details: { amount: 100, currency: "usd" }, customer: {},
  });
  assert.equal(session.id, "ps_3230");
  assert.equal(s.requests.length, 3);
  const keys = new Set(s.requests.map((r) => r.headers["x-partner-idempotency-key"]));
  const sigs = new Set(s.requests.map((r) => r.headers["x-partner-sign"]));
  const bodies = new Set(s.requests.map((r) => r.body));
  assert.deepEqual([keys.size, sigs.size, bodies.size], [1, 1, 1]);
});

test("retries stop after maxRetries and report the last failure", async () => {
  const s = await api(() => ({ status: 503, body: "<html>unavailable</html>" }));
  const e = await rejects(client(s.url, { maxRetries: 1 }).status("ps_1"), "http_error");
  assert.equal(e.status, 503);
  assert.equal(e.retryable, true, "the core's rule: a 5xx may succeed later");
  assert.equal(s.requests.length, 2);
});

test("an error envelope is api_error with the API's code, not retried when 4xx", async () => {
  const s = await api(() => ({ status: 400, body: { status: "error", error: { code: "invalid_request", description: "amount is too small" } } }));
  const e = await rejects(client(s.url).confirm("ps_1"), "api_error");
  assert.equal(e.api_code, "invalid_request");
  assert.equal(e.api_description, "amount is too small");
  assert.equal(e.status, 400);
  assert.equal(e.retryable, undefined, "a 4xx is final");
  assert.equal(s.requests.length, 1);
});

test("a hung server produces timeout, retried with the same key", async () => {
  const s = await api(() => "hang");
  const start = Date.now();
  const t = await rejects(client(s.url, { timeoutMs: 200, maxRetries: 0 }).status("ps_1"), "timeout");
  assert.equal(t.retryable, true);
  assert.ok(Date.now() - start < 2000, "the timeout is honoured");
  assert.equal(s.requests.length, 1);
  await rejects(client(s.url, { timeoutMs: 200, maxRetries: 1 }).cancel("ps_1"), "timeout");
  const [a, b] = s.requests.slice(1);
  assert.equal(a.headers["x-partner-idempotency-key"], b.headers["x-partner-idempotency-key"]);
});

test("a refused connection is network", async () => {
  const s = await api();
  const url = s.url;
  await s.close();
  servers.splice(servers.indexOf(s), 1);
  await rejects(client(url, { maxRetries: 0 }).status("ps_1"), "network");
});

test("a 200 that is not JSON is malformed_payload with a position", async () => {
  const s = await api(() => ({ body: "{\"status\":\"ok\",\n\"session\": }" }));
  const e = await rejects(client(s.url).status("ps_1"), "malformed_payload");
  assert.equal(e.line, 2);
  assert.ok(e.column > 0);
});

test("bad input is invalid_params naming the field, never echoing card data", async () => {
  const s = await api();
  const sg = client(s.url);
  const pay = (c, extra = {}) => sg.initPayment({ payment_details: { type: "card", card: c }, amount_details: { amount: 100, currency: "usd" }, customer: {}, ...extra });
  const cases = [
    [pay({ ...card, number: "4242424242424241" }), "payment_details.card.number"],
    [pay({ ...card, number: "42424242" }), "payment_details.card.number"],
    [pay({ ...card, expiration_month: "13" }), "payment_details.card.expiration_month"],
    [pay({ ...card, security_code: "98" }), "payment_details.card.security_code"],
    [pay({ ...card, security_code: 9876 }), "payment_details.card.security_code"],
    [pay(card, { payment_options: { return_url: "javascript:alert(1)" } }), "payment_options.return_url"],
    [pay(card, { amount_details: { amount: 2 ** 53, currency: "usd" } }), "amount_details.amount"],
    [pay(card, { amount_details: { amount: 1.5, currency: "usd" } }), "amount_details.amount"],
    [pay(card, { amount_details: { amount: -1, currency: "usd" } }), "amount_details.amount"],
    [pay(card, { amount_details: { amount: 1, currency: "dollars" } }), "amount_details.currency"],
    [sg.initPayment({ amount_details: { amount: 1, currency: "usd" }, customer: {} }), "payment_details"],
    [sg.confirm(""), "session_id"],
    [sg.confirm(42), "sessionId"],
    [sg.capture("ps_1", { amount: 0, currency: "usd" }), "amount_details.amount"],
    // An unknown field is named by its parent only: its name is the caller's data.
    [sg.createSession({ amount_detail: {} }), "params"],
    [sg.createSession({ "4242424242424242": 1 }), "params"],
    [sg.createSession({ metadata: 10n }), "params"],
    [sg.prepare("session/start", {}), "endpoint"],
    [sg.sign(42), "body"],
  ];
  for (const [promise, field] of cases) {
    const e = await rejects(promise, "invalid_params");
    assert.equal(e.field, field, e.message);
    for (const secret of ["4242424242424241", "9876", "98", KEY]) {
      assert.ok(!e.message.includes(secret), `message leaks ${secret}: ${e.message}`);
    }
  }
  assert.equal(s.requests.length, 0, "nothing invalid is sent");
});

test("configuration is validated without echoing the key", () => {
  const bad = [
    [{ signingKey: "s3cret-value" }, "invalid_params", "project"],
    [{ project: "p" }, "invalid_params", "signingKey"],
    [{ project: "p", signingKey: "" }, "invalid_key", undefined],
    [{ project: "p", signingKey: "s3cret-value", baseUrl: "demo.smart-glocal.com" }, "invalid_params", "baseUrl"],
    [{ project: "p", signingKey: "s3cret-value", timeoutMs: 0 }, "invalid_params", "timeoutMs"],
    [{ project: "p", signingKey: "s3cret-value", maxRetries: 11 }, "invalid_params", "maxRetries"],
    [{ project: "p", signingKey: "s3cret-value", signingkey: "typo" }, "invalid_params", "config"],
    [{ project: "p", signingKey: "s3cret-value", baseUrl: "http://api.example.test" }, "invalid_params", "baseUrl"],
    [{ project: "p q", signingKey: "s3cret-value" }, "invalid_params", "project"],
    [undefined, "invalid_params", "config"],
  ];
  for (const [config, code, field] of bad) {
    assert.throws(() => new SmartGlocal(config), (e) => {
      assert.ok(e instanceof SmartGlocalError);
      assert.equal(e.code, code, e.message);
      assert.equal(e.field, field, e.message);
      assert.ok(!e.message.includes("s3cret-value"), e.message);
      return true;
    });
  }
});

test("prepare returns the signed request without sending it", async () => {
  const sg = client("https://demo.smart-glocal.com/");
  const req = await sg.prepare("session/create", { amount_details: { amount: 10000, currency: "usd" }, metadata: "order123" }, { idempotencyKey: "k-1" });
  assert.equal(req.url, "https://demo.smart-glocal.com/api/v1/session/create");
  assert.equal(req.method, "POST");
  assert.equal(req.body, '{"amount_details":{"amount":10000,"currency":"usd"},"metadata":"order123"}');
  assert.deepEqual(req.headers, {
    "Content-Type": "application/json",
    "X-PARTNER-PROJECT": "your_project_name",
    "X-PARTNER-SIGN": hmac(req.body),
    "X-PARTNER-IDEMPOTENCY-KEY": "k-1",
  });
  const status = await sg.prepare("/api/v1/session/status", { session_id: "ps_1" });
  assert.equal(status.headers["X-PARTNER-IDEMPOTENCY-KEY"], undefined);
  assert.equal(await sg.sign(req.body), req.headers["X-PARTNER-SIGN"]);
});

test("one client serves many concurrent calls", async () => {
  const s = await api(async (req) => {
    await new Promise((r) => setTimeout(r, 5));
    return { body: okSession({ id: JSON.parse(req.body).session_id }) };
  });
  const sg = client(s.url);
  const ids = Array.from({ length: 25 }, (_, i) => `ps_${i}`);
  const sessions = await Promise.all(ids.map((id) => sg.status(id)));
  assert.deepEqual(sessions.map((x) => x.id), ids);
});

test("an optional option given as undefined is absent, as the types say", async () => {
  const api = await startFakeApi(() => ({ body: okSession() }));
  try {
    const sg = new SmartGlocal({
      project: "your_project_name", signingKey: KEY, baseUrl: api.url,
      timeoutMs: undefined, maxRetries: undefined, apiVersion: undefined, submerchant: undefined, onRequest: undefined,
    });
    await sg.status("ps_1", { idempotencyKey: undefined, passUnknownFields: undefined });
    await sg.refund("ps_1", null, { metadata: undefined, idempotencyKey: undefined });
    assert.equal(api.requests[0].path, "/api/v1/session/status");
    assert.deepEqual(JSON.parse(api.requests[1].body), { session_id: "ps_1" });
    assert.equal(api.requests[1].headers["x-partner-idempotency-key"].length, 32);
    // Absent, so the default applies: not the live host, not `undefined`.
    const plain = new SmartGlocal({ project: "p", signingKey: KEY, baseUrl: undefined });
    assert.equal((await plain.prepare("session/status", { session_id: "ps_1" })).url, "https://demo.smart-glocal.com/api/v1/session/status");
  } finally {
    await api.close();
  }
});

test("require() of the package works where Node loads ES modules from require (20.19+, 22.12+, 24)", async () => {
  const { createRequire } = await import("node:module");
  const required = createRequire(import.meta.url)("smart-glocal-edge");
  const { SmartGlocal: Imported } = await import("smart-glocal-edge");
  assert.equal(required.SmartGlocal, Imported, "one module, whichever way it is loaded");
  const prepared = await new required.SmartGlocal({ project: "p", signingKey: KEY }).prepare("session/status", { session_id: "ps_1" });
  assert.equal(prepared.url, "https://demo.smart-glocal.com/api/v1/session/status");
});

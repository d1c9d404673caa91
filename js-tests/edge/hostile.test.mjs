// Hostile input against the installed package: bodies too big (declared or
// streamed), amounts beyond 2^53 − 1, unknown fields named like card
// numbers, 429 and idempotency conflicts, and 10,000 calls with throwing
// getters followed by a correct one.
import { test } from "node:test";
import assert from "node:assert/strict";
import { SmartGlocal, SmartGlocalError, paymentView, returnToGet } from "smart-glocal-edge";
import { startFakeApi, okSession, hmac, KEY } from "./fake-api.mjs";

const MiB = 1 << 20;

async function rejects(promise, code, check = () => {}) {
  await assert.rejects(promise, (e) => {
    assert.ok(e instanceof SmartGlocalError, String(e));
    assert.equal(e.code, code, e.message);
    check(e);
    return true;
  });
}

// A body generated as it is read, counting what was pulled.
function streamed(total, chunk = 64 * 1024) {
  const stats = { pulled: 0 };
  const block = new Uint8Array(chunk).fill(0x25); // '%'
  // highWaterMark 0: nothing is pulled until someone reads.
  const body = new ReadableStream({
    pull(c) {
      if (stats.pulled >= total) return c.close();
      stats.pulled += chunk;
      c.enqueue(block);
    },
  }, { highWaterMark: 0 });
  return { body, stats };
}

const post = (url, init) => new Request(url, { method: "POST", duplex: "half", ...init });
const sg = new SmartGlocal({ project: "demo", signingKey: KEY });

test("handleWebhook refuses a declared or streamed body over maxBytes, reading at most one chunk more", async () => {
  const declared = streamed(2 ** 31);
  await rejects(
    sg.handleWebhook(post("http://x/h", { body: declared.body, headers: { "content-length": String(2 ** 31) } })),
    "payload_too_large",
    (e) => assert.equal(e.limit, MiB),
  );
  assert.equal(declared.stats.pulled, 0, "refused by Content-Length before reading");
  // No length given: counted while streaming (a 2 GiB unsigned body).
  const signed = { "x-partner-sign": hmac("unrelated") };
  const big = streamed(2 ** 31);
  await rejects(sg.handleWebhook(post("http://x/h", { body: big.body, headers: signed })), "payload_too_large");
  assert.ok(big.stats.pulled <= MiB + 2 * 64 * 1024, `pulled ${big.stats.pulled}`);
  // maxBytes moves the cap, within 1 byte to 64 MiB.
  const small = streamed(10 * 1024);
  await rejects(sg.handleWebhook(post("http://x/h", { body: small.body, headers: signed }), { maxBytes: 1024 }), "payload_too_large", (e) =>
    assert.equal(e.limit, 1024));
  for (const maxBytes of [0, -1, 64 * MiB + 1, 1.5, "1024", Infinity]) {
    await rejects(sg.handleWebhook(post("http://x/h", { body: "{}" }), { maxBytes }), "invalid_params", (e) =>
      assert.equal(e.field, "opts.maxBytes"));
  }
  // At the cap: read, then judged by its signature.
  const body = "x".repeat(MiB);
  await rejects(sg.handleWebhook(post("http://x/h", { body, headers: { "x-partner-sign": hmac("other") } })), "bad_signature");
});

test("returnToGet caps the body, the fields and the Location it builds", async () => {
  const form = { "content-type": "application/x-www-form-urlencoded" };
  const huge = streamed(330 * MiB);
  await rejects(returnToGet(post("http://x/r", { body: huge.body, headers: form }), "/status"), "payload_too_large", (e) =>
    assert.equal(e.limit, 64 * 1024));
  assert.ok(huge.stats.pulled <= 64 * 1024 + 64 * 1024, `pulled ${huge.stats.pulled}`);
  const many = Array.from({ length: 65 }, (_, i) => `f${i}=1`).join("&");
  await rejects(returnToGet(post("http://x/r", { body: many, headers: form }), "/status"), "payload_too_large");
  // A body within a raised cap whose Location would exceed 16 KiB.
  const long = "MD=" + "%FF".repeat(20 * 1024);
  await rejects(returnToGet(post("http://x/r", { body: long, headers: form }), "/status", { maxBytes: MiB }), "payload_too_large",
    (e) => assert.equal(e.limit, 16 * 1024));
  const ok = await returnToGet(post("http://x/r", { body: "PaRes=a%2Bb&MD=c", headers: form }), "/status?order=1");
  assert.equal(ok.status, 303);
  assert.equal(ok.headers.get("location"), "/status?order=1&PaRes=a%2Bb&MD=c");
});

test("amounts beyond 2^53 − 1 are malformed_payload naming the field, in answers and webhooks", async () => {
  const tooBig = "9007199254740993";
  const api = await startFakeApi(() => ({
    body: `{"status":"ok","session":{"id":"ps_1","status":"accepted","acquiring_payments":[{"id":"pm_1","status":"succeeded","amount_details":{"amount":${tooBig},"currency":"usd"}}]}}`,
  }));
  try {
    const client = new SmartGlocal({ project: "demo", signingKey: KEY, baseUrl: api.url, maxRetries: 0 });
    await rejects(client.status("ps_1"), "malformed_payload", (e) =>
      assert.match(e.field, /acquiring_payments\[0\]\.amount_details\.amount$/));
  } finally {
    await api.close();
  }
  const body = `{"type":"payment_refunded","session":{"id":"ps_1","status":"accepted","acquiring_payments":[{"id":"pm_1","status":"succeeded","refunds":[{"id":"rf_1","status":"accepted","amount_details":{"amount":${tooBig},"currency":"usd"}}]}]}}`;
  await rejects(sg.verifyWebhook(body, hmac(body)), "malformed_payload", (e) => assert.match(e.field, /refunds\[0\]\.amount_details\.amount$/));
});

test("an unknown field is named by its parent and never echoed", async () => {
  for (const [params, parent] of [
    [{ session_id: "ps_1", "4242424242424242": "05/29" }, "params"],
    [{ payment_details: { type: "card", card: { "4242424242424242": 1 } }, amount_details: { amount: 1, currency: "usd" }, customer: {} }, "payment_details.card"],
  ]) {
    await rejects(sg.prepare(params.session_id ? "session/status" : "session/init/payment", params), "invalid_params", (e) => {
      assert.equal(e.field, parent);
      assert.doesNotMatch(e.message + e.field, /4242/);
      assert.match(e.message, /unknown field/);
    });
  }
});

test("baseUrl is https, or http to a loopback host", () => {
  for (const baseUrl of ["http://api.example.test", "ftp://x", "http://localhost::9", "https://"]) {
    assert.throws(() => new SmartGlocal({ project: "p", signingKey: "k", baseUrl }), (e) => e.code === "invalid_params" && e.field === "baseUrl");
  }
  for (const baseUrl of ["https://api.example.test", "http://127.0.0.1:4010", "http://localhost:8080", "http://[::1]:1"]) {
    new SmartGlocal({ project: "p", signingKey: "k", baseUrl });
  }
});

test("429 is retried after Retry-After with the same key; an idempotency conflict never is", async () => {
  // An HTTP date has whole seconds: 2.5 s ahead is at least 1.5 s away.
  const soon = () => new Date(Date.now() + 2500).toUTCString();
  for (const retryAfter of ["1", soon]) {
    const api = await startFakeApi((_req, n) =>
      n === 1 ? { status: 429, headers: { "retry-after": typeof retryAfter === "function" ? retryAfter() : retryAfter }, body: "{}" } : { body: okSession() });
    try {
      const client = new SmartGlocal({ project: "demo", signingKey: KEY, baseUrl: api.url, maxRetries: 2 });
      const t0 = Date.now();
      await client.status("ps_3230", { idempotencyKey: "k-429" });
      assert.ok(Date.now() - t0 >= 900, `waited ${Date.now() - t0} ms`);
      assert.equal(api.requests.length, 2);
      assert.equal(api.requests[0].headers["x-partner-idempotency-key"], api.requests[1].headers["x-partner-idempotency-key"]);
    } finally {
      await api.close();
    }
  }
  const api = await startFakeApi(() => ({ status: 409, body: { status: "error", error: { code: "idempotency_key_already_exists", description: "used" } } }));
  try {
    const client = new SmartGlocal({ project: "demo", signingKey: KEY, baseUrl: api.url, maxRetries: 3 });
    await rejects(client.confirm("ps_3230"), "api_error", (e) => assert.equal(e.api_code, "idempotency_key_already_exists"));
    assert.equal(api.requests.length, 1);
  } finally {
    await api.close();
  }
});

test("a view shows at most four digits of a card", () => {
  const session = (last4) => ({ id: "ps_1", status: "accepted", acquiring_payments: [{ id: "pm_1", status: "succeeded", payment_details: { type: "card", card: { brand: "visa", last4 } } }] });
  assert.equal(paymentView(session("4242")).card.last4, "4242");
  for (const bad of ["424242424242", "42a2", "４２４２"]) assert.equal(paymentView(session(bad)).card?.last4 ?? null, null, bad);
});

test("10,000 calls with throwing getters each fail alone; the next correct call works", async () => {
  const evil = () => new Proxy({}, { get() { throw new Error("getter"); }, ownKeys() { throw new Error("keys"); }, getOwnPropertyDescriptor() { throw new Error("desc"); } });
  const kinds = [
    () => new SmartGlocal({ get project() { throw new Error("boom"); }, signingKey: "k" }),
    () => new SmartGlocal(evil()),
    () => paymentView(evil()),
    () => paymentView({ session: evil() }),
    () => paymentView({ id: "ps_1", status: "accepted" }, evil()),
  ];
  let failures = 0;
  for (let i = 0; i < 10_000; i++) {
    try {
      kinds[i % kinds.length]();
    } catch (e) {
      assert.ok(e instanceof SmartGlocalError, String(e));
      failures++;
    }
  }
  const asyncKinds = [
    () => sg.prepare("session/status", evil()),
    () => sg.prepare("session/status", { session_id: "ps_1" }, evil()),
    () => sg.handleWebhook(post("http://x/h", { body: "{}" }), evil()),
  ];
  for (let i = 0; i < 3000; i++) {
    await assert.rejects(asyncKinds[i % asyncKinds.length](), (e) => e instanceof SmartGlocalError);
  }
  assert.equal(failures, 10_000);
  const prepared = await new SmartGlocal({ project: "demo", signingKey: KEY }).prepare("session/status", { session_id: "ps_1" });
  assert.equal(prepared.headers["X-PARTNER-SIGN"], hmac(prepared.body));
  assert.equal(paymentView({ id: "ps_1", status: "accepted" }).session_id, "ps_1");
});

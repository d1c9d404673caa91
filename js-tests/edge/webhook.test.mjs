// Webhooks, signatures, PaymentView and the 3-D Secure return.
import { test } from "node:test";
import assert from "node:assert/strict";
import { SmartGlocal, SmartGlocalError, paymentView, returnToGet, dedupKey } from "smart-glocal-edge";
import { hmac, KEY } from "./fake-api.mjs";

const sg = new SmartGlocal({ project: "demo", signingKey: KEY });

const event = (type = "payment_finished", paymentStatus = "succeeded") =>
  JSON.stringify({
    type,
    session: {
      id: "ps_3230", status: "accepted", updated_at: "2024-05-27T02:03:00.000000Z", brand_new: 1,
      acquiring_payments: [{
        id: "pm_1", status: paymentStatus, metadata: { order: "o-1" },
        payment_details: { type: "card", card: { brand: "visa", last4: "4242" } },
        amount_details: { amount: 10000, currency: "usd" },
        recurrent: { token: "tok_secret", is_active: true },
      }],
    },
  });

async function rejects(promise, code) {
  await assert.rejects(promise, (e) => {
    assert.ok(e instanceof SmartGlocalError);
    assert.equal(e.code, code, e.message);
    return true;
  });
}

test("verifyWebhook accepts the exact signed bytes, as string, Uint8Array or ArrayBuffer", async () => {
  const body = event();
  const sig = hmac(body);
  for (const raw of [body, new TextEncoder().encode(body), new TextEncoder().encode(body).buffer]) {
    const ev = await sg.verifyWebhook(raw, sig);
    assert.equal(ev.type, "payment_finished");
    assert.equal(ev.session.id, "ps_3230");
    assert.equal(ev.session.brand_new, 1, "unknown fields kept");
  }
  assert.equal((await sg.verifyWebhook(body, sig.toUpperCase())).type, "payment_finished");
});

test("verifyWebhook rejects missing, bad, short and tampered signatures", async () => {
  const body = event();
  const sig = hmac(body);
  await rejects(sg.verifyWebhook(body, undefined), "missing_signature");
  await rejects(sg.verifyWebhook(body, null), "missing_signature");
  await rejects(sg.verifyWebhook(body, ""), "missing_signature");
  await rejects(sg.verifyWebhook(body, sig.slice(0, 63)), "bad_signature");
  await rejects(sg.verifyWebhook(body, "a4f1698616d6ad7b8b73a9d72d281eeb443b64dee3f38df430eeed6aa29e1dc"), "bad_signature");
  await rejects(sg.verifyWebhook(body + " ", sig), "bad_signature");
  await rejects(sg.verifyWebhook(body, hmac(body, "other-key")), "bad_signature");
  await rejects(sg.verifyWebhook(JSON.stringify(JSON.parse(body), null, 2), sig), "bad_signature");
  await rejects(sg.verifyWebhook({}, sig), "invalid_params");
  await rejects(sg.verifyWebhook(body, 7), "invalid_params");
});

test("a signed but malformed webhook names line and column", async () => {
  const body = '{"type": "action_required",\n"session": {"id": "ps_1" "status": "in_progress"}}';
  await assert.rejects(sg.verifyWebhook(body, hmac(body)), (e) => {
    assert.equal(e.code, "malformed_payload");
    assert.equal(e.line, 2);
    assert.equal(e.column, 26);
    assert.match(e.message, /line 2, column 26/);
    return true;
  });
});

test("handleWebhook reads the raw body and X-PARTNER-SIGN of a Request", async () => {
  const body = event("ready_to_confirm", "pending");
  const req = (headers) => new Request("https://shop.test/webhooks/smart-glocal", { method: "POST", headers, body });
  const ev = await sg.handleWebhook(req({ "content-type": "application/json", "X-PARTNER-SIGN": hmac(body) }));
  assert.equal(ev.type, "ready_to_confirm");
  await rejects(sg.handleWebhook(req({})), "missing_signature");
  await rejects(sg.handleWebhook(req({ "x-partner-sign": hmac("{}") })), "bad_signature");
  await rejects(sg.handleWebhook("not a request"), "invalid_params");
});

test("sign matches HMAC-SHA256 hex of the bytes", async () => {
  const bytes = new Uint8Array([0, 1, 2, 255]);
  assert.equal(await sg.sign(bytes), hmac(Buffer.from(bytes)));
  assert.equal(await sg.sign("é"), hmac("é"));
});

test("paymentView is browser-safe", () => {
  const view = paymentView(JSON.parse(event()));
  assert.deepEqual(view, {
    session_id: "ps_3230", kind: "payment", state: "succeeded", final: true, amount: 10000, currency: "usd",
    card: { brand: "visa", last4: "4242" }, refunded_amount: 0, chargeback: false, failure: null,
    redirect: null, interaction: null, updated_at: "2024-05-27T02:03:00.000000Z",
  });
  assert.ok(!JSON.stringify(view).includes("tok_secret"));
  assert.deepEqual(paymentView(event(), { includeMetadata: true }).metadata, { order: "o-1" });
  assert.equal(paymentView({ status: "ok", session: { id: "ps_1", status: "created" } }).state, "created");
  assert.equal(paymentView(JSON.parse(event("ready_to_capture", "pending"))).state, "authorized");
  assert.throws(() => paymentView({ nothing: true }), (e) => e.code === "invalid_params");
  assert.throws(() => paymentView(event(), { includeMetadta: true }), (e) => e.code === "invalid_params" && e.field === "opts" && /did you mean `includeMetadata`/.test(e.message));
});

test("returnToGet turns a POST or GET return into a 303 with the fields as query", async () => {
  const post = new Request("https://shop.test/return", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: "PaRes=eJx%2Bab%3D%3D&MD=abc+75",
  });
  const res = await returnToGet(post, "/status?session=ps_1");
  assert.equal(res.status, 303);
  assert.equal(res.headers.get("location"), "/status?session=ps_1&PaRes=eJx%2Bab%3D%3D&MD=abc%2075");
  assert.equal(res.headers.get("cache-control"), "no-store");
  const get = await returnToGet(new Request("https://shop.test/return?PaRes=x&MD=y"), "https://shop.test/status");
  assert.equal(get.headers.get("location"), "https://shop.test/status?PaRes=x&MD=y");
  await rejects(returnToGet(new Request("https://shop.test/return"), "//evil.test/"), "invalid_params");
  await rejects(returnToGet(new Request("https://shop.test/return", { method: "POST", body: "{}", headers: { "content-type": "application/json" } }), "/s"), "invalid_params");
});

test("SmartGlocalError is a real Error subclass", () => {
  const e = new SmartGlocalError("timeout", "the request timed out");
  assert.ok(e instanceof Error);
  assert.equal(e.name, "SmartGlocalError");
  assert.equal(e.code, "timeout");
  assert.match(e.stack, /SmartGlocalError/);
});

test("dedupKey: the core's key of a delivery, the same from the verified bytes and from the object", async () => {
  const refund = (id) => ({ id, status: "accepted", amount_details: { amount: 100, currency: "usd" } });
  const event = (refunds) => ({ type: "payment_refunded", session: { id: "ps_9", status: "accepted",
    acquiring_payments: [{ id: "pm_9", status: "succeeded", amount_details: { amount: 1000, currency: "usd" }, refunds }] } });
  const body = JSON.stringify(event([refund("rf_1")]));
  const verified = await sg.verifyWebhook(body, hmac(body));
  const key = dedupKey(verified);
  assert.equal(key, dedupKey(event([refund("rf_1")])));
  assert.equal(key, dedupKey(body));
  // Changing the object after verification does not change the key of what was verified.
  verified.session.id = "ps_other";
  assert.equal(dedupKey(verified), key);
  assert.notEqual(dedupKey(event([refund("rf_1"), refund("rf_2")])), key, "a second partial refund is news");
  assert.notEqual(dedupKey({ ...event([refund("rf_1")]), type: "payment_finished" }), key);
  // A failure first reported in a session in `error`, then in the cancelled session: news.
  const failed = (status) => ({ type: "payment_finished", session: { id: "ps_9", status,
    acquiring_payments: [{ id: "pm_9", status: "failed", amount_details: { amount: 1000, currency: "usd" } }] } });
  assert.notEqual(dedupKey(failed("error")), dedupKey(failed("cancelled")));
  assert.throws(() => dedupKey({ session: { id: "ps_9", status: "accepted" } }), (e) => e instanceof SmartGlocalError && e.field === "event.type");
  assert.throws(() => dedupKey("{"), (e) => e.code === "malformed_payload");
  // An attacker's versions: a repeated key (two readers would disagree), a throwing getter, a wrong type.
  assert.throws(() => dedupKey('{"type":"payment_refunded","type":"payment_finished","session":{"id":"ps_9","status":"accepted"}}'),
    (e) => e.code === "malformed_payload" && !e.message.includes("payment_finished"));
  const hostile = { type: "payment_finished", get session() { throw new Error("boom"); } };
  assert.throws(() => dedupKey(hostile), (e) => e instanceof SmartGlocalError);
  assert.throws(() => dedupKey({ type: 7, session: { id: "ps_9", status: "accepted" } }), (e) => e.code === "invalid_params" && e.field === "event.type");
});

test("in Node, HMAC is node:crypto's and agrees with WebCrypto's, both ways, byte for byte", async () => {
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(KEY), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const webcrypto = async (bytes) => Buffer.from(await crypto.subtle.sign("HMAC", key, bytes)).toString("hex");
  for (const body of [event(), "", "é💳", event().repeat(40), new Uint8Array([0, 255, 128, 10])]) {
    const bytes = typeof body === "string" ? new TextEncoder().encode(body) : body;
    assert.equal(await sg.sign(body), await webcrypto(bytes));
  }
  const body = event();
  const sig = await webcrypto(new TextEncoder().encode(body));
  assert.equal((await sg.verifyWebhook(body, sig)).session.id, "ps_3230");
  // Shorter, longer or one bit off: refused, never compared past the length.
  for (const bad of [sig.slice(0, 62), sig + "00", sig.replace(/^./, (c) => (c === "0" ? "1" : "0"))]) {
    await rejects(sg.verifyWebhook(body, bad), "bad_signature");
  }
  // A new client signs and verifies without WebCrypto at all.
  const calls = [];
  const subtle = globalThis.crypto.subtle;
  const spied = ["importKey", "sign", "verify"];
  for (const name of spied) {
    const real = subtle[name].bind(subtle);
    subtle[name] = (...args) => (calls.push(name), real(...args));
  }
  try {
    const fresh = new SmartGlocal({ project: "demo", signingKey: KEY });
    assert.equal(await fresh.sign(body), sig);
    assert.equal((await fresh.verifyWebhook(body, sig)).type, "payment_finished");
  } finally {
    for (const name of spied) delete subtle[name];
  }
  assert.deepEqual(calls, []);
});

// The Node entry asks for node:crypto when the first HMAC key is imported,
// not at import (Node takes milliseconds to load it), and a Node whose
// loader fails keeps signing with WebCrypto.
test("node:crypto is loaded at the first HMAC key, and its failure falls back to WebCrypto", async () => {
  const { execFileSync } = await import("node:child_process");
  const run = (failing) => JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", `
    const asked = [];
    const real = process.getBuiltinModule;
    process.getBuiltinModule = (name) => {
      asked.push(name);
      if (${failing} && name === "node:crypto") throw new Error("no crypto here");
      return real(name);
    };
    const { SmartGlocal } = await import("smart-glocal-edge");
    const atImport = [...asked];
    const sg = new SmartGlocal({ project: "demo", signingKey: ${JSON.stringify(KEY)} });
    const sig = await sg.sign("{}");
    console.log(JSON.stringify({ atImport, asked, sig }));`], { cwd: process.cwd(), encoding: "utf8" }));
  const want = hmac("{}");
  for (const failing of [false, true]) {
    const { atImport, asked, sig } = run(failing);
    assert.ok(!atImport.includes("node:crypto"), "asked for at import");
    assert.ok(asked.includes("node:crypto"), "never asked for");
    assert.equal(sig, want);
  }
});

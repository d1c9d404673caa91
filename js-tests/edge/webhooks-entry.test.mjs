// The ./webhooks entry: SmartGlocal's webhook side over a wasm of its own
// (Cargo feature `webhooks`). It must answer every body, signature and
// request as the main entry does (the same checks, errors and views), carry
// nothing that calls the API, and share the package's one error class. In
// Node here, and in workerd through its `workerd` condition.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Miniflare } from "miniflare";
import * as main from "smart-glocal-edge";
import * as hooks from "smart-glocal-edge/webhooks";
import { hmac, KEY } from "./fake-api.mjs";

const pkgDir = join(process.cwd(), "node_modules", "smart-glocal-edge");
const manifest = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
const config = { project: "demo", signingKey: KEY };
const full = new main.SmartGlocal(config);
const receiver = new hooks.Webhooks(config);

const PAID = JSON.stringify({
  type: "payment_finished",
  session: {
    id: "ps_3230", status: "accepted", brand_new: 1,
    acquiring_payments: [{
      id: "pm_1", status: "succeeded", metadata: { order: "o-1" },
      payment_details: { type: "card", card: { brand: "visa", last4: "4242" } },
      amount_details: { amount: 10000, currency: "usd" },
      refunds: [{ id: "rf_1", status: "accepted", amount_details: { amount: 100, currency: "usd" } }],
    }],
  },
});

// What an entry makes of a call: the event and its view, or the error.
async function outcome(entry, call) {
  try {
    const event = await call();
    return { event, view: entry.paymentView(event), withMeta: entry.paymentView(event, { includeMetadata: true }), key: entry.dedupKey(event) };
  } catch (e) {
    assert.ok(e instanceof main.SmartGlocalError, `not a SmartGlocalError: ${e}`);
    assert.ok(!/4242|demo-secret/.test(e.message), "the error quotes card data or the key");
    return { code: e.code, field: e.field, line: e.line, column: e.column, message: e.message };
  }
}

test("the entry exports the webhook side only, and its errors are the package's one class", () => {
  assert.deepEqual(Object.keys(hooks).sort(), ["SmartGlocalError", "Webhooks", "dedupKey", "operation", "paymentView"]);
  assert.equal(hooks.SmartGlocalError, main.SmartGlocalError);
  assert.deepEqual(Object.getOwnPropertyNames(hooks.Webhooks.prototype).sort(), ["constructor", "handleWebhook", "verifyWebhook"]);
});

test("its wasm is its own and has no export that plans or sends a call", () => {
  const own = readFileSync(join(pkgDir, "webhooks", "smart_glocal_bg.wasm"));
  const whole = readFileSync(join(pkgDir, "smart_glocal_bg.wasm"));
  const names = (bytes) => WebAssembly.Module.exports(new WebAssembly.Module(bytes)).map((e) => e.name);
  for (const name of ["eventView", "viewOfText", "dedupKeyOf", "operationPath", "clientcore_decodeSignature", "bodyCap"]) {
    assert.ok(names(own).includes(name), `missing ${name}`);
  }
  for (const name of ["clientcore_plan", "clientcore_afterAttempt", "paymentPageUrl", "returnLocation", "sessionBody", "viewBeforeStart"]) {
    assert.ok(names(whole).includes(name), `the full build lacks ${name}`);
    assert.ok(!names(own).includes(name), `the webhooks build has ${name}`);
  }
  assert.ok(own.length < whole.length * 0.7, `${own.length} B against ${whole.length} B`);
});

test("every body and signature gets the same answer from both entries", async () => {
  const sig = hmac(PAID);
  const cases = [
    [PAID, sig],
    [PAID, sig.toUpperCase()],
    [new TextEncoder().encode(PAID), sig],
    [new TextEncoder().encode(PAID).buffer, sig],
    [PAID, sig.replace(/^./, (c) => (c === "0" ? "1" : "0"))],
    [PAID, undefined],
    [PAID, ""],
    [PAID, "zz"],
    [PAID, 42],
    [PAID + " ", sig],
    [42, sig],
    [null, sig],
  ];
  // Hostile bodies, each correctly signed: repeated keys (escaped too),
  // `__proto__`, unsafe amounts, no JSON, invalid UTF-8, nesting.
  const signed = (body) => [body, hmac(body)];
  for (const body of [
    PAID.replace('"status":"succeeded"', '"status":"succeeded","status":"failed"'),
    PAID.replace('"status":"succeeded"', '"status":"succeeded","st\\u0061tus":"failed"'),
    PAID.replace('"session":{', '"session":{"__proto__":{"status":"error"},'),
    PAID.replace('"amount":10000', '"amount":9007199254740993'),
    PAID.replace('"amount":10000', '"amount":-1'),
    PAID.replace('"id":"ps_3230",', ""),
    '{"type":"payment_finished"',
    "[".repeat(200) + "]".repeat(200),
    "",
  ]) {
    cases.push(signed(body));
  }
  const invalid = new Uint8Array([...new TextEncoder().encode('{"type":"x","session":{"id":"'), 0xff, ...new TextEncoder().encode('","status":"accepted"}}')]);
  cases.push([invalid, hmac(Buffer.from(invalid))]);
  let accepted = 0;
  for (const [body, signature] of cases) {
    const a = await outcome(main, () => full.verifyWebhook(body, signature));
    const b = await outcome(hooks, () => receiver.verifyWebhook(body, signature));
    assert.deepEqual(b, a, `case ${cases.findIndex((c) => c[0] === body && c[1] === signature)}`);
    if (a.event) accepted++;
  }
  assert.equal(accepted, 5, "the signed PAID body four ways, and with a `__proto__` member (an unknown field)");
});

test("handleWebhook reads within the cap and refuses what the main entry refuses", async () => {
  const request = (body, headers = {}) => new Request("https://shop.example/webhooks", { method: "POST", body, headers });
  const calls = [
    () => request(PAID, { "X-PARTNER-SIGN": hmac(PAID) }),
    () => request(PAID, {}),
    () => request(PAID, { "X-PARTNER-SIGN": "00" + hmac(PAID).slice(2) }),
    () => request(PAID, { "X-PARTNER-SIGN": hmac(PAID), "Content-Length": "2000000" }),
  ];
  for (const make of calls) {
    const a = await outcome(main, () => full.handleWebhook(make()));
    const b = await outcome(hooks, () => receiver.handleWebhook(make()));
    assert.deepEqual(b, a);
  }
  // A missing signature is refused before the body is read.
  const unsigned = request(PAID);
  await assert.rejects(receiver.handleWebhook(unsigned), (e) => e.code === "missing_signature");
  assert.equal(unsigned.bodyUsed, false);
  // Over the caller's cap while streaming (no Content-Length to go by).
  const big = PAID.replace('"brand_new":1', `"pad":"${"x".repeat(4000)}"`);
  const stream = () => new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode(big)); c.close(); } });
  const streamed = new Request("https://shop.example/webhooks", { method: "POST", body: stream(), duplex: "half", headers: { "X-PARTNER-SIGN": hmac(big) } });
  await assert.rejects(receiver.handleWebhook(streamed, { maxBytes: 1024 }), (e) => e.code === "payload_too_large");
  // Options are the caller's own, as in the main entry: an object with
  // another prototype, or with a `__proto__` member, is refused.
  const inherited = Object.create({ maxBytes: 10 });
  const signed = () => request(PAID, { "X-PARTNER-SIGN": hmac(PAID) });
  const a = await outcome(main, () => full.handleWebhook(signed(), inherited));
  assert.equal(a.code, "invalid_params");
  assert.deepEqual(await outcome(hooks, () => receiver.handleWebhook(signed(), inherited)), a);
  const polluted = JSON.parse('{"__proto__":{"maxBytes":10}}');
  const p = await outcome(main, () => full.handleWebhook(signed(), polluted));
  assert.equal(p.code, "invalid_params");
  assert.deepEqual(await outcome(hooks, () => receiver.handleWebhook(signed(), polluted)), p);
  const ok = await receiver.handleWebhook(signed(), { maxBytes: 4096 });
  assert.equal(ok.session.id, "ps_3230");
});

test("its config is SmartGlocal's, checked the same way", () => {
  for (const bad of [undefined, null, {}, { project: "demo" }, { project: "demo", signingKey: "" }, { project: "demo", signingKey: KEY, extra: 1 }, Object.create({ project: "demo", signingKey: KEY })]) {
    const codes = [main.SmartGlocal, hooks.Webhooks].map((C) => {
      try {
        new C(bad);
        return "accepted";
      } catch (e) {
        return `${e.code} ${e.field ?? ""} ${e instanceof main.SmartGlocalError}`;
      }
    });
    assert.equal(codes[1], codes[0]);
    assert.notEqual(codes[0], "accepted");
  }
});

test("views and operations of the caller's own objects and text match the main entry's", () => {
  const event = JSON.parse(PAID);
  for (const input of [event, PAID, event.session, { status: "ok", session: event.session }]) {
    assert.deepEqual(hooks.paymentView(input), main.paymentView(input));
    assert.deepEqual(hooks.operation(typeof input === "string" ? JSON.parse(input) : input), main.operation(typeof input === "string" ? JSON.parse(input) : input));
  }
  assert.equal(hooks.dedupKey(PAID), main.dedupKey(PAID));
  // An event of one entry is the caller's own data to the other (each
  // keeps its own source): the same view all the same.
  return receiver.verifyWebhook(PAID, hmac(PAID)).then((ev) => assert.deepEqual(main.paymentView(ev), hooks.paymentView(ev)));
});

let mf;
before(async () => {
  const entry = manifest.exports["./webhooks"].workerd.replace(/^\.\//, "");
  writeFileSync(join(process.cwd(), "webhooks-worker.mjs"), `
import { Webhooks, SmartGlocalError, paymentView } from "./node_modules/smart-glocal-edge/${entry}";
export default {
  async fetch(request, env) {
    const webhooks = new Webhooks({ project: "demo", signingKey: env.SIGNING_KEY });
    try {
      const event = await webhooks.handleWebhook(request);
      return Response.json({ type: event.type, view: paymentView(event) });
    } catch (e) {
      return Response.json({ code: e.code, isSmartGlocalError: e instanceof SmartGlocalError }, { status: 400 });
    }
  },
};`);
  mf = new Miniflare({
    modules: true,
    scriptPath: join(process.cwd(), "webhooks-worker.mjs"),
    modulesRoot: process.cwd(),
    modulesRules: [
      { type: "ESModule", include: ["**/*.js", "**/*.mjs"] },
      { type: "CompiledWasm", include: ["**/*.wasm"] },
    ],
    compatibilityDate: "2024-09-23",
    bindings: { SIGNING_KEY: KEY },
  });
  await mf.ready;
});
after(() => mf?.dispose());

test("in workerd, the entry verifies a signed webhook and refuses a forged one", async () => {
  const send = (sig) => mf.dispatchFetch("http://worker/webhooks", { method: "POST", body: PAID, headers: sig ? { "X-PARTNER-SIGN": sig } : {} });
  const ok = await send(hmac(PAID));
  assert.equal(ok.status, 200);
  const body = await ok.json();
  assert.equal(body.type, "payment_finished");
  assert.deepEqual(body.view, main.paymentView(PAID));
  for (const [sig, code] of [[hmac(PAID, "other-key"), "bad_signature"], [null, "missing_signature"]]) {
    const res = await send(sig);
    assert.equal(res.status, 400);
    assert.deepEqual(await res.json(), { code, isSmartGlocalError: true });
  }
});

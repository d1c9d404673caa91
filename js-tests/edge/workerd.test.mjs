// The package inside a real workerd (Miniflare): a worker imports it through
// the `workerd` condition of its exports, verifies a signed webhook and calls
// a loopback API through fetch.
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Miniflare } from "miniflare";
import { startFakeApi, okSession, hmac, KEY } from "./fake-api.mjs";

const root = process.cwd(); // the temporary consumer project
const pkgDir = join(root, "node_modules", "smart-glocal-edge");
const manifest = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
const entry = manifest.exports["."].workerd;

const worker = `
import { SmartGlocal, SmartGlocalError, paymentView, operation } from "./node_modules/smart-glocal-edge/${entry.replace(/^\.\//, "")}";

export default {
  async fetch(request, env) {
    const sg = new SmartGlocal({ project: "demo", signingKey: env.SIGNING_KEY, baseUrl: env.API_BASE, timeoutMs: 3000, maxRetries: 1 });
    const url = new URL(request.url);
    try {
      if (url.pathname === "/webhooks/smart-glocal") {
        const ev = await sg.handleWebhook(request);
        return Response.json({ type: ev.type, view: paymentView(ev) });
      }
      if (url.pathname === "/view") {
        const ev = await request.json();
        return Response.json({ operation: operation(ev), view: paymentView(ev) });
      }
      if (url.pathname === "/confirm") {
        const session = await sg.confirm("ps_3230", { idempotencyKey: "order-1-confirm" });
        return Response.json(session);
      }
      return new Response("not found", { status: 404 });
    } catch (e) {
      return Response.json({ code: e.code, isSmartGlocalError: e instanceof SmartGlocalError, isError: e instanceof Error }, { status: 400 });
    }
  },
};
`;

let mf, api;
before(async () => {
  api = await startFakeApi((_req, n) => (n === 1 ? { status: 502, body: "bad gateway" } : { body: okSession({ status: "in_progress" }) }));
  writeFileSync(join(root, "worker.mjs"), worker);
  mf = new Miniflare({
    modules: true,
    scriptPath: join(root, "worker.mjs"),
    modulesRoot: root,
    modulesRules: [
      { type: "ESModule", include: ["**/*.js", "**/*.mjs"] },
      { type: "CompiledWasm", include: ["**/*.wasm"] },
    ],
    compatibilityDate: "2024-09-23",
    bindings: { SIGNING_KEY: KEY, API_BASE: api.url },
  });
  await mf.ready;
});
after(async () => {
  await mf?.dispose();
  await api?.close();
});

test("package.json routes workerd and worker to the module-import entry", () => {
  assert.equal(manifest.exports["."].worker, entry);
  assert.match(readFileSync(join(pkgDir, entry), "utf8"), /import \w+ from "\.\/smart_glocal_bg\.wasm"/);
});

test("a worker verifies a signed webhook", async () => {
  const body = JSON.stringify({ type: "ready_to_capture", session: { id: "ps_9", status: "in_progress",
    acquiring_payments: [{ id: "pm_1", status: "pending", amount_details: { amount: 700, currency: "usd" } }] } });
  const ok = await mf.dispatchFetch("http://worker.test/webhooks/smart-glocal", {
    method: "POST", headers: { "X-PARTNER-SIGN": hmac(body) }, body,
  });
  assert.equal(ok.status, 200);
  const json = await ok.json();
  assert.equal(json.type, "ready_to_capture");
  assert.equal(json.view.state, "authorized");
  assert.equal(json.view.amount, 700);

  const bad = await mf.dispatchFetch("http://worker.test/webhooks/smart-glocal", {
    method: "POST", headers: { "X-PARTNER-SIGN": hmac(body + "x") }, body,
  });
  assert.equal(bad.status, 400);
  assert.deepEqual(await bad.json(), { code: "bad_signature", isSmartGlocalError: true, isError: true });
});

test("a worker calls the API through fetch, retrying with one idempotency key", async () => {
  const res = await mf.dispatchFetch("http://worker.test/confirm");
  assert.equal(res.status, 200, await res.clone().text());
  assert.equal((await res.json()).id, "ps_3230");
  assert.equal(api.requests.length, 2, "the 502 was retried");
  for (const r of api.requests) {
    assert.equal(r.path, "/api/v1/session/confirm");
    assert.equal(r.headers["x-partner-idempotency-key"], "order-1-confirm");
    assert.equal(r.headers["x-partner-sign"], hmac(r.body));
  }
});

test("a worker reads the live shapes: payouts and partial refunds", async () => {
  const payout = { type: "payment_finished", session: { id: "ps_1", status: "accepted",
    payments: [{ id: "po_1", status: "succeeded", payment_method: { type: "card", card: { last4: "4242", brand: "visa" } },
      amount_details: { amount: 10000, currency: "usd" } }] } };
  let out = await (await mf.dispatchFetch("http://worker.test/view", { method: "POST", body: JSON.stringify(payout) })).json();
  assert.equal(out.operation.id, "po_1");
  assert.deepEqual([out.view.kind, out.view.state], ["payout", "succeeded"]);
  const refunded = { type: "payment_refunded", session: { id: "ps_2", status: "accepted", acquiring_payments: [{ id: "pm_1", status: "succeeded",
    amount_details: { amount: 1000, currency: "usd" }, refunds: [{ id: "rf_1", status: "accepted", amount_details: { amount: 400, currency: "usd" } }] }] } };
  out = await (await mf.dispatchFetch("http://worker.test/view", { method: "POST", body: JSON.stringify(refunded) })).json();
  assert.deepEqual([out.view.state, out.view.refunded_amount], ["partially_refunded", 400]);
});

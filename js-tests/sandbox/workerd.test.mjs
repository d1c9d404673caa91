// smart-glocal-sandbox inside workerd (Miniflare), with no process of its
// own: a shop worker calls it through its outbound fetch, and the
// sandbox's webhooks come back to the shop through a service binding.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { Miniflare } from "miniflare";

const root = process.cwd();

const shop = `
import { SmartGlocal, paymentView } from "./node_modules/smart-glocal-edge/workerd.js";
const seen = [];
const CARD = { type: "card", card: { type: "bank_card", bank_card: {
  number: "4242424242424242", expiration_month: "12", expiration_year: "29", security_code: "123" } } };
export default {
  async fetch(request, env) {
    const sg = new SmartGlocal({ project: "demo", signingKey: "worker-secret", baseUrl: "https://sandbox.test", maxRetries: 0 });
    const url = new URL(request.url);
    if (url.pathname === "/webhooks") {
      const event = await sg.handleWebhook(request);
      seen.push({ type: event.type, state: paymentView(event).state, session: event.session.id });
      return new Response("ok");
    }
    if (url.pathname === "/seen") return Response.json(seen);
    if (url.pathname === "/pay") {
      const session = await sg.initPayment({ payment_details: CARD, amount_details: { amount: 500, currency: "eur" },
        customer: { reference: "c9", contacts: [{ email: "c9@example.com" }] }, payment_options: { return_url: "https://shop.test/back" } });
      return Response.json({ id: session.id });
    }
    if (url.pathname === "/confirm") return Response.json(await sg.confirm(url.searchParams.get("id")));
    return new Response("not found", { status: 404 });
  },
};
`;

let mf;
before(async () => {
  writeFileSync(join(root, "shop.mjs"), shop);
  const rules = [
    { type: "ESModule", include: ["**/*.js", "**/*.mjs"] },
    { type: "CompiledWasm", include: ["**/*.wasm"] },
  ];
  mf = new Miniflare({
    workers: [
      {
        name: "shop",
        modules: true,
        scriptPath: join(root, "shop.mjs"),
        modulesRoot: root,
        modulesRules: rules,
        compatibilityDate: "2024-09-23",
        // Every fetch of the shop (its API calls) goes to the sandbox.
        outboundService: "sandbox",
      },
      {
        name: "sandbox",
        modules: true,
        scriptPath: join(root, "node_modules/smart-glocal-sandbox/worker.js"),
        modulesRoot: root,
        modulesRules: rules,
        compatibilityDate: "2024-09-23",
        bindings: { SANDBOX_SIGNING_KEY: "worker-secret", SANDBOX_WEBHOOK_URL: "https://shop.test/webhooks" },
        serviceBindings: { WEBHOOKS: "shop" },
      },
    ],
  });
  await mf.ready;
});
after(async () => {
  await mf?.dispose();
});

async function seen(count) {
  const end = Date.now() + 10_000;
  for (;;) {
    const events = await (await mf.dispatchFetch("https://shop.test/seen")).json();
    if (events.length >= count || Date.now() > end) return events;
    await new Promise((r) => setTimeout(r, 50));
  }
}

test("a Workers shop pays against the sandbox in workerd, and its signed webhooks come back", async () => {
  const pay = await mf.dispatchFetch("https://shop.test/pay");
  assert.equal(pay.status, 200, await pay.clone().text());
  const { id } = await pay.json();
  assert.match(id, /^ps_/);
  assert.deepEqual(await seen(1), [{ type: "ready_to_confirm", state: "awaiting_confirmation", session: id }]);
  const confirmed = await mf.dispatchFetch(`https://shop.test/confirm?id=${id}`);
  assert.equal(confirmed.status, 200);
  const events = await seen(2);
  assert.deepEqual(events.map((e) => [e.type, e.state]), [["ready_to_confirm", "awaiting_confirmation"], ["payment_finished", "succeeded"]]);
});

test("the sandbox worker refuses a stranger's call and serves its own pages", async () => {
  const sandbox = await mf.getWorker("sandbox");
  const stranger = await sandbox.fetch("https://sandbox.test/api/v1/session/create", {
    method: "POST", body: "{}", headers: { "x-partner-project": "demo", "x-partner-sign": "00" } });
  assert.equal(stranger.status, 401);
  assert.equal(await (await sandbox.fetch("https://sandbox.test/health")).text(), "ok");
  const page = await sandbox.fetch("https://sandbox.test/en/payment/unknown");
  assert.equal(page.status, 404);
  assert.match(page.headers.get("content-security-policy") ?? "", /default-src 'none'/);
  const big = await sandbox.fetch("https://sandbox.test/api/v1/session/create", { method: "POST", body: new Uint8Array((8 << 20) + 1) });
  assert.equal(big.status, 413);
  assert.equal((await big.json()).error.code, "payload_too_large");
});

test("a sandbox worker with a wrong binding says which on every request, quoting no value", async () => {
  const bad = new Miniflare({
    modules: true,
    scriptPath: join(root, "node_modules/smart-glocal-sandbox/worker.js"),
    modulesRoot: root,
    modulesRules: [
      { type: "ESModule", include: ["**/*.js", "**/*.mjs"] },
      { type: "CompiledWasm", include: ["**/*.wasm"] },
    ],
    compatibilityDate: "2024-09-23",
    bindings: { SANDBOX_SIGNING_KEY: "k-secret-1", SANDBOX_RETRY_BASE_MS: "soon" },
  });
  try {
    for (let i = 0; i < 2; i++) {
      const res = await bad.dispatchFetch("https://sandbox.test/health");
      assert.equal(res.status, 500);
      const text = await res.text();
      assert.equal(JSON.parse(text).error.code, "sandbox_options");
      assert.match(text, /SANDBOX_RETRY_BASE_MS must be a whole number/);
      assert.ok(!text.includes("soon") && !text.includes("k-secret-1"));
    }
  } finally {
    await bad.dispose();
  }
});

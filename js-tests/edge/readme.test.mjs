// The package's README and RECIPES.md code blocks run as written, against a loopback fake
// API: the quick start, and every recipe (hosted page, Workers project in
// workerd and bundled by wrangler, Node http, Hono, hooks, testing helpers,
// payouts).
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Miniflare } from "miniflare";
import { startFakeApi, okSession, hmac, KEY } from "./fake-api.mjs";

const root = process.cwd();
// The quick start is in the README, the recipes in RECIPES.md (both in the package).
const readme = ["README.md", "RECIPES.md"].map((f) => readFileSync(join(root, "node_modules/smart-glocal-edge", f), "utf8")).join("\n");
const blocks = Object.fromEntries([...readme.matchAll(/```(js|toml)( [a-z-]+)?\n([\s\S]*?)```/g)].map((m) => [(m[2] ?? " quickstart").trim(), m[3]]));

async function load(name) {
  const file = join(root, `readme-${name}.mjs`);
  writeFileSync(file, blocks[name]);
  return import(pathToFileURL(file).href);
}

const answers = (req) => {
  if (req.path === "/api/v1/token") return { body: { status: "ok", public_token: "tok/1" } };
  return { body: okSession({ status: "in_progress" }) };
};
const api = await startFakeApi(answers);
after(() => api.close());
const env = { SG_PROJECT: "demo", SG_SIGNING_KEY: KEY, SG_BASE_URL: api.url };
const since = (n) => api.requests.slice(n);
const signedHook = (body, url = "https://shop.test/webhooks/smart-glocal") =>
  new Request(url, { method: "POST", headers: { "X-PARTNER-SIGN": hmac(body) }, body });
const readyToConfirm = JSON.stringify({ type: "ready_to_confirm", session: { id: "ps_77", status: "in_progress" } });

test("the README has its quick start and every recipe", () => {
  for (const name of ["quickstart", "hosted", "worker", "webhooks-only", "wrangler", "node-http", "hono", "hooks", "testing", "payouts", "fps-qr", "fps-payout"]) {
    assert.ok(blocks[name], `a ${name} block`);
  }
});

test("webhooks-only: the ./webhooks entry verifies, keeps the view and refuses the unsigned (in Node and in workerd)", async () => {
  const worker = (await load("webhooks-only")).default;
  const paid = JSON.stringify({ type: "payment_finished", session: { id: "ps_9", status: "accepted",
    acquiring_payments: [{ id: "pm_9", status: "succeeded", amount_details: { amount: 1500, currency: "usd" },
      payment_details: { type: "card", card: { brand: "visa", last4: "4242", number: "4242424242424242" } } }] } });
  const stored = new Map();
  const hookEnv = { ...env, ORDERS: { put: async (k, v) => stored.set(k, v) } };
  const ok = await worker.fetch(signedHook(paid), hookEnv);
  assert.equal(ok.status, 200);
  const view = JSON.parse(stored.get("ps_9"));
  assert.deepEqual([view.state, view.amount, view.currency, view.card?.last4], ["succeeded", 1500, "usd", "4242"]);
  assert.ok(!stored.get("ps_9").includes("4242424242424242"), "the view carries no card number");
  const unsigned = await worker.fetch(new Request("https://shop.test/webhooks/smart-glocal", { method: "POST", body: paid }), hookEnv);
  assert.deepEqual([unsigned.status, await unsigned.text()], [401, "missing_signature"]);
  const tampered = new Request("https://shop.test/webhooks/smart-glocal", { method: "POST", headers: { "X-PARTNER-SIGN": hmac(paid) }, body: paid.replace("1500", "15") });
  assert.equal((await worker.fetch(tampered, hookEnv)).status, 401);
  assert.equal(JSON.parse(stored.get("ps_9")).amount, 1500, "the tampered amount was not stored");

  // The same module in workerd, through the entry's `workerd` condition.
  const entry = JSON.parse(readFileSync(join(root, "node_modules/smart-glocal-edge/package.json"), "utf8")).exports["./webhooks"].workerd;
  writeFileSync(join(root, "readme-webhooks-entry.mjs"), blocks["webhooks-only"].replace('from "smart-glocal-edge/webhooks"', `from "./node_modules/smart-glocal-edge/${entry.slice(2)}"`));
  const mf = new Miniflare({
    modules: true, scriptPath: join(root, "readme-webhooks-entry.mjs"), modulesRoot: root,
    modulesRules: [{ type: "ESModule", include: ["**/*.js", "**/*.mjs"] }, { type: "CompiledWasm", include: ["**/*.wasm"] }],
    compatibilityDate: "2025-01-01", bindings: { SG_PROJECT: "demo", SG_SIGNING_KEY: KEY }, kvNamespaces: ["ORDERS"],
  });
  try {
    const res = await mf.dispatchFetch("https://shop.test/webhooks/smart-glocal", { method: "POST", headers: { "X-PARTNER-SIGN": hmac(paid) }, body: paid });
    assert.equal(res.status, 200);
    const kv = await mf.getKVNamespace("ORDERS");
    assert.equal(JSON.parse(await kv.get("ps_9")).state, "succeeded");
  } finally {
    await mf.dispose();
  }
});

test("the quick start runs", async () => {
  await load("quickstart");
});

test("hosted: a session, a public token and the payment page's address", async () => {
  const n = api.requests.length;
  const url = await (await load("hosted")).startHostedPayment(env, "o-1");
  assert.equal(url, "https://pay.smart-glocal.com/en/payment/tok%2F1");
  const [create, token] = since(n);
  assert.equal(create.path, "/api/v1/session/create");
  assert.equal(token.path, "/api/v1/token");
  assert.deepEqual(JSON.parse(token.body).acquiring_widget.session_id, "ps_3230");
  assert.equal(token.headers["x-partner-idempotency-key"], "order-o-1-token");
});

test("worker: verifies, confirms in the background and converts the return (in Node and in workerd)", async () => {
  const worker = (await load("worker")).default;
  const pending = [];
  const ctx = { waitUntil: (p) => pending.push(p) };
  const n = api.requests.length;
  const ok = await worker.fetch(signedHook(readyToConfirm), env, ctx);
  assert.equal(ok.status, 200);
  await Promise.all(pending);
  assert.deepEqual(since(n).map((r) => [r.path, r.headers["x-partner-idempotency-key"]]), [["/api/v1/session/confirm", "ps_77-confirm"]]);
  const unsigned = await worker.fetch(new Request("https://shop.test/webhooks/smart-glocal", { method: "POST", body: readyToConfirm }), env, ctx);
  assert.deepEqual([unsigned.status, await unsigned.text()], [401, "missing_signature"]);
  const ret = await worker.fetch(new Request("https://shop.test/return", {
    method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "PaRes=x&MD=y",
  }), env, ctx);
  assert.deepEqual([ret.status, ret.headers.get("location")], [303, "/status?PaRes=x&MD=y"]);

  // The same module in workerd, importing the package by its name.
  const entry = JSON.parse(readFileSync(join(root, "node_modules/smart-glocal-edge/package.json"), "utf8")).exports["."].workerd;
  writeFileSync(join(root, "readme-worker-entry.mjs"), blocks.worker.replace('from "smart-glocal-edge"', `from "./node_modules/smart-glocal-edge/${entry.slice(2)}"`));
  const mf = new Miniflare({
    modules: true, scriptPath: join(root, "readme-worker-entry.mjs"), modulesRoot: root,
    modulesRules: [{ type: "ESModule", include: ["**/*.js", "**/*.mjs"] }, { type: "CompiledWasm", include: ["**/*.wasm"] }],
    compatibilityDate: "2025-01-01", bindings: env,
  });
  try {
    const m = api.requests.length;
    const res = await mf.dispatchFetch("https://shop.test/webhooks/smart-glocal", { method: "POST", headers: { "X-PARTNER-SIGN": hmac(readyToConfirm) }, body: readyToConfirm });
    assert.equal(res.status, 200);
    for (let i = 0; i < 100 && api.requests.length === m; i++) await new Promise((r) => setTimeout(r, 20));
    assert.equal(since(m)[0].path, "/api/v1/session/confirm");
  } finally {
    await mf.dispose();
  }
});

test("worker: the README's wrangler.toml bundles it (wrangler deploy --dry-run)", () => {
  const project = join(root, "readme-wrangler-project");
  mkdirSync(join(project, "src"), { recursive: true });
  writeFileSync(join(project, "src", "index.js"), blocks.worker);
  writeFileSync(join(project, "wrangler.toml"), blocks.wrangler);
  const out = join(project, "dist");
  const log = execFileSync(join(root, "node_modules/.bin/wrangler"), ["deploy", "--dry-run", "--outdir", out], {
    cwd: project, encoding: "utf8", env: { ...process.env, WRANGLER_SEND_METRICS: "false", NO_COLOR: "1" },
  });
  assert.match(log, /Total Upload/);
  const bundle = readFileSync(join(out, "index.js"), "utf8");
  assert.match(bundle, /smart_glocal_bg\.wasm/, "the wasm module is imported by the bundle");
});

test("node-http: a webhook confirms, a return redirects, an oversized body is refused", async () => {
  Object.assign(process.env, env);
  const { server } = await load("node-http");
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const base = `http://127.0.0.1:${server.address().port}`;
  try {
    const n = api.requests.length;
    const ok = await fetch(`${base}/webhooks/smart-glocal`, { method: "POST", headers: { "X-PARTNER-SIGN": hmac(readyToConfirm) }, body: readyToConfirm });
    assert.equal(ok.status, 200);
    assert.equal(since(n)[0].path, "/api/v1/session/confirm");
    const ret = await fetch(`${base}/return`, { method: "POST", redirect: "manual", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "PaRes=x&MD=y" });
    assert.deepEqual([ret.status, ret.headers.get("location")], [303, "/status?PaRes=x&MD=y"]);
    const big = await fetch(`${base}/webhooks/smart-glocal`, { method: "POST", headers: { "X-PARTNER-SIGN": hmac("x") }, body: "x".repeat(2 << 20) });
    assert.equal(big.status, 413);
  } finally {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
});

test("hono: the same routes", async () => {
  const { app } = await load("hono");
  const n = api.requests.length;
  const ok = await app.fetch(signedHook(readyToConfirm), env);
  assert.equal(ok.status, 200);
  assert.equal(since(n)[0].path, "/api/v1/session/confirm");
  const bad = await app.fetch(new Request("https://shop.test/webhooks/smart-glocal", { method: "POST", headers: { "X-PARTNER-SIGN": hmac("other") }, body: readyToConfirm }), env);
  assert.deepEqual([bad.status, await bad.text()], [401, "bad_signature"]);
  const ret = await app.fetch(new Request("https://shop.test/return?PaRes=x&MD=y"), env);
  assert.deepEqual([ret.status, ret.headers.get("location")], [303, "/status?PaRes=x&MD=y"]);
});

test("hooks: one log line and one metric per attempt, the body redacted, no key", async () => {
  const { instrumentedClient, lines, metrics } = await load("hooks");
  const sg = instrumentedClient(env);
  await sg.initPayment({
    payment_details: { type: "card", card: { type: "bank_card", bank_card: { number: "4242424242424242", expiration_month: "12", expiration_year: "29", security_code: "123", cardholder_name: "JANE DOE" } } },
    amount_details: { amount: 100, currency: "usd" }, customer: { reference: "c1" },
  }, { idempotencyKey: "k-1" });
  assert.equal(lines.length, 1);
  assert.match(lines[0], /^-> session\/init\/payment #0 key=k-1 /);
  for (const secret of ["4242424242424242", '"123"', "JANE DOE", KEY, '"12"', '"29"']) assert.ok(!lines[0].includes(secret), `${secret} in ${lines[0]}`);
  assert.deepEqual(metrics.get("session/init/payment 200").count, 1);
  // A hook that throws or rejects never breaks the call.
  const { SmartGlocal } = await import("smart-glocal-edge");
  const loud = new SmartGlocal({ ...{ project: "demo", signingKey: KEY, baseUrl: api.url },
    onRequest: () => { throw new Error("hook"); }, onResponse: async () => { throw new Error("hook"); } });
  assert.equal((await loud.status("ps_1")).id, "ps_3230");
});

test("testing: a signed webhook request and the sandbox's cards", async () => {
  await load("testing");
  const { webhookRequest, sandboxCards } = await import("smart-glocal-edge/testing");
  assert.ok(Object.isFrozen(sandboxCards));
  assert.deepEqual(sandboxCards.map((c) => c.number).slice(0, 2), ["4242424242424242", "4000000000003220"]);
  const req = await webhookRequest('{"type":"x"}', { signingKey: KEY, url: "https://shop.test/h" });
  assert.equal(req.headers.get("x-partner-sign"), hmac('{"type":"x"}'));
  assert.equal(await req.text(), '{"type":"x"}');
  const main = await import("smart-glocal-edge");
  assert.equal(main.webhookRequest, undefined, "absent from the main entry");
});

test("payouts: an IBAN payout is started with its key", async () => {
  const n = api.requests.length;
  await (await load("payouts")).payOut(env, "p-1");
  const [req] = since(n);
  assert.equal(req.path, "/api/v1/session/init/payout");
  assert.equal(req.headers["x-partner-idempotency-key"], "payout-p-1-init");
  assert.equal(JSON.parse(req.body).payment_method.bank_account.global.iban, "GB82WEST12345698765432");
});

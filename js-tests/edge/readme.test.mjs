// The package README's code blocks run as written: ```js blocks as modules,
// the ```js worker block driven like a Worker with env and ctx.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { startFakeApi, okSession, hmac, KEY } from "./fake-api.mjs";

const readme = readFileSync(join(process.cwd(), "node_modules/smart-glocal-edge/README.md"), "utf8");
const blocks = [...readme.matchAll(/```js( worker)?\n([\s\S]*?)```/g)].map((m) => ({ worker: !!m[1], code: m[2] }));

async function load(code, name) {
  const file = join(process.cwd(), name);
  writeFileSync(file, code);
  return import(pathToFileURL(file).href);
}

test("the README has a quick start and a worker example", () => {
  assert.equal(blocks.filter((b) => !b.worker).length, 1);
  assert.equal(blocks.filter((b) => b.worker).length, 1);
});

test("the quick start runs", async () => {
  await load(blocks.find((b) => !b.worker).code, "readme-quickstart.mjs");
});

const api = await startFakeApi(() => ({ body: okSession({ status: "in_progress" }) }));
after(() => api.close());

test("the worker example verifies, confirms in the background and converts the return", async () => {
  const worker = (await load(blocks.find((b) => b.worker).code, "readme-worker.mjs")).default;
  const env = { SG_PROJECT: "demo", SG_SIGNING_KEY: KEY, SG_BASE_URL: api.url };
  const pending = [];
  const ctx = { waitUntil: (p) => pending.push(p) };
  const body = JSON.stringify({ type: "ready_to_confirm", session: { id: "ps_77", status: "in_progress" } });
  const hook = (headers) => new Request("https://shop.test/webhooks/smart-glocal", { method: "POST", headers, body });

  const ok = await worker.fetch(hook({ "X-PARTNER-SIGN": hmac(body) }), env, ctx);
  assert.equal(ok.status, 200);
  await Promise.all(pending);
  assert.equal(api.requests.length, 1);
  assert.equal(api.requests[0].path, "/api/v1/session/confirm");
  assert.equal(api.requests[0].headers["x-partner-idempotency-key"], "ps_77-confirm");

  const unsigned = await worker.fetch(hook({}), env, ctx);
  assert.equal(unsigned.status, 401);
  assert.equal(await unsigned.text(), "missing_signature");
  assert.equal(api.requests.length, 1, "an unsigned webhook changes nothing");

  const ret = await worker.fetch(new Request("https://shop.test/return", {
    method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "PaRes=x&MD=y",
  }), env, ctx);
  assert.equal(ret.status, 303);
  assert.equal(ret.headers.get("location"), "/status?PaRes=x&MD=y");
});

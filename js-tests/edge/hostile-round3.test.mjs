// The third round of hostile input (js-tests/edge/hostile-cases.mjs), in
// Node and inside workerd (Miniflare), against the installed package.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { Miniflare } from "miniflare";
import * as sdk from "smart-glocal-edge";
import { runCases } from "./hostile-cases.mjs";
import { startFakeApi, okSession, hmac } from "./fake-api.mjs";

let api;
let repeat;
before(async () => {
  api = await startFakeApi((req) =>
    req.path === "/__requests"
      ? { body: api.requests.filter((r) => r.path !== "/__requests").map((r) => ({ path: r.path, headers: r.headers })) }
      : { body: okSession() });
  repeat = await startFakeApi(() => ({
    body: '{"status":"ok","session":{"id":"ps_1","status":"accepted","status":"cancelled"}}',
  }));
});
after(async () => {
  await api.close();
  await repeat.close();
});

const env = () => ({
  hmac: async (body) => hmac(body),
  apiUrl: api.url,
  repeatUrl: repeat.url,
  requests: async () => (await fetch(`${api.url}/__requests`)).json(),
});

function check(results) {
  assert.ok(results.length >= 12, `ran ${results.length} cases`);
  const failed = results.filter((r) => r.problems.length);
  assert.deepEqual(failed, [], JSON.stringify(failed, null, 1));
}

test("hostile input, third round, in Node", async () => {
  check(await runCases(sdk, env()));
});

test("hostile input, third round, inside workerd", async () => {
  const root = process.cwd();
  const { apiUrl, repeatUrl } = env();
  writeFileSync(join(root, "hostile-worker.mjs"), `
import * as sdk from "./node_modules/smart-glocal-edge/workerd.js";
import { runCases } from "./test/hostile-cases.mjs";
const hex = (buf) => [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, "0")).join("");
export default {
  async fetch() {
    const key = await crypto.subtle.importKey("raw", new TextEncoder().encode("demo-secret"), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    const results = await runCases(sdk, {
      hmac: async (body) => hex(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(body))),
      apiUrl: ${JSON.stringify(apiUrl)},
      repeatUrl: ${JSON.stringify(repeatUrl)},
      requests: async () => (await fetch(${JSON.stringify(apiUrl + "/__requests")})).json(),
    });
    return Response.json(results);
  },
};
`);
  const mf = new Miniflare({
    modules: true,
    scriptPath: join(root, "hostile-worker.mjs"),
    modulesRoot: root,
    modulesRules: [
      { type: "ESModule", include: ["**/*.js", "**/*.mjs"] },
      { type: "CompiledWasm", include: ["**/*.wasm"] },
    ],
    compatibilityDate: "2024-09-23",
  });
  try {
    const res = await mf.dispatchFetch("http://worker/");
    check(await res.json());
  } finally {
    await mf.dispose();
  }
});

test("the bundler entry imports where the .wasm cannot be fetched, and calls throw wasm_unavailable", async () => {
  const { execFileSync } = await import("node:child_process");
  const entry = join(process.cwd(), "node_modules", "smart-glocal-edge", "index.js");
  // A process of its own: in this one the module is already instantiated.
  const out = execFileSync(process.execPath, ["--input-type=module", "-e", `
    const m = await import(${JSON.stringify(entry)});
    try { new m.SmartGlocal({ project: "p", signingKey: "k" }); console.log("worked"); }
    catch (e) { console.log(e instanceof m.SmartGlocalError ? e.code : "raw " + e); }
  `], { encoding: "utf8" });
  assert.equal(out.trim(), "wasm_unavailable");
});

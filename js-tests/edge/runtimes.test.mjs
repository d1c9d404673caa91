// The installed package where users run it besides Node and workerd: Deno
// and Bun (which take the `deno`/`bun` condition, the .wasm inlined, so Deno
// needs no --allow-read), `bun build` bundles, and esbuild and Rolldown
// (Rollup's API) bundles that import `smart-glocal-edge/embedded`. Each runs
// runtime-smoke.mjs: a signed request, a verified webhook and its view, a
// forged signature refused.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { copyFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const project = process.cwd();
const tools = process.env.SG_RUNTIMES ?? join(project, "..", ".tools/runtimes/node_modules/.bin");
const smoke = join(project, "runtime-smoke.mjs");
copyFileSync(new URL("./runtime-smoke.mjs", import.meta.url), smoke);
const hooksSmoke = join(project, "webhooks-smoke.mjs");
copyFileSync(new URL("./webhooks-smoke.mjs", import.meta.url), hooksSmoke);
copyFileSync(new URL("./smoke-webhook.mjs", import.meta.url), join(project, "smoke-webhook.mjs"));

const expected = { url: "https://demo.smart-glocal.com/api/v1/session/status", signed: 64, state: "succeeded", amount: 1500, currency: "jpy", refused: "bad_signature" };
const run = (cmd, args) => JSON.parse(execFileSync(cmd, args, { cwd: project, encoding: "utf8", timeout: 60_000 }).trim().split("\n").pop());

test("Deno runs the package with no permission at all", () => {
  assert.deepEqual(run(join(tools, "deno"), ["run", "--no-prompt", smoke]), expected);
});

test("Bun runs it, and runs its own bundle of it", () => {
  assert.deepEqual(run(join(tools, "bun"), ["run", smoke]), expected);
  execFileSync(join(tools, "bun"), ["build", smoke, "--target=bun", "--outdir", "out-bun"], { cwd: project, stdio: "pipe" });
  assert.deepEqual(run(join(tools, "bun"), [join(project, "out-bun/runtime-smoke.js")]), expected);
});

test("esbuild and Rolldown bundles of smart-glocal-edge/embedded run in Node", () => {
  execFileSync(join(project, "node_modules/.bin/esbuild"), [smoke, "--bundle", "--platform=node", "--format=esm",
    "--alias:smart-glocal-edge=smart-glocal-edge/embedded", "--outfile=out-esbuild/smoke.mjs", "--log-level=warning"], { cwd: project, stdio: "pipe" });
  assert.deepEqual(run(process.execPath, ["out-esbuild/smoke.mjs"]), expected);
  writeFileSync(join(project, "rolldown.config.mjs"), `export default { input: ${JSON.stringify(smoke)}, platform: "node",
    resolve: { alias: { "smart-glocal-edge": "smart-glocal-edge/embedded" } }, output: { file: "out-rolldown/smoke.mjs", format: "esm" } };\n`);
  execFileSync(join(project, "node_modules/.bin/rolldown"), ["-c", "rolldown.config.mjs"], { cwd: project, stdio: "pipe" });
  assert.deepEqual(run(process.execPath, ["out-rolldown/smoke.mjs"]), expected);
});

test("without the inlined entry a bundle has no .wasm: the failure the embedded entry is for", () => {
  execFileSync(join(project, "node_modules/.bin/esbuild"), [smoke, "--bundle", "--platform=node", "--format=esm",
    "--outfile=out-plain/smoke.mjs", "--log-level=error"], { cwd: project, stdio: "pipe" });
  assert.throws(() => execFileSync(process.execPath, ["out-plain/smoke.mjs"], { cwd: project, stdio: "pipe" }), /ENOENT|smart_glocal_bg\.wasm/);
});

test("Deno and Bun run the ./webhooks entry (its own .wasm, inlined)", () => {
  const hooks = { state: "succeeded", amount: 1500, currency: "jpy", refused: "bad_signature" };
  assert.deepEqual(run(join(tools, "deno"), ["run", "--no-prompt", hooksSmoke]), hooks);
  assert.deepEqual(run(join(tools, "bun"), ["run", hooksSmoke]), hooks);
});

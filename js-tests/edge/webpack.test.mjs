// The bundler path for servers: webpack 5 bundles a Node app that imports
// the package (its `node` export reads the .wasm next to it), and the
// bundle runs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const root = process.cwd();
const app = join(root, "webpack-edge-app");

test("webpack 5 bundles a Node app that imports the package, and it runs", async () => {
  mkdirSync(app, { recursive: true });
  writeFileSync(join(app, "main.js"), `
import { SmartGlocal, paymentView } from "smart-glocal-edge";
const sg = new SmartGlocal({ project: "demo", signingKey: "k" });
const req = await sg.prepare("session/status", { session_id: "ps_1" });
const view = paymentView({ id: "ps_1", status: "accepted", acquiring_payments: [{ id: "pm_1", status: "succeeded" }] });
console.log(JSON.stringify({ url: req.url, state: view.state }));
`);
  const { default: webpack } = await import("webpack");
  const stats = await new Promise((resolve, reject) =>
    webpack({
      mode: "production", target: "node20", context: app, entry: "./main.js",
      experiments: { outputModule: true },
      output: { path: join(app, "dist"), filename: "main.mjs", module: true, chunkFormat: "module" },
    }, (err, s) => (err ? reject(err) : resolve(s))));
  assert.ok(!stats.hasErrors(), stats.toString("errors-only"));
  const files = readdirSync(join(app, "dist"));
  assert.ok(files.some((f) => f.endsWith(".wasm")), `the .wasm is emitted: ${files}`);
  const out = JSON.parse(execFileSync("node", [join(app, "dist", "main.mjs")], { encoding: "utf8" }));
  assert.deepEqual(out, { url: "https://demo.smart-glocal.com/api/v1/session/status", state: "succeeded" });
});

// Benchmark (not a test): two builds of the edge package in one workerd,
// their calls interleaved round by round, so that the machine's noise falls
// on both alike. For a change whose effect is smaller than the noise
// between two runs of bench/edge.mjs.
//   EDGE_BASE=/path/to/a/copy/of/pkg/edge node bench/ab-workerd.mjs
// (make a copy of pkg/edge before the change, then `make build` after it).
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Miniflare } from "miniflare";

const repo = fileURLToPath(new URL("..", import.meta.url));
const base = process.env.EDGE_BASE;
if (!base) throw new Error("EDGE_BASE: the folder of the build to compare with (a copy of pkg/edge)");
// The bodies of bench/edge.mjs, from its own generators (one source).
const source = readFileSync(join(repo, "bench", "edge.mjs"), "utf8");
const generator = (name) => new Function(`${source.match(new RegExp(`function ${name}[\\s\\S]*?\\n}\\n`))[0]}; return ${name};`)();
const [webhookBody, initParams] = [generator("webhookBody"), generator("initParams")];
const sizes = { "2 KB": 2 * 1024, "18 KB": 18 * 1024 };
const bodies = Object.fromEntries(Object.entries(sizes).map(([k, v]) => [k, webhookBody(v)]));
const params = Object.fromEntries(Object.entries(sizes).map(([k, v]) => [k, initParams(v)]));
const MS = Number(process.env.BENCH_MS ?? 150);

const dir = mkdtempSync(join(tmpdir(), "sg-ab-"));
cpSync(join(repo, "pkg", "edge"), join(dir, "after"), { recursive: true });
cpSync(base, join(dir, "before"), { recursive: true });
writeFileSync(join(dir, "worker.mjs"), `
import * as after from "./after/workerd.js";
import * as before from "./before/workerd.js";
const enc = new TextEncoder();
const bodies = ${JSON.stringify(bodies)}, params = ${JSON.stringify(params)};
async function measure(fn) {
  for (let i = 0; i < 50; i++) await fn();
  let n = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < ${MS}) {
    for (let i = 0; i < 20; i++) await fn();
    n += 20;
  }
  return ((performance.now() - t0) * 1000) / n;
}
export default {
  async fetch() {
    const key = await crypto.subtle.importKey("raw", enc.encode("demo-secret"), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    const cases = {};
    for (const [label, pkg] of [["after", after], ["before", before]]) {
      const sg = new pkg.SmartGlocal({ project: "demo", signingKey: "demo-secret" });
      for (const [size, body] of Object.entries(bodies)) {
        const sig = Array.from(new Uint8Array(await crypto.subtle.sign("HMAC", key, enc.encode(body))), (b) => b.toString(16).padStart(2, "0")).join("");
        (cases["webhook " + size] ??= {})[label] = async () => pkg.paymentView(await sg.verifyWebhook(body, sig));
        (cases["prepare " + size] ??= {})[label] = () => sg.prepare("session/init/payment", params[size], { idempotencyKey: "order-42-init" });
      }
    }
    const out = {};
    for (let round = 0; round < 7; round++) {
      for (const [name, fns] of Object.entries(cases)) {
        for (const [label, fn] of Object.entries(fns)) {
          const us = await measure(fn);
          (out[name] ??= {})[label] = Math.min(out[name][label] ?? Infinity, us);
        }
      }
    }
    return Response.json(out);
  },
};`);
const mf = new Miniflare({
  modules: true, scriptPath: join(dir, "worker.mjs"), modulesRoot: dir,
  modulesRules: [{ type: "ESModule", include: ["**/*.js", "**/*.mjs"] }, { type: "CompiledWasm", include: ["**/*.wasm"] }],
  compatibilityDate: "2025-01-01",
});
try {
  const out = await (await mf.dispatchFetch("http://bench/")).json();
  console.log(`\ntwo builds in one workerd, interleaved (best of 7 rounds of ${MS} ms), µs per call\n`);
  console.log(`${"case".padEnd(16)}${"before".padStart(10)}${"after".padStart(10)}${"after/before".padStart(14)}`);
  for (const [name, r] of Object.entries(out)) {
    console.log(`${name.padEnd(16)}${r.before.toFixed(1).padStart(10)}${r.after.toFixed(1).padStart(10)}${("×" + (r.after / r.before).toFixed(2)).padStart(14)}`);
  }
} finally {
  await mf.dispose();
  rmSync(dir, { recursive: true, force: true });
}

// Recovery from failures inside the instance, in Node and in workerd, on the
// test build of the package (faults/, built with `fault-injection`): genuine
// traps, allocator aborts, memory exhaustion and memory left behind, 10,000
// of each kind, then a correct call on the same instance and on a client
// made before the failures.
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { Miniflare } from "miniflare";
import { hmac, KEY } from "./fake-api.mjs";

const root = process.cwd();
const sg = await import(join(root, "faults/node.js"));
const RUNS = 10_000;
const MiB = 1 << 20;
const PAID = { id: "ps_1", status: "accepted", acquiring_payments: [{ id: "pm_1", status: "succeeded" }] };

async function works(client) {
  const prepared = await client.prepare("session/status", { session_id: "ps_1" });
  assert.equal(prepared.headers["X-PARTNER-SIGN"], hmac(prepared.body));
  assert.equal(sg.paymentView(PAID).state, "succeeded");
}

function fail(kind, n) {
  let internal = 0;
  for (let i = 0; i < n; i++) {
    try {
      sg.injectFault(kind);
    } catch (e) {
      assert.ok(e instanceof sg.SmartGlocalError, String(e));
      if (e.code === "internal") internal++;
    }
  }
  return internal;
}

test("10,000 traps, then everything works (also a client made before)", async () => {
  const earlier = new sg.SmartGlocal({ project: "demo", signingKey: KEY });
  assert.equal(fail("trap", RUNS), RUNS);
  await works(earlier);
  await works(new sg.SmartGlocal({ project: "demo", signingKey: KEY }));
});

test("10,000 allocator aborts, then everything works", async () => {
  assert.equal(fail("oom", RUNS), RUNS);
  await works(new sg.SmartGlocal({ project: "demo", signingKey: KEY }));
});

test("memory exhausted or left behind by a failed call is given back", async () => {
  const start = sg.wasmMemoryBytes();
  assert.equal(fail("exhaust", 3), 3);
  assert.equal(fail("grow", 20), 20);
  const now = sg.wasmMemoryBytes();
  console.log(`wasm memory: ${start / MiB} MiB at start, ${now / MiB} MiB after 3 exhaustions and 20 × 64 MiB left behind`);
  assert.ok(now <= start + 4 * MiB, `${now} bytes`);
  await works(new sg.SmartGlocal({ project: "demo", signingKey: KEY }));
});

test("a 2 GiB unsigned webhook is refused without growing wasm memory", async () => {
  const client = new sg.SmartGlocal({ project: "demo", signingKey: KEY });
  const start = sg.wasmMemoryBytes();
  let pulled = 0;
  const chunk = new Uint8Array(MiB);
  const body = new ReadableStream({
    pull(c) {
      if (pulled >= 2 ** 31) return c.close();
      pulled += chunk.byteLength;
      c.enqueue(chunk);
    },
  }, { highWaterMark: 0 });
  const request = new Request("http://x/webhooks", { method: "POST", body, duplex: "half", headers: { "x-partner-sign": hmac("x") } });
  await assert.rejects(client.handleWebhook(request), (e) => e.code === "payload_too_large");
  const now = sg.wasmMemoryBytes();
  console.log(`wasm memory after a refused 2 GiB webhook: ${now / MiB} MiB (${start / MiB} MiB before; ${pulled / MiB} MiB read)`);
  assert.equal(now, start);
  assert.ok(pulled <= 2 * MiB);
});

let mf;
before(async () => {
  writeFileSync(join(root, "recovery-worker.mjs"), `
import { SmartGlocal, SmartGlocalError, injectFault, paymentView } from "./faults/workerd.js";
export default {
  async fetch(request) {
    const url = new URL(request.url);
    const kind = url.searchParams.get("kind");
    const n = Number(url.searchParams.get("n"));
    const earlier = new SmartGlocal({ project: "demo", signingKey: "${KEY}" });
    let internal = 0;
    for (let i = 0; i < n; i++) {
      try {
        if (kind === "getter") new SmartGlocal({ get project() { throw new Error("boom"); } });
        else injectFault(kind);
      } catch (e) {
        if (e instanceof SmartGlocalError) internal++;
      }
    }
    const prepared = await earlier.prepare("session/status", { session_id: "ps_1" });
    const view = paymentView(${JSON.stringify(PAID)});
    return Response.json({ internal, signature: prepared.headers["X-PARTNER-SIGN"], body: prepared.body, state: view.state });
  },
};`);
  mf = new Miniflare({
    modules: true,
    scriptPath: join(root, "recovery-worker.mjs"),
    modulesRoot: root,
    modulesRules: [
      { type: "ESModule", include: ["**/*.js", "**/*.mjs"] },
      { type: "CompiledWasm", include: ["**/*.wasm"] },
    ],
    compatibilityDate: "2024-09-23",
  });
  await mf.ready;
});
after(async () => {
  await mf?.dispose();
});

for (const kind of ["trap", "oom", "getter"]) {
  test(`workerd: 10,000 failures (${kind}) in one isolate, then a correct call`, async () => {
    const res = await mf.dispatchFetch(`http://worker/?kind=${kind}&n=${RUNS}`);
    const out = await res.json();
    assert.equal(out.internal, RUNS);
    assert.equal(out.signature, hmac(out.body));
    assert.equal(out.state, "succeeded");
  });
}

// Sustained load in workerd: N verified webhooks (verifyWebhook + paymentView
// of each) beside an SDK-free control (crypto.subtle.verify + JSON.parse),
// each in a fresh workerd, measuring the process's resident memory.
//   SOAK_N=300000 node bench/soak.mjs      (make soak; make test runs 30,000)
// Fails when the SDK's growth exceeds the control's by more than
// SOAK_MAX_MB (20). Bounded in time: each run stops after SOAK_SECONDS (300).
import { Miniflare } from "miniflare";
import { writeFileSync, mkdtempSync, cpSync, rmSync } from "node:fs";
import { workerdRss } from "../scripts/workerd-rss.mjs";
import { join, resolve } from "node:path";
import { tmpdir } from "node:os";

const N = Number(process.env.SOAK_N ?? 300_000);
const MAX_MB = Number(process.env.SOAK_MAX_MB ?? 20);
const SECONDS = Number(process.env.SOAK_SECONDS ?? 300);
const BATCH = 2_000;
const pkg = resolve(process.env.SOAK_PKG ?? "pkg/edge");

const body = JSON.stringify({
  type: "payment_finished",
  session: {
    id: "ps_1", status: "accepted", created_at: "2026-12-01T10:00:00.000000Z", updated_at: "2026-12-01T10:00:05.000000Z",
    acquiring_payments: [{ id: "pm_1", status: "succeeded", amount_details: { amount: 12_345, currency: "usd" },
      payment_details: { type: "card", card: { brand: "visa", last4: "4242", bin: "424242" } }, metadata: { order: "A-1" } }],
    metadata: { order: "A-1", customer: "c-42" },
  },
});

const worker = (sdk) => `
${sdk ? 'import { SmartGlocal, paymentView } from "./edge/workerd.js";' : ""}
const enc = new TextEncoder();
const body = ${JSON.stringify(body)};
let key, sig, hex;
async function setup() {
  key ??= await crypto.subtle.importKey("raw", enc.encode("demo-secret"), { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
  sig ??= new Uint8Array(await crypto.subtle.sign("HMAC", key, enc.encode(body)));
  hex ??= [...sig].map((b) => b.toString(16).padStart(2, "0")).join("");
}
${sdk ? 'const sg = new SmartGlocal({ project: "demo", signingKey: "demo-secret" });' : ""}
export default {
  async fetch(request) {
    await setup();
    const n = Number(new URL(request.url).searchParams.get("n"));
    let kept = 0;
    for (let i = 0; i < n; i++) {
      ${sdk
        ? "const ev = await sg.verifyWebhook(body, hex); kept += paymentView(ev).final ? 1 : 0;"
        : "const bytes = enc.encode(body); if (!(await crypto.subtle.verify(\"HMAC\", key, sig, bytes))) throw new Error(\"bad\"); const ev = JSON.parse(body); kept += ev.session ? 1 : 0;"}
    }
    return new Response(String(kept));
  },
};
`;


async function run(name, sdk) {
  const dir = mkdtempSync(join(tmpdir(), `sg-soak-${name}-`));
  cpSync(pkg, join(dir, "edge"), { recursive: true });
  writeFileSync(join(dir, "worker.mjs"), worker(sdk));
  const mf = new Miniflare({
    modules: true, scriptPath: join(dir, "worker.mjs"), modulesRoot: dir,
    modulesRules: [{ type: "ESModule", include: ["**/*.js", "**/*.mjs"] }, { type: "CompiledWasm", include: ["**/*.wasm"] }],
    compatibilityDate: "2024-09-23",
  });
  const started = Date.now();
  try {
    await mf.ready;
    await (await mf.dispatchFetch(`http://w/?n=${BATCH}`)).text(); // warm: JIT, first allocations
    const base = workerdRss();
    let done = 0;
    let peak = base;
    while (done < N && Date.now() - started < SECONDS * 1000) {
      const res = await mf.dispatchFetch(`http://w/?n=${BATCH}`);
      if (Number(await res.text()) !== BATCH) throw new Error(`${name}: a batch failed`);
      done += BATCH;
      peak = Math.max(peak, workerdRss());
    }
    const end = workerdRss();
    const seconds = (Date.now() - started) / 1000;
    console.log(`soak: ${name}: ${done} webhooks in ${seconds.toFixed(1)} s, workerd RSS ${base.toFixed(0)} → ${end.toFixed(0)} MB (peak ${peak.toFixed(0)}), growth ${(end - base).toFixed(1)} MB`);
    return { done, growth: end - base };
  } finally {
    await mf.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

const control = await run("control", false);
const sdk = await run("sdk", true);
const excess = sdk.growth - control.growth;
console.log(`soak: the SDK's growth beyond the control: ${excess.toFixed(1)} MB (limit ${MAX_MB} MB)`);
if (sdk.done < N || control.done < N) console.log(`soak: stopped by the ${SECONDS} s bound before ${N}`);
if (excess > MAX_MB) {
  console.error("soak: FAIL");
  process.exit(1);
}

// `make load`: the reference worker (wrangler dev) and the sandbox under
// load on loopback, bounded in count and time:
//   LOAD_CHECKOUTS (200) hosted checkouts, 50 in flight, then
//   LOAD_WEBHOOKS (2,000) signed deliveries of one order's event, 50 in flight.
// Prints latency p50/p99, throughput, the 5xx answers (and who gave them:
// the worker's own JSON errors, or wrangler's proxy) and workerd's memory.
// Fails on any 5xx the worker itself answered, any checkout lost or doubled.
import { createHmac } from "node:crypto";
import { workerdRss } from "./workerd-rss.mjs";
import { prepare, startDemo } from "./demo-lib.mjs";

const CHECKOUTS = Number(process.env.LOAD_CHECKOUTS ?? 200);
const WEBHOOKS = Number(process.env.LOAD_WEBHOOKS ?? 2000);
const IN_FLIGHT = 50;
const DEADLINE = Date.now() + Number(process.env.LOAD_SECONDS ?? 240) * 1000;

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
};


/** Runs `n` calls of `one(i)`, `IN_FLIGHT` at a time; each gives { status, ms, own }. */
async function drive(n, one) {
  const results = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: IN_FLIGHT }, async () => {
    while (next < n && Date.now() < DEADLINE) results.push(await one(next++));
  }));
  return { results, seconds: (performance.now() - started) / 1000 };
}

function report(name, { results, seconds }) {
  const ms = results.map((r) => r.ms);
  const fives = results.filter((r) => r.status >= 500);
  const own = fives.filter((r) => r.own).length;
  console.log(`load: ${name}: ${results.length} in ${seconds.toFixed(1)} s (${(results.length / seconds).toFixed(0)}/s), ` +
    `p50 ${quantile(ms, 0.5).toFixed(0)} ms, p99 ${quantile(ms, 0.99).toFixed(0)} ms, 5xx ${fives.length} (worker ${own}, proxy ${fives.length - own}), workerd ${workerdRss().toFixed(0)} MB`);
  return { own, fives: fives.length, done: results.length };
}

async function timed(url, init) {
  const t = performance.now();
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) });
    const text = await res.text();
    // The worker's own errors are JSON with an `error`; wrangler's proxy answers otherwise.
    let own = false;
    try {
      own = typeof JSON.parse(text).error === "string";
    } catch {}
    return { status: res.status, ms: performance.now() - t, own, text };
  } catch {
    return { status: 599, ms: performance.now() - t, own: false, text: "" };
  }
}

const demo = await startDemo({ workerPort: 18799, sandboxPort: 14019, paths: prepare(), log: () => {} });
let failed = false;
try {
  console.log(`load: workerd ${workerdRss().toFixed(0)} MB at start`);
  const orders = [];
  const checkouts = await drive(CHECKOUTS, async () => {
    const r = await timed(`${demo.url}/api/checkout`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ product_id: "beans-1kg" }) });
    if (r.status === 200) orders.push(JSON.parse(r.text).order_id);
    return r;
  });
  const c = report("checkouts (widget)", checkouts);
  const ids = new Set(orders);
  if (ids.size !== orders.length) console.log("load: FAIL: an order id came twice"), (failed = true);
  // One order's real session, as the sandbox has it, delivered again and again.
  const admin = { authorization: `Bearer ${demo.adminToken}` };
  const record = await (await fetch(`${demo.url}/api/admin/orders/${orders[0]}`, { headers: admin })).json();
  const { SmartGlocal } = await import("../pkg/edge/node.js");
  const sg = new SmartGlocal({ project: "demo", signingKey: demo.secrets.SG_SIGNING_KEY, baseUrl: demo.sandboxUrl });
  const session = await sg.status(record.session_id);
  // LOAD_EVENT=foreign: an event of a session that is not ours (no Durable
  // Object is called), to tell the verification's cost from the order's.
  const foreign = process.env.LOAD_EVENT === "foreign";
  const body = JSON.stringify({ type: "payment_finished", session: foreign ? { ...session, metadata: {}, acquiring_payments: (session.acquiring_payments ?? []).map((p) => ({ ...p, metadata: {} })) } : session });
  const sign = createHmac("sha256", demo.secrets.SG_SIGNING_KEY).update(body).digest("hex");
  const hooks = await drive(WEBHOOKS, () => timed(`${demo.url}/webhooks/smart-glocal`, { method: "POST", headers: { "x-partner-sign": sign }, body }));
  const w = report(foreign ? "webhooks (not ours)" : "webhooks", hooks);
  if (c.own + w.own > 0) console.log("load: FAIL: the worker answered 5xx"), (failed = true);
  if (c.done < CHECKOUTS || w.done < WEBHOOKS) console.log(`load: stopped by the time bound (${c.done}/${CHECKOUTS}, ${w.done}/${WEBHOOKS})`);
  if (c.fives + w.fives > 0) console.log("load: some 5xx came from wrangler dev's proxy, not the worker (see the issue's note)");
} finally {
  await demo.stop();
}
if (failed) process.exit(1);

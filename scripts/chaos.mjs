// `make chaos`: the reference worker (wrangler dev) and the sandbox with
// injected faults (API: 5xx, 429, timeouts, connections dropped after the
// call was applied; webhooks: dropped, duplicated, reordered, delayed),
// driving CHAOS_N orders (default 200) as customers and the merchant would:
// frictionless, 3-D Secure approved and declined, a declined card, saved-card
// payments, full and partial refunds, and delayed capture (a second run with
// the sandbox capturing manually). At the end every order's final state is
// compared with what its card and actions should give, and the sandbox's
// own counters with the actions asked for. Prints exactly one line
//   chaos: N orders, L lost, D double, S stuck
// (plus the faults injected) and fails unless all three are 0.
import { prepare, startDemo } from "./demo-lib.mjs";

const N = Math.max(10, Number(process.env.CHAOS_N ?? 200));
const SEED = Number(process.env.CHAOS_SEED ?? 7);
const CONCURRENCY = 6;
const FAULTS = "api.5xx=0.05,api.429=0.03,api.timeout=0.02,api.drop=0.05,hook.drop=0.1,hook.dup=0.1,hook.reorder=0.05,hook.delay=0.05";
const SETTLE_MS = 120_000;
const verbose = process.env.CHAOS_LOG === "1";

const CARD = (number) => ({ number, expiration_month: "12", expiration_year: "29", security_code: "123" });

/** The scenarios of one run: what a customer does and what should come of it. */
const AUTO = [
  { name: "frictionless", card: "4242424242424242", expect: "succeeded" },
  { name: "3ds-approve", card: "4000000000003220", acs: true, expect: "succeeded" },
  { name: "3ds-get-approve", card: "4000000000003063", acs: true, expect: "succeeded" },
  { name: "3ds-decline", card: "4000000000003220", acs: false, expect: "failed" },
  { name: "declined", card: "4000000000000002", expect: "failed" },
  { name: "saved-card", card: "4242424242424242", saved: true, expect: "succeeded" },
  { name: "full-refund", card: "4242424242424242", refunds: [null], expect: "refunded" },
  { name: "partial-refunds", card: "4242424242424242", refunds: [4000, 3000], expect: "partially_refunded" },
];
const MANUAL = [
  { name: "delayed-capture", card: "4242424242424242", expect: "succeeded" },
  { name: "delayed-capture-refund", card: "4242424242424242", refunds: [5000], expect: "partially_refunded" },
];

function client(base, headers = {}) {
  let cookie = null;
  return async (path, { method = "GET", body, extra = {} } = {}) => {
    for (let attempt = 0; ; attempt++) {
      try {
        const res = await fetch(`${base}${path}`, {
          method,
          redirect: "manual",
          headers: { ...(body ? { "content-type": "application/json" } : {}), ...(cookie ? { cookie } : {}), ...headers, ...extra },
          body: body ? JSON.stringify(body) : undefined,
          signal: AbortSignal.timeout(30_000),
        });
        const set = res.headers.get("set-cookie");
        if (set) cookie = set.split(";")[0];
        const text = await res.text();
        let json = null;
        try {
          json = JSON.parse(text);
        } catch {}
        return { status: res.status, json, text, headers: res.headers };
      } catch (e) {
        if (attempt >= 3) throw e;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The customer's browser at the ACS, without a browser: the redirect followed, the decision sent. */
async function acs(redirect, approve) {
  let page;
  if (redirect.method === "POST") {
    const url = new URL(redirect.base_url ?? redirect.url);
    for (const [k, v] of Object.entries(redirect.qs ?? {})) url.searchParams.set(k, v);
    page = await fetch(url, { method: "POST", body: new URLSearchParams(redirect.params ?? {}), redirect: "manual" });
  } else {
    page = await fetch(redirect.url, { redirect: "manual" });
  }
  const html = await page.text();
  const md = /name="MD" value="([^"]*)"/.exec(html)?.[1];
  const action = /action="([^"]*decision)"/.exec(html)?.[1];
  if (!md || !action) return false;
  const origin = new URL(redirect.base_url ?? redirect.url).origin;
  await fetch(`${origin}${action}`, { method: "POST", body: new URLSearchParams({ MD: md, decision: approve ? "approve" : "decline" }), redirect: "manual" });
  return true;
}

/** Places an order (retrying a checkout the service refused outright); null when it never could. */
async function place(call, body, stats) {
  for (let attempt = 0; attempt < 6; attempt++) {
    const res = await call("/api/checkout", { method: "POST", body });
    if (res.status === 200 || res.status === 202) return res.json.order_id;
    stats.checkoutRetries++;
    await sleep(300);
  }
  return null;
}

async function waitFor(call, id, check, ms) {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = (await call(`/api/orders/${id}`)).json;
    if (v && check(v)) return v;
    if (Date.now() > deadline) return v;
    await sleep(150);
  }
}

/** One scenario, as its customer and the merchant act it out. */
async function run(demo, scenario, stats) {
  const call = client(demo.url);
  const asAdmin = client(demo.url, { authorization: `Bearer ${demo.adminToken}` });
  const order = { scenario: scenario.name, expect: scenario.expect, refunds: [], ids: [] };
  let body = { product_id: "beans-1kg", mode: "card", card: CARD(scenario.card) };
  if (scenario.saved) {
    // First a payment that saves the card, then one that uses it (3-D Secure, GET).
    const first = await place(call, { ...body, save_card: true }, stats);
    if (!first) return { ...order, unplaced: true };
    order.ids.push({ id: first, expect: "succeeded", refunds: [] });
    await waitFor(call, first, (v) => v.final, SETTLE_MS);
    const deadline = Date.now() + SETTLE_MS;
    let cards = [];
    while (!cards.length && Date.now() < deadline) {
      cards = (await call("/api/saved-cards")).json ?? [];
      if (!cards.length) await sleep(200);
    }
    if (!cards.length) return { ...order, ids: [...order.ids, { id: null, expect: "succeeded", refunds: [], noCard: true }] };
    body = { product_id: "beans-1kg", saved_card_id: cards[0].id };
  }
  const id = await place(call, body, stats);
  if (!id) return { ...order, unplaced: true };
  const entry = { id, expect: scenario.expect, refunds: [] };
  order.ids.push(entry);
  if (scenario.acs !== undefined || scenario.saved) {
    const v = await waitFor(call, id, (x) => x.final || (x.state === "action_required" && x.redirect), SETTLE_MS);
    if (v?.redirect) await acs(v.redirect, scenario.acs !== false);
  }
  if (scenario.refunds) {
    const v = await waitFor(call, id, (x) => x.final, SETTLE_MS);
    if (v?.state === "succeeded") {
      for (const amount of scenario.refunds) {
        let res;
        for (let attempt = 0; attempt < 5; attempt++) {
          res = await asAdmin(`/api/orders/${id}/refund`, { method: "POST", body: amount === null ? {} : { amount } });
          if (res.status === 200) break;
          // 409 not_refundable: the capture is still on its way.
          await sleep(500);
        }
        if (res.status === 200) entry.refunds.push(res.json.amount);
        else stats.refundRefused++;
      }
    }
  }
  return order;
}

async function pool(items, n, f) {
  const out = [];
  let next = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await f(items[i]);
    }
  }));
  return out;
}

/** One run against a fresh sandbox and worker; its per-order results. */
async function phase(capture, scenarios, count, port, paths, stats) {
  const logs = [];
  const demo = await startDemo({
    workerPort: port, sandboxPort: port - 4000, capture, paths, log: (l) => (verbose ? console.log(l) : logs.push(l)),
    sandboxArgs: ["--faults", FAULTS, "--seed", String(SEED + port), "--fault-delay-ms", "2500"],
    vars: { SG_TIMEOUT_MS: "1500", SG_RECONCILE_SECONDS: "2" },
  });
  try {
    const plan = Array.from({ length: count }, (_, i) => scenarios[i % scenarios.length]);
    const orders = await pool(plan, CONCURRENCY, (s) => run(demo, s, stats));
    // Let everything settle: every order final, every refund done.
    const asAdmin = client(demo.url, { authorization: `Bearer ${demo.adminToken}` });
    const entries = orders.flatMap((o) => o.ids.filter((e) => e.id));
    const deadline = Date.now() + SETTLE_MS;
    let records = [];
    for (;;) {
      records = await Promise.all(entries.map(async (e) => ({ e, r: (await asAdmin(`/api/admin/orders/${e.id}`)).json })));
      const busy = records.filter(({ r }) => !r?.final || r.actions.some((a) => a.status === "pending"));
      if (!busy.length || Date.now() > deadline) break;
      await sleep(1000);
    }
    const sandbox = await (await fetch(`${demo.sandboxUrl}/sandbox/stats`)).json();
    return { orders, records, sandbox };
  } finally {
    await demo.stop();
  }
}

const stats = { checkoutRetries: 0, refundRefused: 0 };
const paths = prepare();
const manualCount = Math.max(2, Math.round(N / 4));
const started = Date.now();
const runs = [
  await phase("auto", AUTO, N - manualCount, 18900, paths, stats),
  await phase("manual", MANUAL, manualCount, 18901, paths, stats),
];

let orders = 0, lost = 0, double = 0, stuck = 0, unexpected = 0;
const faults = {};
const problems = [];
for (const { orders: placed, records, sandbox } of runs) {
  for (const [k, v] of Object.entries(sandbox.faults)) faults[k] = (faults[k] ?? 0) + v;
  for (const o of placed) {
    if (o.unplaced) problems.push(`${o.scenario}: never placed`);
  }
  for (const { e, r } of records) {
    orders++;
    const state = r?.state;
    const applied = sandbox.applied[r?.session_id] ?? { confirms: 0, captures: 0, refunds: [] };
    if (!r?.final) {
      stuck++;
      problems.push(`${e.id}: stuck in ${state}`);
    } else if (["succeeded", "refunded", "partially_refunded"].includes(e.expect) && !["succeeded", "refunded", "partially_refunded"].includes(state)) {
      lost++;
      problems.push(`${e.id}: expected ${e.expect}, got ${state}`);
    } else if (state !== e.expect) {
      unexpected++;
      problems.push(`${e.id}: expected ${e.expect}, got ${state}`);
    }
    const asked = e.refunds.slice().sort();
    const done = applied.refunds.slice().sort();
    if (applied.confirms > 1 || applied.captures > 1 || done.length > asked.length) {
      double++;
      problems.push(`${e.id}: applied ${JSON.stringify(applied)}, refunds asked ${JSON.stringify(asked)}`);
    } else if (JSON.stringify(done) !== JSON.stringify(asked) && r?.final) {
      unexpected++;
      problems.push(`${e.id}: refunds applied ${JSON.stringify(done)}, asked ${JSON.stringify(asked)}`);
    }
  }
}
for (const p of problems.slice(0, 20)) console.log(`  ${p}`);
const injected = Object.entries(faults).map(([k, v]) => `${k} ${v}`).join(", ");
console.log(`faults injected: ${injected}; checkout retries ${stats.checkoutRetries}, refunds refused ${stats.refundRefused}, unexpected states ${unexpected}; ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log(`chaos: ${orders} orders, ${lost} lost, ${double} double, ${stuck} stuck`);
process.exit(lost || double || stuck || unexpected ? 1 : 0);

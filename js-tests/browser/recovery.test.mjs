// Recovery from failures inside the instance on the test build of
// smart-glocal-browser (faults/, built with `fault-injection`), in Node,
// workerd and Chromium: 10,000 genuine traps, allocator aborts and calls
// with throwing getters, then correct calls (in Chromium, on a StatusView
// made before the failures).
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Miniflare } from "miniflare";
import { openPage } from "./site.mjs";

const root = process.cwd();
const RUNS = 10_000;
const REDIRECT = { url: "https://acs.bank.test/pareq?x=1", base_url: "https://acs.bank.test/pareq", method: "POST", qs: { x: "1" }, params: { MD: "m" } };

// The same sequence in every runtime: failures of each kind, then a plan.
const script = `
const evil = new Proxy({}, { get() { throw new Error("get"); } });
const counts = {};
for (const kind of ["trap", "oom", "getter"]) {
  counts[kind] = 0;
  for (let i = 0; i < ${RUNS}; i++) {
    try {
      if (kind === "getter") sg.redirectPlan(evil);
      else sg.injectFault(kind);
    } catch (e) {
      if (e instanceof sg.SmartGlocalError) counts[kind]++;
    }
  }
}
const plan = sg.redirectPlan(${JSON.stringify(REDIRECT)});
const url = sg.paymentPageUrl("tok", { locale: "ru" });
`;

function check(out) {
  assert.deepEqual(out.counts, { trap: RUNS, oom: RUNS, getter: RUNS });
  assert.equal(out.plan.method, "POST");
  assert.deepEqual(out.plan.fields, [["MD", "m"]]);
  assert.equal(out.url, "https://pay.smart-glocal.com/ru/payment/tok");
}

test("Node: 10,000 of each failure, then correct calls", async () => {
  const sg = await import(join(root, "faults/web.js"));
  sg.initSync({ module: readFileSync(join(root, "faults/smart_glocal_bg.wasm")) });
  const out = new Function("sg", `${script}; return { counts, plan, url };`)(sg);
  check(out);
});

test("workerd: 10,000 of each failure in one isolate, then correct calls", async () => {
  writeFileSync(join(root, "browser-recovery-worker.mjs"), `
import * as sg from "./faults/web.js";
import wasm from "./faults/smart_glocal_bg.wasm";
sg.initSync({ module: wasm });
export default {
  async fetch() {
    ${script}
    return Response.json({ counts, plan, url });
  },
};`);
  const mf = new Miniflare({
    modules: true,
    scriptPath: join(root, "browser-recovery-worker.mjs"),
    modulesRoot: root,
    modulesRules: [
      { type: "ESModule", include: ["**/*.js", "**/*.mjs"] },
      { type: "CompiledWasm", include: ["**/*.wasm"] },
    ],
    compatibilityDate: "2024-09-23",
  });
  try {
    check(await (await mf.dispatchFetch("http://worker/")).json());
  } finally {
    await mf.dispose();
  }
});

let chromium;
after(async () => {
  await chromium?.close();
});

test("Chromium: 10,000 of each failure, then a StatusView made before still works", async () => {
  chromium = await openPage(root, "/faults/web.js", "recovery-page");
  const out = await chromium.page.evaluate(`(() => {
    const sg = window.sg;
    const el = document.getElementById("status");
    const view = new sg.StatusView(el, { locale: "en-US" });
    ${script}
    view.update({ session_id: "ps_1", state: "succeeded", final: true, amount: 1500, currency: "usd" });
    return { counts, plan, url, state: el.dataset.state, text: el.textContent };
  })()`);
  check(out);
  assert.equal(out.state, "succeeded");
  assert.ok(out.text.includes("$15.00"), out.text);
  assert.deepEqual(chromium.errors, []);
});

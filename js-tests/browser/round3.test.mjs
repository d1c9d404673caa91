// Hostile input, third round, against the installed smart-glocal-browser:
// a polluted Object.prototype adds no option and no redirect field, an own
// `__proto__` key or an array is no options object, and where WebAssembly
// cannot load (Node, a CSP without 'wasm-unsafe-eval') importing works and
// every call throws SmartGlocalError `wasm_unavailable`.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { openPage, startSite, launch } from "./site.mjs";

const root = process.cwd();
const manifest = JSON.parse(readFileSync(join(root, "node_modules/smart-glocal-browser/package.json"), "utf8"));
const webEntry = "/node_modules/smart-glocal-browser/" + manifest.exports["./web"].default.replace(/^\.\//, "");
const mainEntry = "/node_modules/smart-glocal-browser/" + manifest.exports["."].default.replace(/^\.\//, "");

let t;
before(async () => {
  t = await openPage(root, webEntry, "round3-page");
});
after(async () => {
  await t?.close();
});

test("with Object.prototype polluted, a redirect takes nothing from it", async () => {
  const out = await t.page.evaluate((origin) => {
    const gadgets = { base_url: "https://evil.test/", qs: { stolen: "1" }, params: { x: "1" }, allowedHosts: ["evil.test"], target: "_blank", locale: "xx", base: "https://evil.test", labels: { succeeded: "PWNED" } };
    for (const [k, v] of Object.entries(gadgets)) Object.defineProperty(Object.prototype, k, { value: v, configurable: true, writable: true });
    try {
      const plan = window.sg.redirectPlan({ url: origin + "/acs-echo", method: "POST", params: { MD: "m" } });
      const page = window.sg.paymentPageUrl("tok_1");
      const el = document.createElement("div");
      const view = new window.sg.StatusView(el);
      view.update({ state: "succeeded", final: true, kind: "payment", session_id: "ps_1", amount: null, card: null, failure: null, redirect: null, refunded_amount: 0, chargeback: false });
      // Own members only: an absent one would read through the pollution here.
      return { action: plan.action, fields: plan.fields, target: Object.hasOwn(plan, "target"), page, label: el.textContent };
    } finally {
      for (const k of Object.keys(gadgets)) delete Object.prototype[k];
    }
  }, t.site.origin);
  assert.equal(out.action, `${t.site.origin}/acs-echo`);
  assert.deepEqual(out.fields, [["MD", "m"]]);
  assert.equal(out.target, false, "redirectPlan has no target; none was taken from the prototype");
  assert.doesNotMatch(out.page, /evil/);
  assert.doesNotMatch(out.label, /PWNED/);
});

test("formatMoney gives each currency its own digits, exactly, and names a bad argument", async () => {
  const out = await t.page.evaluate(() => {
    const f = window.sg.formatMoney;
    const code = (fn) => {
      try {
        fn();
        return "no error";
      } catch (e) {
        return `${e.name}:${e.code}:${e.field}:${e.message.includes("dollars") || e.message.includes("en US")}`;
      }
    };
    let reads = 0;
    const getter = { get locale() { reads += 1; return "en-US"; } };
    const polluted = (() => {
      Object.defineProperty(Object.prototype, "locale", { value: "de-DE", configurable: true, writable: true });
      try {
        return f(150000, "eur");
      } finally {
        delete Object.prototype.locale;
      }
    })();
    return {
      usd: f(15000, "usd", { locale: "en-US" }),
      jpy: f(1500, "JPY", { locale: "en-US" }),
      bhd: f(1234, "bhd", { locale: "en-US" }),
      de: f(123456, "eur", { locale: "de-DE" }),
      max: f(2 ** 53 - 1, "usd", { locale: "en-US" }),
      getter: [f(1, "usd", getter), reads],
      polluted: polluted === f(150000, "eur"),
      errors: [
        code(() => f(1.5, "usd")),
        code(() => f(2 ** 53, "usd")),
        code(() => f("5", "usd")),
        code(() => f({ valueOf: () => 5 }, "usd")),
        code(() => f(5, "dollars")),
        code(() => f(5, "usd", { locale: "en US" })),
        code(() => f(5, "usd", Object.create({ locale: "en-US" }))),
      ],
    };
  });
  assert.equal(out.usd, "$150.00");
  assert.equal(out.jpy, "¥1,500");
  assert.match(out.bhd, /^BHD\s1\.234$/);
  assert.match(out.de, /^1\.234,56\s€$/);
  assert.equal(out.max, "$90,071,992,547,409.91", "no float: the last cent is kept");
  assert.deepEqual(out.getter, ["$0.01", 1], "the locale getter runs once");
  assert.equal(out.polluted, true, "a polluted Object.prototype gives no locale");
  assert.deepEqual(out.errors, [
    "SmartGlocalError:invalid_params:amount:false",
    "SmartGlocalError:invalid_params:amount:false",
    "SmartGlocalError:invalid_params:amount:false",
    "SmartGlocalError:invalid_params:amount:false",
    "SmartGlocalError:invalid_params:currency:false",
    "SmartGlocalError:invalid_params:opts.locale:false",
    "SmartGlocalError:invalid_params:opts:false",
  ]);
});

test("an own __proto__ key, an array or a class instance where options belong is invalid_params naming it", async () => {
  const codes = await t.page.evaluate((origin) => {
    const redirect = { url: origin + "/acs-echo", method: "GET" };
    const attempts = [
      () => window.sg.redirectPlan(redirect, JSON.parse('{"__proto__":{"allowedHosts":["evil.test"]}}')),
      () => window.sg.redirectPlan(redirect, ["allowedHosts"]),
      () => window.sg.paymentPageUrl("tok", new Date()),
      () => new window.sg.StatusView(document.createElement("div"), JSON.parse('{"__proto__":{"locale":"xx"}}')),
    ];
    return attempts.map((f) => {
      try {
        f();
        return "accepted";
      } catch (e) {
        return `${e.name}:${e.code}:${e.field}`;
      }
    });
  }, t.site.origin);
  assert.deepEqual(codes, Array(4).fill("SmartGlocalError:invalid_params:opts"));
  assert.deepEqual(t.errors, []);
});

test("in Node (no DOM, no fetch of file: URLs) the package imports, and calls throw wasm_unavailable", async () => {
  const sg = await import("smart-glocal-browser");
  for (const call of [() => sg.redirectPlan({ url: "https://acs.test/", method: "GET" }), () => sg.paymentPageUrl("tok")]) {
    assert.throws(call, (e) => e instanceof sg.SmartGlocalError && e.code === "wasm_unavailable" && /server rendering/.test(e.message));
  }
});

test("under a CSP without 'wasm-unsafe-eval' both entries give wasm_unavailable, never a raw CompileError", async () => {
  const dir = join(root, "nowasm");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "index.html"), '<!doctype html><meta charset="utf-8"><title>no wasm</title><script type="module" src="/nowasm/app.js"></script>');
  writeFileSync(join(dir, "app.js"), `
import * as main from "${mainEntry}";
import init from "${webEntry}";
const out = {};
try { main.redirectPlan({ url: "https://acs.test/", method: "GET" }); out.main = "worked"; } catch (e) { out.main = e.name + ":" + e.code + ":" + e.message; }
try { await init(); out.web = "worked"; } catch (e) { out.web = e.name + ":" + e.code; }
window.out = out;
`);
  const site = await startSite(root, { csp: "default-src 'self'; script-src 'self'" });
  const browser = await launch();
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(`${site.origin}/nowasm/index.html`);
    await page.waitForFunction(() => window.out !== undefined);
    const out = await page.evaluate(() => window.out);
    assert.match(out.main, /^SmartGlocalError:wasm_unavailable:.*wasm-unsafe-eval/);
    assert.equal(out.web, "SmartGlocalError:wasm_unavailable");
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await site.close();
  }
});

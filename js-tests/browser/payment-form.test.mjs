// smart-glocal-browser/payment-form in Chromium, against stand-ins of the
// widget's library served by the test site: one load per page, the
// callbacks turned into a promise of the outcome only, every failure a
// SmartGlocalError (`widget_unavailable` or `invalid_params` naming the
// option), and the `base` rule never looser than the core's.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { openPage } from "./site.mjs";

const root = process.cwd();
const pkg = "/node_modules/smart-glocal-browser/";
const manifest = JSON.parse(readFileSync(join(root, "node_modules/smart-glocal-browser/package.json"), "utf8"));
const webEntry = pkg + manifest.exports["./web"].default.replace(/^\.\//, "");
const formEntry = pkg + manifest.exports["./payment-form"].default.replace(/^\.\//, "");

// Stand-ins of the library: `ok` records what it was given and lets the
// test call its callbacks; `none` defines nothing; `frozen` takes no
// callbacks; `broken` fails in render.
const LIBRARIES = {
  ok: `window.__loads = (window.__loads || 0) + 1;
window.SmglPaymentForm = function (token, options) {
  window.__forms = window.__forms || [];
  window.__forms.push(this);
  this.seen = { token, keys: Object.keys(options), isCvcMasked: options.isCvcMasked, target: options.customerInteractionRedirect.target,
    container: options.container.id };
  this.render = function () { const f = document.createElement("p"); f.className = "form"; options.container.append(f); };
};`,
  none: "window.SmglPaymentForm = undefined;",
  frozen: `window.SmglPaymentForm = function () { return Object.freeze({ render() { document.getElementById("c").append(document.createElement("i")); } }); };`,
  broken: `window.SmglPaymentForm = function () { this.render = () => { throw new Error("boom 4242424242424242"); }; };`,
};

let t;
before(async () => {
  for (const [name, js] of Object.entries(LIBRARIES)) {
    mkdirSync(join(root, "widgets", name), { recursive: true });
    writeFileSync(join(root, "widgets", name, "payment-form.js"), js);
    writeFileSync(join(root, "widgets", name, "payment-form.css"), ".form{color:green}");
  }
  t = await openPage(root, webEntry, "pf-page");
  await t.page.evaluate(async (entry) => {
    window.pf = await import(entry);
    const c = document.createElement("div");
    c.id = "c";
    document.body.append(c);
  }, formEntry);
});
after(async () => {
  await t?.close();
});

const outcome = (f) => t.page.evaluate(f, t.site.origin);

test("the plan: hosts by environment, a base, defaults; each bad option named", async () => {
  const out = await outcome(() => {
    const code = (f) => { try { f(); return "ok"; } catch (e) { return `${e.name}:${e.code}:${e.field}`; } };
    const bad = [
      [{ environment: "prod" }], [{ environment: "demo", base: "https://w.test" }], [{ base: "http://widget.evil.test" }],
      [{ base: "https://w.test/?x" }], [{ base: "javascript:alert(1)" }], [{ base: "https://u:p@w.test" }],
      [{ base: "https://w.test:99999" }], [{ target: "_blank" }], [{ cvcMasked: "yes" }], [{ timeoutMs: 0 }],
      [{ timeoutMs: 120001 }], [{ timeoutMs: 1.5 }], [["base"]], [new Date()], [JSON.parse('{"__proto__":{"base":"https://evil.test"}}')],
    ];
    return {
      live: window.pf.paymentFormPlan("tok"),
      demo: window.pf.paymentFormPlan("tok", { environment: "demo", target: "_top", cvcMasked: false, timeoutMs: 500 }),
      local: window.pf.paymentFormPlan("tok", { base: "http://127.0.0.1:4010/" }).script,
      bad: bad.map(([o]) => code(() => window.pf.paymentFormPlan("tok", o))),
      token: [undefined, "", " ", 7, "x".repeat(1025)].map((tok) => code(() => window.pf.paymentFormPlan(tok))),
    };
  });
  assert.deepEqual(out.live, { script: "https://widget.smart-glocal.com/payment-form.js", stylesheet: "https://widget.smart-glocal.com/payment-form.css",
    timeoutMs: 15000, target: "_self", cvcMasked: true });
  assert.deepEqual(out.demo, { script: "https://widget-demo.smart-glocal.com/payment-form.js", stylesheet: "https://widget-demo.smart-glocal.com/payment-form.css",
    timeoutMs: 500, target: "_top", cvcMasked: false });
  assert.equal(out.local, "http://127.0.0.1:4010/payment-form.js");
  assert.deepEqual(out.bad, ["environment", "base", "base", "base", "base", "base", "base", "target", "cvcMasked", "timeoutMs", "timeoutMs", "timeoutMs", "", "", ""]
    .map((f) => `SmartGlocalError:invalid_params:opts${f ? `.${f}` : ""}`));
  assert.deepEqual(out.token, Array(5).fill("SmartGlocalError:invalid_params:publicToken"));
});

test("a base the loader accepts, the core's rule (paymentPageUrl) accepts too", async () => {
  const out = await outcome(() => {
    const bases = ["https://w.test", "https://w.test/", "https://w.test:8443/a/b", "http://localhost:4010", "http://[::1]:1",
      "http://127.0.0.1", "https://W.Test", "https://w.test/%2e%2e", "https://w.test/a b", "https://w.test\\@evil.test",
      "https://w.test#x", "HTTPS://w.test", "https://-w.test", "https://w..test", "https://w.test/./x", "http://127.0.0.2",
      "https://xn--80ak6aa92e.test", "https://w.test/\u0430", "ftp://w.test", "https:w.test", "//w.test", " https://w.test"];
    const ok = (f) => { try { f(); return true; } catch { return false; } };
    return bases.map((base) => [base, ok(() => window.pf.paymentFormPlan("t", { base })), ok(() => window.sg.paymentPageUrl("t", { base }))]);
  });
  for (const [base, loader, core] of out) if (loader) assert.ok(core, `the loader takes ${base}, the core does not`);
  assert.ok(out.filter(([, loader]) => loader).length >= 5, "the common ones pass");
});

test("getters are read once; what a polluted Object.prototype offers is not read", async () => {
  const out = await outcome(() => {
    let reads = 0;
    const opts = Object.create(null);
    Object.defineProperty(opts, "environment", { enumerable: true, get() { reads += 1; return reads === 1 ? "demo" : "https://evil.test"; } });
    const plan = window.pf.paymentFormPlan("t", opts);
    Object.defineProperty(Object.prototype, "base", { value: "https://evil.test", configurable: true, writable: true });
    let inherited;
    try {
      inherited = window.pf.paymentFormPlan("t", {});
    } finally {
      delete Object.prototype.base;
    }
    return { reads, script: plan.script, inherited: inherited.script };
  });
  assert.deepEqual(out, { reads: 1, script: "https://widget-demo.smart-glocal.com/payment-form.js", inherited: "https://widget.smart-glocal.com/payment-form.js" });
});

test("mounting loads the library once, and reports the outcome only, once", async () => {
  const out = await outcome(async (origin) => {
    const c = document.getElementById("c");
    const base = `${origin}/widgets/ok`;
    const [a, b] = await Promise.all([window.pf.mountPaymentForm(c, "tok-a", { base }), window.pf.mountPaymentForm(c, "tok-b", { base, cvcMasked: false, target: "_top" })]);
    const [fa, fb] = window.__forms;
    fa.onPaymentSuccess({ card: { number: "4242424242424242" } });
    fa.onPaymentFail();
    const reportedA = await a.reported;
    b.unmount();
    fb.onPaymentFail();
    const late = await Promise.race([b.reported, new Promise((r) => setTimeout(() => r("pending"), 100))]);
    return {
      loads: window.__loads,
      scripts: document.querySelectorAll("script[data-smgl-widget]").length,
      links: document.querySelectorAll("link[data-smgl-widget]").length,
      seen: [fa.seen, fb.seen],
      reportedA,
      late,
      children: c.children.length,
    };
  });
  assert.equal(out.loads, 1);
  assert.equal(out.scripts, 1);
  assert.equal(out.links, 1);
  assert.deepEqual(out.seen, [
    { token: "tok-a", keys: ["container", "isCvcMasked", "customerInteractionRedirect"], isCvcMasked: true, target: "_self", container: "c" },
    { token: "tok-b", keys: ["container", "isCvcMasked", "customerInteractionRedirect"], isCvcMasked: false, target: "_top", container: "c" },
  ]);
  assert.equal(out.reportedA, "success");
  assert.equal(out.late, "pending", "after unmount nothing is reported");
  assert.equal(out.children, 0);
});

test("a library that cannot load, loads too slowly, defines nothing or fails: widget_unavailable, quoting nothing", async () => {
  await t.page.route("**/widgets/slow/payment-form.js", (route) => setTimeout(() => route.fulfill({ body: LIBRARIES.ok, contentType: "text/javascript" }).catch(() => {}), 1500));
  const out = await outcome(async (origin) => {
    const c = document.getElementById("c");
    const attempt = async (base, opts = {}) => {
      try {
        await window.pf.mountPaymentForm(c, "tok", { base: `${origin}/widgets/${base}`, ...opts });
        return "mounted";
      } catch (e) {
        return `${e.name}:${e.code}:${e.message}`;
      }
    };
    return {
      missing: await attempt("missing"),
      slow: await attempt("slow", { timeoutMs: 200 }),
      none: await attempt("none"),
      broken: await attempt("broken"),
      brokenChildren: c.children.length,
      frozen: await attempt("frozen"),
      container: await window.pf.mountPaymentForm(document.createElement("div"), "tok", {}).catch((e) => `${e.code}:${e.field}`),
      notElement: await window.pf.mountPaymentForm({ appendChild() {} }, "tok", {}).catch((e) => `${e.code}:${e.field}`),
    };
  });
  assert.match(out.missing, /^SmartGlocalError:widget_unavailable:the payment form's script could not be loaded/);
  assert.equal(out.slow, "SmartGlocalError:widget_unavailable:the payment form's script did not load within 200 ms");
  assert.equal(out.none, "SmartGlocalError:widget_unavailable:the payment form's script defines no SmglPaymentForm");
  assert.equal(out.broken, "SmartGlocalError:widget_unavailable:the payment form's library failed to render");
  assert.equal(out.brokenChildren, 0);
  assert.equal(out.frozen, "mounted", "a library that takes no callbacks still renders");
  assert.equal(out.container, "invalid_params:container");
  assert.equal(out.notElement, "invalid_params:container");
  assert.deepEqual(t.errors.filter((e) => !/Failed to load resource/.test(e)), []);
});

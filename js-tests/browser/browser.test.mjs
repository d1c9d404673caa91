// The packed smart-glocal-browser in headless Chromium, loaded through its
// `./web` export without a bundler, under a strict CSP.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { startSite, launch } from "./site.mjs";

const root = process.cwd();
const manifest = JSON.parse(readFileSync(join(root, "node_modules/smart-glocal-browser/package.json"), "utf8"));
const webEntry = "/node_modules/smart-glocal-browser/" + manifest.exports["./web"].default.replace(/^\.\//, "");

mkdirSync(join(root, "page"), { recursive: true });
writeFileSync(join(root, "page/index.html"), `<!doctype html><meta charset="utf-8"><title>sg test</title>
<div id="status"></div><iframe name="acs-frame" id="acs-frame"></iframe>
<script type="module" src="/page/app.js"></script>`);
writeFileSync(join(root, "page/app.js"), `
import init, * as sg from "${webEntry}";
await init();
window.sg = sg;
window.sgReady = true;
`);

let site, browser, page;
const errors = [];
before(async () => {
  site = await startSite(root);
  browser = await launch();
  page = await browser.newPage();
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  await page.goto(site.origin + "/");
  await page.waitForFunction(() => window.sgReady === true);
});
after(async () => {
  await browser?.close();
  await site?.close();
});

async function waitFor(check, what) {
  for (let i = 0; i < 200; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  assert.fail(`timed out waiting for ${what}`);
}

test("the page runs under a strict CSP without errors", () => {
  assert.deepEqual(errors, []);
});

test("a POST redirect reaches a named frame with the exact fields", async () => {
  const params = { PaReq: "sdfew^//asdhbv+/=", MD: "a&b=c\"<script>é 💳\r\nline2", empty: "" };
  const qs = { foo: "bar baz", "a&b": "=?" };
  const before = site.received.length;
  await page.evaluate(({ origin, params, qs }) => {
    window.sg.performRedirect({ url: origin + "/acs-echo?ignored=1", base_url: origin + "/acs-echo", method: "POST", qs, params },
      { target: "acs-frame" });
  }, { origin: site.origin, params, qs });
  await waitFor(() => site.received.length > before, "the POST");
  const got = site.received.at(-1);
  assert.equal(got.method, "POST");
  assert.match(got.contentType, /^application\/x-www-form-urlencoded/);
  assert.deepEqual([...new URLSearchParams(got.search)], Object.entries(qs));
  // Browsers normalise line breaks in form values to CRLF: send CRLF, get CRLF.
  assert.deepEqual([...new URLSearchParams(got.body)], Object.entries(params));
  assert.equal(await page.frameLocator("#acs-frame").locator("#echo").textContent(), "received");
  assert.equal(await page.evaluate(() => document.forms.length), 0, "the form is removed");
});

test("a GET redirect navigates the named frame to url", async () => {
  const before = site.received.length;
  await page.evaluate((origin) => {
    window.sg.performRedirect({ url: origin + "/acs-echo?MD=x%26y&lang=en", base_url: origin + "/acs-echo", method: "GET", qs: {}, params: {} },
      { target: "acs-frame" });
  }, site.origin);
  await waitFor(() => site.received.length > before, "the GET");
  assert.deepEqual(site.received.at(-1), { method: "GET", search: "?MD=x%26y&lang=en", body: "", contentType: undefined });
});

test("unsafe redirects throw and navigate nowhere", async () => {
  const codes = await page.evaluate(() => ["javascript:alert(1)", "data:text/html,x", "http://example.test/acs"].map((url) => {
    try { window.sg.performRedirect({ url, method: "GET" }); return "no error"; } catch (e) { return e.code + ":" + (e instanceof window.sg.SmartGlocalError); }
  }));
  assert.deepEqual(codes, ["unsafe_redirect:true", "unsafe_redirect:true", "unsafe_redirect:true"]);
  assert.equal(new URL(page.url()).pathname, "/");
});

test("HTML in labels, params and ids renders as text", async () => {
  const out = await page.evaluate(() => {
    const el = document.getElementById("status");
    const view = new window.sg.StatusView(el, { labels: { failed: "<img src=x id=injected>Declined" }, locale: "en-US" });
    view.update({ session_id: "<b id=b>ps</b>", state: "failed", final: true, amount: 100, currency: "usd",
                  card: { brand: "<i id=i>visa</i>", last4: "<u>4" }, redirect: null, updated_at: null });
    const plan = window.sg.redirectPlan({ url: "https://acs.test/", method: "POST", params: { "<x>": "<script>alert(1)</script>" } });
    return { text: el.textContent, injected: el.querySelectorAll("img, b, i, u, script").length, field: plan.fields[0] };
  });
  assert.equal(out.injected, 0);
  assert.ok(out.text.includes("<img src=x id=injected>Declined"), out.text);
  assert.ok(out.text.includes("<I ID=I>VISA</I>"), out.text);
  assert.ok(!out.text.includes("<u>4"), `last4 is at most 4 digits, never markup: ${out.text}`);
  assert.deepEqual(out.field, ["<x>", "<script>alert(1)</script>"]);
});

test("StatusView walks every state", async () => {
  const rows = await page.evaluate(() => {
    const el = document.getElementById("status");
    const view = new window.sg.StatusView(el, { locale: "en-US", labels: { refunded: "Money back" } });
    const states = ["created", "processing", "awaiting_confirmation", "action_required", "authorized", "succeeded", "failed", "cancelled", "refunded"];
    return states.map((state) => {
      const final = ["succeeded", "failed", "cancelled", "refunded"].includes(state);
      view.update({ session_id: "ps_1", state, final, amount: 1500, currency: "jpy", card: { brand: "visa", last4: "4242" }, redirect: null, updated_at: null });
      return [el.dataset.state, el.getAttribute("role"), el.getAttribute("aria-live"), el.querySelector(".sg-status__label").textContent,
              el.querySelector(".sg-status__amount").textContent, el.querySelector(".sg-status__progress").hidden];
    });
  });
  const labels = ["Payment created", "Processing payment…", "Confirming payment…", "Additional verification required", "Payment authorized",
                  "Payment successful", "Payment failed", "Payment cancelled", "Money back"];
  rows.forEach(([state, role, live, label, amount, progressHidden], i) => {
    assert.equal(role, "status");
    assert.equal(live, "polite");
    assert.equal(label, labels[i], state);
    assert.equal(amount, "¥1,500");
    assert.equal(progressHidden, i >= 5, `${state}: a progress indicator while not final`);
  });
});

const processing = { session_id: "ps_1", state: "processing", final: false, amount: 15000, currency: "usd", card: null, redirect: null, updated_at: "t1" };

test("followPayment polls, shows reconnecting, redirects once and resolves with the final view", async () => {
  const redirect = { url: `${site.origin}/acs-echo?step=3ds`, base_url: `${site.origin}/acs-echo`, method: "GET", qs: { step: "3ds" }, params: {} };
  site.setScript([
    { status: 503, body: "unavailable" },
    { body: processing },
    { body: { ...processing, state: "action_required", redirect, updated_at: "t2" } },
    { body: { ...processing, state: "action_required", redirect, updated_at: "t2" } },
    { body: { ...processing, updated_at: "t3" } },
    { body: { ...processing, state: "succeeded", final: true, card: { brand: "visa", last4: "3063" }, updated_at: "t4" } },
  ]);
  const redirectsBefore = site.received.filter((r) => r.search === "?step=3ds").length;
  const result = await page.evaluate(async () => {
    const el = document.getElementById("status");
    const seen = [];
    new MutationObserver(() => seen.push(el.dataset.connection === "reconnecting" ? "reconnecting" : el.dataset.state))
      .observe(el, { attributes: true, attributeFilter: ["data-state", "data-connection"] });
    const view = await window.sg.followPayment(el, "/status/ps_1", { intervalMs: 40, timeoutMs: 10000, target: "acs-frame" });
    await new Promise((r) => setTimeout(r, 50));
    return { view, seen, text: el.textContent };
  });
  assert.equal(result.view.state, "succeeded");
  assert.ok(result.text.includes("Payment successful") && result.text.includes("$150.00") && result.text.includes("VISA •••• 3063"), result.text);
  const order = result.seen.filter((s, i, a) => s !== a[i - 1]);
  for (const s of ["reconnecting", "processing", "action_required", "succeeded"]) assert.ok(order.includes(s), `${s} in ${order}`);
  assert.ok(order.indexOf("reconnecting") < order.indexOf("action_required") && order.indexOf("action_required") < order.indexOf("succeeded"), String(order));
  await waitFor(() => site.received.filter((r) => r.search === "?step=3ds").length > redirectsBefore, "the 3DS redirect");
  assert.equal(site.received.filter((r) => r.search === "?step=3ds").length - redirectsBefore, 1, "redirected once");
});

test("followPayment rejects with timeout", async () => {
  site.setScript([{ body: processing }]);
  const code = await page.evaluate(async () => {
    try {
      await window.sg.followPayment(document.getElementById("status"), "/status/ps_2", { intervalMs: 30, timeoutMs: 300 });
      return "resolved";
    } catch (e) {
      return `${e.code}:${e instanceof window.sg.SmartGlocalError}`;
    }
  });
  assert.equal(code, "timeout:true");
  const bad = await page.evaluate(() => window.sg.followPayment(document.getElementById("status"), "/status/x", { intervalMs: 0 }).catch((e) => e.field));
  assert.equal(bad, "opts.intervalMs");
});

test("the browser package exports no signing or verifying function", async () => {
  const names = await page.evaluate(() => Object.keys(window.sg));
  assert.deepEqual(names.filter((n) => /sign|verify|prepare|webhook|hmac|^SmartGlocal$/i.test(n)), []);
  const mod = await import("smart-glocal-browser/web");
  assert.deepEqual(Object.keys(mod).filter((n) => /sign|verify|prepare|webhook|hmac|^SmartGlocal$/i.test(n)), []);
});

// Hostile input against the installed smart-glocal-browser in Chromium:
// form fields that would clobber a form, new windows without an opener,
// actions the browser cannot parse, the hosted payment page's URL, and a
// StatusView fed 10,000 views with throwing getters.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { openPage } from "./site.mjs";

const root = process.cwd();
const manifest = JSON.parse(readFileSync(join(root, "node_modules/smart-glocal-browser/package.json"), "utf8"));
const webEntry = "/node_modules/smart-glocal-browser/" + manifest.exports["./web"].default.replace(/^\.\//, "");

let t;
before(async () => {
  t = await openPage(root, webEntry, "hostile-page");
});
after(async () => {
  await t?.close();
});

async function waitFor(check, what) {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  assert.fail(`timed out waiting for ${what}`);
}

test("fields named like form members (submit, appendChild, action…) are sent as they are", async () => {
  const params = { submit: "1", appendChild: "2", action: "3", method: "4", target: "5", removeChild: "6", MD: "x" };
  const before = t.site.received.length;
  await t.page.evaluate(({ origin, params }) => {
    window.sg.performRedirect({ url: origin + "/acs-echo", base_url: origin + "/acs-echo", method: "POST", qs: {}, params }, { target: "acs-frame" });
  }, { origin: t.site.origin, params });
  await waitFor(() => t.site.received.length > before, "the POST");
  assert.deepEqual([...new URLSearchParams(t.site.received.at(-1).body)], Object.entries(params));
  assert.deepEqual(t.errors, []);
});

test("_blank opens without an opener, by GET and by POST", async () => {
  for (const method of ["GET", "POST"]) {
    const opened = t.context.waitForEvent("page");
    await t.page.evaluate(({ origin, method }) => {
      window.sg.performRedirect({ url: origin + "/acs-echo?m=" + method, base_url: origin + "/acs-echo", method, qs: { m: method }, params: { MD: "x" } }, { target: "_blank" });
    }, { origin: t.site.origin, method });
    const popup = await opened;
    await popup.waitForLoadState();
    assert.equal(new URL(popup.url()).searchParams.get("m"), method);
    assert.equal(await popup.evaluate(() => window.opener), null, method);
    await popup.close();
  }
});

test("an action the browser's own URL parser refuses is unsafe_redirect and goes nowhere", async () => {
  const before = t.page.url();
  const codes = await t.page.evaluate(() =>
    ["https://acs.bank.test:99999/", "http://localhost::9/", "https://[::1/", "https://acs.bank.test:65536/pareq"].flatMap((url) =>
      ["GET", "POST"].map((method) => {
        try {
          window.sg.performRedirect({ url, base_url: url, method, qs: {}, params: { MD: "x" } }, { target: "acs-frame" });
          return "performed";
        } catch (e) {
          return e.code;
        }
      })));
  assert.deepEqual([...new Set(codes)], ["unsafe_redirect"]);
  assert.equal(t.page.url(), before);
  assert.equal(await t.page.evaluate(() => document.forms.length), 0);
});

test("paymentPageUrl and openPaymentPage: the hosted page's address, checked", async () => {
  const out = await t.page.evaluate(() => {
    const sg = window.sg;
    const code = (f) => { try { f(); return "ok"; } catch (e) { return `${e.code}:${e.field}`; } };
    return {
      plain: sg.paymentPageUrl("abc123"),
      ru: sg.paymentPageUrl("a/b?c#d e", { locale: "ru" }),
      local: sg.paymentPageUrl("t", { base: "http://127.0.0.1:4010/", locale: "en" }),
      badLocale: code(() => sg.paymentPageUrl("t", { locale: "en-US<" })),
      badBase: code(() => sg.paymentPageUrl("t", { base: "http://pay.example.test" })),
      script: code(() => sg.paymentPageUrl("t", { base: "javascript:alert(1)" })),
      empty: code(() => sg.paymentPageUrl("")),
    };
  });
  assert.equal(out.plain, "https://pay.smart-glocal.com/en/payment/abc123");
  assert.equal(out.ru, "https://pay.smart-glocal.com/ru/payment/a%2Fb%3Fc%23d%20e");
  assert.equal(out.local, "http://127.0.0.1:4010/en/payment/t");
  assert.equal(out.badLocale, "invalid_params:opts.locale");
  assert.equal(out.badBase, "invalid_params:opts.base");
  assert.equal(out.script, "invalid_params:opts.base");
  assert.equal(out.empty, "invalid_params:publicToken");
  // A new tab without an opener.
  const opened = t.context.waitForEvent("page");
  await t.page.evaluate((origin) => window.sg.openPaymentPage("tok", { base: origin, target: "_blank" }), t.site.origin);
  const tab = await opened;
  await tab.waitForLoadState();
  assert.equal(new URL(tab.url()).pathname, "/en/payment/tok");
  assert.equal(await tab.evaluate(() => window.opener), null);
  await tab.close();
});

test("a StatusView survives 10,000 views with throwing getters", async () => {
  const out = await t.page.evaluate(() => {
    const el = document.getElementById("status");
    const view = new window.sg.StatusView(el, { locale: "en-US" });
    const evil = [
      new Proxy({}, { get() { throw new Error("get"); } }),
      { get state() { throw new Error("state"); } },
      { session_id: "ps_1", state: "action_required", final: false, redirect: { get qs() { throw new Error("qs"); }, url: "https://acs.test/", method: "GET" } },
      { session_id: "ps_1", state: "failed", final: true, card: new Proxy({}, { ownKeys() { throw new Error("keys"); }, get() { throw new Error("get"); } }) },
    ];
    let failed = 0;
    for (let i = 0; i < 10000; i++) {
      try {
        view.update(evil[i % evil.length]);
      } catch (e) {
        if (e instanceof window.sg.SmartGlocalError) failed++;
      }
    }
    view.update({ session_id: "ps_1", state: "succeeded", final: true, amount: 1500, currency: "usd", card: { brand: "visa", last4: "4242" } });
    return { failed, state: el.dataset.state, text: el.textContent };
  });
  assert.equal(out.failed, 10000);
  assert.equal(out.state, "succeeded");
  assert.ok(out.text.includes("Payment successful") && out.text.includes("$15.00"), out.text);
  assert.deepEqual(t.errors, []);
});

// The payment form widget end to end: the shop's default mode. The sandbox
// serves the widget's library; its card form is a frame of the sandbox's
// origin on the shop's page; 3-D Secure runs inside it. Screenshots to
// test-artifacts/ (docs/widget.png is one of them).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { prepare, startDemo } from "../../scripts/demo-lib.mjs";
import { launch } from "../browser/site.mjs";
import { acs, artifacts, final, payWidget, shop, widgetFrame } from "./helpers.mjs";

mkdirSync(artifacts, { recursive: true });
const logs = [];
let demo, browser;

before(async () => {
  demo = await startDemo({ workerPort: 18805, sandboxPort: 14025, paths: prepare(), log: (l) => logs.push(l) });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await demo?.stop();
  if (process.env.E2E_LOG) console.log(logs.join("\n"));
});

const CARD_TEXT = /4242\s?4242\s?4242\s?4242|4000\s?0000\s?0000\s?3220|security_code|cvc=/;

test("widget: the form on the shop's page pays; the shop never sees the card nor reads the form", async () => {
  const s = await shop(browser, demo, "widget-frictionless");
  assert.equal(await s.page.getAttribute('[data-testid="mode-widget"]', "aria-selected"), "true", "the default mode");
  const toShop = [];
  s.page.on("request", (r) => {
    if (r.url().startsWith(demo.url)) toShop.push(`${r.method()} ${r.url()} ${r.postData() ?? ""}`);
  });
  await payWidget(s, "4242 4242 4242 4242", { screenshot: join(artifacts, "widget.png") });
  assert.equal(await final(s), "succeeded");
  await s.page.waitForSelector('body[data-widget="success"]', { timeout: 10000 });
  await widgetFrame(s.page).locator('[data-testid="widget-result"][data-state="succeeded"]').waitFor();
  assert.match(await s.page.textContent('[data-testid="status"]'), /Payment successful.*\$150\.00.*VISA •••• 4242/s);
  for (const r of toShop) assert.ok(!CARD_TEXT.test(r), `the card reached the shop: ${r}`);
  // The shop's scripts cannot reach into the frame (another origin).
  const reach = await s.page.evaluate(() => {
    const frame = document.querySelector('[data-testid="payment-form"] iframe');
    let doc;
    try {
      doc = frame.contentWindow.document;
    } catch (e) {
      doc = e.name;
    }
    return { contentDocument: frame.contentDocument, doc, inputs: document.querySelectorAll("input[autocomplete=cc-number]").length };
  });
  assert.deepEqual(reach, { contentDocument: null, doc: "SecurityError", inputs: 0 });
  await s.context.close();
});

test("widget: 3-D Secure inside the form, approved then declined", async () => {
  for (const [decision, expected, reported] of [["approve", "succeeded", "success"], ["decline", "failed", "fail"]]) {
    const s = await shop(browser, demo, `widget-3ds-${decision}`);
    await payWidget(s, "4000000000003220");
    const frame = widgetFrame(s.page);
    await frame.locator(`[data-testid="acs-${decision}"]`).waitFor({ timeout: 15000 });
    assert.ok(s.page.url().startsWith(demo.url), "the shop's page stays");
    await frame.locator(`[data-testid="acs-${decision}"]`).click();
    assert.equal(await final(s), expected);
    await s.page.waitForSelector(`body[data-widget="${reported}"]`, { timeout: 10000 });
    await s.context.close();
  }
});

test("widget: the recurrent checkbox saves a card a later payment uses", async () => {
  const s = await shop(browser, demo, "widget-save-card");
  await payWidget(s, "4242424242424242", { save: true, checkbox: true });
  assert.equal(await final(s), "succeeded");
  await s.page.goto(`${demo.url}/`);
  await s.page.waitForSelector('[data-testid="pay-saved"]', { timeout: 10000 });
  s.name = "widget-saved-card-used";
  await s.page.click('[data-testid="pay-saved"]');
  await acs(s.page, "approve");
  assert.equal(await final(s), "succeeded");
  await s.context.close();
});

test("widget: a used token is refused inside the form", async () => {
  const s = await shop(browser, demo, "widget-reuse");
  const checkout = await payWidget(s, "4242424242424242");
  assert.equal(await final(s), "succeeded");
  await s.page.evaluate(async ({ token, widget }) => {
    const { mountPaymentForm } = await import("/vendor/smart-glocal-browser/payment-form.js");
    const again = document.createElement("div");
    again.id = "again";
    document.body.append(again);
    await mountPaymentForm(again, token, widget);
  }, { token: checkout.public_token, widget: checkout.widget });
  const frame = widgetFrame(s.page, "#again");
  await frame.locator('[data-testid="widget-error"][data-reason="used"]').waitFor({ timeout: 15000 });
  assert.equal(await frame.locator('[data-testid="widget-pay"]').count(), 0);
  await s.context.close();
});

test("widget: a forged result, from the shop's page or from another frame of the widget's origin, reports nothing", async () => {
  const s = await shop(browser, demo, "widget-forged");
  await s.page.click('[data-testid="pay"]');
  await widgetFrame(s.page).locator('[data-testid="widget-pay"]').waitFor({ timeout: 15000 });
  const forged = { source: "smgl-payment-form", type: "result", outcome: "success" };
  // The shop's own page (the wrong origin) ...
  await s.page.evaluate((d) => window.postMessage(d, "*"), forged);
  // ... and a second frame of the widget's origin (the right origin, not the form's frame).
  const sandboxOrigin = new URL(demo.sandboxUrl).origin;
  await s.page.evaluate((src) => new Promise((resolve) => {
    const f = document.createElement("iframe");
    f.src = src;
    f.onload = resolve;
    document.body.appendChild(f);
  }), `${sandboxOrigin}/widget/forged-token?parent=${encodeURIComponent(demo.url)}&target=_self&masked=1`);
  const other = s.page.frames().find((f) => f.url().includes("/widget/forged-token"));
  assert.ok(other, "the second frame loaded");
  await other.evaluate((d) => window.parent.postMessage(d, "*"), forged);
  await s.page.waitForTimeout(500);
  assert.equal(await s.page.evaluate(() => document.body.dataset.widget ?? null), null, "nothing was reported");
  assert.equal(await widgetFrame(s.page).locator('[data-testid="widget-pay"]').count(), 1, "the form still waits for the card");
  // The real frame still reports, once.
  const frame = widgetFrame(s.page);
  await frame.locator('[data-testid="widget-card-number"]').fill("4242 4242 4242 4242");
  await frame.locator('[data-testid="widget-expiry"]').fill("12/29");
  await frame.locator('[data-testid="widget-cvc"]').fill("123");
  await frame.locator('[data-testid="widget-cardholder"]').fill("A CUSTOMER");
  await frame.locator('[data-testid="widget-pay"]').click();
  assert.equal(await final(s), "succeeded");
  await s.page.waitForSelector('body[data-widget="success"]', { timeout: 10000 });
  await s.context.close();
});

test("widget: a library that cannot load shows widget_unavailable", async () => {
  const s = await shop(browser, demo, "widget-unavailable");
  await s.context.route("**/payment-form.js", (route) => route.abort());
  await s.page.click('[data-testid="pay"]');
  await s.page.waitForFunction(() => document.querySelector('[data-testid="form-error"]').textContent.length > 0);
  assert.match(await s.page.textContent('[data-testid="form-error"]'), /^widget_unavailable: the payment form's script could not be loaded/);
  await s.context.close();
});

test("widget: the shop's pages carry the Content-Security-Policy the README recommends, and nothing breaks it", async () => {
  const widgetOrigin = new URL(demo.sandboxUrl).origin;
  const res = await fetch(`${demo.url}/`);
  const csp = res.headers.get("content-security-policy") ?? "";
  const directives = Object.fromEntries(csp.split(";").map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v.join(" ")]));
  // The README's policy (smart-glocal-browser, "The payment form on your page"), with the widget's origin.
  assert.equal(directives["script-src"], `'self' 'wasm-unsafe-eval' ${widgetOrigin}`);
  assert.equal(directives["style-src"], `'self' ${widgetOrigin}`);
  assert.equal(directives["frame-src"], widgetOrigin);
  assert.equal(directives["connect-src"], "'self'");
  assert.equal(directives["frame-ancestors"], "'none'");
  const context = await browser.newContext();
  await context.addInitScript(() => {
    window.__violations = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${demo.url}/`);
  await page.waitForSelector('body[data-ready="true"]');
  const t = { page, context, errors, name: "widget-csp", demo };
  await payWidget(t, "4000000000003220");
  await widgetFrame(page).locator('[data-testid="acs-approve"]').click({ timeout: 15000 });
  assert.equal(await final(t), "succeeded");
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  await context.close();
});

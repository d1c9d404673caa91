// Faster Payments by QR code end to end: the shop's FPS mode (a product in
// roubles), the QR code on the page, decoded here and compared with the
// bank-app link; the sandbox's bank app (the customer's phone) approving
// or declining; and a phone-sized page, where the link is the way.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { prepare, repo, startDemo } from "../../scripts/demo-lib.mjs";
import { launch } from "../browser/site.mjs";
import { readQrSvg } from "../browser/qr-read.mjs";
import { artifacts, final, shop } from "./helpers.mjs";

mkdirSync(artifacts, { recursive: true });
const logs = [];
let demo, browser;

before(async () => {
  demo = await startDemo({ workerPort: 18806, sandboxPort: 14026, paths: prepare(), log: (l) => logs.push(l) });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await demo?.stop();
  if (process.env.E2E_LOG) console.log(logs.join("\n"));
});

async function payFps(s) {
  await s.page.selectOption('[data-testid="product"]', "cezve");
  await s.page.click('[data-testid="mode-fps"]');
  await s.page.click('[data-testid="pay"]');
  await s.page.waitForSelector('[data-testid="fps-open-bank"]', { timeout: 20000 });
  return s.page.getAttribute('[data-testid="fps-open-bank"]', "href");
}

async function bankApp(link, decision) {
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
  const app = await phone.newPage();
  await app.goto(link);
  await app.click(`[data-testid="bank-${decision}"]`);
  await app.waitForSelector('[data-testid="bank-done"]');
  const state = await app.getAttribute('[data-testid="bank-done"]', "data-state");
  await phone.close();
  return state;
}

test("fps: the QR code on the page reads as the bank-app link; the bank app approves", async () => {
  const s = await shop(browser, demo, "fps-approve");
  const link = await payFps(s);
  assert.match(link, /^http:\/\/127\.0\.0\.1:14026\/bank\/pm_[0-9a-f]+\?code=[0-9a-f]+$/);
  const qr = s.page.locator('[data-testid="fps-qr"]');
  assert.ok(await qr.isVisible());
  assert.equal(await qr.evaluate((e) => e.tagName.toLowerCase()), "svg");
  assert.match(await qr.getAttribute("aria-label"), /scan it with your phone to pay RUB\s?1,500\.00 in your bank app/);
  assert.equal(readQrSvg(await qr.evaluate((e) => e.outerHTML)), link, "the code carries the link");
  await s.page.screenshot({ path: join(repo, "docs", "fps-qr.png"), fullPage: true });
  assert.equal(await bankApp(link, "approve"), "approved");
  assert.equal(await final(s), "succeeded");
  assert.ok(await s.page.locator('[data-testid="fps"]').isHidden(), "the code goes once the payment is done");
  await s.context.close();
});

test("fps: the bank app declines", async () => {
  const s = await shop(browser, demo, "fps-decline");
  const link = await payFps(s);
  assert.equal(await bankApp(link, "decline"), "declined");
  assert.equal(await final(s), "failed");
  await s.context.close();
});

test("fps: on a phone-sized page the link to the bank app is shown, not the code", async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${demo.url}/`);
  await page.waitForSelector('body[data-ready="true"]');
  const s = { page, context, errors, name: "fps-phone", demo };
  const link = await payFps(s);
  assert.ok(await page.locator('[data-testid="fps-open-bank"]').isVisible());
  assert.ok(await page.locator('[data-testid="fps-qr"]').isHidden());
  await page.screenshot({ path: join(artifacts, "e2e-fps-phone.png") });
  assert.equal(await bankApp(link, "approve"), "approved");
  assert.equal(await final(s), "succeeded");
  await context.close();
});

test("fps: a product not in roubles cannot be paid so, and the shop says why", async () => {
  const s = await shop(browser, demo, "fps-usd");
  await s.page.click('[data-testid="mode-fps"]');
  await s.page.click('[data-testid="pay"]');
  await s.page.waitForFunction(() => document.querySelector('[data-testid="form-error"]').textContent.length > 0);
  assert.match(await s.page.textContent('[data-testid="form-error"]'), /^mode: fps takes roubles/);
  await s.context.close();
});

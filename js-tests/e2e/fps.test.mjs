// Faster Payments by QR code end to end: the shop's FPS mode (a product in
// roubles), the QR code on the page, decoded here and compared with the
// bank-app link; the sandbox's bank app (the customer's phone) approving
// or declining; a phone-sized page, where the link is the way; and payouts
// by phone from the admin page, only to a phone verified with its bank.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { prepare, startDemo } from "../../scripts/demo-lib.mjs";
import { launch } from "../browser/site.mjs";
import { readQrSvg } from "../browser/qr-read.mjs";
import { admin, artifacts, final, shop, until } from "./helpers.mjs";

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
  await s.page.screenshot({ path: join(artifacts, "fps-qr.png"), fullPage: true });
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

async function adminPage() {
  const page = await browser.newPage();
  await page.goto(`${demo.url}/admin.html`);
  await page.waitForSelector('body[data-ready="true"]');
  await page.fill('[data-testid="admin-token"]', demo.adminToken);
  await page.click('[data-testid="admin-login"]');
  await page.waitForSelector('body[data-signed-in="true"]');
  return page;
}

test("fps payouts: the admin page verifies the phone, then sends; an unregistered phone is refused", async () => {
  const page = await adminPage();
  assert.ok(await page.locator('[data-testid="payout-fps-send"]').isDisabled(), "no payout before a verification");
  await page.click('[data-testid="payout-fps-verify"]');
  await page.waitForSelector('[data-testid="payout-fps-check"][data-verified="true"]', { timeout: 20000 });
  await page.click('[data-testid="payout-fps-send"]');
  await page.waitForSelector('body[data-payout-done="true"]', { timeout: 30000 });
  assert.equal(await page.getAttribute('[data-testid="payout-status"]', "data-state"), "succeeded");
  assert.match(await page.textContent('[data-testid="payout-status"]'), /RUB\s?100\.00/);
  await page.screenshot({ path: join(artifacts, "e2e-admin-fps-payout.png"), fullPage: true });
  // The sandbox's unregistered test phone: not verified, and no way to send.
  await page.fill('[data-testid="payout-fps-phone"]', "79000000000");
  assert.ok(await page.locator('[data-testid="payout-fps-send"]').isDisabled());
  await page.click('[data-testid="payout-fps-verify"]');
  await page.waitForSelector('[data-testid="payout-fps-check"][data-verified="false"]', { timeout: 20000 });
  assert.ok(await page.locator('[data-testid="payout-fps-send"]').isDisabled());
  await page.close();
});

test("fps payouts: the worker refuses a payout to a phone it has not verified, and bad input by name", async () => {
  const asAdmin = admin(demo);
  const body = (phone, bank = "100000000111") => ({ recipient: "Ivan Ivanov", currency: "rub", amount: 10000,
    recipient_details: { first_name: "Ivan", last_name: "Ivanov" },
    payment_method: { type: "bank_account", bank_account: { system_type: "faster_payment_system",
      faster_payment_system: { phone, bank_id: bank, description: "Payout" } } } });
  const unverified = await asAdmin("/api/payouts", { method: "POST", body: body("79001234567", "100000000069") });
  assert.equal(unverified.status, 409, JSON.stringify(unverified.json));
  assert.equal(unverified.json.error, "phone_not_verified");
  for (const [bad, field] of [
    [{ phone: "12", bank_id: "100000000111", first_name: "I", last_name: "I" }, "phone"],
    [{ phone: "79001234567", bank_id: "1", first_name: "I", last_name: "I" }, "bank_id"],
    [{ phone: "79001234567", bank_id: "100000000111", first_name: "", last_name: "I" }, "first_name"],
    [{ phone: "79001234567", bank_id: "100000000111", first_name: "I", last_name: "I", note: "x" }, "body"],
  ]) {
    const res = await asAdmin("/api/payouts/verify-phone", { method: "POST", body: bad });
    assert.equal(res.status, 400, JSON.stringify(res.json));
    assert.equal(res.json.field, field);
  }
  const stranger = (await import("./helpers.mjs")).customer(demo);
  const verify = { phone: "79001234567", bank_id: "100000000111", first_name: "I", last_name: "I" };
  assert.equal((await stranger("/api/payouts/verify-phone", { method: "POST", body: verify })).status, 401);
  // The admin's own token from another site's page, and a body past the cap:
  // refused before the API is asked, so neither verifies the phone (at a
  // bank it was not verified with by the tests before).
  const elsewhere = { ...verify, bank_id: "100000000069" };
  const crossSite = await asAdmin("/api/payouts/verify-phone", { method: "POST", body: elsewhere, headers: { origin: "http://evil.test" } });
  assert.equal(crossSite.status, 403, JSON.stringify(crossSite.json));
  const oversized = await asAdmin("/api/payouts/verify-phone", { method: "POST", body: { ...elsewhere, pad: "x".repeat(3 * 1024) } });
  assert.equal(oversized.status, 413, JSON.stringify(oversized.json));
  const stillUnverified = await asAdmin("/api/payouts", { method: "POST", body: body("79001234567", "100000000069") });
  assert.equal(stillUnverified.status, 409, "a refused verification verifies nothing");
  assert.equal(stillUnverified.json.error, "phone_not_verified");
  // Verified by the API: then the payout goes.
  assert.equal((await asAdmin("/api/payouts/verify-phone", { method: "POST", body: verify })).json.verified, true);
  const sent = await asAdmin("/api/payouts", { method: "POST", body: body("79001234567") });
  assert.equal(sent.status, 200, JSON.stringify(sent.json));
  const done = await until(async () => {
    const p = (await asAdmin(sent.json.status_url)).json;
    return p.final ? p : null;
  }, "the payout's final state");
  assert.equal(done.state, "succeeded");
});

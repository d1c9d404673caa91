// Shared by the end-to-end tests: the shop in Chromium, the hosted page and
// the ACS as a customer uses them, and the worker's HTTP API.
import assert from "node:assert/strict";
import { join } from "node:path";
import { repo } from "../../scripts/demo-lib.mjs";

export const artifacts = join(repo, "test-artifacts");

/** A new browser context on the shop; page errors are collected. */
export async function shop(browser, demo, name, path = "/") {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${demo.url}${path}`);
  await page.waitForSelector('body[data-ready="true"]');
  return { page, context, errors, name, demo };
}

/** Pays in card mode (the card typed on the shop's page). */
export async function payByCard(s, card, { save = false } = {}) {
  await s.page.click('[data-testid="mode-card"]');
  await s.page.fill('[data-testid="card-number"]', card);
  if (save) await s.page.check('[data-testid="save-card"]');
  const started = Date.now();
  await s.page.click('[data-testid="pay"]');
  return started;
}

/** Pays on the hosted page: from the shop to the page, the form filled and sent. */
export async function payHosted(s, card, { save = false, checkbox = false, screenshot = null } = {}) {
  await s.page.click('[data-testid="mode-hosted"]');
  if (save) await s.page.check('[data-testid="save-card"]');
  await s.page.click('[data-testid="pay"]');
  await s.page.waitForSelector('[data-testid="hosted-pay"]', { timeout: 15000 });
  const pageUrl = s.page.url();
  await s.page.fill('[data-testid="hosted-card-number"]', card);
  await s.page.fill('[data-testid="hosted-expiry"]', "12/29");
  await s.page.fill('[data-testid="hosted-cvc"]', "123");
  await s.page.fill('[data-testid="hosted-cardholder"]', "A CUSTOMER");
  if (checkbox) await s.page.check('[data-testid="hosted-save-card"]');
  if (screenshot) await s.page.screenshot({ path: screenshot, fullPage: true });
  await s.page.click('[data-testid="hosted-pay"]');
  return pageUrl;
}

/** The widget's frame on the shop's page (the sandbox's payment form). */
export const widgetFrame = (page, container = '[data-testid="payment-form"]') => page.frameLocator(`${container} iframe`);

/**
 * Pays in the payment form widget, the shop's default mode: the form
 * mounted on the shop's page, the card typed into its frame. Resolves with
 * the checkout's answer (its public token).
 */
export async function payWidget(s, card, { save = false, checkbox = false, screenshot = null } = {}) {
  if (save) await s.page.check('[data-testid="save-card"]');
  const answer = s.page.waitForResponse((r) => r.url().endsWith("/api/checkout"));
  await s.page.click('[data-testid="pay"]');
  const checkout = await (await answer).json();
  const frame = widgetFrame(s.page);
  await frame.locator('[data-testid="widget-pay"]').waitFor({ timeout: 15000 });
  await frame.locator('[data-testid="widget-card-number"]').fill(card);
  await frame.locator('[data-testid="widget-expiry"]').fill("12/29");
  await frame.locator('[data-testid="widget-cvc"]').fill("123");
  await frame.locator('[data-testid="widget-cardholder"]').fill("A CUSTOMER");
  if (checkbox) await frame.locator('[data-testid="widget-recurrent"]').check();
  if (screenshot) await s.page.screenshot({ path: screenshot, fullPage: true });
  await frame.locator('[data-testid="widget-pay"]').click();
  return checkout;
}

export async function acs(page, decision, amount = /150\.00 USD/) {
  await page.waitForSelector(`[data-testid="acs-${decision}"]`, { timeout: 15000 });
  assert.match(await page.textContent('[data-testid="acs-amount"]'), amount);
  await page.click(`[data-testid="acs-${decision}"]`);
}

/** Waits for the final state on the shop or the status page; a screenshot to test-artifacts/. */
export async function final(s, screenshot = join(artifacts, `e2e-${s.name}.png`)) {
  await s.page.waitForSelector('body[data-done="true"]', { timeout: 30000 });
  const state = await s.page.getAttribute('[data-testid="status"]', "data-state");
  await s.page.screenshot({ path: screenshot, fullPage: true });
  assert.deepEqual(s.errors, []);
  return state;
}

/** An HTTP client of the worker with its own cookie jar (one customer). */
export function customer(demo) {
  let cookie = null;
  return async function call(path, { method = "GET", body, headers = {}, raw = false } = {}) {
    const res = await fetch(`${demo.url}${path}`, {
      method,
      headers: { ...(body !== undefined ? { "content-type": "application/json" } : {}), ...(cookie ? { cookie } : {}), ...headers },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
      redirect: "manual",
    });
    const set = res.headers.get("set-cookie");
    if (set) cookie = set.split(";")[0];
    if (raw) return res;
    const text = await res.text();
    let json = null;
    try {
      json = JSON.parse(text);
    } catch {}
    return { status: res.status, json, headers: res.headers };
  };
}

export const admin = (demo) => (path, opts = {}) => customer(demo)(path, { ...opts, headers: { authorization: `Bearer ${demo.adminToken}`, ...opts.headers } });

export async function until(check, what, ms = 30000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) assert.fail(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export const CARD = (number) => ({ number, expiration_month: "12", expiration_year: "29", security_code: "123" });

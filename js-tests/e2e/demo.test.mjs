// The demo end to end: sandbox + reference worker in workerd + the shop page
// in headless Chromium (Playwright-core), for every flow. A screenshot of each
// final page goes to test-artifacts/.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { prepare, startDemo, repo } from "../../scripts/demo-lib.mjs";
import { launch } from "../browser/site.mjs";

const artifacts = join(repo, "test-artifacts");
mkdirSync(artifacts, { recursive: true });
const logs = [];
const log = (line) => logs.push(line);
let auto, manual, browser;

before(async () => {
  const paths = prepare();
  auto = await startDemo({ workerPort: 18787, sandboxPort: 14010, paths, log });
  manual = await startDemo({ workerPort: 18788, sandboxPort: 14011, capture: "manual", paths, log });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await auto?.stop();
  await manual?.stop();
  if (process.env.E2E_LOG) console.log(logs.join("\n"));
});

async function shop(demo, name) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${demo.url}/`);
  return { page, context, errors, name };
}

async function pay(page, card, { save = false } = {}) {
  await page.fill('[data-testid="card-number"]', card);
  if (save) await page.check('[data-testid="save-card"]');
  const started = Date.now();
  await page.click('[data-testid="pay"]');
  return started;
}

async function acs(page, decision) {
  await page.waitForSelector(`[data-testid="acs-${decision}"]`, { timeout: 15000 });
  assert.match(await page.textContent('[data-testid="acs-amount"]'), /150\.00 USD/);
  await page.click(`[data-testid="acs-${decision}"]`);
}

async function final(s) {
  await s.page.waitForSelector('body[data-done="true"]', { timeout: 20000 });
  const state = await s.page.getAttribute('[data-testid="status"]', "data-state");
  await s.page.screenshot({ path: join(artifacts, `e2e-${s.name}.png`), fullPage: true });
  assert.deepEqual(s.errors, []);
  return state;
}

const sessionCalls = (path) => logs.filter((l) => l.includes(`POST /api/v1/${path} -> 200`)).length;

test("a frictionless success", async () => {
  const s = await shop(auto, "frictionless");
  await pay(s.page, "4242424242424242");
  assert.equal(await final(s), "succeeded");
  assert.match(await s.page.textContent('[data-testid="status"]'), /Payment successful.*\$150\.00.*VISA •••• 4242/s);
  await s.context.close();
});

test("3-D Secure approved with a POST redirect, under 3 s from Pay", async () => {
  const s = await shop(auto, "3ds-post-approve");
  const started = await pay(s.page, "4000000000003220");
  await acs(s.page, "approve");
  assert.equal(await final(s), "succeeded");
  const ms = Date.now() - started;
  console.log(`3DS POST payment, Pay to final state: ${ms} ms (target < 3000)`);
  assert.match(s.page.url(), /\/status(\.html)?\?PaRes=Y[0-9a-f]+&MD=/);
  await s.context.close();
});

test("3-D Secure with a GET redirect", async () => {
  const s = await shop(auto, "3ds-get-approve");
  await pay(s.page, "4000000000003063");
  await acs(s.page, "approve");
  assert.equal(await final(s), "succeeded");
  await s.context.close();
});

test("3-D Secure declined at the ACS", async () => {
  const s = await shop(auto, "3ds-declined");
  await pay(s.page, "4000000000003220");
  await acs(s.page, "decline");
  assert.equal(await final(s), "failed");
  assert.match(await s.page.textContent('[data-testid="status"]'), /Payment failed/);
  await s.context.close();
});

test("a declined card", async () => {
  const s = await shop(auto, "declined-card");
  await pay(s.page, "4000000000000002");
  assert.equal(await final(s), "failed");
  await s.context.close();
});

test("delayed capture: the worker captures on ready_to_capture", async () => {
  const before = sessionCalls("session/capture");
  const s = await shop(manual, "delayed-capture");
  await pay(s.page, "4242424242424242");
  assert.equal(await final(s), "succeeded");
  assert.equal(sessionCalls("session/capture") - before, 1);
  assert.ok(logs.some((l) => l.includes("ready_to_capture applied -> capture")), "the capture came from the webhook");
  await s.context.close();
});

test("a CIT recurring pair: save the card, then pay with it through 3-D Secure", async () => {
  const s = await shop(auto, "recurring-first");
  await pay(s.page, "4242424242424242", { save: true });
  assert.equal(await final(s), "succeeded");
  await s.page.goto(`${auto.url}/`);
  await s.page.waitForSelector('[data-testid="pay-saved"]:not([hidden])');
  s.name = "recurring-token";
  await s.page.click('[data-testid="pay-saved"]');
  await acs(s.page, "approve");
  assert.equal(await final(s), "succeeded");
  assert.match(s.page.url(), /\/status(\.html)?\?PaRes=/, "the token payment went through 3DS (GET)");
  await s.context.close();
});

test("a refund", async () => {
  const s = await shop(auto, "refund");
  await pay(s.page, "4242424242424242");
  assert.equal(await final(s), "succeeded");
  await s.page.click('[data-testid="refund"]');
  await s.page.waitForSelector('[data-testid="status"][data-state="refunded"]');
  await s.page.screenshot({ path: join(artifacts, "e2e-refund.png"), fullPage: true });
  assert.ok(logs.some((l) => /webhook ps_\d+ payment_refunded attempt=1 status=200/.test(l)));
  await s.context.close();
});

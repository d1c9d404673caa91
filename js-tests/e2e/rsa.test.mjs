// The demo in the live service's RSA mode: the sandbox verifies the worker's
// RSA-signed requests and RSA-signs its webhooks; the worker (WebCrypto in
// workerd) verifies them. Driven in Chromium like the HMAC flows.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { prepare, startDemo, repo } from "../../scripts/demo-lib.mjs";
import { launch } from "../browser/site.mjs";

const logs = [];
let demo, browser;
before(async () => {
  demo = await startDemo({ workerPort: 18789, sandboxPort: 14012, scheme: "rsa", paths: prepare(), log: (l) => logs.push(l) });
  browser = await launch();
});
after(async () => {
  if (process.env.E2E_LOG) console.log(logs.join("\n"));
  await browser?.close();
  await demo?.stop();
});

async function payWith(card, approve) {
  const page = await browser.newPage();
  await page.goto(`${demo.url}/`);
  await page.fill('[data-testid="card-number"]', card);
  await page.click('[data-testid="pay"]');
  if (approve) {
    await page.waitForSelector('[data-testid="acs-approve"]', { timeout: 15000 });
    await page.click('[data-testid="acs-approve"]');
  }
  await page.waitForSelector('body[data-done="true"]', { timeout: 20000 });
  const state = await page.getAttribute('[data-testid="status"]', "data-state");
  await page.screenshot({ path: join(repo, "test-artifacts", `e2e-rsa-${card.slice(-4)}.png`), fullPage: true });
  await page.close();
  return state;
}

test("payments go through with RSA signatures both ways", async () => {
  assert.equal(await payWith("4242424242424242", false), "succeeded");
  assert.equal(await payWith("4000000000003063", true), "succeeded");
  assert.ok(logs.some((l) => l.includes("(scheme rsa)")), "the sandbox runs in RSA mode");
  assert.ok(!logs.some((l) => l.includes("unauthorized")), "every request verified");
  assert.ok(!logs.some((l) => /webhook refused/.test(l)), "every webhook verified");
  assert.ok(logs.filter((l) => /webhook ps_\d+ payment_finished applied/.test(l)).length >= 2);
});

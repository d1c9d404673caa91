// The demo end to end: sandbox + reference worker (wrangler dev) + the shop
// in headless Chromium. The hosted payment page first (the default), then
// card entry on the shop (PCI DSS merchants). Screenshots of each final page
// go to test-artifacts/.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { prepare, startDemo } from "../../scripts/demo-lib.mjs";
import { launch } from "../browser/site.mjs";
import { artifacts, acs, final, payByCard, payHosted, shop } from "./helpers.mjs";

mkdirSync(artifacts, { recursive: true });
const logs = [];
const log = (line) => logs.push(line);
let auto, manual, browser;

before(async () => {
  const paths = prepare();
  [auto, manual] = await Promise.all([
    startDemo({ workerPort: 18787, sandboxPort: 14010, paths, log }),
    startDemo({ workerPort: 18788, sandboxPort: 14011, capture: "manual", paths, log }),
  ]);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await Promise.all([auto?.stop(), manual?.stop()]);
  if (process.env.E2E_LOG) console.log(logs.join("\n"));
});

/** Every request the page sends to the shop's own origin, with its body. */
function watchShopRequests(s) {
  const seen = [];
  s.page.on("request", (r) => {
    if (r.url().startsWith(s.demo.url)) seen.push(`${r.method()} ${r.url()} ${r.postData() ?? ""}`);
  });
  return seen;
}

test("hosted page: a payment without 3-D Secure; the shop never sees the card", async () => {
  const s = await shop(browser, auto, "hosted-frictionless");
  // Prices by the package's formatMoney (the currency's own digits).
  const options = await s.page.$$eval("#product option", (os) => os.map((o) => o.textContent));
  assert.deepEqual(options, ["Single-origin beans, 1 kg · $150.00", "Espresso blend, 250 g · $18.90", "Hand grinder · €89.00",
    "Copper cezve · RUB\u00a01,500.00"]);
  const toShop = watchShopRequests(s);
  await payHosted(s, "4242 4242 4242 4242", { screenshot: join(artifacts, "hosted-page.png") });
  assert.equal(await final(s, join(artifacts, "hosted-status.png")), "succeeded");
  assert.match(s.page.url(), /\/status(\.html)?\?order=[0-9a-f]{32}$/);
  assert.match(await s.page.textContent('[data-testid="status"]'), /Payment successful.*\$150\.00.*VISA •••• 4242/s);
  assert.ok(toShop.length > 3, "the shop was used");
  for (const r of toShop) assert.ok(!/4242\s?4242\s?4242\s?4242|"?security_code|cvc=/.test(r), `the card reached the shop: ${r}`);
  await s.context.close();
});

test("hosted page: 3-D Secure approved, then declined", async () => {
  for (const [decision, expected] of [["approve", "succeeded"], ["decline", "failed"]]) {
    const s = await shop(browser, auto, `hosted-3ds-${decision}`);
    await payHosted(s, "4000000000003220");
    await acs(s.page, decision);
    assert.equal(await final(s), expected);
    await s.context.close();
  }
});

test("hosted page: a used link shows an error and no pay button", async () => {
  const s = await shop(browser, auto, "hosted-reuse");
  const pageUrl = await payHosted(s, "4242424242424242");
  assert.equal(await final(s), "succeeded");
  await s.page.goto(pageUrl);
  await s.page.waitForSelector('[data-testid="hosted-error"][data-reason="used"]');
  assert.equal(await s.page.locator('[data-testid="hosted-pay"]').count(), 0);
  await s.page.screenshot({ path: join(artifacts, "e2e-hosted-reuse.png") });
  await s.context.close();
});

test("hosted page: the recurrent checkbox saves a card a later payment uses", async () => {
  const s = await shop(browser, auto, "hosted-save-card");
  await payHosted(s, "4242424242424242", { save: true, checkbox: true });
  assert.equal(await final(s), "succeeded");
  await s.page.goto(`${auto.url}/`);
  await s.page.waitForSelector('[data-testid="pay-saved"]', { timeout: 10000 });
  assert.match(await s.page.textContent('[data-testid="pay-saved"]'), /VISA •••• 4242/);
  s.name = "hosted-saved-card-used";
  await s.page.click('[data-testid="pay-saved"]');
  await acs(s.page, "approve");
  assert.equal(await final(s), "succeeded");
  await s.context.close();
});

test("card on the shop: frictionless, 3-D Secure POST and GET, declined", async () => {
  for (const [card, decision, expected] of [
    ["4242424242424242", null, "succeeded"],
    ["4000000000003220", "approve", "succeeded"],
    ["4000000000003063", "approve", "succeeded"],
    ["4000000000003220", "decline", "failed"],
    ["4000000000000002", null, "failed"],
  ]) {
    const s = await shop(browser, auto, `card-${card.slice(-4)}-${decision ?? "none"}`);
    await payByCard(s, card);
    if (decision) await acs(s.page, decision);
    assert.equal(await final(s), expected, card);
    await s.context.close();
  }
});

test("a payment the service must check shows needs_attention, not a failure", async () => {
  const s = await shop(browser, auto, "needs-attention", "/?mode=card");
  await payByCard(s, "4000000000000119");
  await s.page.waitForSelector('[data-testid="status"][data-state="needs_attention"]', { timeout: 20000 });
  assert.match(await s.page.textContent('[data-testid="status"]'), /checking/i);
  await s.page.screenshot({ path: join(artifacts, "e2e-needs-attention.png") });
  await s.context.close();
});

test("delayed capture: the worker captures on ready_to_capture", async () => {
  const s = await shop(browser, manual, "delayed-capture");
  await payByCard(s, "4242424242424242");
  assert.equal(await final(s), "succeeded");
  assert.ok(logs.some((l) => /capture done/.test(l)), "the worker captured");
  assert.equal(logs.filter((l) => l.includes("POST /api/v1/session/capture -> 200")).length, 1);
  await s.context.close();
});

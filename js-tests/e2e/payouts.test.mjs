// Payouts through the reference worker (merchant only): over HTTP, a card
// payout confirmed when the amount matches, a declined payout card, an IBAN
// payout, refused input; and the admin page sending one in Chromium.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { prepare, startDemo } from "../../scripts/demo-lib.mjs";
import { launch } from "../browser/site.mjs";
import { admin, artifacts, customer, until } from "./helpers.mjs";

const logs = [];
let demo, browser;
before(async () => {
  demo = await startDemo({ workerPort: 18792, sandboxPort: 14014, paths: prepare(), log: (l) => logs.push(l) });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await demo?.stop();
  if (process.env.E2E_LOG) console.log(logs.join("\n"));
});

const card = (number) => ({ type: "card", card: { type: "bank_card", bank_card: { number } } });
const iban = (value) => ({ type: "bank_account", bank_account: { system_type: "global", global: { iban: value, description: "refund of order 7" } } });

async function payout(body) {
  const asAdmin = admin(demo);
  const res = await asAdmin("/api/payouts", { method: "POST", body });
  assert.equal(res.status, 200, JSON.stringify(res.json));
  assert.match(res.json.payout_id, /^[0-9a-f]{32}$/);
  return until(async () => {
    const p = (await asAdmin(res.json.status_url)).json;
    return p.final ? p : null;
  }, "the payout's final state");
}

test("a card payout and an IBAN payout are sent; a declined card fails", async () => {
  const sent = await payout({ recipient: "Jane Roaster", payment_method: card("4242424242424242"), amount: 5000, currency: "USD" });
  assert.deepEqual([sent.kind, sent.state, sent.amount, sent.card.last4], ["payout", "succeeded", 5000, "4242"]);
  assert.match(sent.session_id, /^ps_/, "the admin sees the session");
  assert.ok(sent.actions.some((a) => a.name === "confirm" && a.status === "done"));
  const recipient_details = { first_name: "Jane", last_name: "Roaster", bank_name: "Barclays", country_iso3: "GBR", currency: "eur" };
  const wire = await payout({ recipient: "Jane Roaster", payment_method: iban("GB82WEST12345698765432"), amount: 2500, currency: "eur", recipient_details });
  assert.equal(wire.state, "succeeded");
  // What reached the API: the recipient's bank details and the sending company.
  const { SmartGlocal } = await import("../../pkg/edge/node.js");
  const sg = new SmartGlocal({ project: "demo", signingKey: demo.secrets.SG_SIGNING_KEY, baseUrl: demo.sandboxUrl });
  const session = await sg.status(wire.session_id);
  assert.deepEqual(session.payments[0].participant_details, {
    recipient: { full_name: "Jane Roaster", ...recipient_details },
    sender: { company_name: "Demo Coffee Roasters Ltd" },
  });
  const declined = await payout({ recipient: "Jane Roaster", payment_method: card("4000000000000002"), amount: 100, currency: "usd" });
  assert.deepEqual([declined.state, declined.failure.code], ["failed", "payout_declined"]);
});

test("payouts are merchant-only and validated before any API call", async () => {
  const stranger = customer(demo);
  const body = { recipient: "x", payment_method: card("4242424242424242"), amount: 1, currency: "usd" };
  assert.equal((await stranger("/api/payouts", { method: "POST", body })).status, 401);
  const asAdmin = admin(demo);
  assert.equal((await asAdmin("/api/payouts", { method: "POST", body, headers: { origin: "https://evil.test" } })).status, 403);
  for (const [bad, field] of [
    [{ ...body, payment_method: card("4242424242424241") }, "payment_method.card.bank_card.number"],
    [{ ...body, payment_method: iban("GB00WEST12345698765432"), recipient_details: { first_name: "J", last_name: "R", bank_name: "B", country_iso3: "GBR", currency: "eur" } },
      "payment_method.bank_account.global.iban"],
    [{ ...body, amount: -5 }, "amount"],
    [{ ...body, currency: "dollars" }, "currency"],
    [{ ...body, fee: 0 }, "body"],
    [{ ...body, payment_method: iban("GB82WEST12345698765432") }, "recipient_details"],
    [{ ...body, payment_method: iban("GB82WEST12345698765432"), recipient_details: { first_name: "J", last_name: "R", bank_name: "B", country_iso3: "GBR" } }, "recipient_details.currency"],
    [{ ...body, recipient_details: ["J", "R"] }, "recipient_details"],
    [{ ...body, recipient_details: { first_name: "J", nickname: "x" } }, "recipient_details"],
    [{ ...body, recipient_details: { first_name: "J".repeat(300) } }, "recipient_details.first_name"],
    [{ ...body, recipient_details: { first_name: 7 } }, "recipient_details.first_name"],
    [{ ...body, recipient_details: { country_iso3: "gb" } }, "recipient_details.country_iso3"],
  ]) {
    const res = await asAdmin("/api/payouts", { method: "POST", body: bad });
    assert.equal(res.status, 400, JSON.stringify(res.json));
    assert.equal(res.json.field, field);
    assert.doesNotMatch(JSON.stringify(res.json), /4242424242424241|GB00WEST/);
  }
  assert.equal((await stranger(`/api/payouts/${"0".repeat(32)}`)).status, 401);
  assert.equal((await asAdmin(`/api/payouts/${"0".repeat(32)}`)).status, 404);
});

test("the admin page sends a payout to a test card and shows its status", async () => {
  const page = await browser.newPage();
  // The package's wasm held back: until the page's script is ready, its
  // login cannot be used (a click would reload the page and lose the token).
  let release;
  const held = new Promise((r) => (release = r));
  await page.route("**/smart-glocal-browser/*.wasm", async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(`${demo.url}/admin.html`);
  await page.fill('[data-testid="admin-token"]', "wrong-token-of-some-length");
  assert.ok(await page.locator('[data-testid="admin-login"]').isDisabled(), "login is disabled before the script is ready");
  assert.equal(await page.getAttribute("body", "data-ready"), null);
  release();
  await page.waitForSelector('body[data-ready="true"]');
  await page.unroute("**/smart-glocal-browser/*.wasm");
  await page.click('[data-testid="admin-login"]');
  await page.waitForSelector('[data-testid="admin-error"]:not(:empty)');
  await page.fill('[data-testid="admin-token"]', demo.adminToken);
  await page.click('[data-testid="admin-login"]');
  await page.waitForSelector('body[data-signed-in="true"]');
  await page.fill('[data-testid="payout-amount"]', "7500");
  await page.click('[data-testid="payout-send"]');
  await page.waitForSelector('body[data-payout-done="true"]', { timeout: 30000 });
  assert.equal(await page.getAttribute('[data-testid="payout-status"]', "data-state"), "succeeded");
  assert.match(await page.textContent('[data-testid="payout-status"]'), /Payout sent.*\$75\.00/s);
  await page.screenshot({ path: join(artifacts, "e2e-admin-payout.png"), fullPage: true });
  await page.close();
});

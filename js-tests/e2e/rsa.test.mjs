// The demo in the live service's RSA mode: the sandbox verifies the worker's
// RSA-signed requests and RSA-signs its webhooks; the worker (WebCrypto in
// workerd) verifies them. Driven in Chromium like the HMAC flows.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { prepare, startDemo } from "../../scripts/demo-lib.mjs";
import { launch } from "../browser/site.mjs";
import { acs, final, payByCard, payHosted, shop } from "./helpers.mjs";

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

test("payments go through with RSA signatures both ways", async () => {
  let s = await shop(browser, demo, "rsa-hosted");
  await payHosted(s, "4242424242424242");
  assert.equal(await final(s), "succeeded");
  await s.context.close();
  s = await shop(browser, demo, "rsa-card-3ds");
  await payByCard(s, "4000000000003063");
  await acs(s.page, "approve");
  assert.equal(await final(s), "succeeded");
  await s.context.close();
  assert.ok(logs.some((l) => l.includes("(scheme rsa)")), "the sandbox runs in RSA mode");
  assert.ok(!logs.some((l) => l.includes("unauthorized")), "every request verified");
  assert.ok(!logs.some((l) => /webhook refused/.test(l)), "every webhook verified");
  assert.ok(logs.filter((l) => /webhook ps_\d+ payment_finished applied/.test(l)).length >= 2);
});

// The edge package's recipes (RECIPES.md) for Faster Payments, run as written against the
// sandbox from npm (a real flow, not a fake): the QR payment's deep link,
// and a payout by phone after its verification.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { startSandbox } from "smart-glocal-sandbox";

const root = process.cwd();
const readme = readFileSync(join(root, "node_modules/smart-glocal-edge/RECIPES.md"), "utf8");
const block = (name) => readme.match(new RegExp("```js " + name + "\\n([\\s\\S]*?)```"))?.[1];

async function load(name) {
  const file = join(root, `edge-recipe-${name}.mjs`);
  writeFileSync(file, block(name));
  return import(pathToFileURL(file).href);
}

let sb, env;
before(async () => {
  sb = await startSandbox({ signingKey: "recipe-secret" });
  env = { SG_PROJECT: "demo", SG_SIGNING_KEY: "recipe-secret", SG_BASE_URL: sb.url };
});
after(() => sb?.close());

test("fps-qr: the payment waits for the bank app, its deep link in the view", async () => {
  const link = await (await load("fps-qr")).startFpsPayment(env, "o-1");
  assert.match(link, new RegExp(`^${sb.url}/bank/pm_[0-9a-f]+\\?code=[0-9a-f]+$`));
  const page = await fetch(link);
  assert.equal(page.status, 200);
  assert.match(await page.text(), /data-testid="bank-approve"/);
});

test("fps-payout: a registered phone is paid; an unregistered one is not", async () => {
  const { payOutByPhone } = await load("fps-payout");
  const paid = await payOutByPhone(env, "p-1", "79001234567", "100000000111");
  assert.match(paid.id, /^ps_/);
  assert.equal(paid.payments[0].payment_method.bank_account.system_type, "faster_payment_system");
  assert.equal(await payOutByPhone(env, "p-2", "79000000000", "100000000111"), null);
});

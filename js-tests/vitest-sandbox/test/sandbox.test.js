// Inside workerd under Vitest: the shop (src/index.js) through SELF pays
// against smart-glocal-sandbox running as an auxiliary worker; the
// sandbox's signed webhooks are kept by another (HOOKS) and handed to the
// shop's webhook route as they came.
import { SELF, env } from "cloudflare:test";
import { describe, it, expect } from "vitest";

async function webhooks(count) {
  const got = [];
  const end = Date.now() + 10_000;
  while (got.length < count && Date.now() < end) {
    got.push(...(await (await env.HOOKS.fetch("https://hooks.test/")).json()));
    if (got.length < count) await new Promise((r) => setTimeout(r, 50));
  }
  return got;
}

// Hands a kept webhook to the shop, as the sandbox sent it.
const deliver = (hook) => SELF.fetch("https://shop.test/webhooks/smart-glocal", {
  method: "POST", body: hook.body, headers: { "content-type": "application/json", "x-partner-sign": hook.signature } });

describe("smart-glocal-sandbox in a Workers test", () => {
  it("a payment, confirmed on its signed ready_to_confirm, ends in payment_finished", async () => {
    const pay = await SELF.fetch("https://shop.test/pay");
    expect(pay.status).toBe(200);
    const { id } = await pay.json();
    expect(id).toMatch(/^ps_/);
    const [ready] = await webhooks(1);
    expect((await deliver(ready)).status).toBe(200);
    expect((await SELF.fetch(`https://shop.test/confirm?id=${id}`)).status).toBe(200);
    const [finished] = await webhooks(1);
    expect((await deliver(finished)).status).toBe(200);
    expect(await (await SELF.fetch("https://shop.test/seen")).json()).toEqual([
      { type: "ready_to_confirm", state: "awaiting_confirmation" },
      { type: "payment_finished", state: "succeeded" },
    ]);
    const forged = await SELF.fetch("https://shop.test/webhooks/smart-glocal", {
      method: "POST", body: finished.body, headers: { "x-partner-sign": "0".repeat(64) } });
    expect(forged.status).toBe(401);
  });
});

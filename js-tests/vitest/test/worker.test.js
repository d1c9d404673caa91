// Inside workerd under Vitest: the worker (src/index.js) through SELF, and
// the package imported by the test itself.
import { SELF, env } from "cloudflare:test";
import { describe, it, expect } from "vitest";
import { SmartGlocal, SmartGlocalError, paymentView } from "smart-glocal-edge";
import { webhookRequest } from "smart-glocal-edge/testing";

const event = { type: "payment_finished", session: { id: "ps_1", status: "accepted",
  acquiring_payments: [{ id: "pm_1", status: "succeeded", amount_details: { amount: 1500, currency: "jpy" } }] } };

describe("smart-glocal-edge in workerd, under @cloudflare/vitest-plugin", () => {
  it("the worker signs a request", async () => {
    const res = await SELF.fetch("https://shop.test/");
    expect(await res.json()).toEqual({ url: "https://demo.smart-glocal.com/api/v1/session/status" });
  });

  it("the worker verifies a signed webhook and refuses a forged one", async () => {
    const signed = await webhookRequest(event, { signingKey: env.SG_SIGNING_KEY, url: "https://shop.test/webhook" });
    const res = await SELF.fetch(signed);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ state: "succeeded", amount: 1500, currency: "jpy" });
    const forged = await webhookRequest(event, { signingKey: "another key", url: "https://shop.test/webhook" });
    expect((await SELF.fetch(forged)).status).toBe(401);
  });

  it("a test imports the package directly", async () => {
    const sg = new SmartGlocal({ project: "p", signingKey: env.SG_SIGNING_KEY });
    const prepared = await sg.prepare("session/status", { session_id: "ps_1" });
    expect(prepared.headers["X-PARTNER-SIGN"]).toHaveLength(64);
    expect(paymentView({ id: "ps_1", status: "created" }).state).toBe("created");
    await expect(sg.verifyWebhook("{}", "00")).rejects.toBeInstanceOf(SmartGlocalError);
  });
});

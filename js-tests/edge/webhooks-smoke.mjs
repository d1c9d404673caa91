// Run by Deno and Bun from a project that has smart-glocal-edge installed:
// the ./webhooks entry verifies a webhook over its exact bytes and reads its
// view, and refuses a forged signature; prints one JSON line for
// runtimes.test.mjs to check. No file access, no network.
import { Webhooks, paymentView, SmartGlocalError } from "smart-glocal-edge/webhooks";

const key = "runtime-smoke-key";
const webhooks = new Webhooks({ project: "p", signingKey: key });
const body = JSON.stringify({ type: "payment_finished", session: { id: "ps_1", status: "accepted",
  acquiring_payments: [{ id: "pm_1", status: "succeeded", amount_details: { amount: 1500, currency: "jpy" } }] } });
const mac = await crypto.subtle.importKey("raw", new TextEncoder().encode(key), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
const sig = Array.from(new Uint8Array(await crypto.subtle.sign("HMAC", mac, new TextEncoder().encode(body))), (b) => b.toString(16).padStart(2, "0")).join("");
const event = await webhooks.verifyWebhook(body, sig);
let refused = null;
try {
  await webhooks.verifyWebhook(body, sig.replace(/^./, (c) => (c === "0" ? "1" : "0")));
} catch (e) {
  refused = e instanceof SmartGlocalError ? e.code : String(e);
}
const view = paymentView(event);
console.log(JSON.stringify({ state: view.state, amount: view.amount, currency: view.currency, refused }));

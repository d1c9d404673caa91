// Run by another runtime (Deno, Bun) or as a bundle, from a project that has
// smart-glocal-edge installed: signs a request, verifies a webhook over its
// exact bytes and reads its view; prints the results as one JSON line for
// runtimes.test.mjs to check. No file access, no network.
import { SmartGlocal, paymentView, SmartGlocalError } from "smart-glocal-edge";

const key = "runtime-smoke-key";
const sg = new SmartGlocal({ project: "p", signingKey: key });
const prepared = await sg.prepare("session/status", { session_id: "ps_1" });
const body = JSON.stringify({ type: "payment_finished", session: { id: "ps_1", status: "accepted",
  acquiring_payments: [{ id: "pm_1", status: "succeeded", amount_details: { amount: 1500, currency: "jpy" } }] } });
const mac = await crypto.subtle.importKey("raw", new TextEncoder().encode(key), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
const sig = Array.from(new Uint8Array(await crypto.subtle.sign("HMAC", mac, new TextEncoder().encode(body))), (b) => b.toString(16).padStart(2, "0")).join("");
const event = await sg.verifyWebhook(body, sig);
let refused = null;
try {
  await sg.verifyWebhook(body, sig.replace(/^./, (c) => (c === "0" ? "1" : "0")));
} catch (e) {
  refused = e instanceof SmartGlocalError ? e.code : String(e);
}
const view = paymentView(event);
console.log(JSON.stringify({ url: prepared.url, signed: prepared.headers["X-PARTNER-SIGN"]?.length ?? prepared.headers["x-partner-sign"]?.length,
  state: view.state, amount: view.amount, currency: view.currency, refused }));

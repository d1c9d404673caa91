// smart-glocal-edge/testing: helpers for your own tests (not part of the
// main entry). The package's own entry is imported by name, so the runtime
// picks its usual entry (workerd, Node, or a bundler's).
import { SmartGlocal } from "smart-glocal-edge";

// The sandbox's test cards (generated from sg-sandbox at build time).
export { sandboxCards } from "./test-cards.js";

// A signed webhook `Request`, as Smart Glocal would send it: the event as
// JSON (or your exact text), X-PARTNER-SIGN made with `signingKey` (HMAC) or
// `privateKey` (RSA, PKCS#8 PEM).
export async function webhookRequest(event, { signingKey, privateKey, url = "http://localhost/webhooks/smart-glocal" } = {}) {
  const body = typeof event === "string" ? event : JSON.stringify(event);
  const signer = new SmartGlocal({ project: "testing", ...(privateKey ? { privateKey } : { signingKey }) });
  const signature = await signer.sign(body);
  return new Request(url, {
    method: "POST",
    headers: { "content-type": "application/json", "x-partner-sign": signature },
    body,
  });
}

// The webhook half of runtime-smoke.mjs and webhooks-smoke.mjs: a body
// signed with WebCrypto, verified by `verify(body, signature)` over its
// exact bytes, a forged signature refused, the view read.
export async function webhookSmoke(key, verify, paymentView, SmartGlocalError) {
  const body = JSON.stringify({ type: "payment_finished", session: { id: "ps_1", status: "accepted",
    acquiring_payments: [{ id: "pm_1", status: "succeeded", amount_details: { amount: 1500, currency: "jpy" } }] } });
  const mac = await crypto.subtle.importKey("raw", new TextEncoder().encode(key), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const sig = Array.from(new Uint8Array(await crypto.subtle.sign("HMAC", mac, new TextEncoder().encode(body))), (b) => b.toString(16).padStart(2, "0")).join("");
  const event = await verify(body, sig);
  let refused = null;
  try {
    await verify(body, sig.replace(/^./, (c) => (c === "0" ? "1" : "0")));
  } catch (e) {
    refused = e instanceof SmartGlocalError ? e.code : String(e);
  }
  const view = paymentView(event);
  return { state: view.state, amount: view.amount, currency: view.currency, refused };
}

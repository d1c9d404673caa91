// POST /webhooks/smart-glocal: a signed event, verified over its raw bytes,
// handed to the order or payout it belongs to (by the id this worker put in
// the metadata at the start). 200 once its effect is stored; 5xx when it
// could not be, so that Smart Glocal delivers it again.
import { SmartGlocalError, operation } from "smart-glocal-edge";
import { api } from "./sg.js";
import { ID, fail, json } from "./http.js";

/** The order or payout id this worker gave the session, if any. */
function ownerOf(event) {
  const meta = [operation(event)?.metadata, event.session?.metadata];
  for (const m of meta) {
    if (m && typeof m === "object") {
      if (typeof m.order_id === "string" && ID.test(m.order_id)) return { ns: "ORDERS", id: m.order_id };
      if (typeof m.payout_id === "string" && ID.test(m.payout_id)) return { ns: "PAYOUTS", id: m.payout_id };
    }
  }
  return null;
}

export async function webhook(request, env) {
  const started = Date.now();
  let event;
  try {
    event = await api(env).handleWebhook(request); // raw body + X-PARTNER-SIGN, at most 1 MiB
  } catch (e) {
    if (!(e instanceof SmartGlocalError)) throw e;
    const status = e.code === "payload_too_large" ? 413 : e.code === "malformed_payload" ? 400 : 401;
    console.log(`worker: webhook refused (${e.code}) -> ${status}`);
    return fail(status, e.code);
  }
  const owner = ownerOf(event);
  if (!owner) {
    // Not started by this worker: nothing to do, and nothing to redeliver.
    console.log(`worker: webhook ${event.session.id} ${event.type}: no order or payout of ours`);
    return json({ ok: true, ignored: true });
  }
  const stub = env[owner.ns].get(env[owner.ns].idFromName(owner.id));
  const { applied } = await stub.applyEvent(event);
  console.log(`worker: webhook ${event.session.id} ${event.type} ${applied ? "applied" : "repeat"} in ${Date.now() - started}ms`);
  return json({ ok: true });
}

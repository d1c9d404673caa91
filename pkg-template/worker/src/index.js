// Reference Cloudflare Worker for Smart Glocal payments.
//
//   POST /api/checkout            start a payment: { amount, currency, card | token, recurrent? }
//   POST /webhooks/smart-glocal   signed webhooks from Smart Glocal
//   GET  /api/payments/:id        the browser-safe PaymentView
//   POST /api/payments/:id/refund refund (a merchant action; the demo page has a button)
//   GET|POST /return              3-D Secure return -> 303 /status.html
//   everything else               static assets (www/)
//
// Configuration comes from bindings: SG_PROJECT, SG_BASE_URL (vars) and the
// secrets of one scheme (.dev.vars locally, `wrangler secret put` in production):
//   HMAC: SG_SIGNING_KEY
//   RSA (the live service): SG_PRIVATE_KEY (your PKCS#8 PEM) and
//        SG_WEBHOOK_PUBLIC_KEY (Smart Glocal's SPKI PEM)
import { DurableObject } from "cloudflare:workers";
import { SmartGlocal, SmartGlocalError, paymentView, returnToGet } from "smart-glocal-edge";

let client = null;
let clientConfig = "";

/** One client per isolate (and per configuration). */
function api(env) {
  const rsa = Boolean(env.SG_PRIVATE_KEY);
  const config = `${env.SG_PROJECT}\n${env.SG_BASE_URL}\n${rsa}`;
  if (!client || clientConfig !== config) {
    const keys = rsa
      ? { privateKey: env.SG_PRIVATE_KEY, webhookPublicKey: env.SG_WEBHOOK_PUBLIC_KEY }
      : { signingKey: env.SG_SIGNING_KEY };
    client = new SmartGlocal({ project: env.SG_PROJECT, baseUrl: env.SG_BASE_URL, timeoutMs: 10000, maxRetries: 2, ...keys });
    clientConfig = config;
  }
  return client;
}

const json = (body, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", "cache-control": "no-store" } });

const payment = (env, sessionId) => env.PAYMENTS.get(env.PAYMENTS.idFromName(sessionId));

const SESSION_ID = /^[A-Za-z0-9_-]{1,64}$/;

export default {
  async fetch(request, env, ctx) {
    const url = new URL(request.url);
    const { pathname } = url;
    try {
      if (pathname === "/api/checkout" && request.method === "POST") return await checkout(request, env, ctx, url);
      if (pathname === "/webhooks/smart-glocal" && request.method === "POST") return await webhook(request, env, ctx);
      if (pathname === "/return" && (request.method === "GET" || request.method === "POST")) {
        return await returnToGet(request, "/status.html");
      }
      const m = pathname.match(/^\/api\/payments\/([^/]+)(\/refund)?$/);
      if (m && SESSION_ID.test(m[1])) {
        if (!m[2] && request.method === "GET") {
          const view = await payment(env, m[1]).view();
          return view ? json(view) : json({ error: "not_found" }, 404);
        }
        if (m[2] && request.method === "POST") return await refund(env, m[1]);
      }
      if (env.ASSETS) return env.ASSETS.fetch(request);
      return json({ error: "not_found" }, 404);
    } catch (e) {
      console.error(`worker: ${request.method} ${pathname} failed: ${e?.code ?? ""} ${e?.message ?? e}`);
      return json({ error: "internal" }, 500);
    }
  },
};

function apiError(e) {
  if (!(e instanceof SmartGlocalError)) throw e;
  const status = e.code === "invalid_params" ? 400 : 502;
  return json({ error: e.code, field: e.field, message: e.message }, status);
}

async function checkout(request, env, ctx, url) {
  let body;
  try {
    body = await request.json();
  } catch {
    return json({ error: "invalid_json" }, 400);
  }
  const { amount, currency, card, token, recurrent } = body ?? {};
  let payment_details;
  if (card && !token) {
    payment_details = { type: "card", card: { type: "bank_card", bank_card: card } };
  } else if (token && !card && typeof token === "string" && SESSION_ID.test(token)) {
    // `token` names a saved card: the session that saved it. The API's
    // recurrent token itself never leaves the server.
    const saved = await payment(env, token).savedToken();
    if (!saved) return json({ error: "invalid_params", field: "token", message: "no saved card with this reference" }, 400);
    payment_details = { type: "recurrent", recurrent: { token: saved, initiator: "client" } };
  } else {
    return json({ error: "invalid_params", field: "card", message: "give either card or token" }, 400);
  }
  const orderId = crypto.randomUUID();
  let session;
  try {
    session = await api(env).initPayment(
      {
        payment_details,
        amount_details: { amount, currency },
        customer: { reference: "demo-customer" },
        payment_options: { return_url: `${url.origin}/return`, ...(recurrent === true ? { recurrent: true } : {}) },
        metadata: { order_id: orderId },
      },
      { idempotencyKey: `order-${orderId}-init` },
    );
  } catch (e) {
    return apiError(e);
  }
  const order = { order_id: orderId, amount, currency: String(currency).toLowerCase() };
  const action = await payment(env, session.id).recordOrder(order, paymentView(session));
  if (action) ctx.waitUntil(act(env, session.id, action));
  console.log(`worker: checkout ${order.order_id} -> ${session.id}`);
  return json({ session_id: session.id, status_url: `/api/payments/${session.id}` });
}

async function webhook(request, env, ctx) {
  const started = Date.now();
  let event;
  try {
    event = await api(env).handleWebhook(request); // raw body + X-PARTNER-SIGN
  } catch (e) {
    if (!(e instanceof SmartGlocalError)) throw e;
    const status = e.code === "malformed_payload" ? 400 : 401;
    console.log(`worker: webhook refused (${e.code}) -> ${status}`);
    return json({ error: e.code }, status);
  }
  const id = event.session.id;
  const { duplicate, action } = await payment(env, id).applyWebhook(event);
  if (action) ctx.waitUntil(act(env, id, action));
  console.log(`worker: webhook ${id} ${event.type} ${duplicate ? "duplicate" : "applied"}${action ? ` -> ${action}` : ""} in ${Date.now() - started}ms`);
  return new Response("ok");
}

/** confirm / cancel / capture, with a key per session and action, then record the answer. */
async function act(env, id, action) {
  const opts = { idempotencyKey: `${id}-${action}` };
  try {
    const sg = api(env);
    const session =
      action === "confirm" ? await sg.confirm(id, opts) : action === "cancel" ? await sg.cancel(id, opts) : await sg.capture(id, null, opts);
    await payment(env, id).applySession(session);
    console.log(`worker: ${action} ${id} -> ${session.status}`);
  } catch (e) {
    console.error(`worker: ${action} ${id} failed: ${e.code ?? ""} ${e.message}`);
  }
}

async function refund(env, id) {
  const stub = payment(env, id);
  if (!(await stub.view())) return json({ error: "not_found" }, 404);
  try {
    const session = await api(env).refund(id, null, { idempotencyKey: `${id}-refund` });
    await stub.applySession(session);
    return json(await stub.view());
  } catch (e) {
    return apiError(e);
  }
}

const FINAL = new Set(["succeeded", "failed", "cancelled", "refunded"]);

/** A later snapshot never replaces a final one with a non-final one. */
const merge = (current, next) => (current && FINAL.has(current.state) && !FINAL.has(next.state) ? current : next);

/** One payment session: its order, its latest PaymentView, the deliveries already applied. */
export class PaymentSession extends DurableObject {
  constructor(ctx, env) {
    super(ctx, env);
    ctx.blockConcurrencyWhile(async () => {
      this.s = (await ctx.storage.get("s")) ?? { order: null, view: null, seen: [], pending: null, done: [], token: null };
    });
  }

  save() {
    return this.ctx.storage.put("s", this.s);
  }

  /** What to do for `event`, once per action: confirm only if amount and currency match the order. */
  decide(event) {
    let action = null;
    if (event.type === "ready_to_capture") action = "capture";
    if (event.type === "ready_to_confirm") {
      const got = event.session.acquiring_payments?.at(-1)?.amount_details;
      const ok = got && got.amount === this.s.order.amount && got.currency === this.s.order.currency;
      action = ok ? "confirm" : "cancel";
    }
    if (!action || this.s.done.includes(action)) return null;
    this.s.done.push(action);
    return action;
  }

  async recordOrder(order, view) {
    this.s.order = order;
    this.s.view = this.s.view ?? view;
    const action = this.s.pending ? this.decide(this.s.pending) : null;
    this.s.pending = null;
    await this.save();
    return action;
  }

  /** Applies a verified webhook. The state changes synchronously, so concurrent duplicates see the first. */
  async applyWebhook(event) {
    const p = event.session.acquiring_payments?.at(-1);
    const key = `${event.type}:${p?.status ?? "-"}`;
    if (this.s.seen.includes(key)) return { duplicate: true, action: null };
    this.s.seen.push(key);
    this.s.view = merge(this.s.view, paymentView(event));
    if (p?.recurrent?.token && p.recurrent.is_active !== false) this.s.token = p.recurrent.token;
    let action = null;
    if (event.type === "ready_to_confirm" && !this.s.order) this.s.pending = event; // the checkout answer is still on its way
    else if (this.s.order) action = this.decide(event);
    await this.save();
    return { duplicate: false, action };
  }

  async applySession(session) {
    this.s.view = merge(this.s.view, paymentView(session));
    await this.save();
  }

  view() {
    return this.s.view;
  }

  savedToken() {
    return this.s.token;
  }
}

// Reference Cloudflare Worker for Smart Glocal payments: the shop's
// backend. Its trust model (README.md): prices from the catalogue, the
// customer from a signed cookie, unguessable order ids, saved cards and
// API tokens kept server-side, merchant actions behind a bearer token,
// cross-site state changes refused, every body capped.
//
//   GET  /api/catalog                 the products
//   POST /api/checkout                buy: the payment form widget (default), hosted page or card
//   GET  /api/orders/:id              the order's PaymentView (its customer only)
//   GET  /api/saved-cards             this customer's saved cards
//   DELETE /api/saved-cards/:id       remove one (its token disabled at the API)
//   POST /webhooks/smart-glocal       signed events from Smart Glocal
//   GET|POST /return                  the 3-D Secure return -> 303 to the status page
//   merchant only (admin.js, fps.js): refunds, orders, payouts (by phone
//                                     after POST /api/payouts/verify-phone)
//   everything else                   the shop's static pages (ASSETS), with
//                                     a Content-Security-Policy (pages.js)
import { SmartGlocalError, returnToGet } from "smart-glocal-edge";
import { CATALOG } from "./catalog.js";
import { checkout } from "./checkout.js";
import { customerOf, withCookie } from "./customer.js";
import { webhook } from "./webhook.js";
import * as admin from "./admin.js";
import { Answer, ID, fail, json, methodNotAllowed, notFound, requireAdmin, requireSameOrigin } from "./http.js";
import { requireConfig } from "./config.js";
import { api } from "./sg.js";
import { withPagePolicy } from "./pages.js";
import { verifyPhone } from "./fps.js";

export { Order } from "./order.js";
export { Payout } from "./payout.js";
export { Customer, Ledger } from "./stores.js";
export { Limiter } from "./limits.js";

const routes = [
  // [method, pattern, handler({ request, env, url, params }), options]
  ["GET", /^\/api\/catalog$/, () => json(CATALOG), { customer: true }],
  ["POST", /^\/api\/checkout$/, (c) => checkout(c.request, c.env, c.customer), { customer: true }],
  ["GET", /^\/api\/orders\/([^/]+)$/, (c) => orderView(c), { customer: true }],
  ["GET", /^\/api\/saved-cards$/, (c) => savedCards(c), { customer: true }],
  ["DELETE", /^\/api\/saved-cards\/([^/]+)$/, (c) => removeCard(c), { customer: true, id: true }],
  ["POST", /^\/api\/orders\/([^/]+)\/refund$/, (c) => admin.refund(c.request, c.env, c.id), { admin: true, id: true }],
  ["GET", /^\/api\/admin\/orders$/, (c) => admin.listOrders(c.env, c.url), { admin: true }],
  ["GET", /^\/api\/admin\/orders\/([^/]+)$/, (c) => admin.getOrder(c.env, c.id), { admin: true, id: true }],
  ["GET", /^\/api\/admin\/payouts$/, (c) => admin.listPayouts(c.env, c.url), { admin: true }],
  ["POST", /^\/api\/payouts$/, (c) => admin.createPayout(c.request, c.env), { admin: true }],
  ["POST", /^\/api\/payouts\/verify-phone$/, (c) => verifyPhone(c.request, c.env), { admin: true }],
  ["GET", /^\/api\/payouts\/([^/]+)$/, (c) => admin.getPayout(c.env, c.id), { admin: true, id: true }],
  ["POST", /^\/webhooks\/smart-glocal$/, (c) => webhook(c.request, c.env), {}],
  // The ACS returns from another site: not a state change, never refused for its Origin.
  ["GET", /^\/return$/, (c) => back(c), { crossSite: true }],
  ["POST", /^\/return$/, (c) => back(c), { crossSite: true }],
];

async function orderView({ env, id, customer }) {
  if (!ID.test(id)) return notFound();
  const order = env.ORDERS.get(env.ORDERS.idFromName(id));
  const s = await order.record();
  // Another customer's order does not exist for this one.
  if (!s || s.customer_id !== customer.id) return notFound();
  return json({ ...(await order.view()), order_id: id, product_id: s.product_id, quantity: s.quantity });
}

async function savedCards({ env, customer }) {
  return json(await env.CUSTOMERS.get(env.CUSTOMERS.idFromName(customer.id)).publicCards());
}

/**
 * A customer removes one of their saved cards: the API disables its
 * recurrent token (`recurrent/disable`), then the card is forgotten. 204;
 * 404 for a card that is not this customer's; 502 (card kept) when the API
 * could not be reached. A token the API no longer knows or has disabled is
 * forgotten all the same.
 */
async function removeCard({ env, id, customer }) {
  const store = env.CUSTOMERS.get(env.CUSTOMERS.idFromName(customer.id));
  const token = await store.token(id);
  if (!token) return notFound();
  try {
    await api(env).recurrentDisable(token, { idempotencyKey: `card-${id}-disable` });
  } catch (e) {
    if (!(e instanceof SmartGlocalError)) throw e;
    const gone = e.code === "api_error" && e.status >= 400 && e.status < 500;
    if (!gone) return fail(502, "payment_service_unavailable", { message: "try again in a moment" });
    console.log(`worker: saved card ${id}: the API refused to disable it (${e.api_code}); forgetting it`);
  }
  await store.forget(id);
  console.log(`worker: saved card ${id} removed`);
  return new Response(null, { status: 204, headers: { "cache-control": "no-store" } });
}

/**
 * 3-D Secure return (GET, or the ACS's POST form) -> 303 to the status page
 * of its order. What the caller sent wrong is a 4xx: a body over its cap
 * 413, a body that is not a form 415.
 */
async function back({ request, url }) {
  const order = url.searchParams.get("order") ?? "";
  const target = ID.test(order) ? `/status.html?order=${order}` : "/status.html";
  try {
    return await returnToGet(request, target);
  } catch (e) {
    if (!(e instanceof SmartGlocalError)) throw e;
    if (e.code === "payload_too_large") return fail(413, "payload_too_large", { limit: e.limit });
    if (e.code === "invalid_params") return fail(415, "unsupported_media_type", { message: "send a form (application/x-www-form-urlencoded) or a GET" });
    throw e;
  }
}

async function route(request, env, url) {
  const allowed = [];
  for (const [method, pattern, handler, opts] of routes) {
    const m = pattern.exec(url.pathname);
    if (!m) continue;
    allowed.push(method);
    if (method !== request.method && !(method === "GET" && request.method === "HEAD")) continue;
    if (request.method !== "GET" && request.method !== "HEAD" && !opts.crossSite) requireSameOrigin(request, env);
    if (opts.admin) await requireAdmin(request, env);
    // Ids are 32 hex digits: anything else (a bad escape included) is no id.
    const id = m[1];
    if (opts.id && !ID.test(id)) return notFound();
    if (!opts.customer) return handler({ request, env, url, id });
    const customer = await customerOf(request, env);
    return withCookie(await handler({ request, env, url, id, customer }), customer);
  }
  if (allowed.length) return methodNotAllowed([...new Set(allowed)]);
  if (url.pathname.startsWith("/api/")) return notFound();
  if (request.method !== "GET" && request.method !== "HEAD") return methodNotAllowed(["GET", "HEAD"]);
  return env.ASSETS ? withPagePolicy(await env.ASSETS.fetch(request), env) : notFound();
}

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    try {
      requireConfig(env);
      return await route(request, env, url);
    } catch (e) {
      if (e instanceof Answer) return e.response;
      // Storage or a Durable Object failed: 5xx, so a webhook is delivered again.
      console.error(`worker: ${request.method} ${url.pathname} failed: ${e?.code ?? ""} ${e?.message ?? e}`);
      return fail(500, "internal");
    }
  },
};

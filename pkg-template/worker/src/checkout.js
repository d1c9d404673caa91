// POST /api/checkout: the customer buys a catalogue item.
//   { product_id, quantity?, mode?: "widget" | "hosted" | "card" | "fps", card?, saved_card_id?, save_card?, locale? }
// The amount comes from the catalogue (an `amount` from the browser is
// refused). `widget` (the default) and `hosted` create the session without
// card data and a public token for it: the card never touches this worker.
// `widget` answers the token and where the payment form's library comes
// from (the page mounts it: smart-glocal-browser/payment-form); `hosted`
// answers the hosted payment page's URL. `card` (merchants with PCI DSS)
// takes the card here. `fps` (products in roubles) pays by the Faster
// Payments System: the order's view then carries the QR code's deep link
// (`interaction`), which the page shows (smart-glocal-browser/qr). A
// `saved_card_id` pays with one of this customer's saved cards.
// Answers `{ order_id, status_url, payment_page_url?, public_token?, widget? }`.
import { SmartGlocalError, paymentPageUrl } from "smart-glocal-edge";
import { api } from "./sg.js";
import { CATALOG, MAX_QUANTITY, product } from "./catalog.js";
import { Answer, ID, fail, invalid, json, onlyKnown, randomId, readJson } from "./http.js";
import { shopOrigin, widgetSource } from "./config.js";
import { limitCheckouts } from "./limits.js";

const MAX_BODY = 16 * 1024;
const FIELDS = ["product_id", "quantity", "mode", "card", "saved_card_id", "save_card", "locale"];
const CARD_FIELDS = ["number", "expiration_month", "expiration_year", "security_code", "cardholder_name"];

function read(body) {
  if ("amount" in body || "currency" in body) throw invalid("amount", "prices come from the catalogue; send product_id");
  onlyKnown(body, FIELDS);
  const item = typeof body.product_id === "string" ? product(body.product_id) : null;
  if (!item) throw invalid("product_id", `must be one of ${CATALOG.map((p) => p.id).join(", ")}`);
  const quantity = body.quantity ?? 1;
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_QUANTITY) throw invalid("quantity", `must be a whole number from 1 to ${MAX_QUANTITY}`);
  const mode = body.saved_card_id !== undefined ? "saved" : (body.mode ?? "widget");
  if (!["widget", "hosted", "card", "fps", "saved"].includes(mode) || (mode === "saved" && body.mode !== undefined && body.mode !== "card")) {
    throw invalid("mode", 'must be "widget", "hosted", "card" or "fps"');
  }
  if (mode === "fps" && item.currency !== "rub") throw invalid("mode", "fps takes roubles: pick a product priced in RUB");
  if (mode === "card") {
    const card = body.card;
    if (card === null || typeof card !== "object" || Array.isArray(card)) throw invalid("card", "is required in card mode");
    if (Object.keys(card).some((k) => !CARD_FIELDS.includes(k))) throw invalid("card", "has an unknown field");
  } else if (body.card !== undefined) {
    throw invalid("card", "goes only with mode card");
  }
  if (mode === "saved" && (typeof body.saved_card_id !== "string" || !ID.test(body.saved_card_id))) throw invalid("saved_card_id", "is not a saved card of yours");
  if (body.save_card !== undefined && typeof body.save_card !== "boolean") throw invalid("save_card", "must be true or false");
  const locale = body.locale ?? "en";
  // The package's rule for a locale (the one the payment page's URL is built with).
  if (typeof locale !== "string" || !validLocale(locale)) throw invalid("locale", 'must be a language code such as "en"');
  return { item, quantity, mode, card: body.card, savedCardId: body.saved_card_id,
    saveCard: body.save_card === true && mode !== "saved" && mode !== "fps", locale };
}

function validLocale(locale) {
  try {
    paymentPageUrl("token", { locale });
    return true;
  } catch {
    return false;
  }
}

/** A refused call of the API: 400 for what the customer can correct, else 502. */
function apiFailure(e) {
  if (e.code === "invalid_params") return fail(400, "invalid_params", { field: e.field, message: e.message });
  if (e.code === "api_error" && e.status >= 400 && e.status < 500) return fail(402, "payment_refused", { api_code: e.api_code });
  return fail(502, "payment_service_unavailable", { message: "try again in a moment" });
}

/** The call may have been applied (the package's `retryable`): its answer was lost. */
const lost = (e) => e instanceof SmartGlocalError && e.retryable === true;

export async function checkout(request, env, customer) {
  // Where the customer comes back to is configuration, never the request's Host.
  const origin = shopOrigin(env);
  const order = read(await readJson(request, MAX_BODY));
  await limitCheckouts(request, env, customer);
  const sg = api(env);
  let recurrentToken = null;
  if (order.mode === "saved") {
    const stub = env.CUSTOMERS.get(env.CUSTOMERS.idFromName(customer.id));
    recurrentToken = await stub.token(order.savedCardId);
    if (!recurrentToken) throw new Answer(fail(404, "not_found", { field: "saved_card_id" }));
  }
  const id = randomId();
  const amount = order.item.amount * order.quantity;
  const stub = env.ORDERS.get(env.ORDERS.idFromName(id));
  await stub.create({ kind: "order", id, customer_id: customer.id, product_id: order.item.id, quantity: order.quantity,
    amount, currency: order.item.currency, mode: order.mode, save_card: order.saveCard });
  await env.LEDGER.get(env.LEDGER.idFromName("ledger")).add("orders", id);
  const common = {
    amount_details: { amount, currency: order.item.currency },
    customer: { reference: customer.id },
    metadata: { order_id: id },
  };
  const statusUrl = `/api/orders/${id}`;
  let session;
  let pageUrl;
  let publicToken;
  try {
    if (order.mode === "hosted" || order.mode === "widget") {
      session = await sg.createSession({ ...common, payment_options: { return_url: `${origin}/status.html?order=${id}` } }, { idempotencyKey: `order-${id}-create` });
      const back = `${origin}/status.html?order=${id}`;
      const token = await sg.createPublicToken(
        { acquiring_widget: { session_id: session.id, locale: order.locale, show_recurrent_checkbox: order.saveCard, success_return_url: back, failure_return_url: back } },
        { idempotencyKey: `order-${id}-token` },
      );
      if (order.mode === "widget") publicToken = token.public_token;
      else pageUrl = paymentPageUrl(token.public_token, { locale: order.locale, base: env.SG_PAYMENT_PAGE_BASE });
    } else {
      const payment_details = order.mode === "card"
        ? { type: "card", card: { type: "bank_card", bank_card: order.card } }
        : order.mode === "fps"
          ? { type: "faster_payment_system" }
          : { type: "recurrent", recurrent: { token: recurrentToken, initiator: "client" } };
      session = await sg.initPayment(
        { ...common, payment_details, payment_options: { return_url: `${origin}/return?order=${id}`, ...(order.saveCard ? { recurrent: true } : {}) } },
        { idempotencyKey: `order-${id}-init` },
      );
    }
  } catch (e) {
    if (!(e instanceof SmartGlocalError)) throw e;
    if (lost(e) && !((order.mode === "hosted" || order.mode === "widget") && session)) {
      // The call may have been applied: the order waits for its webhook.
      await stub.started(null, { unknown: true });
      console.log(`worker: checkout ${id}: the answer was lost (${e.code}); waiting for news`);
      return json({ order_id: id, status_url: statusUrl, pending: true }, 202);
    }
    await stub.started(null, { error: e.code === "api_error" ? e.api_code : e.code });
    return apiFailure(e);
  }
  await stub.started(session);
  console.log(`worker: checkout ${id} (${order.mode}) -> ${session.id}`);
  return json({ order_id: id, status_url: statusUrl, ...(pageUrl ? { payment_page_url: pageUrl } : {}),
    ...(publicToken ? { public_token: publicToken, widget: widgetSource(env) } : {}) });
}

// Merchant-only routes (Authorization: Bearer <SG_ADMIN_TOKEN>):
//   POST /api/orders/:id/refund   { amount? }  a partial or full refund
//   GET  /api/admin/orders        orders newest first, paid and open apart,
//                                 50 a page (?group=paid|open&before=<next>)
//   GET  /api/admin/orders/:id    one order with its session and actions
//   POST /api/payouts             { recipient, payment_method, amount, currency, recipient_details? }
//   GET  /api/payouts/:id         a payout's view and record
import { SmartGlocalError } from "smart-glocal-edge";
import { api } from "./sg.js";
import { requireVerified } from "./fps.js";
import { Answer, fail, invalid, json, onlyKnown, randomId, readJson } from "./http.js";

const stub = (env, ns, id) => env[ns].get(env[ns].idFromName(id));
const ledger = (env) => stub(env, "LEDGER", "ledger");

/** What the admin page sees of a record: no recurrent token, no card to save. */
function adminRecord(s, view) {
  if (!s) return null;
  const actions = s.actions.map(({ name, status, attempts, amount, error }) => ({ name, status, attempts, amount, error }));
  return { ...view, id: s.id, type: s.kind, session_id: s.session_id, started: s.started, product_id: s.product_id,
    quantity: s.quantity, recipient: s.recipient, created_at: new Date(s.created_at).toISOString(), actions };
}

async function get(env, ns, id) {
  const o = stub(env, ns, id);
  const [s, view] = await Promise.all([o.record(), o.view()]);
  if (!s) throw new Answer(fail(404, "not_found"));
  return adminRecord(s, view);
}

export async function refund(request, env, id) {
  const body = await readJson(request, 1024);
  onlyKnown(body, ["amount"]);
  const amount = body.amount ?? null;
  if (amount !== null && (!Number.isSafeInteger(amount) || amount <= 0)) throw invalid("amount", "must be a positive whole number of minor units");
  const out = await stub(env, "ORDERS", id).refund(amount);
  if (out.error === "not_found") return fail(404, "not_found");
  if (out.error) return fail(409, out.error, out.left !== undefined ? { left: out.left } : {});
  return json({ ...out.refund, order: await get(env, "ORDERS", id) });
}

/**
 * The ledger's pages: without `group`, the first page of each group
 * (`{ paid, open, next: { paid, open } }`); with `group=paid|open` and the
 * `before` a previous page gave, `{ orders, next }`.
 */
async function listed(env, kind, ns, url) {
  const group = url.searchParams.get("group");
  const before = url.searchParams.get("before");
  const records = (ids) => Promise.all(ids.map((id) => get(env, ns, id)));
  if (group !== null) {
    if (!["paid", "open"].includes(group)) throw invalid("group", 'must be "paid" or "open"');
    const page = await ledger(env).page(kind, group, { before });
    return json({ [kind]: await records(page.ids), next: page.next });
  }
  const [paid, open] = await Promise.all(["paid", "open"].map((g) => ledger(env).page(kind, g)));
  return json({ paid: await records(paid.ids), open: await records(open.ids), next: { paid: paid.next, open: open.next } });
}

export const listOrders = (env, url) => listed(env, "orders", "ORDERS", url);

export const getOrder = async (env, id) => json(await get(env, "ORDERS", id));
export const getPayout = async (env, id) => json(await get(env, "PAYOUTS", id));

export const listPayouts = (env, url) => listed(env, "payouts", "PAYOUTS", url);

/**
 * What a bank account payout must say of its recipient (the payout pages:
 * docs/payouts/payout-united-kingdom and the others list these for
 * `global` accounts), and of the sender: the merchant's company
 * (SG_SENDER_COMPANY_NAME).
 */
const BANK_RECIPIENT = ["first_name", "last_name", "bank_name", "country_iso3", "currency"];
const RECIPIENT_FIELDS = [...BANK_RECIPIENT, "middle_name", "address_line", "city", "postal_code", "state", "full_name"];

// A payout by phone names its recipient by first and last name only.
const FPS_RECIPIENT = ["first_name", "last_name"];

function participants(body, env) {
  const details = body.recipient_details;
  const fps = body.payment_method?.bank_account?.system_type === "faster_payment_system";
  const bank = body.payment_method?.type === "bank_account" && !fps;
  if (fps) {
    if (details === null || typeof details !== "object" || Array.isArray(details)) throw invalid("recipient_details", `is required for a payout by phone: ${FPS_RECIPIENT.join(", ")}`);
    if (Object.keys(details).some((k) => !FPS_RECIPIENT.includes(k))) throw invalid("recipient_details", `has an unknown field (allowed: ${FPS_RECIPIENT.join(", ")})`);
    for (const k of FPS_RECIPIENT) {
      if (typeof details[k] !== "string" || !details[k].trim() || details[k].length > 100) throw invalid(`recipient_details.${k}`, "must be a name");
    }
    return { recipient: { first_name: details.first_name, last_name: details.last_name } };
  }
  if (details === undefined) {
    if (bank) throw invalid("recipient_details", `is required for a bank account payout: ${BANK_RECIPIENT.join(", ")}`);
    return { recipient: { full_name: body.recipient } };
  }
  if (details === null || typeof details !== "object" || Array.isArray(details)) throw invalid("recipient_details", "must be an object");
  if (Object.keys(details).some((k) => !RECIPIENT_FIELDS.includes(k))) throw invalid("recipient_details", `has an unknown field (allowed: ${RECIPIENT_FIELDS.join(", ")})`);
  for (const k of Object.keys(details)) {
    if (typeof details[k] !== "string" || !details[k].trim() || details[k].length > 200) throw invalid(`recipient_details.${k}`, "must be a non-empty string");
  }
  const missing = bank ? BANK_RECIPIENT.filter((k) => details[k] === undefined) : [];
  if (missing.length) throw invalid(`recipient_details.${missing[0]}`, "is required for a bank account payout");
  if (details.country_iso3 !== undefined && !/^[A-Z]{3}$/.test(details.country_iso3)) throw invalid("recipient_details.country_iso3", "must be an ISO 3166-1 alpha-3 code");
  const out = { recipient: { full_name: body.recipient, ...details } };
  const company = env.SG_SENDER_COMPANY_NAME;
  if (bank && !company) throw invalid("sender", "set SG_SENDER_COMPANY_NAME: a bank account payout names the sending company");
  if (company) out.sender = { company_name: company };
  return out;
}

/** A payout: validated by the SDK core (card Luhn, IBAN mod-97), started, confirmed by its object on `ready_to_confirm`. */
export async function createPayout(request, env) {
  const body = await readJson(request, 4096);
  onlyKnown(body, ["recipient", "payment_method", "amount", "currency", "recipient_details"]);
  if (!Number.isSafeInteger(body.amount) || body.amount <= 0) throw invalid("amount", "must be a positive whole number of minor units");
  if (typeof body.currency !== "string" || !/^[A-Za-z]{3}$/.test(body.currency)) throw invalid("currency", "must be a 3-letter code");
  if (typeof body.recipient !== "string" || !body.recipient.trim() || body.recipient.length > 200) throw invalid("recipient", "must be the recipient's name");
  const participant_details = participants(body, env);
  // By phone: only to a phone verified with its bank (fps.js).
  if (body.payment_method?.bank_account?.system_type === "faster_payment_system") {
    await requireVerified(env, body.payment_method.bank_account.faster_payment_system);
  }
  const id = randomId();
  const currency = body.currency.toLowerCase();
  const payout = stub(env, "PAYOUTS", id);
  await payout.create({ kind: "payout", id, recipient: body.recipient, amount: body.amount, currency });
  await ledger(env).add("payouts", id);
  try {
    const session = await api(env).initPayout(
      { payment_method: body.payment_method, amount_details: { amount: body.amount, currency },
        participant_details, customer: { reference: `payout-${id}` },
        metadata: { payout_id: id } },
      { idempotencyKey: `payout-${id}-init` },
    );
    await payout.started(session);
  } catch (e) {
    if (!(e instanceof SmartGlocalError)) throw e;
    const unknown = ["timeout", "network", "http_error"].includes(e.code) || (e.code === "api_error" && e.status >= 500);
    await payout.started(null, unknown ? { unknown: true } : { error: e.code === "api_error" ? e.api_code : e.code });
    if (e.code === "invalid_params") return fail(400, "invalid_params", { field: e.field, message: e.message });
    if (!unknown) return fail(402, "payout_refused", { api_code: e.api_code });
  }
  return json({ payout_id: id, status_url: `/api/payouts/${id}`, payout: await get(env, "PAYOUTS", id) });
}

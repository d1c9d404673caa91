// Payouts by phone (the Faster Payments System, roubles): a phone is first
// checked to be registered with the recipient's bank
// (`fps/customer_verification`: free, confirmed by Smart Glocal itself,
// the session ends accepted or cancelled). A payout goes only to a phone
// verified here within the last day: the worker keeps a hash of the phone
// and bank (never the phone itself) in the ledger's object.
//   POST /api/payouts/verify-phone  { phone, bank_id, first_name, last_name }
//                                   → { verified, state }   (merchant only)
import { SmartGlocalError, paymentView } from "smart-glocal-edge";
import { api } from "./sg.js";
import { Answer, fail, invalid, json, onlyKnown, randomId, readJson } from "./http.js";

const VERIFIED_FOR_MS = 24 * 3600 * 1000;
// Looks at an unfinished verification: a few times, a second apart.
const LOOKS = 5;

const ledger = (env) => env.LEDGER.get(env.LEDGER.idFromName("ledger"));

async function keyOf(phone, bankId) {
  const bytes = new TextEncoder().encode(`fps:${phone}:${bankId}`);
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return `verified:${[...digest].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
}

/** The phone as the API takes it: digits, an optional leading +. */
function phoneOf(value, field) {
  if (typeof value !== "string" || !/^\+?[0-9]{10,15}$/.test(value)) throw invalid(field, "must be a phone number in international form (digits)");
  return value.replace(/^\+/, "");
}

function bankOf(value, field) {
  if (typeof value !== "string" || !/^[0-9]{12}$/.test(value)) throw invalid(field, "must be the bank's 12-digit FPS id");
  return value;
}

const name = (value, field) => {
  if (typeof value !== "string" || !value.trim() || value.length > 100) throw invalid(field, "must be a name");
  return value.trim();
};

export async function verifyPhone(request, env) {
  const body = await readJson(request, 2048);
  onlyKnown(body, ["phone", "bank_id", "first_name", "last_name"]);
  const phone = phoneOf(body.phone, "phone");
  const bankId = bankOf(body.bank_id, "bank_id");
  const recipient = { first_name: name(body.first_name, "first_name"), last_name: name(body.last_name, "last_name") };
  const sg = api(env);
  const id = randomId();
  let view;
  try {
    const session = await sg.createSession({}, { idempotencyKey: `verify-${id}-create` });
    let s = await sg.verifyFpsCustomer({
      session_id: session.id,
      payment_method: { type: "bank_account", bank_account: { system_type: "faster_payment_system_verification",
        faster_payment_system_verification: { phone, bank_id: bankId } } },
      participant_details: { recipient },
    }, { idempotencyKey: `verify-${id}` });
    view = paymentView(s);
    for (let i = 0; i < LOOKS && !view.final; i++) {
      await new Promise((r) => setTimeout(r, 1000));
      s = await sg.status(session.id);
      view = paymentView(s);
    }
  } catch (e) {
    if (!(e instanceof SmartGlocalError)) throw e;
    if (e.code === "invalid_params") return fail(400, "invalid_params", { field: e.field, message: e.message });
    return fail(502, "payment_service_unavailable", { message: "try again in a moment" });
  }
  const verified = view.state === "succeeded";
  if (verified) await ledger(env).remember(await keyOf(phone, bankId), Date.now());
  return json({ verified, state: view.state });
}

/** Throws 409 `phone_not_verified` unless this phone was verified with this bank in the last day. */
export async function requireVerified(env, fps) {
  const phone = phoneOf(fps?.phone, "payment_method.bank_account.faster_payment_system.phone");
  const bankId = bankOf(fps?.bank_id, "payment_method.bank_account.faster_payment_system.bank_id");
  const at = await ledger(env).recalled(await keyOf(phone, bankId));
  if (!at || Date.now() - at > VERIFIED_FOR_MS) {
    throw new Answer(fail(409, "phone_not_verified", { message: "verify the phone with its bank first (POST /api/payouts/verify-phone)" }));
  }
}

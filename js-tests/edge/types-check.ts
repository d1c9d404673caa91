// Compiled with `tsc --noEmit --strict` against the installed package: the
// public API is typed (a wrong call below must fail to compile).
import { SmartGlocal, SmartGlocalError, paymentView, viewBeforeStart, returnToGet, operation, paymentPageUrl, dedupKey } from "smart-glocal-edge";
import { webhookRequest, sandboxCards } from "smart-glocal-edge/testing";
import { Webhooks, paymentView as hookView, SmartGlocalError as HookError } from "smart-glocal-edge/webhooks";
import type { WebhookEvent as HookEvent } from "smart-glocal-edge/webhooks";
import type { Session, WebhookEvent, PaymentView, PreparedRequest, ErrorCode } from "smart-glocal-edge";

// An environment whose variables may be unset (as `process.env` types them):
// with `exactOptionalPropertyTypes` too, an optional option takes `undefined`.
declare const env: { SG_BASE_URL?: string; SG_TIMEOUT_MS?: number };

export async function usage(request: Request): Promise<Response> {
  const sg = new SmartGlocal({ project: "p", signingKey: "k", timeoutMs: 5000, maxRetries: 1 });
  new SmartGlocal({ project: "p", signingKey: "k", baseUrl: env.SG_BASE_URL, timeoutMs: env.SG_TIMEOUT_MS, apiVersion: undefined });
  const s: Session = await sg.initPayment({
    payment_details: { type: "card", card: { number: "4242424242424242", expiration_month: "05", expiration_year: "29" } },
    amount_details: { amount: 100, currency: "usd" },
    customer: { reference: "c-1" },
  }, { idempotencyKey: "order-1" });
  const id: string = s.id;
  await sg.capture(id, { amount: 100, currency: "usd" });
  const ev: WebhookEvent = await sg.handleWebhook(request);
  const view: PaymentView = paymentView(ev);
  const seenKey: string = dedupKey(ev);
  const before: PaymentView = viewBeforeStart({ kind: "payout", amount: 100, currency: "eur", failure: null });
  void before;
  void seenKey;
  const prepared: PreparedRequest = await sg.prepare("session/status", { session_id: id });
  const sig: string = await sg.sign(prepared.body);
  try {
    await sg.verifyWebhook(new Uint8Array(), sig);
  } catch (e) {
    if (e instanceof SmartGlocalError) {
      const code: ErrorCode = e.code;
      void code;
    }
  }
  const live = new SmartGlocal({ project: "p", privateKey: "-----BEGIN PRIVATE KEY-----…", webhookPublicKey: "-----BEGIN PUBLIC KEY-----…" });
  void live;
  // @ts-expect-error one scheme only
  new SmartGlocal({ project: "p", signingKey: "k", privateKey: "pem" });
  // @ts-expect-error sessionId must be a string
  await sg.confirm(3230);
  // @ts-expect-error amount_details is required for initPayment
  await sg.initPayment({ payment_details: { type: "recurrent", recurrent: { token: "t" } }, customer: {} });
  // @ts-expect-error unknown endpoint
  await sg.prepare("session/start", {});
  // @ts-expect-error PaymentView has no token
  void view.token;
  const payout: Session = await sg.initPayout({
    payment_method: { type: "card", card: { type: "bank_card", bank_card: { number: "4242424242424242" } } },
    amount_details: { amount: 100, currency: "usd" },
  }, { idempotencyKey: "payout-1", submerchant: "sub" });
  const op = operation(payout);
  if (op) void op.id;
  const token = await sg.createPublicToken({ acquiring_widget: { session_id: payout.id, locale: "en" } });
  const url: string = paymentPageUrl(token.public_token, { locale: "en" });
  void url;
  void view.refunded_amount;
  const kind: "payment" | "payout" = view.kind;
  void kind;
  // The reference's shapes: v2, every payout method, refund metadata, tokens, the QR interaction.
  const v2 = new SmartGlocal({ project: "p", signingKey: "k", apiVersion: 2 });
  await v2.initPayout({
    payout_details: { type: "bank_account", bank_account: { system_type: "faster_payment_system", faster_payment_system: { phone: "79001234567", bank_id: "100000000111", description: "d" } } },
    amount_details: { amount: 100, currency: "rub" },
  });
  await sg.initPayout({
    payment_method: { type: "bank_account", bank_account: { system_type: "ru", ru: { bik: "044525974", account: "40817810100000270411", full_name: "I", description: "d", inn: "1234567890" } } },
    amount_details: { amount: 100, currency: "rub" },
  });
  await sg.initPayout({
    payment_method: { type: "wallet", wallet: { type: "global", global: { name: "J", description: "d", msisdn: "447700900123" } } },
    amount_details: { amount: 100, currency: "gbp" },
  });
  await sg.refund("ps_1", null, { metadata: { reason: "returned" }, idempotencyKey: "r-1" });
  const disabled = await sg.recurrentDisable("t");
  const tokenType: string | undefined = disabled.type;
  void tokenType;
  await sg.tokenInfo({ type: "subscription_token", subscription_token: { token: "t" } });
  await sg.createSession({ payment_details: { type: "faster_payment_system" }, amount_details: { amount: 5000, currency: "rub" } });
  const qr: string | undefined = view.interaction?.content;
  void qr;
  await sg.verifyFpsCustomer({
    session_id: "ps_1",
    payment_method: { type: "bank_account", bank_account: { system_type: "faster_payment_system_verification", faster_payment_system_verification: { phone: "79001234567", bank_id: "100000000111" } } },
    participant_details: { recipient: { first_name: "I", last_name: "I" } },
  });
  // @ts-expect-error apiVersion is 1 or 2
  new SmartGlocal({ project: "p", signingKey: "k", apiVersion: 3 });
  const hook: Request = await webhookRequest({ type: "payment_finished" }, { signingKey: "k" });
  void hook;
  void sandboxCards[0].number;
  // @ts-expect-error a webhook request needs a key
  await webhookRequest({}, {});
  return returnToGet(request, "/status", { maxBytes: 65536 });
}

// The ./webhooks entry: the same config and types, the webhook methods only.
export async function webhooksOnly(request: Request): Promise<string> {
  const webhooks = new Webhooks({ project: "p", signingKey: "k" });
  const event: HookEvent = await webhooks.handleWebhook(request, { maxBytes: 65536 });
  const same: WebhookEvent = await webhooks.verifyWebhook("{}", "00");
  void same;
  // @ts-expect-error the entry makes no API calls
  await webhooks.confirm("ps_1");
  const e: SmartGlocalError = new HookError("internal", "x");
  void e;
  return hookView(event).state;
}

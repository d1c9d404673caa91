
// ---- smart-glocal-edge ------------------------------------------------------

/** Any JSON value (metadata, pass-through objects). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A string enum that may gain values: known ones autocomplete, others are kept. */
type Open<T extends string> = T | (string & {});

/** What `onRequest` receives, once per attempt. `body` is redacted: no card number, security code, expiry, cardholder name, token or key. */
export interface RequestInfo {
  endpoint: Endpoint;
  method: "POST";
  url: string;
  /** 0 for the first attempt. */
  attempt: number;
  idempotency_key: string | null;
  body: string;
}

/** What `onResponse` receives, once per attempt. */
export interface ResponseInfo {
  endpoint: Endpoint;
  /** The HTTP status; null when no answer came. */
  status: number | null;
  attempt: number;
  elapsed_ms: number;
  /** The API's error code, when it sent one. */
  api_code?: string | undefined;
  /** `"timeout"`, `"network"` or `"too_large"` when no usable answer came. */
  error?: "timeout" | "network" | "too_large" | undefined;
}

interface CommonConfig {
  /** Sent as `X-PARTNER-PROJECT`. */
  project: string;
  /** Default `https://demo.smart-glocal.com` (test host). Live: `https://proxy.smart-glocal.com`. Must be https (http only to a loopback host). */
  baseUrl?: string | undefined;
  /** `1` (default): `/api/v1/…`. `2`: `/api/v2/…`, and a payout's destination is `payout_details` (v1: `payment_method`); answers are read in either version's names. */
  apiVersion?: 1 | 2 | undefined;
  /** Per attempt, covering the whole answer. Default 10000, at most 600000. */
  timeoutMs?: number | undefined;
  /** Retries after the first attempt on network errors, timeouts, 409, 429 and 5xx. Default 2, at most 10. */
  maxRetries?: number | undefined;
  /** Sent as `X-PARTNER-SUBMERCHANT` on every call (a call's `opts.submerchant` overrides it). */
  submerchant?: string | undefined;
  /** Called before each attempt; what it throws or rejects with is ignored. */
  onRequest?: ((info: RequestInfo) => unknown) | undefined;
  /** Called after each attempt; what it throws or rejects with is ignored. */
  onResponse?: ((info: ResponseInfo) => unknown) | undefined;
}

/** HMAC-SHA256, hex: the scheme of the API documentation (and of the local sandbox by default). */
export interface HmacConfig extends CommonConfig {
  /** The shared secret. Keep it in a secret binding, never in code. */
  signingKey: string;
  privateKey?: never | undefined;
  webhookPublicKey?: never | undefined;
}

/** RSA PKCS#1 v1.5 with SHA-256, base64: the live service's scheme, on WebCrypto. */
export interface RsaConfig extends CommonConfig {
  /** Your PKCS#8 PEM private key (`BEGIN PRIVATE KEY`), RSA ≥ 2048 bits: signs requests. */
  privateKey: string;
  /** Smart Glocal's SPKI PEM public key (`BEGIN PUBLIC KEY`): verifies webhooks. */
  webhookPublicKey?: string | undefined;
  signingKey?: never | undefined;
}

/** Exactly one scheme. Bad keys, keys under 2048 bits or both schemes throw `invalid_key`. */
export type SmartGlocalConfig = HmacConfig | RsaConfig;

export interface CallOptions {
  /** Sent as `X-PARTNER-IDEMPOTENCY-KEY` on every attempt. Mutating calls get a random 128-bit key when omitted. */
  idempotencyKey?: string | undefined;
  /** `X-PARTNER-SUBMERCHANT` for this call. */
  submerchant?: string | undefined;
  /** Send members this SDK does not know (a field the API added since) as written, instead of refusing them as typos; every member it knows is still checked. Default false. */
  passUnknownFields?: boolean | undefined;
}

/** Options of bodies read from a `Request`. */
export interface BodyOptions {
  /** Refused above this many bytes with `payload_too_large` (by Content-Length, then counting). */
  maxBytes?: number | undefined;
}

export interface AmountDetails {
  /** Integer minor units (10000 = 100.00 USD), 1 to 2^53 − 1. */
  amount: number;
  /** ISO 4217, sent lowercase. */
  currency: string;
}

export interface BankCard {
  /** 12–19 digits, Luhn-valid. */
  number: string;
  /** "01"–"12". */
  expiration_month: string;
  /** 2 or 4 digits. */
  expiration_year: string;
  /** 3–4 digits. */
  security_code?: string | undefined;
  cardholder_name?: string | undefined;
}

/** Both documented card shapes: flat, or `{ type: "bank_card", bank_card }`. */
export type CardInput = BankCard | { type: "bank_card"; bank_card: BankCard };

export type PaymentDetailsInput =
  | { type: "card"; card: CardInput }
  | { type: "recurrent"; recurrent: { token: string; initiator?: "client" | "merchant" | undefined } }
  /** Faster Payments: by QR code (roubles), or binding an account without a charge. */
  | { type: "faster_payment_system" | "faster_payment_system_binding" };

/** Where a payout goes (developer.smart-glocal.com/docs/payouts/…): a card, a bank account or a wallet. */
export type PaymentMethodInput =
  | { type: "card"; card: { type: "bank_card"; bank_card: { number: string } } }
  | { type: "card"; card: { type: "encrypted_card"; encrypted_card: { number_hash: string } } }
  | { type: "bank_account"; bank_account: BankAccountInput }
  | { type: "wallet"; wallet: { type: "global"; global: { name: string; description: string; msisdn: string } } };

/** A bank account of a payout, by payment system; numbers are checked (IBAN mod 97, BIK 9 digits, account 20 digits, INN 10 or 12, KPP 9, sort code 6, ABA routing number 9 with its check digit, BSB 6, bank id 12). */
export type BankAccountInput =
  | {
      system_type: "global";
      global:
        | { iban: string; swift_bic_code?: string | undefined; description: string; account_type?: string | undefined }
        /** United Kingdom. */
        | { sort_code: string; account_number: string; description: string; account_type?: string | undefined }
        /** USA: an ABA routing number. */
        | { routing_code: string; bank_account_number: string; account_type: "CHECKING" | "SAVINGS"; description: string }
        /** Australia: a BSB code (`062000` or `062-000`). */
        | { bsb_number: string; bank_account_number: string; description: string; account_type?: string | undefined };
    }
  | { system_type: "ru"; ru: { bik: string; account: string; full_name: string; description: string; inn: string; kpp?: string | undefined } }
  /** A phone on the Faster Payments System (roubles only). */
  | { system_type: "faster_payment_system"; faster_payment_system: { phone: string; bank_id: string; description: string } };

export interface ParticipantDetails {
  recipient?: { [field: string]: JsonValue } | undefined;
  sender?: { [field: string]: JsonValue } | undefined;
}

export interface Contact {
  email?: string | undefined;
  phone?: string | undefined;
}

export interface Customer {
  reference?: string | undefined;
  contacts?: Contact[] | undefined;
}

export interface PaymentOptions {
  /** Absolute http(s) URL the customer returns to after 3-D Secure, or `"dummy:/url"` for faster-payments transfers. */
  return_url?: string | undefined;
  /** On a first payment: ask for a recurrent token. */
  recurrent?: boolean | undefined;
  [option: string]: JsonValue | undefined;
}

export interface CreateSessionParams {
  payment_details?: PaymentDetailsInput | undefined;
  amount_details?: AmountDetails | undefined;
  customer?: Customer | undefined;
  payment_options?: PaymentOptions | undefined;
  participant_details?: ParticipantDetails | undefined;
  /** A payout's destination. */
  payment_method?: PaymentMethodInput | undefined;
  metadata?: JsonValue | undefined;
}

export interface InitPaymentParams {
  payment_details: PaymentDetailsInput;
  amount_details: AmountDetails;
  customer: Customer;
  payment_options?: PaymentOptions | undefined;
  participant_details?: ParticipantDetails | undefined;
  metadata?: JsonValue | undefined;
}

export interface StartPaymentParams {
  session_id: string;
  payment_details?: PaymentDetailsInput | undefined;
  amount_details?: AmountDetails | undefined;
  customer?: Customer | undefined;
  payment_options?: PaymentOptions | undefined;
  participant_details?: ParticipantDetails | undefined;
  metadata?: JsonValue | undefined;
}

interface PayoutFields {
  amount_details: AmountDetails;
  participant_details?: ParticipantDetails | undefined;
  customer?: Customer | undefined;
  metadata?: JsonValue | undefined;
}

/** `payment_method` in API v1, `payout_details` in v2 (`apiVersion: 2`). */
export type InitPayoutParams = PayoutFields & ({ payment_method: PaymentMethodInput } | { payout_details: PaymentMethodInput });

export type StartPayoutParams = Partial<PayoutFields> & { session_id: string } & (
  | { payment_method?: PaymentMethodInput | undefined }
  | { payout_details?: PaymentMethodInput | undefined }
);

/** `fps/customer_verification` (docs/reference/methods/fps-verification). */
export interface FpsVerificationParams {
  session_id: string;
  payment_method: {
    type: "bank_account";
    bank_account: { system_type: "faster_payment_system_verification"; faster_payment_system_verification: { phone: string; bank_id: string } };
  };
  participant_details: { recipient: { first_name: string; last_name: string; middle_name?: string | undefined }; sender?: { [field: string]: JsonValue } | undefined };
}

/** `token`: exactly one widget. */
export type PublicTokenParams =
  | {
      acquiring_widget: {
        session_id: string;
        /** "en", "ru", … */
        locale?: string | undefined;
        show_recurrent_checkbox?: boolean | undefined;
        success_return_url?: string | undefined;
        failure_return_url?: string | undefined;
        success_on_hold?: boolean | undefined;
        /** Where the form sends the customer for 3-D Secure ("_self", "_top", …). */
        redirect_target?: string | undefined;
      };
    }
  | { tokenize_widget: { access?: boolean | undefined; locale?: string | undefined } }
  | { fps_no_account_widget: { session_id: string } };

export type TokenInfoParams =
  | { type: "card"; card: { type: "encrypted_card"; encrypted_card: { number_hash: string } } }
  | { type: "public_token"; public_token: { token: string } }
  | { type: "recurrent_token"; recurrent_token: { token: string } }
  /** Donate subscriptions (docs/restricted/subscription-token). */
  | { type: "subscription_token"; subscription_token: { token: string } };

export type SessionStatus = Open<"created" | "in_progress" | "accepted" | "cancelled" | "error">;
export type PaymentStatus = Open<"pending" | "in_progress" | "succeeded" | "failed">;
export type RefundStatus = Open<"accepted" | "in_progress" | "declined" | "error">;
export type EventType = Open<
  "ready_to_confirm" | "action_required" | "ready_to_capture" | "payment_finished" | "payment_refunded"
>;

/** A card as answers show it: brand, last four digits, first six. */
export interface CardSummary {
  brand?: string | undefined;
  last4?: string | undefined;
  bin?: string | undefined;
}

export interface PaymentDetails {
  type: Open<"card" | "recurrent" | "faster_payment_system" | "faster_payment_system_binding">;
  card?: CardSummary | undefined;
  recurrent?: { token: string; initiator?: Open<"client" | "merchant"> } | undefined;
}

export interface CustomerInteraction {
  type: Open<"redirect" | "inform">;
  redirect?: Redirect | undefined;
  /** Faster Payments: `qr.content` is a deep link to the customer's bank app. */
  inform?: { qr?: { content: string } } | undefined;
}

/** A recurrent token, as `recurrent/status` and `recurrent/disable` answer it. */
export interface RecurrentDetails {
  token: string;
  created_at?: string | undefined;
  finished_at?: string | undefined;
  is_active?: boolean | undefined;
  /** `"recurrent_token"` (one page version of the reference omits it). */
  type?: string | undefined;
}

/** Why an operation failed; `reject_reasons` are for the merchant only. */
export interface OperationError {
  code?: string | undefined;
  description?: string | undefined;
  reject_reasons?: { rule_alias?: string; list_alias?: string; expiration_date?: string }[] | undefined;
}

export interface TransactionInfo {
  rrn?: string | undefined;
  arn?: string | undefined;
  auth_code?: string | undefined;
}

/** A refund, inside the payment it refunds. */
export interface Refund {
  id: string;
  status: RefundStatus;
  created_at?: string | undefined;
  finished_at?: string | undefined;
  amount_details?: AmountDetails | undefined;
  is_chargeback?: boolean | undefined;
  [field: string]: unknown;
}

export interface AcquiringPayment {
  id: string;
  status: PaymentStatus;
  created_at?: string | undefined;
  finished_at?: string | undefined;
  customer?: Customer | undefined;
  payment_details?: PaymentDetails | undefined;
  amount_details?: AmountDetails | undefined;
  amounts?: JsonValue | undefined;
  payment_options?: PaymentOptions | undefined;
  customer_interaction?: CustomerInteraction | undefined;
  recurrent?: RecurrentDetails | undefined;
  refunds?: Refund[] | undefined;
  transaction_info?: TransactionInfo | undefined;
  error?: OperationError | undefined;
  metadata?: JsonValue | undefined;
  [field: string]: unknown;
}

/** A payout (`po_…`). */
export interface Payout {
  id: string;
  status: PaymentStatus;
  created_at?: string | undefined;
  finished_at?: string | undefined;
  customer?: Customer | undefined;
  payment_method?: { type: Open<"card" | "bank_account">; card?: CardSummary; [field: string]: unknown } | undefined;
  amount_details?: AmountDetails | undefined;
  transaction_info?: TransactionInfo | undefined;
  error?: OperationError | undefined;
  metadata?: JsonValue | undefined;
  [field: string]: unknown;
}

/** A payment session, as the API sent it (fields this version does not know are kept). */
export interface Session {
  id: string;
  status: SessionStatus;
  created_at?: string | undefined;
  updated_at?: string | undefined;
  next_action?: Open<"confirm" | "capture"> | undefined;
  /** Payments (API v2: `payment_list`). */
  acquiring_payments?: AcquiringPayment[] | undefined;
  payment_list?: AcquiringPayment[] | undefined;
  /** Payouts (API v2: `payout_list`). */
  payments?: Payout[] | undefined;
  payout_list?: Payout[] | undefined;
  error?: OperationError | undefined;
  metadata?: JsonValue | undefined;
  [field: string]: unknown;
}

export interface WebhookEvent {
  type: EventType;
  session: Session;
  [field: string]: unknown;
}

/** The whole answer of `token`. */
export interface PublicTokenAnswer {
  status: "ok";
  public_token: string;
  [field: string]: unknown;
}

/** The whole answer of `token/info`. */
export interface TokenInfoAnswer {
  status: "ok";
  info: { [field: string]: JsonValue };
  [field: string]: unknown;
}

/** The whole answer of `wallet/balance`. */
export interface WalletBalanceAnswer {
  status: "ok";
  wallets: { id: string; amount_details: AmountDetails }[];
  [field: string]: unknown;
}

export type Endpoint =
  | "session/create"
  | "session/init/payment"
  | "session/start/payment"
  | "session/init/payout"
  | "session/start/payout"
  | "session/confirm"
  | "session/cancel"
  | "session/capture"
  | "session/refund"
  | "session/status"
  | "recurrent/status"
  | "recurrent/disable"
  | "token"
  | "token/info"
  | "wallet/balance"
  | "fps/customer_verification";

/** A signed request, not sent. `body` is exactly the text that was signed. */
export interface PreparedRequest {
  url: string;
  method: "POST";
  headers: Record<string, string>;
  body: string;
}

export type Bytes = string | Uint8Array | ArrayBuffer;

export class SmartGlocal {
  constructor(config: SmartGlocalConfig);
  createSession(params?: CreateSessionParams | undefined, opts?: CallOptions | undefined): Promise<Session>;
  initPayment(params: InitPaymentParams, opts?: CallOptions | undefined): Promise<Session>;
  startPayment(params: StartPaymentParams, opts?: CallOptions | undefined): Promise<Session>;
  initPayout(params: InitPayoutParams, opts?: CallOptions | undefined): Promise<Session>;
  startPayout(params: StartPayoutParams, opts?: CallOptions | undefined): Promise<Session>;
  confirm(sessionId: string, opts?: CallOptions | undefined): Promise<Session>;
  cancel(sessionId: string, opts?: CallOptions | undefined): Promise<Session>;
  capture(sessionId: string, amountDetails?: AmountDetails | null | undefined, opts?: CallOptions | undefined): Promise<Session>;
  /** The whole amount (what is left) unless `amountDetails` says less: a partial refund. `opts.metadata` is sent as the refund's `metadata`. */
  refund(sessionId: string, amountDetails?: AmountDetails | null | undefined, opts?: CallOptions & { metadata?: JsonValue } | undefined): Promise<Session>;
  status(sessionId: string, opts?: CallOptions | undefined): Promise<Session>;
  recurrentStatus(token: string, opts?: CallOptions | undefined): Promise<RecurrentDetails>;
  recurrentDisable(token: string, opts?: CallOptions | undefined): Promise<RecurrentDetails>;
  /** A public token for the widgets and the hosted payment page (valid 24 h, single use). */
  createPublicToken(params: PublicTokenParams, opts?: CallOptions | undefined): Promise<PublicTokenAnswer>;
  tokenInfo(params: TokenInfoParams, opts?: CallOptions | undefined): Promise<TokenInfoAnswer>;
  walletBalance(params: { request_datetime: string }, opts?: CallOptions | undefined): Promise<WalletBalanceAnswer>;
  /** Whether a phone is registered with a bank on the Faster Payments System, before a payout to it (free, confirmed automatically: the session ends accepted or cancelled). */
  verifyFpsCustomer(params: FpsVerificationParams, opts?: CallOptions | undefined): Promise<Session>;
  prepare(endpoint: Endpoint, params: object, opts?: CallOptions | undefined): Promise<PreparedRequest>;
  /** The `X-PARTNER-SIGN` value of these exact bytes. */
  sign(body: Bytes): Promise<string>;
  /** Verifies over the exact bytes received, then parses and checks the event. */
  verifyWebhook(rawBody: Bytes, signature: string | null | undefined): Promise<WebhookEvent>;
  /** Reads the raw body (at most `maxBytes`, default 1 MiB) and `X-PARTNER-SIGN` of a webhook request, verifies, parses. */
  handleWebhook(request: Request, opts?: BodyOptions | undefined): Promise<WebhookEvent>;
}

/** An event, an answer or a session: anything with a session in it. */
export type SessionOrEvent = Session | WebhookEvent | { status: string; session: Session } | string;

/** The browser-safe snapshot. For an event `verifyWebhook`/`handleWebhook` returned, or a session an API call returned, it is the view computed once from the bytes that came (later changes to the object are not seen). */
export function paymentView(sessionOrEvent: SessionOrEvent, opts?: { includeMetadata?: boolean } | undefined): PaymentView;

/** An operation of yours whose session is not known yet: its start call is on its way, or was refused (`failure`). */
export interface OperationBeforeStart {
  /** Shown as `session_id` (your own id: a page never needs the session's). */
  id?: string | undefined;
  kind: "payment" | "payout";
  /** Whole minor units. */
  amount: number;
  /** ISO 4217 code (shown lowercase). */
  currency: string;
  /** Why the start was refused: the view is `failed` and final. */
  failure?: { code: string; description?: string | undefined } | null | undefined;
}

/** The view of an operation before its session is known, in the same shape and states as every other view: `processing`, or `failed` with `failure`. Bad members throw `invalid_params` naming `operation.<member>`. */
export function viewBeforeStart(operation: OperationBeforeStart): PaymentView;

/** The key of a webhook delivery: session id, event type, the session's and the operation's status, its number of refunds (a repeat has the same key; a second partial refund, or a failure moving from a session in `error` to a cancelled one, another). For an event `verifyWebhook` returned, read from the bytes that came. */
export function dedupKey(event: WebhookEvent | string): string;

/** The payment or payout the session is about (the last of whichever list holds it), as the API sent it; null when none. */
export function operation(sessionOrEvent: Exclude<SessionOrEvent, string>): AcquiringPayment | Payout | null;

/** 3-D Secure return (GET, or POST form of at most `maxBytes`, default 64 KiB) → `303 See Other` to `targetUrl` with the fields as query. */
export function returnToGet(request: Request, targetUrl: string, opts?: BodyOptions | undefined): Promise<Response>;

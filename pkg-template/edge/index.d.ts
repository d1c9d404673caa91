// Types of smart-glocal-edge. Data objects keep the API's snake_case names.

/** Any JSON value (metadata, pass-through objects). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A string enum that may gain values: known ones autocomplete, others are kept. */
type Open<T extends string> = T | (string & {});

/** Stable `code` of every {@link SmartGlocalError}. */
export type ErrorCode =
  | "invalid_params"
  | "missing_signature"
  | "bad_signature"
  | "malformed_payload"
  | "api_error"
  | "http_error"
  | "timeout"
  | "network"
  | "unsafe_redirect"
  | "invalid_key";

/** The only thing this package throws or rejects with. Messages never contain card data or keys. */
export class SmartGlocalError extends Error {
  constructor(code: ErrorCode, message: string, details?: Record<string, string | number>);
  readonly name: "SmartGlocalError";
  readonly code: ErrorCode;
  /** `invalid_params`: dotted path of the field, e.g. `payment_details.card.number`. */
  readonly field?: string;
  /** `malformed_payload`: 1-based position where parsing stopped. */
  readonly line?: number;
  readonly column?: number;
  /** `api_error`: the API's own error code and description. */
  readonly api_code?: string;
  readonly api_description?: string;
  /** `api_error`, `http_error`: the HTTP status. */
  readonly status?: number;
}

interface CommonConfig {
  /** Sent as `X-PARTNER-PROJECT`. */
  project: string;
  /** Default `https://demo.smart-glocal.com` (test host). Live: `https://proxy.smart-glocal.com`. */
  baseUrl?: string;
  /** Per attempt, covering the whole answer. Default 10000, at most 600000. */
  timeoutMs?: number;
  /** Retries after the first attempt on network errors, timeouts, 409 and 5xx. Default 2, at most 10. */
  maxRetries?: number;
}

/** HMAC-SHA256, hex: the scheme of the API documentation (and of the local sandbox by default). */
export interface HmacConfig extends CommonConfig {
  /** The shared secret. Keep it in a secret binding, never in code. */
  signingKey: string;
  privateKey?: never;
  webhookPublicKey?: never;
}

/** RSA PKCS#1 v1.5 with SHA-256, base64: the live service's scheme, on WebCrypto. */
export interface RsaConfig extends CommonConfig {
  /** Your PKCS#8 PEM private key (`BEGIN PRIVATE KEY`), RSA ≥ 2048 bits: signs requests. */
  privateKey: string;
  /** Smart Glocal's SPKI PEM public key (`BEGIN PUBLIC KEY`): verifies webhooks. */
  webhookPublicKey?: string;
  signingKey?: never;
}

/** Exactly one scheme. Bad keys, keys under 2048 bits or both schemes throw `invalid_key`. */
export type SmartGlocalConfig = HmacConfig | RsaConfig;

export interface CallOptions {
  /** Sent as `X-PARTNER-IDEMPOTENCY-KEY` on every attempt. Mutating calls get a random 128-bit key when omitted. */
  idempotencyKey?: string;
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
  security_code?: string;
  cardholder_name?: string;
}

/** Both documented card shapes: flat, or `{ type: "bank_card", bank_card }`. */
export type CardInput = BankCard | { type: "bank_card"; bank_card: BankCard };

export type PaymentDetailsInput =
  | { type: "card"; card: CardInput }
  | { type: "recurrent"; recurrent: { token: string; initiator?: "client" | "merchant" } };

export interface Contact {
  email?: string;
  phone?: string;
}

export interface Customer {
  reference?: string;
  contacts?: Contact[];
}

export interface PaymentOptions {
  /** Absolute http(s) URL the customer returns to after 3-D Secure. */
  return_url?: string;
  /** On a first payment: ask for a recurrent token. */
  recurrent?: boolean;
  [option: string]: JsonValue | undefined;
}

export interface CreateSessionParams {
  payment_details?: PaymentDetailsInput;
  amount_details?: AmountDetails;
  customer?: Customer;
  payment_options?: PaymentOptions;
  participant_details?: { [key: string]: JsonValue };
  /** Payout details. */
  payment_method?: { [key: string]: JsonValue };
  metadata?: JsonValue;
}

export interface InitPaymentParams {
  payment_details: PaymentDetailsInput;
  amount_details: AmountDetails;
  customer: Customer;
  payment_options?: PaymentOptions;
  participant_details?: { [key: string]: JsonValue };
  metadata?: JsonValue;
}

export interface StartPaymentParams {
  session_id: string;
  payment_details?: PaymentDetailsInput;
  amount_details?: AmountDetails;
  customer?: Customer;
  payment_options?: PaymentOptions;
  participant_details?: { [key: string]: JsonValue };
  metadata?: JsonValue;
}

export type SessionStatus = Open<"created" | "in_progress" | "accepted" | "cancelled" | "error">;
export type PaymentStatus = Open<"pending" | "in_progress" | "succeeded" | "failed">;
export type RefundStatus = Open<"accepted" | "in_progress" | "declined" | "error">;
export type EventType = Open<
  "ready_to_confirm" | "action_required" | "ready_to_capture" | "payment_finished" | "payment_refunded"
>;

/** A card as responses show it: brand and last four digits. */
export interface CardSummary {
  brand?: string;
  last4?: string;
}

export interface PaymentDetails {
  type: Open<"card" | "recurrent">;
  card?: CardSummary;
  recurrent?: { token: string; initiator?: Open<"client" | "merchant"> };
}

export interface Redirect {
  url: string;
  base_url?: string;
  method: "GET" | "POST";
  qs?: Record<string, string>;
  params?: Record<string, string>;
}

export interface CustomerInteraction {
  type: Open<"redirect">;
  redirect?: Redirect;
}

export interface RecurrentDetails {
  token: string;
  created_at?: string;
  finished_at?: string;
  is_active?: boolean;
}

export interface AcquiringPayment {
  id: string;
  status: PaymentStatus;
  created_at?: string;
  finished_at?: string;
  customer?: Customer;
  payment_details?: PaymentDetails;
  amount_details?: AmountDetails;
  amounts?: JsonValue;
  payment_options?: PaymentOptions;
  customer_interaction?: CustomerInteraction;
  recurrent?: RecurrentDetails;
  metadata?: JsonValue;
  [field: string]: unknown;
}

export interface Refund {
  id: string;
  status: RefundStatus;
  created_at?: string;
  finished_at?: string;
  amount_details?: AmountDetails;
  is_chargeback?: boolean;
  metadata?: JsonValue;
  [field: string]: unknown;
}

/** A payment session, as the API sent it (fields this version does not know are kept). */
export interface Session {
  id: string;
  status: SessionStatus;
  created_at?: string;
  updated_at?: string;
  next_action?: Open<"confirm" | "capture">;
  acquiring_payments?: AcquiringPayment[];
  payments?: JsonValue[];
  refunds?: Refund[];
  metadata?: JsonValue;
  [field: string]: unknown;
}

export interface WebhookEvent {
  type: EventType;
  session: Session;
  [field: string]: unknown;
}

export type PaymentState =
  | "created"
  | "processing"
  | "awaiting_confirmation"
  | "action_required"
  | "authorized"
  | "succeeded"
  | "failed"
  | "cancelled"
  | "refunded";

/** Browser-safe snapshot: no token, no card number beyond brand and last4, no metadata unless asked. */
export interface PaymentView {
  session_id: string;
  state: PaymentState;
  final: boolean;
  amount: number | null;
  currency: string | null;
  card: { brand: string | null; last4: string | null } | null;
  /** Set when `state` is `action_required`. */
  redirect: Redirect | null;
  updated_at: string | null;
  metadata?: JsonValue;
}

export type Endpoint =
  | "session/create"
  | "session/init/payment"
  | "session/start/payment"
  | "session/confirm"
  | "session/cancel"
  | "session/capture"
  | "session/refund"
  | "session/status"
  | "recurrent/status"
  | "recurrent/disable";

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
  createSession(params?: CreateSessionParams, opts?: CallOptions): Promise<Session>;
  initPayment(params: InitPaymentParams, opts?: CallOptions): Promise<Session>;
  startPayment(params: StartPaymentParams, opts?: CallOptions): Promise<Session>;
  confirm(sessionId: string, opts?: CallOptions): Promise<Session>;
  cancel(sessionId: string, opts?: CallOptions): Promise<Session>;
  capture(sessionId: string, amountDetails?: AmountDetails | null, opts?: CallOptions): Promise<Session>;
  refund(sessionId: string, amountDetails?: AmountDetails | null, opts?: CallOptions): Promise<Session>;
  status(sessionId: string, opts?: CallOptions): Promise<Session>;
  recurrentStatus(token: string, opts?: CallOptions): Promise<RecurrentDetails>;
  recurrentDisable(token: string, opts?: CallOptions): Promise<RecurrentDetails>;
  prepare(endpoint: Endpoint, params: object, opts?: CallOptions): Promise<PreparedRequest>;
  /** The `X-PARTNER-SIGN` value of these exact bytes. */
  sign(body: Bytes): Promise<string>;
  /** Verifies over the exact bytes received, then parses. */
  verifyWebhook(rawBody: Bytes, signature: string | null | undefined): Promise<WebhookEvent>;
  /** Reads the raw body and `X-PARTNER-SIGN` of a webhook request, verifies, parses. */
  handleWebhook(request: Request): Promise<WebhookEvent>;
  /** Releases the wasm memory of this client. */
  free(): void;
}

export function paymentView(
  sessionOrEvent: Session | WebhookEvent | { status: string; session: Session } | string,
  opts?: { includeMetadata?: boolean },
): PaymentView;

/** 3-D Secure return (GET, or POST form) → `303 See Other` to `targetUrl` with the fields as query. */
export function returnToGet(request: Request, targetUrl: string): Promise<Response>;

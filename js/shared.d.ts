// Types shared by smart-glocal-edge and smart-glocal-browser, written once
// (js/shared.d.ts) and copied ahead of each package's own types by the build.
// Data objects keep the API's snake_case names. `ErrorCode` and
// `PaymentState` are checked against the core's lists by a native test.

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
  | "invalid_key"
  | "payload_too_large"
  | "internal"
  | "wasm_unavailable"
  | "widget_unavailable";

/** The only thing the packages throw or reject with. Messages never contain card data, keys or tokens. */
export class SmartGlocalError extends Error {
  constructor(code: ErrorCode, message: string, details?: Record<string, string | number> | undefined);
  readonly name: "SmartGlocalError";
  readonly code: ErrorCode;
  /** `invalid_params`: the argument or dotted field (`payment_details.card.number`); `malformed_payload`: the offending field, when known. */
  readonly field?: string | undefined;
  /** `malformed_payload`: 1-based position where parsing stopped. */
  readonly line?: number | undefined;
  readonly column?: number | undefined;
  /** `api_error`: the API's own error code and description. */
  readonly api_code?: string | undefined;
  readonly api_description?: string | undefined;
  /** `api_error`, `http_error`: the HTTP status. */
  readonly status?: number | undefined;
  /** `payload_too_large`: the cap that was exceeded. */
  readonly limit?: number | undefined;
  /** `true` when the same call, sent again with the same idempotency key, may succeed (a timeout, a network failure, a 409, 429 or 5xx answer): its outcome is unknown, the API may have applied it. Absent otherwise. */
  readonly retryable?: true | undefined;
}

/** Where a payment (or payout) stands, for display. */
export type PaymentState =
  | "created"
  | "processing"
  | "awaiting_confirmation"
  | "action_required"
  | "authorized"
  | "succeeded"
  | "failed"
  | "cancelled"
  | "partially_refunded"
  | "refunded"
  | "needs_attention";

/** `customer_interaction.redirect`: where to send the customer for 3-D Secure. */
export interface Redirect {
  url: string;
  base_url?: string | null | undefined;
  method: "GET" | "POST";
  /** The query of a POST form's action. Views carry strings; answers may carry numbers. */
  qs?: Record<string, string | number | boolean | null> | null | undefined;
  /** The fields of a POST form. */
  params?: Record<string, string | number | boolean | null> | null | undefined;
}

/** Why an operation failed: never the reject reasons. */
export interface Failure {
  code: string;
  description: string;
}

/** The browser-safe snapshot: no token, no card number beyond brand and last4, no metadata unless asked. */
export interface PaymentView {
  session_id: string;
  kind: "payment" | "payout";
  state: PaymentState;
  /** Nothing more happens without a new operation (`needs_attention` is not final). */
  final: boolean;
  amount: number | null;
  currency: string | null;
  card: { brand: string | null; last4: string | null } | null;
  /** Minor units refunded so far. */
  refunded_amount: number;
  /** A refund came through the chargeback procedure. */
  chargeback: boolean;
  /** When `failed` or `needs_attention`. */
  failure: Failure | null;
  /** Set when `state` is `action_required` for 3-D Secure: where to send the customer. */
  redirect: Redirect | null;
  /** Set when `state` is `action_required` for a Faster Payments payment: a deep link to the customer's bank app, to show as a QR code (or open on a phone). Never a redirect. */
  interaction: Interaction | null;
  updated_at: string | null;
  metadata?: unknown | undefined;
}

/** What the customer does outside a redirect: `qr`, a Faster Payments deep link (an https URL). */
export interface Interaction {
  type: "qr";
  content: string;
}

/** Where the hosted payment page is: `{base}/{locale}/payment/{publicToken}`. */
export interface PaymentPageOptions {
  /** "en" (default), "ru", … */
  locale?: string | undefined;
  /** Default `https://pay.smart-glocal.com` (a local sandbox: `http://127.0.0.1:4010`). */
  base?: string | undefined;
}

/** The hosted payment page of a public token, the token URL-encoded and the locale checked (`invalid_params` otherwise). */
export function paymentPageUrl(publicToken: string, opts?: PaymentPageOptions | undefined): string;

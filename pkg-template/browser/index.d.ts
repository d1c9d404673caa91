// Types of smart-glocal-browser. Data objects keep the API's snake_case names.

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

/** The only thing this package throws or rejects with. */
export class SmartGlocalError extends Error {
  constructor(code: ErrorCode, message: string, details?: Record<string, string | number>);
  readonly name: "SmartGlocalError";
  readonly code: ErrorCode;
  /** `invalid_params`: which argument or field. */
  readonly field?: string;
}

/** `customer_interaction.redirect`, as the API sends it. */
export interface Redirect {
  url: string;
  base_url?: string | null;
  method: "GET" | "POST";
  qs?: Record<string, string | number | boolean | null> | null;
  params?: Record<string, string | number | boolean | null> | null;
}

/** What the browser does: POST `fields` to `action`, or GET `action`. */
export interface RedirectPlan {
  method: "GET" | "POST";
  action: string;
  fields: Array<[name: string, value: string]>;
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

/** The browser-safe snapshot the merchant's backend sends (see smart-glocal-edge's `paymentView`). */
export interface PaymentView {
  session_id: string;
  state: PaymentState;
  final: boolean;
  amount: number | null;
  currency: string | null;
  card: { brand: string | null; last4: string | null } | null;
  redirect: Redirect | null;
  updated_at: string | null;
}

export interface RedirectOptions {
  /** `_self` (default), `_top`, `_blank` or the name of a frame. */
  target?: string;
  /** Only these hosts (exact, case-insensitive) may receive the customer. */
  allowedHosts?: string[];
}

/** Labels per state, plus `reconnecting`. Text only: never parsed as HTML. */
export type Labels = Partial<Record<PaymentState | "reconnecting", string>>;

export interface StatusViewOptions {
  labels?: Labels;
  /** BCP 47 locale for amounts; default the browser's. */
  locale?: string;
}

export interface FollowOptions extends StatusViewOptions, RedirectOptions {
  /** First poll interval; backs off ×2 (up to ×8) while nothing changes. Default 1000. */
  intervalMs?: number;
  /** Reject with `timeout` after this long. Default 600000. */
  timeoutMs?: number;
  /** Perform the 3-D Secure redirect once when the state turns `action_required`. Default true. */
  autoRedirect?: boolean;
}

/** The plan for a redirect, after the URL safety checks (`unsafe_redirect` otherwise). */
export function redirectPlan(redirect: Redirect, opts?: Pick<RedirectOptions, "allowedHosts">): RedirectPlan;

/** Sends the customer through 3-D Secure: a POST form built with DOM calls, or a GET navigation. */
export function performRedirect(redirect: Redirect, opts?: RedirectOptions): void;

/** Shows a PaymentView in an element: `data-state`, `role="status"`, `aria-live="polite"`. */
export class StatusView {
  constructor(element: Element, opts?: StatusViewOptions);
  update(view: PaymentView): void;
  /** Shows "reconnecting" (keeping the last view), or clears it. */
  setReconnecting(on: boolean): void;
  free(): void;
}

/** Polls `statusUrl` (GET, JSON PaymentView) into a StatusView until a final state. */
export function followPayment(element: Element, statusUrl: string, opts?: FollowOptions): Promise<PaymentView>;

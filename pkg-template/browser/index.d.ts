
// ---- smart-glocal-browser ---------------------------------------------------

/** What the browser does: POST `fields` to `action`, or GET `action`. */
export interface RedirectPlan {
  method: "GET" | "POST";
  action: string;
  fields: Array<[name: string, value: string]>;
}

export interface RedirectOptions {
  /** `_self` (default), `_top`, `_blank` (opened with `noopener`) or the name of a frame. */
  target?: string | undefined;
  /** Only these hosts (exact, case-insensitive) may receive the customer. */
  allowedHosts?: string[] | undefined;
}

/** Labels per state, plus `reconnecting`. Text only: never parsed as HTML. `{amount}` and `{refunded}` are filled with formatted money. */
export type Labels = Partial<Record<PaymentState | "reconnecting", string>>;

export interface StatusViewOptions {
  labels?: Labels | undefined;
  /** BCP 47 locale for amounts; default the browser's. */
  locale?: string | undefined;
}

export interface FollowOptions extends StatusViewOptions, RedirectOptions {
  /** First poll interval; backs off ×2 (up to ×8) while nothing changes. Default 1000. */
  intervalMs?: number | undefined;
  /** Reject with `timeout` after this long. Default 600000. */
  timeoutMs?: number | undefined;
  /** Perform the 3-D Secure redirect once when the state turns `action_required`. Default true. */
  autoRedirect?: boolean | undefined;
  /** Called with each view polled (a copy): e.g. to show an FPS payment's QR code (`view.interaction`). What it throws is reported, and following goes on. */
  onView?: ((view: PaymentView) => void) | undefined;
}

/** The plan for a redirect, after the URL safety checks (`unsafe_redirect` otherwise). */
export function redirectPlan(redirect: Redirect, opts?: Pick<RedirectOptions, "allowedHosts"> | undefined): RedirectPlan;

/** Sends the customer through 3-D Secure: a POST form built with DOM calls, or a GET navigation. */
export function performRedirect(redirect: Redirect, opts?: RedirectOptions | undefined): void;

/** Shows a PaymentView in an element: `data-state`, `data-kind`, `role="status"`, `aria-live="polite"`. */
export class StatusView {
  constructor(element: Element, opts?: StatusViewOptions | undefined);
  update(view: PaymentView): void;
  /** Shows "reconnecting" (keeping the last view), or clears it. */
  setReconnecting(on: boolean): void;
}

/** Minor units as money in `locale` (default the browser's), with the currency's own digits: `formatMoney(1500, "jpy")` is "¥1,500", `formatMoney(1234, "bhd")` "BHD 1.234". Exact for every whole amount up to 2^53 − 1 (no floating point). Bad arguments throw `invalid_params` naming `amount`, `currency` or `opts.locale`. */
export function formatMoney(amount: number, currency: string, opts?: { locale?: string | undefined } | undefined): string;

/** Polls `statusUrl` (GET, JSON PaymentView) into a StatusView until a final state. */
export function followPayment(element: Element, statusUrl: string, opts?: FollowOptions | undefined): Promise<PaymentView>;

/** Sends the customer to the hosted payment page: the same tab by default; `_blank` opens it with `noopener`. */
export function openPaymentPage(publicToken: string, opts?: PaymentPageOptions & { target?: string } | undefined): void;

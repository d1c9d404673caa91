/** Where the widget's library comes from, and how its form behaves. */
export interface PaymentFormOptions {
  /** Smart Glocal's live library (default) or its test service's. Not with `base`. */
  environment?: "live" | "demo" | undefined;
  /** Another origin serving `payment-form.js` and `.css` (a local sandbox): https, or http to a loopback host. */
  base?: string | undefined;
  /** How long the script may take to load (default 15000, at most 120000). */
  timeoutMs?: number | undefined;
  /** Where 3-D Secure opens: inside the form (`_self`, the default) or the whole tab (`_top`). */
  target?: "_self" | "_top" | undefined;
  /** Mask the security code as it is typed (default true). */
  cvcMasked?: boolean | undefined;
}

/** A mounted payment form. */
export interface PaymentFormHandle {
  /** What the widget reported. Never settles with a library that reports nothing: the order's status from your backend is the truth (`followPayment`). */
  readonly reported: Promise<"success" | "fail">;
  /** Removes the form from its container; later reports are ignored. */
  unmount(): void;
}

/** What `mountPaymentForm` loads and asks of the form. */
export interface PaymentFormPlan {
  readonly script: string;
  readonly stylesheet: string;
  readonly timeoutMs: number;
  readonly target: "_self" | "_top";
  readonly cvcMasked: boolean;
}

/** The live and test hosts of the widget's library. */
export declare const WIDGET_HOSTS: { readonly live: string; readonly demo: string };

/**
 * Renders Smart Glocal's payment form for a public token (`acquiring_widget`)
 * into `container`, loading its library once per page. Rejects with
 * `SmartGlocalError` `invalid_params` (naming the option) or
 * `widget_unavailable` (the script blocked, unreachable, too slow, or broken).
 */
export declare function mountPaymentForm(
  container: HTMLElement,
  publicToken: string,
  opts?: PaymentFormOptions,
): Promise<PaymentFormHandle>;

/** The plan `mountPaymentForm` follows (validates the same way). */
export declare function paymentFormPlan(publicToken: string, opts?: PaymentFormOptions): PaymentFormPlan;

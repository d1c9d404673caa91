// smart-glocal-edge/webhooks: receiving webhooks only, over a wasm of about
// half the package's (no API calls, hosted page or 3-D Secure return). The
// types are the package's; the functions behave as the main entry's.
import type { BodyOptions, Bytes, SmartGlocalConfig, WebhookEvent } from "../index.js";

export { SmartGlocalError, paymentView, dedupKey, operation } from "../index.js";
export type {
  AcquiringPayment,
  BodyOptions,
  Bytes,
  ErrorCode,
  EventType,
  PaymentView,
  Payout,
  Session,
  SessionOrEvent,
  SmartGlocalConfig,
  WebhookEvent,
} from "../index.js";

/** SmartGlocal's webhook methods alone: the same config (the same object may serve both), the same checks and errors. */
export class Webhooks {
  constructor(config: SmartGlocalConfig);
  /** Verifies over the exact bytes received, then parses and checks the event. */
  verifyWebhook(rawBody: Bytes, signature: string | null | undefined): Promise<WebhookEvent>;
  /** Reads the raw body (at most `maxBytes`, default 1 MiB) and `X-PARTNER-SIGN` of a webhook request, verifies, parses. */
  handleWebhook(request: Request, opts?: BodyOptions | undefined): Promise<WebhookEvent>;
}

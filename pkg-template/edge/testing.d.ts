// smart-glocal-edge/testing: helpers for tests of code that uses the package.

/** A test card of the sandbox (`sg-sandbox`) and how it behaves. */
export interface SandboxCard {
  number: string;
  /** "frictionless", "3ds_post", "3ds_get", "declined", "session_error", … */
  behaviour: string;
  what: string;
}

/** The sandbox's test cards. */
export const sandboxCards: readonly SandboxCard[];

/** A signed webhook `Request` that `handleWebhook` accepts: the event as JSON (or the exact text given), signed with one scheme's key. */
export function webhookRequest(
  event: object | string,
  opts: ({ signingKey: string; privateKey?: never | undefined } | { privateKey: string; signingKey?: never | undefined }) & { url?: string | undefined },
): Promise<Request>;

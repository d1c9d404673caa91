/** A test card of the sandbox. */
export interface TestCard {
  readonly number: string;
  readonly behaviour: string;
  readonly what: string;
}

/** A test phone of payouts by phone (`fps/customer_verification`). */
export interface TestPhone {
  readonly phone: string;
  /** The bank it is registered with; null: registered nowhere. */
  readonly bank_id: string | null;
  readonly what: string;
}

export interface SandboxOptions {
  /** `X-PARTNER-PROJECT` the sandbox accepts. Default "demo". */
  project?: string | undefined;
  /** The HMAC key requests and webhooks are signed with. Default "demo-secret". */
  signingKey?: string | undefined;
  /** The RSA scheme (the live service's): your SPKI public key (PEM) that verifies requests… */
  partnerPublicKey?: string | undefined;
  /** …and the PKCS#8 private key (PEM) that signs webhooks. Both or neither. */
  sgPrivateKey?: string | undefined;
  /** Where webhooks are POSTed; none: not sent. */
  webhookUrl?: string | undefined;
  /** `manual`: time moves only by `advance`. Default `real`. */
  clock?: "real" | "manual" | undefined;
  /** Injected faults, e.g. `"api.5xx=0.1,hook.dup=0.2"` (the native sandbox's `--faults`). */
  faults?: string | undefined;
  seed?: number | undefined;
  faultDelayMs?: number | undefined;
  retryBaseMs?: number | undefined;
  retryWindowS?: number | undefined;
  capture?: "auto" | "manual" | undefined;
  autoConfirm?: boolean | undefined;
  webhookApiVersion?: 1 | 2 | undefined;
  /** Called with one line per request, page step and webhook attempt (none by default). */
  log?: ((line: string) => void) | undefined;
  /** Those lines as JSON objects. */
  jsonLog?: boolean | undefined;
  /** A loopback address. Default 127.0.0.1. */
  host?: "127.0.0.1" | "::1" | "localhost" | undefined;
  /** Default 0: a free port. */
  port?: number | undefined;
}

export interface SandboxStats {
  faults: Record<string, number>;
  applied: Record<string, number>;
  webhooks: { attempts: number; delivered: number; given_up: number };
}

export interface RunningSandbox {
  /** `http://127.0.0.1:<port>`: the API's base URL and the pages'. */
  readonly url: string;
  readonly cards: readonly TestCard[];
  /** Moves the sandbox's clock on by whole minutes. */
  advance(minutes: number): unknown;
  stats(): SandboxStats;
  close(): Promise<void>;
}

export const cards: readonly TestCard[];
export const phones: readonly TestPhone[];
export function startSandbox(options?: SandboxOptions | undefined): Promise<RunningSandbox>;

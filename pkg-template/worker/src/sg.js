// The Smart Glocal client, one per isolate and configuration, from the
// worker's bindings: SG_PROJECT, SG_BASE_URL (vars) and the secrets of one
// scheme: SG_SIGNING_KEY (HMAC), or SG_PRIVATE_KEY with
// SG_WEBHOOK_PUBLIC_KEY (RSA, the live service).
import { SmartGlocal } from "smart-glocal-edge";

let client = null;
let clientConfig = "";

export function api(env) {
  const rsa = Boolean(env.SG_PRIVATE_KEY);
  const config = [env.SG_PROJECT, env.SG_BASE_URL, rsa, env.SG_TIMEOUT_MS].join("\n");
  if (!client || clientConfig !== config) {
    const keys = rsa
      ? { privateKey: env.SG_PRIVATE_KEY, webhookPublicKey: env.SG_WEBHOOK_PUBLIC_KEY }
      : { signingKey: env.SG_SIGNING_KEY };
    client = new SmartGlocal({
      project: env.SG_PROJECT,
      baseUrl: env.SG_BASE_URL,
      timeoutMs: Number(env.SG_TIMEOUT_MS ?? 10000),
      maxRetries: 3,
      ...keys,
    });
    clientConfig = config;
  }
  return client;
}

/** How long an order may go without news before it asks `session/status`. */
export const reconcileMs = (env) => Number(env.SG_RECONCILE_SECONDS ?? 300) * 1000;

// The sandbox worker's options as Workers bindings: each binding's name,
// the option it sets, and how its text becomes the option's value. Read by
// worker.js; one table, so a shell that starts the worker (a test's
// Miniflare) names the same bindings.
// A binding of another shape is an error naming it: a typo never passes
// silently (the core then judges each value, as for startSandbox).
const text = (v, name) => {
  if (typeof v !== "string") throw new TypeError(`${name} must be text`);
  return v;
};
const whole = (v, name) => {
  const n = typeof v === "number" ? v : /^[0-9]{1,15}$/.test(String(v)) ? Number(v) : NaN;
  if (!Number.isSafeInteger(n) || n < 0) throw new TypeError(`${name} must be a whole number`);
  return n;
};
const yes = (v, name) => {
  if (v === true || v === "true") return true;
  if (v === false || v === "false") return false;
  throw new TypeError(`${name} must be true or false`);
};

export const FROM_ENV = Object.freeze([
  ["SANDBOX_PROJECT", "project", text],
  ["SANDBOX_SIGNING_KEY", "signingKey", text],
  ["SANDBOX_PUBLIC_URL", "publicUrl", text],
  ["SANDBOX_WEBHOOK_URL", "webhookUrl", text],
  ["SANDBOX_CLOCK", "clock", text],
  ["SANDBOX_FAULTS", "faults", text],
  ["SANDBOX_SEED", "seed", whole],
  ["SANDBOX_FAULT_DELAY_MS", "faultDelayMs", whole],
  ["SANDBOX_RETRY_BASE_MS", "retryBaseMs", whole],
  ["SANDBOX_RETRY_WINDOW_S", "retryWindowS", whole],
  ["SANDBOX_CAPTURE", "capture", text],
  ["SANDBOX_AUTO_CONFIRM", "autoConfirm", yes],
  ["SANDBOX_WEBHOOK_API_VERSION", "webhookApiVersion", whole],
  ["SANDBOX_PARTNER_PUBLIC_KEY", "partnerPublicKey", text],
  ["SANDBOX_SG_PRIVATE_KEY", "sgPrivateKey", text],
].map(Object.freeze));

/** The options the bindings of `env` give (own members only); throws a TypeError naming a binding of the wrong shape. */
export function optionsFromEnv(env) {
  const options = {};
  for (const [name, key, as] of FROM_ENV) {
    if (env != null && Object.hasOwn(env, name) && env[name] !== undefined) options[key] = as(env[name], name);
  }
  return options;
}

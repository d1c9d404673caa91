// The worker's configuration, checked before any route runs: it fails
// closed. A missing SHOP_ORIGIN, or a secret that is a placeholder, a
// repeated character or too guessable, stops every route with 500
// `misconfigured` and one log line naming the variable (never its value).
//
//   SHOP_ORIGIN        where customers return (https://shop.example, or
//                      http://127.0.0.1:PORT for local development); never
//                      taken from the request's Host
//   SG_COOKIE_SECRET   ≥ 32 characters, ≥ 128 bits: openssl rand -hex 32
//   SG_ADMIN_TOKEN     ≥ 20 characters, ≥ 80 bits: openssl rand -base64 30
//   SG_SIGNING_KEY     Smart Glocal's (HMAC); the sandbox's "demo-secret" only
//                      against a loopback SG_BASE_URL
//   SG_WIDGET_BASE     optional: the origin of the payment form's library
//                      (a sandbox); Smart Glocal's live one when unset
import { Answer, fail } from "./http.js";

const LOOPBACK = /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d{1,5})?$/;
const PLACEHOLDER = /replace|example|change.?me|your[-_ ]|placeholder|xxxx|password|secret$|^demo|^test|^dummy|123456|qwerty/i;

/** Entropy of `s` in bits, as if its characters were drawn with their observed frequencies. */
export function entropyBits(s) {
  const counts = new Map();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  const n = [...s].length;
  let h = 0;
  for (const k of counts.values()) h -= (k / n) * Math.log2(k / n);
  return h * n;
}

/** What is wrong with a secret, or null. */
export function weakSecret(value, { minLength, minBits }) {
  if (typeof value !== "string" || value.length === 0) return "is not set";
  if (value.length < minLength) return `is shorter than ${minLength} characters`;
  if (PLACEHOLDER.test(value)) return "is a placeholder";
  if (/^(.)\1*$/.test(value)) return "repeats one character";
  if (entropyBits(value) < minBits) return `is too guessable (under ${minBits} bits)`;
  return null;
}

/** `https://host[:port]`, or http to a loopback host; no path, no credentials. */
export function originProblem(value) {
  if (typeof value !== "string" || value === "") return "is not set";
  let u;
  try {
    u = new URL(value);
  } catch {
    return "is not a URL";
  }
  if (u.origin !== value.replace(/\/$/, "")) return "must be an origin only (scheme, host, port)";
  if (u.protocol !== "https:" && !LOOPBACK.test(u.origin)) return "must be https (or http to a loopback host)";
  return null;
}

/** Where the shop's pages load the payment form's library from: SG_WIDGET_BASE (a sandbox), else Smart Glocal's live one. */
export const widgetSource = (env) => (env.SG_WIDGET_BASE ? { base: env.SG_WIDGET_BASE } : { environment: "live" });

/** Every problem of `env`, as "NAME what" lines. */
export function configProblems(env) {
  const problems = [];
  const check = (name, problem) => problem && problems.push(`${name} ${problem}`);
  check("SHOP_ORIGIN", originProblem(env.SHOP_ORIGIN));
  check("SG_COOKIE_SECRET", weakSecret(env.SG_COOKIE_SECRET, { minLength: 32, minBits: 128 }));
  check("SG_ADMIN_TOKEN", weakSecret(env.SG_ADMIN_TOKEN, { minLength: 20, minBits: 80 }));
  const local = /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/.test(String(env.SG_BASE_URL ?? ""));
  if (!env.SG_PRIVATE_KEY && !local) check("SG_SIGNING_KEY", weakSecret(env.SG_SIGNING_KEY, { minLength: 16, minBits: 64 }));
  // The payment form's library runs on the shop's pages: https (or a loopback sandbox) only.
  if (env.SG_WIDGET_BASE !== undefined) check("SG_WIDGET_BASE", originProblem(env.SG_WIDGET_BASE));
  return problems;
}

let checked = null;
let checkedFor = "";

/** Throws the 500 answer when the configuration is not fit to run; logs why once per configuration. */
export function requireConfig(env) {
  const key = [env.SHOP_ORIGIN, env.SG_COOKIE_SECRET, env.SG_ADMIN_TOKEN, env.SG_SIGNING_KEY, env.SG_PRIVATE_KEY, env.SG_BASE_URL, env.SG_WIDGET_BASE].join("\n");
  if (checkedFor !== key) {
    checked = configProblems(env);
    checkedFor = key;
    if (checked.length) console.error(`worker: refusing to serve: ${checked.join("; ")}`);
  }
  if (checked.length) throw new Answer(fail(500, "misconfigured"));
}

/** Where customers come back to: SHOP_ORIGIN, never the request's Host. */
export const shopOrigin = (env) => env.SHOP_ORIGIN.replace(/\/$/, "");

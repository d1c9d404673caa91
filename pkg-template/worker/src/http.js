// HTTP helpers of the reference worker: JSON answers, capped JSON bodies,
// the same-origin rule for state-changing requests, the admin bearer token.

export const json = (body, status = 200, headers = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", "cache-control": "no-store", ...headers },
  });

/** An error answer: a stable code, and for bad input the field. */
export const fail = (status, error, extra = {}, headers = {}) => json({ error, ...extra }, status, headers);

export const notFound = () => fail(404, "not_found");
export const methodNotAllowed = (allow) => fail(405, "method_not_allowed", {}, { allow: allow.join(", ") });

/** A thrown answer: routes throw `new Answer(response)` to stop early. */
export class Answer extends Error {
  constructor(response) {
    super("answer");
    this.response = response;
  }
}

/**
 * The JSON object of a request body, read within `cap` bytes (by
 * Content-Length first, then by counting): 413 when larger, 415 when not
 * JSON, 400 when not an object.
 */
export async function readJson(request, cap) {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) throw new Answer(fail(415, "unsupported_media_type", { message: "send application/json" }));
  const declared = Number(request.headers.get("content-length"));
  if (declared > cap) throw new Answer(fail(413, "payload_too_large", { limit: cap }));
  const reader = request.body?.getReader();
  const chunks = [];
  let total = 0;
  if (reader) {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > cap) {
        reader.cancel().catch(() => {});
        throw new Answer(fail(413, "payload_too_large", { limit: cap }));
      }
      chunks.push(value);
    }
  }
  let body;
  try {
    body = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(concat(chunks, total)));
  } catch {
    throw new Answer(fail(400, "invalid_json"));
  }
  if (body === null || typeof body !== "object" || Array.isArray(body)) throw new Answer(fail(400, "invalid_params", { field: "body", message: "must be a JSON object" }));
  return body;
}

function concat(chunks, total) {
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** Refuses members other than `allowed` (names are never echoed). */
export function onlyKnown(body, allowed) {
  const unknown = Object.keys(body).filter((k) => !allowed.includes(k));
  if (unknown.length) throw new Answer(fail(400, "invalid_params", { field: "body", message: `an unknown field (allowed: ${allowed.join(", ")})` }));
}

export const invalid = (field, message) => new Answer(fail(400, "invalid_params", { field, message }));

/** A request from another site (its Origin is present and not SHOP_ORIGIN): 403. */
export function requireSameOrigin(request, env) {
  const origin = request.headers.get("origin");
  if (origin !== null && origin !== env.SHOP_ORIGIN.replace(/\/$/, "")) throw new Answer(fail(403, "cross_origin"));
}

const encoder = new TextEncoder();

/** Compares two strings in time independent of where they differ (by their SHA-256). */
export async function sameSecret(given, expected) {
  const [a, b] = await Promise.all([given, expected].map((s) => crypto.subtle.digest("SHA-256", encoder.encode(s))));
  const x = new Uint8Array(a);
  const y = new Uint8Array(b);
  let diff = 0;
  for (let i = 0; i < x.length; i++) diff |= x[i] ^ y[i];
  return diff === 0;
}

/** Merchant-only routes: `Authorization: Bearer <SG_ADMIN_TOKEN>`, else 401. */
export async function requireAdmin(request, env) {
  const token = env.SG_ADMIN_TOKEN;
  if (typeof token !== "string" || token.length < 16) throw new Error("SG_ADMIN_TOKEN is not set (at least 16 characters)");
  const m = /^Bearer (\S{1,256})$/.exec(request.headers.get("authorization") ?? "");
  if (!m || !(await sameSecret(m[1], token))) throw new Answer(fail(401, "unauthorized", {}));
}

/** 128 random bits as 32 hex digits: order, payout and saved-card ids. */
export function randomId() {
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
}

export const ID = /^[0-9a-f]{32}$/;

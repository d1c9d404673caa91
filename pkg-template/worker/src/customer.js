// Who the customer is: an id in a cookie signed with SG_COOKIE_SECRET
// (HMAC-SHA256), set on first contact. HttpOnly (no script reads it),
// SameSite=Lax (no cross-site POST carries it); on https (SHOP_ORIGIN) it
// is `__Host-sg_customer`: Secure, Path=/, no Domain, so no sibling
// subdomain can plant one. On plain http (local development only) it is
// `sg_customer`. Two cookies of that name (one planted for a narrower
// path) are refused with 400. A missing, tampered or foreign cookie makes a
// new customer, who owns nothing.
import { Answer, ID, fail, randomId } from "./http.js";

const cookieName = (env) => (env.SHOP_ORIGIN.startsWith("https:") ? "__Host-sg_customer" : "sg_customer");
const YEAR = 365 * 24 * 3600;
const keys = new Map();

async function key(secret) {
  if (typeof secret !== "string" || secret.length < 32) throw new Error("SG_COOKIE_SECRET is not set (at least 32 characters)");
  let k = keys.get(secret);
  if (!k) {
    k = crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
    keys.set(secret, k);
  }
  return k;
}

const hex = (buf) => Array.from(new Uint8Array(buf), (x) => x.toString(16).padStart(2, "0")).join("");
const unhex = (s) => new Uint8Array(s.match(/../g).map((h) => parseInt(h, 16)));

async function sign(id, secret) {
  return hex(await crypto.subtle.sign("HMAC", await key(secret), new TextEncoder().encode(`customer:${id}`)));
}

function cookieValue(request, name) {
  const values = [];
  for (const part of (request.headers.get("cookie") ?? "").split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) values.push(rest.join("="));
  }
  if (values.length > 1) throw new Answer(fail(400, "duplicate_cookie", { message: `more than one ${name} cookie: clear this site's cookies` }));
  return values[0] ?? null;
}

/** The customer of this request: `{ id, setCookie }` (`setCookie` when new). */
export async function customerOf(request, env) {
  const name = cookieName(env);
  const value = cookieValue(request, name);
  const m = /^([0-9a-f]{32})\.([0-9a-f]{64})$/.exec(value ?? "");
  if (m && ID.test(m[1])) {
    const ok = await crypto.subtle.verify("HMAC", await key(env.SG_COOKIE_SECRET), unhex(m[2]), new TextEncoder().encode(`customer:${m[1]}`));
    if (ok) return { id: m[1], setCookie: null };
  }
  const id = randomId();
  const secure = name.startsWith("__Host-") ? "; Secure" : "";
  const setCookie = `${name}=${id}.${await sign(id, env.SG_COOKIE_SECRET)}; Path=/; Max-Age=${YEAR}; HttpOnly; SameSite=Lax${secure}`;
  return { id, setCookie };
}

/** `response` with the customer's cookie set when it is new. */
export function withCookie(response, customer) {
  if (!customer.setCookie) return response;
  const out = new Response(response.body, response);
  out.headers.append("set-cookie", customer.setCookie);
  return out;
}

// Checkouts per customer and per address, so that no stranger can start
// payments without end (each costs two API calls and a Durable Object) or
// push the merchant's orders around. One fixed window per key, kept in a
// small Durable Object (`Limiter`), its count stored before it answers.
//   SG_CHECKOUTS_PER_CUSTOMER (20), SG_CHECKOUTS_PER_ADDRESS (60) per
//   SG_CHECKOUT_WINDOW_SECONDS (600). The address is CF-Connecting-IP, which
//   Cloudflare sets on every request (behind another proxy, set it there).
import { DurableObject } from "cloudflare:workers";
import { Answer, fail } from "./http.js";

export class Limiter extends DurableObject {
  /** One more in the window: `{ ok, retryAfter }` (seconds until the window ends). */
  async take(limit, windowMs) {
    const now = Date.now();
    let w = (await this.ctx.storage.get("w")) ?? { start: now, count: 0 };
    if (now - w.start >= windowMs) w = { start: now, count: 0 };
    if (w.count >= limit) return { ok: false, retryAfter: Math.ceil((w.start + windowMs - now) / 1000) };
    w.count++;
    await this.ctx.storage.put("w", w);
    return { ok: true, retryAfter: 0 };
  }
}

const number = (v, fallback) => (Number.isSafeInteger(Number(v)) && Number(v) > 0 ? Number(v) : fallback);

/** Throws 429 (with Retry-After) when this customer or this address has had its checkouts for now. */
export async function limitCheckouts(request, env, customer) {
  const windowMs = number(env.SG_CHECKOUT_WINDOW_SECONDS, 600) * 1000;
  const address = request.headers.get("cf-connecting-ip") ?? "unknown";
  const keys = [[`customer:${customer.id}`, number(env.SG_CHECKOUTS_PER_CUSTOMER, 20)], [`address:${address}`, number(env.SG_CHECKOUTS_PER_ADDRESS, 60)]];
  for (const [key, limit] of keys) {
    const { ok, retryAfter } = await env.LIMITS.get(env.LIMITS.idFromName(key)).take(limit, windowMs);
    if (!ok) throw new Answer(fail(429, "too_many_checkouts", { retry_after: retryAfter }, { "retry-after": String(retryAfter) }));
  }
}

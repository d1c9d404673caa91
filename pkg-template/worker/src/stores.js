// Small Durable Objects: a customer's saved cards (the API's recurrent
// tokens never leave this object; the browser sees an opaque id, brand and
// last four digits), and the ledger of orders and payouts for the
// merchant's admin page.
import { DurableObject } from "cloudflare:workers";
import { randomId } from "./http.js";

const MAX_CARDS = 10;

export class Customer extends DurableObject {
  async cards() {
    return (await this.ctx.storage.get("cards")) ?? [];
  }

  /** Saves a card once per token; the oldest goes when there are too many. */
  async saveCard({ token, brand, last4 }) {
    const cards = await this.cards();
    if (!cards.some((c) => c.token === token)) {
      cards.push({ id: randomId(), token, brand, last4 });
      await this.ctx.storage.put("cards", cards.slice(-MAX_CARDS));
    }
  }

  /** `[{ id, brand, last4 }]`: what the browser may see. */
  async publicCards() {
    return (await this.cards()).map(({ id, brand, last4 }) => ({ id, brand, last4 }));
  }

  /** The recurrent token of one of this customer's cards, or null. */
  async token(id) {
    return (await this.cards()).find((c) => c.id === id)?.token ?? null;
  }

  /** Forgets a card (after its token was disabled at the API). */
  async forget(id) {
    const cards = await this.cards();
    await this.ctx.storage.put("cards", cards.filter((c) => c.id !== id));
  }
}

/**
 * The merchant's lists of orders and payouts, newest first, by time and in
 * two groups: `paid` (money taken: kept, however many others come) and
 * `open` (everything else: the newest MAX_OPEN kept). A stranger who starts
 * checkouts without end only pushes out other unpaid ones.
 */
export class Ledger extends DurableObject {
  /** A fact worth keeping for a while (a verified FPS phone's hash): its time. */
  async remember(key, at) {
    if (!key.startsWith("verified:")) throw new TypeError("not a remembered key");
    await this.ctx.storage.put(key, at);
  }

  /** The time `remember` kept for `key`, or null. */
  async recalled(key) {
    if (!key.startsWith("verified:")) return null;
    return (await this.ctx.storage.get(key)) ?? null;
  }

  async add(kind, id) {
    const at = Date.now();
    const key = entryKey(kind, "open", at, id);
    const count = ((await this.ctx.storage.get(`count:${kind}`)) ?? 0) + 1;
    await this.ctx.storage.put({ [key]: { id, at }, [`where:${kind}:${id}`]: key, [`count:${kind}`]: count });
    // Past the cap by a margin, the oldest open entries go (a few at a time).
    if (count > MAX_OPEN + 64) {
      const oldest = await this.ctx.storage.list({ prefix: `${kind}:open:`, limit: count - MAX_OPEN });
      const keys = [...oldest.keys()];
      await this.ctx.storage.delete([...keys, ...[...oldest.values()].map((v) => `where:${kind}:${v.id}`)]);
      await this.ctx.storage.put(`count:${kind}`, count - keys.length);
    }
  }

  /** Moves an entry to the paid group (once; a later call does nothing). */
  async markPaid(kind, id) {
    const where = await this.ctx.storage.get(`where:${kind}:${id}`);
    if (!where || where.startsWith(`${kind}:paid:`)) return;
    const entry = await this.ctx.storage.get(where);
    const paid = entryKey(kind, "paid", entry.at, id);
    const count = (await this.ctx.storage.get(`count:${kind}`)) ?? 1;
    await this.ctx.storage.put({ [paid]: entry, [`where:${kind}:${id}`]: paid, [`count:${kind}`]: Math.max(0, count - 1) });
    await this.ctx.storage.delete(where);
  }

  /**
   * A page of one group (`paid` or `open`), newest first: `{ ids, next }`;
   * `next` is the `before` of the following page (null on the last).
   */
  async page(kind, group, { before = null, limit = PAGE } = {}) {
    const prefix = `${kind}:${group}:`;
    const opts = { prefix, reverse: true, limit: limit + 1 };
    if (typeof before === "string" && /^\d{15}:[0-9a-f]{32}$/.test(before)) opts.end = prefix + before;
    const entries = [...(await this.ctx.storage.list(opts)).entries()];
    const shown = entries.slice(0, limit);
    const next = entries.length > limit ? shown.at(-1)[0].slice(prefix.length) : null;
    return { ids: shown.map(([, e]) => e.id), next };
  }
}

const MAX_OPEN = 1000;
const PAGE = 50;
const entryKey = (kind, group, at, id) => `${kind}:${group}:${String(at).padStart(15, "0")}:${id}`;

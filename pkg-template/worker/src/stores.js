// Small Durable Objects: a customer's saved cards (the API's recurrent
// tokens never leave this object; the browser sees an opaque id, brand and
// last four digits), and the ledger of recent orders and payouts for the
// merchant's admin page.
import { DurableObject } from "cloudflare:workers";
import { randomId } from "./http.js";

const MAX_CARDS = 10;
const MAX_LEDGER = 100;

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
}

export class Ledger extends DurableObject {
  async add(kind, id) {
    const list = (await this.ctx.storage.get(kind)) ?? [];
    list.push(id);
    await this.ctx.storage.put(kind, list.slice(-MAX_LEDGER));
  }

  async list(kind) {
    return (await this.ctx.storage.get(kind)) ?? [];
  }
}

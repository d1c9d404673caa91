// An order: the customer's payment for catalogue items. Beyond what every
// operation does (operation.js): capture on `ready_to_capture`, save the
// card when the customer asked and the payment brought a recurrent token
// (the token stays server-side, in the customer's object), and refunds,
// partial or full, asked by the merchant.
import { operation } from "smart-glocal-edge";
import { OperationObject } from "./operation.js";

/** Money taken: the ledger keeps such orders apart from the unpaid. */
const PAID = new Set(["succeeded", "partially_refunded", "refunded"]);

export class Order extends OperationObject {
  /** Stored; a paid order is marked so in the ledger (once, before the answer). */
  async save() {
    if (this.s && !this.s.ledger_paid && PAID.has(this.s.view?.state)) {
      await this.env.LEDGER.get(this.env.LEDGER.idFromName("ledger")).markPaid("orders", this.s.id);
      this.s.ledger_paid = true;
    }
    await super.save();
  }

  decide(type, session, view) {
    super.decide(type, session, view);
    const wantsCapture = view?.state === "authorized";
    if (wantsCapture && !this.has("capture") && !this.has("cancel") && this.s.started !== "failed") this.add("capture");
    const token = operation(session)?.recurrent;
    if (this.s.save_card && view.state === "succeeded" && token?.token && token.is_active !== false && !this.has("save_card")) {
      this.add("save_card", { card: { token: token.token, brand: view.card?.brand ?? null, last4: view.card?.last4 ?? null } });
    }
  }

  /** Saving the card: a call to the customer's object (retried like the API calls). */
  async callOther(a) {
    if (a.name !== "save_card") return super.callOther(a);
    const customer = this.env.CUSTOMERS.get(this.env.CUSTOMERS.idFromName(this.s.customer_id));
    await customer.saveCard(a.card);
    delete a.card; // the token is kept once, in the customer's object
    return null;
  }

  /**
   * A refund asked by the merchant: `amount` in minor units, or null for
   * what is left. `{ error }` when it cannot be (not paid, nothing left,
   * more than is left); else the refund is queued and tried at once.
   */
  async refund(amount) {
    if (!this.s) return { error: "not_found" };
    const view = this.s.view;
    if (!view || !["succeeded", "partially_refunded"].includes(view.state)) return { error: "not_refundable" };
    const queued = this.s.actions.filter((a) => a.name === "refund" && a.status !== "failed").reduce((t, a) => t + (a.amount ?? 0), 0);
    const left = this.s.amount - Math.max(view.refunded_amount ?? 0, queued);
    if (amount === null) amount = left;
    if (!(amount > 0) || amount > left) return { error: "invalid_amount", left };
    const action = this.add("refund", { amount });
    await this.save();
    await this.perform(action);
    await this.save();
    return { refund: { status: action.status, amount } };
  }
}

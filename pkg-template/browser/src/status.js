// StatusView: the DOM of a payment's status. The wasm core gives the texts
// (label, amount, card, detail) and the state; this only sets text content,
// never HTML.
import * as wasm from "./smart_glocal.js";
import { guard } from "./runtime.js";
import { ownData, ownOptions } from "./own.js";

const PARTS = ["label", "amount", "card", "detail"];

// Minor units as money, by the currency's own digits (the core's rule).
export const formatMoney = (amount, currency, opts) =>
  guard(() => wasm.formatMoney(amount, currency, ownOptions(opts, "opts")));

export class StatusView {
  #root;
  #opts;
  #parts = {};
  #text;

  constructor(element, opts) {
    let ok = false;
    try {
      ok = element instanceof Element;
    } catch {}
    if (!ok) throw guard(() => wasm.errorOf("invalid_params", "element", "must be a DOM element"));
    const own = ownOptions(opts, "opts");
    const text = guard(() => wasm.statusText(null, own));
    this.#root = element;
    this.#opts = own;
    element.textContent = "";
    element.classList.add("sg-status");
    element.setAttribute("role", "status");
    element.setAttribute("aria-live", "polite");
    for (const part of PARTS) {
      this.#parts[part] = element.appendChild(document.createElement("span"));
      this.#parts[part].className = `sg-status__${part}`;
    }
    this.#parts.progress = element.appendChild(document.createElement("progress"));
    this.#parts.progress.className = "sg-status__progress";
    this.#parts.progress.setAttribute("aria-label", "in progress");
    this.show(text);
  }

  update(view) {
    const own = ownData(view, "view");
    this.show(guard(() => wasm.statusText(own, this.#opts)));
  }

  setReconnecting(on) {
    if (on) this.#root.dataset.connection = "reconnecting";
    else delete this.#root.dataset.connection;
    this.#parts.label.textContent = on ? this.#text.reconnecting : this.#text.label;
  }

  // Texts only: never parsed as HTML.
  show(text) {
    const root = this.#root;
    root.dataset.state = text.state;
    root.dataset.kind = text.kind;
    root.dataset.final = String(text.final);
    if (text.chargeback) root.dataset.chargeback = "true";
    else delete root.dataset.chargeback;
    delete root.dataset.connection;
    for (const part of PARTS) {
      this.#parts[part].textContent = text[part];
      this.#parts[part].hidden = part !== "label" && !text[part];
    }
    this.#parts.progress.hidden = !text.progress;
    this.#text = text;
  }
}

// The demo shop: smart-glocal-browser through its ./web entry, no bundler.
// It sends the worker a product and a way to pay; prices, customers and
// cards stay on the server.
import init, { followPayment, performRedirect, formatMoney } from "/vendor/smart-glocal-browser/web.js";
import { mountPaymentForm } from "/vendor/smart-glocal-browser/payment-form.js";

await init();

const $ = (id) => document.getElementById(id);
const MODES = ["widget", "hosted", "card", "fps"];
const state = { mode: "widget", catalog: [], form: null };

// The currency's own digits (JPY none, BHD three), by the package's rule.
const money = (amount, currency) => formatMoney(amount, currency, { locale: "en-US" });
const showError = (message) => ($("form-error").textContent = message);

async function getJson(path) {
  const res = await fetch(path, { headers: { accept: "application/json" } });
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
  return res.json();
}

function setMode(mode) {
  state.mode = mode;
  for (const m of MODES) $(`mode-${m}`).setAttribute("aria-selected", String(m === mode));
  $("card-fields").hidden = mode !== "card";
  $("hosted-note").hidden = mode !== "hosted";
  $("widget-note").hidden = mode !== "widget";
  $("fps-note").hidden = mode !== "fps";
  document.body.dataset.mode = mode;
}

function updateTotal() {
  const p = state.catalog.find((x) => x.id === $("product").value);
  const q = Number($("quantity").value) || 1;
  $("total").textContent = p ? money(p.amount * q, p.currency) : "";
}

async function showSavedCards() {
  const cards = await getJson("/api/saved-cards");
  $("saved").hidden = cards.length === 0;
  $("saved-list").replaceChildren(...cards.map((c) => {
    const b = document.createElement("button");
    b.type = "button";
    b.dataset.testid = "pay-saved";
    b.textContent = `Pay with ${(c.brand ?? "card").toUpperCase()} •••• ${c.last4 ?? "????"}`;
    b.addEventListener("click", () => checkout({ saved_card_id: c.id }));
    return b;
  }));
}

// The QR code of an FPS payment waiting for the customer's bank app, once
// (the module, smart-glocal-browser/qr, loads on first use).
let shownQr = null;
function showQrCode(view) {
  const link = view.interaction?.type === "qr" ? view.interaction.content : null;
  if (!link || link === shownQr || view.final) return;
  shownQr = link;
  const box = $("fps");
  box.hidden = false;
  import("/vendor/smart-glocal-browser/qr.js")
    .then((qr) => qr.showQrCode(box, link, { label: `QR code: scan it with your phone to pay ${money(view.amount, view.currency)} in your bank app` }))
    .catch((e) => showError(`${e.code ?? "error"}: ${e.message}`));
}

async function checkout(extra) {
  showError("");
  delete document.body.dataset.done;
  const body = { product_id: $("product").value, quantity: Number($("quantity").value) || 1, ...extra };
  const res = await fetch("/api/checkout", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const out = await res.json();
  if (!res.ok) return showError(out.field ? `${out.field}: ${out.message}` : out.message ?? out.error);
  if (out.payment_page_url) {
    // To Smart Glocal's page (checked: https, or http to a loopback sandbox).
    return performRedirect({ url: out.payment_page_url, method: "GET" });
  }
  const statusEl = $("status");
  statusEl.hidden = false;
  if (out.public_token) {
    // Smart Glocal's form on this page; the order's status (from the
    // worker) is followed meanwhile: it is the truth, whatever the form reports.
    state.form?.unmount();
    const container = $("payment-form");
    container.hidden = false;
    $("pay").disabled = true;
    try {
      state.form = await mountPaymentForm(container, out.public_token, out.widget);
    } catch (e) {
      container.hidden = true;
      $("pay").disabled = false;
      return showError(`${e.code ?? "error"}: ${e.message}`);
    }
    state.form.reported.then((outcome) => (document.body.dataset.widget = outcome));
  }
  try {
    // In the form, 3-D Secure happens inside it: never send the tab to the
    // ACS. An FPS payment's QR code comes with a view (`interaction`).
    await followPayment(statusEl, out.status_url, { intervalMs: 250, timeoutMs: 300000, target: "_self",
      autoRedirect: !out.public_token, onView: showQrCode,
      ...(extra.mode === "fps" ? { labels: { action_required: "Pay in your bank app: scan the code, or open the app" } } : {}) });
    $("fps").hidden = true;
    document.body.dataset.done = "true";
    $("pay").disabled = false;
    await showSavedCards();
  } catch (e) {
    $("pay").disabled = false;
    showError(`${e.code ?? "error"}: ${e.message}`);
  }
}

for (const m of MODES) $(`mode-${m}`).addEventListener("click", () => setMode(m));
$("product").addEventListener("change", updateTotal);
$("quantity").addEventListener("input", updateTotal);
$("pay-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const save_card = $("save-card").checked;
  if (state.mode !== "card") return checkout({ mode: state.mode, save_card });
  const card = { number: $("card-number").value.replace(/\s+/g, ""), expiration_month: $("exp-month").value,
                 expiration_year: $("exp-year").value, security_code: $("cvc").value };
  return checkout({ mode: "card", card, save_card });
});

state.catalog = await getJson("/api/catalog");
$("product").replaceChildren(...state.catalog.map((p) => new Option(`${p.name} · ${money(p.amount, p.currency)}`, p.id)));
updateTotal();
const asked = new URLSearchParams(location.search).get("mode");
setMode(MODES.includes(asked) ? asked : "widget");
await showSavedCards();
const cards = await getJson("/vendor/test-cards.json").catch(() => []);
$("test-cards").replaceChildren(...cards.map((c) => {
  const li = document.createElement("li");
  const b = document.createElement("button");
  b.type = "button";
  b.textContent = c.number.replace(/(\d{4})(?=\d)/g, "$1 ");
  b.addEventListener("click", () => {
    setMode("card");
    $("card-number").value = c.number;
  });
  li.append(b, ` ${c.what}`);
  return li;
}));
// Pay starts disabled in the page: a click before the handlers exist would
// submit the form natively, and the order would be lost.
$("pay").disabled = false;
document.body.dataset.ready = "true";

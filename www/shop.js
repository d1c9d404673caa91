// The demo shop: smart-glocal-browser through its ./web entry, no bundler.
import init, { followPayment, StatusView } from "/vendor/smart-glocal-browser/web.js";

await init();

const $ = (id) => document.getElementById(id);
const statusEl = $("status");
const errorEl = $("form-error");
const SESSION = "sg.session"; // the payment being followed (this tab)
const SAVING = "sg.saving"; // it asked to save the card
const SAVED = "sg.saved-card"; // a saved card: the session that saved it

function showError(message) {
  errorEl.textContent = message;
}

/** "150.00" → 15000 minor units (2-decimal currencies), exactly. */
function minorUnits(text) {
  const m = /^\s*(\d{1,13})(?:[.,](\d{1,2}))?\s*$/.exec(text);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? "0").padEnd(2, "0"));
}

function finished(view) {
  const id = sessionStorage.getItem(SESSION);
  if (view.state === "succeeded" && sessionStorage.getItem(SAVING) === id) localStorage.setItem(SAVED, id);
  $("refund").hidden = view.state !== "succeeded";
  document.body.dataset.done = "true";
}

// `autoRedirect` only on the shop page: on the return page the customer has
// just come back from 3-D Secure, and the view may still say
// action_required until payment_finished arrives.
async function follow(sessionId, autoRedirect) {
  statusEl.hidden = false;
  try {
    const opts = { intervalMs: 200, timeoutMs: 120000, target: "_self", autoRedirect };
    finished(await followPayment(statusEl, `/api/payments/${sessionId}`, opts));
  } catch (e) {
    showError(`${e.code ?? "error"}: ${e.message}`);
  }
}

async function checkout(body) {
  showError("");
  $("refund").hidden = true;
  delete document.body.dataset.done;
  const res = await fetch("/api/checkout", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const out = await res.json();
  if (!res.ok) return showError(out.field ? `${out.field}: ${out.message}` : out.message ?? out.error);
  sessionStorage.setItem(SESSION, out.session_id);
  if (body.recurrent) sessionStorage.setItem(SAVING, out.session_id);
  await follow(out.session_id, true);
}

function amountAndCurrency() {
  const amount = minorUnits($("amount").value);
  if (amount === null || amount <= 0) throw new Error("Enter an amount such as 150.00");
  return { amount, currency: $("currency").value };
}

$("refund").addEventListener("click", async () => {
  const id = sessionStorage.getItem(SESSION);
  const res = await fetch(`/api/payments/${id}/refund`, { method: "POST" });
  const out = await res.json();
  if (!res.ok) return showError(out.message ?? out.error);
  new StatusView(statusEl).update(out);
  $("refund").hidden = true;
});

const form = $("pay-form");
if (form) {
  const saved = localStorage.getItem(SAVED);
  $("pay-saved").hidden = !saved;
  for (const b of document.querySelectorAll("[data-card]")) {
    b.addEventListener("click", () => ($("card-number").value = b.dataset.card));
  }
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    try {
      const card = { number: $("card-number").value.replace(/\s+/g, ""), expiration_month: $("exp-month").value,
                     expiration_year: $("exp-year").value, security_code: $("cvc").value };
      checkout({ ...amountAndCurrency(), card, recurrent: $("save-card").checked });
    } catch (e) {
      showError(e.message);
    }
  });
  $("pay-saved").addEventListener("click", () => {
    try {
      checkout({ ...amountAndCurrency(), token: localStorage.getItem(SAVED) });
    } catch (e) {
      showError(e.message);
    }
  });
} else {
  // status.html: back from 3-D Secure.
  const id = new URLSearchParams(location.search).get("session") ?? sessionStorage.getItem(SESSION);
  if (id) follow(id, false);
  else showError("No payment to show.");
}

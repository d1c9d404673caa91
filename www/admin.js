// The merchant's admin page: every call carries the admin token (kept in
// this tab only). The token is never part of a URL.
import init, { StatusView, formatMoney } from "/vendor/smart-glocal-browser/web.js";

await init();

const $ = (id) => document.getElementById(id);
const KEY = "sg.admin-token";
const showError = (m) => ($("admin-error").textContent = m);

async function call(path, init = {}) {
  const res = await fetch(path, {
    ...init,
    headers: { accept: "application/json", authorization: `Bearer ${sessionStorage.getItem(KEY) ?? ""}`, ...(init.body ? { "content-type": "application/json" } : {}) },
  });
  const out = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(out.field ? `${out.field}: ${out.message}` : out.message ?? out.error ?? String(res.status));
  return out;
}

// The currency's own digits (JPY none, BHD three), by the package's rule.
const money = (amount, currency) => (amount == null ? "" : formatMoney(amount, currency, { locale: "en-US" }));

function cell(text) {
  const td = document.createElement("td");
  td.textContent = text;
  return td;
}

async function showOrders() {
  // Paid orders first (the ledger keeps them apart), then the open ones.
  const { paid, open } = await call("/api/admin/orders");
  const orders = [...paid, ...open];
  $("orders").replaceChildren(...orders.map((o) => {
    const tr = document.createElement("tr");
    tr.dataset.order = o.id;
    tr.dataset.state = o.state;
    const input = Object.assign(document.createElement("input"), { inputMode: "numeric", size: 6 });
    input.dataset.testid = "refund-amount";
    const button = Object.assign(document.createElement("button"), { type: "button", textContent: "Refund" });
    button.dataset.testid = "refund";
    button.disabled = !["succeeded", "partially_refunded"].includes(o.state);
    button.addEventListener("click", async () => {
      try {
        const amount = input.value.trim() ? Number(input.value) : undefined;
        await call(`/api/orders/${o.id}/refund`, { method: "POST", body: JSON.stringify(amount === undefined ? {} : { amount }) });
        await showOrders();
      } catch (e) {
        showError(e.message);
      }
    });
    const refundTd = document.createElement("td");
    refundTd.append(input, " ", button);
    tr.append(cell(o.id.slice(0, 8)), cell(`${o.product_id} × ${o.quantity}`), cell(money(o.amount, o.currency)), cell(o.state),
      cell(money(o.refunded_amount, o.currency)), refundTd);
    return tr;
  }));
}

async function followPayout(id) {
  const el = $("payout-status");
  el.hidden = false;
  const view = new StatusView(el, { locale: "en-US" });
  for (let i = 0; i < 240; i++) {
    const p = await call(`/api/payouts/${id}`);
    view.update(p);
    if (p.final) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  document.body.dataset.payoutDone = "true";
}

$("login").addEventListener("submit", async (event) => {
  event.preventDefault();
  sessionStorage.setItem(KEY, $("token").value.trim());
  try {
    showError("");
    await showOrders();
    $("orders-section").hidden = false;
    $("payout-section").hidden = false;
    document.body.dataset.signedIn = "true";
  } catch (e) {
    showError(e.message);
  }
});

// Both payout forms: the body the form builds goes to the worker, and the
// payout is followed to its final state; an error is shown by name.
const sendPayout = (form, body) =>
  $(form).addEventListener("submit", async (event) => {
    event.preventDefault();
    delete document.body.dataset.payoutDone;
    try {
      showError("");
      const out = await call("/api/payouts", { method: "POST", body: JSON.stringify(body()) });
      await followPayout(out.payout_id);
    } catch (e) {
      showError(e.message);
    }
  });

sendPayout("payout", () => ({
  recipient: $("payout-recipient").value,
  payment_method: { type: "card", card: { type: "bank_card", bank_card: { number: $("payout-card").value.replace(/\s+/g, "") } } },
  amount: Number($("payout-amount").value),
  currency: $("payout-currency").value,
}));

// A payout by phone: the phone is verified with its bank first (the worker
// refuses a payout to one it has not verified); changing either field
// asks for a new verification.
const fps = () => ({ phone: $("payout-fps-phone").value.trim(), bank_id: $("payout-fps-bank").value.trim() });
for (const id of ["payout-fps-phone", "payout-fps-bank"]) {
  $(id).addEventListener("input", () => {
    $("payout-fps-send").disabled = true;
    $("payout-fps-check").textContent = "";
    delete $("payout-fps-check").dataset.verified;
  });
}
$("payout-fps-verify").addEventListener("click", async () => {
  const check = $("payout-fps-check");
  try {
    showError("");
    check.textContent = "Checking the phone with its bank…";
    const out = await call("/api/payouts/verify-phone", {
      method: "POST",
      body: JSON.stringify({ ...fps(), first_name: $("payout-fps-first").value, last_name: $("payout-fps-last").value }),
    });
    check.dataset.verified = String(out.verified);
    check.textContent = out.verified ? "Verified: the phone is registered with this bank." : "Not verified: this phone is not registered with this bank.";
    $("payout-fps-send").disabled = !out.verified;
  } catch (e) {
    check.textContent = "";
    showError(e.message);
  }
});
sendPayout("payout-fps", () => ({
  recipient: `${$("payout-fps-first").value} ${$("payout-fps-last").value}`,
  payment_method: { type: "bank_account", bank_account: { system_type: "faster_payment_system",
    faster_payment_system: { ...fps(), description: "Payout" } } },
  recipient_details: { first_name: $("payout-fps-first").value, last_name: $("payout-fps-last").value },
  amount: Number($("payout-fps-amount").value),
  currency: "rub",
}));

// Ready: until now a click would have submitted the form natively (a page
// reload, the token lost) instead of reaching the handlers above.
$("admin-login").disabled = false;
document.body.dataset.ready = "true";

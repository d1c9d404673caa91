// The status page: back from 3-D Secure or from the hosted payment page,
// it follows the order (by its id; the worker answers only its customer)
// to its final state. It never performs a redirect itself.
import init, { followPayment } from "/vendor/smart-glocal-browser/web.js";

await init();

const order = new URLSearchParams(location.search).get("order") ?? "";
const error = document.getElementById("form-error");
if (!/^[0-9a-f]{32}$/.test(order)) {
  error.textContent = "No order to show.";
} else {
  document.getElementById("order-id").textContent = order;
  try {
    await followPayment(document.getElementById("status"), `/api/orders/${order}`, { intervalMs: 250, timeoutMs: 120000, autoRedirect: false });
    document.body.dataset.done = "true";
  } catch (e) {
    error.textContent = `${e.code ?? "error"}: ${e.message}`;
  }
}

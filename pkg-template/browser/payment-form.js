// smart-glocal-browser/payment-form: Smart Glocal's payment form widget on
// the merchant's own page. It loads the widget's library (once per page),
// renders the form into a container and turns the library's callbacks
// into a promise. The card is typed into the library's frame: this module
// never reads, keeps or forwards card data, and it loads no WebAssembly
// (the base entry's budget does not carry it).
//
// What is known of the library comes from public integrations (the stored
// reference does not document it): `payment-form.js` and `.css` from
// widget.smart-glocal.com (live) or widget-demo.smart-glocal.com (test),
// `new SmglPaymentForm(publicToken, { container, isCvcMasked,
// customerInteractionRedirect: { target } })`, `onPaymentSuccess`,
// `onPaymentFail`, `render()`.
import { SmartGlocalError } from "./error.js";
import { invalid, ownMembers } from "./plain-options.js";

export const WIDGET_HOSTS = Object.freeze({
  live: "https://widget.smart-glocal.com",
  demo: "https://widget-demo.smart-glocal.com",
});
const DEFAULT_TIMEOUT_MS = 15_000;
const MAX_TIMEOUT_MS = 120_000;
const OPTIONS = ["environment", "base", "timeoutMs", "target", "cvcMasked"];
// An origin and an optional plain path: https, or http only to a loopback
// host (a local sandbox). Stricter than the core's rule for `base`
// (paymentPageUrl's), which the package's tests hold it to.
const BASE = /^(?:https:\/\/[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|http:\/\/(?:localhost|127\.0\.0\.1|\[::1\]))(?::[0-9]{1,5})?(?:\/[A-Za-z0-9._~-]+)*\/?$/;

// Each library's load, by its script's URL: one per page.
const loads = new Map();

const unavailable = (message) => new SmartGlocalError("widget_unavailable", message, {});

/** What mountPaymentForm loads and asks of the form (exported for tests). */
export function paymentFormPlan(publicToken, opts) {
  if (typeof publicToken !== "string" || publicToken.trim() === "" || publicToken.length > 1024) {
    throw invalid("publicToken", "must be a non-empty string");
  }
  const o = ownMembers(opts, OPTIONS);
  for (const key of ["environment", "base", "target"]) {
    if (o[key] != null && typeof o[key] !== "string") throw invalid(`opts.${key}`, "must be a string");
  }
  if (o.environment != null && o.base != null) throw invalid("opts.base", "give base or environment, not both");
  let base;
  if (o.base != null) {
    if (!BASE.test(o.base) || Number(o.base.match(/:([0-9]+)(?:\/|$)/)?.[1] ?? 0) > 65535) {
      throw invalid("opts.base", "must be an absolute https: URL without query or fragment (http: only to localhost, 127.0.0.1 or [::1])");
    }
    base = o.base.replace(/\/+$/, "");
  } else if (o.environment == null || o.environment === "live" || o.environment === "demo") {
    base = WIDGET_HOSTS[o.environment ?? "live"];
  } else {
    throw invalid("opts.environment", 'must be "live" or "demo"');
  }
  const target = o.target ?? "_self";
  if (target !== "_self" && target !== "_top") throw invalid("opts.target", 'must be "_self" or "_top"');
  if (o.cvcMasked != null && typeof o.cvcMasked !== "boolean") throw invalid("opts.cvcMasked", "must be a boolean");
  const timeoutMs = o.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > MAX_TIMEOUT_MS) {
    throw invalid("opts.timeoutMs", `must be a whole number of milliseconds from 1 to ${MAX_TIMEOUT_MS}`);
  }
  return Object.freeze({
    script: `${base}/payment-form.js`,
    stylesheet: `${base}/payment-form.css`,
    timeoutMs,
    target,
    cvcMasked: o.cvcMasked ?? true,
  });
}

// The library's constructor, from its script (added once to the page).
function load(plan) {
  let loading = loads.get(plan.script);
  if (loading) return loading;
  loading = new Promise((resolve, reject) => {
    if (![...document.querySelectorAll("link[data-smgl-widget]")].some((l) => l.href === plan.stylesheet)) {
      const link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = plan.stylesheet;
      link.dataset.smglWidget = "";
      document.head.append(link);
    }
    const script = document.createElement("script");
    const fail = (why) => {
      clearTimeout(timer);
      script.remove();
      reject(unavailable(`the payment form's script ${why}`));
    };
    const timer = setTimeout(() => fail(`did not load within ${plan.timeoutMs} ms`), plan.timeoutMs);
    script.async = true;
    script.src = plan.script;
    script.dataset.smglWidget = "";
    script.onerror = () => fail("could not be loaded (the page's CSP needs its host in script-src and frame-src; or the host is unreachable)");
    script.onload = () => {
      clearTimeout(timer);
      const Form = globalThis.SmglPaymentForm;
      if (typeof Form === "function") resolve(Form);
      else fail("defines no SmglPaymentForm");
    };
    document.head.append(script);
  });
  // A failed load may be tried again by a later call.
  loading.catch(() => loads.delete(plan.script));
  loads.set(plan.script, loading);
  return loading;
}

/**
 * Renders the payment form for `publicToken` (an `acquiring_widget` token)
 * into `container`. Resolves with `{ reported, unmount }`.
 */
export async function mountPaymentForm(container, publicToken, opts) {
  if (typeof HTMLElement === "undefined" || !(container instanceof HTMLElement) || !container.isConnected) {
    throw invalid("container", "must be an element on the page");
  }
  const plan = paymentFormPlan(publicToken, opts);
  const Form = await load(plan);
  let mounted = true;
  let report;
  const reported = new Promise((resolve) => (report = (outcome) => mounted && resolve(outcome)));
  let form;
  try {
    form = new Form(publicToken, {
      container,
      isCvcMasked: plan.cvcMasked,
      customerInteractionRedirect: { target: plan.target },
    });
  } catch {
    throw unavailable("the payment form's library failed to start");
  }
  // Whatever the library passes is not forwarded: only the outcome. A
  // library without these callbacks still renders (follow the order).
  try {
    form.onPaymentSuccess = () => report("success");
    form.onPaymentFail = () => report("fail");
  } catch {}
  try {
    form.render();
  } catch {
    container.replaceChildren();
    throw unavailable("the payment form's library failed to render");
  }
  return Object.freeze({
    reported,
    unmount() {
      if (!mounted) return;
      mounted = false;
      try {
        form.destroy?.();
      } catch {}
      container.replaceChildren();
    },
  });
}

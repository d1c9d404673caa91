// Redirects: the 3-D Secure step and the hosted payment page. The wasm core
// plans them (method, target, fields, the URL check); this performs the
// plan in the DOM. Every call into wasm is guarded: a failure inside the
// instance fails that call only.
import * as wasm from "./smart_glocal.js";
import { guard } from "./runtime.js";
import { ownData, ownOptions } from "./own.js";
import { SmartGlocalError } from "./error.js";

// The caller's objects reach the core as own-property copies (js/own.js).
export function redirectPlan(redirect, opts) {
  const [r, o] = [ownData(redirect, "redirect"), ownOptions(opts, "opts")];
  return guard(() => wasm.redirectPlan(r, o));
}

export function performRedirect(redirect, opts) {
  const [r, o] = [ownData(redirect, "redirect"), ownOptions(opts, "opts")];
  go(guard(() => wasm.performPlan(r, o)));
}

// The page's address is where openPaymentPage would go (one export less
// in the size-bound wasm).
export function paymentPageUrl(publicToken, opts) {
  const o = ownOptions(opts, "opts");
  return guard(() => wasm.paymentPagePlan(publicToken, o)).action;
}

export function openPaymentPage(publicToken, opts) {
  const o = ownOptions(opts, "opts");
  go(guard(() => wasm.paymentPagePlan(publicToken, o)));
}

// Performs a checked plan, after the platform's own URL parser agrees.
export function go(plan) {
  let url;
  try {
    url = new URL(plan.action);
  } catch {}
  guard(() => wasm.checkTarget(url?.protocol, url?.hostname));
  try {
    if (plan.method === "POST") return post(plan);
    if (plan.target === "_self") return void window.location.assign(plan.action);
    window.open(plan.action, plan.target, plan.features);
  } catch (e) {
    if (e instanceof SmartGlocalError) throw e;
    throw guard(() => wasm.errorOf("unsafe_redirect", "", "the page cannot perform the redirect"));
  }
}

// A hidden form, built and submitted through the prototypes: a field named
// `submit` or `appendChild` cannot shadow what the form does.
function post(plan) {
  const set = (el, name, value) => Element.prototype.setAttribute.call(el, name, value);
  const append = (parent, child) => Node.prototype.appendChild.call(parent, child);
  const form = document.createElement("form");
  for (const [name, value] of [["method", "post"], ["action", plan.action], ["target", plan.target],
    ["accept-charset", "UTF-8"], ["rel", plan.rel], ["hidden", ""]]) set(form, name, value);
  for (const [name, value] of plan.fields) {
    const input = document.createElement("input");
    set(input, "type", "hidden");
    set(input, "name", name);
    set(input, "value", value);
    append(form, input);
  }
  append(document.body, form);
  try {
    HTMLFormElement.prototype.submit.call(form);
  } finally {
    Node.prototype.removeChild.call(document.body, form);
  }
}

// followPayment: the fetch-and-wait loop around the wasm FollowerCore, which
// decides everything else (reading each view and its texts, backoff, the
// one 3-D Secure redirect, the timeout). An async executor and an HTTP
// client in wasm would cost more than this package's whole size budget.
import { FollowerCore, errorOf } from "./smart_glocal.js";
import { currentGeneration, guard } from "./runtime.js";
import { ownData, ownOptions } from "./own.js";
import { go } from "./redirect.js";
import { StatusView } from "./status.js";

async function poll(url, timeoutMs) {
  try {
    const res = await fetch(url, {
      headers: { accept: "application/json" },
      cache: "no-store",
      signal: AbortSignal.timeout(timeoutMs),
    });
    return res.status === 200 ? await res.json() : undefined;
  } catch {
    return undefined; // network error, timeout or bad JSON: shown as "reconnecting"
  }
}

export async function followPayment(element, statusUrl, opts) {
  const generation = currentGeneration();
  const own = ownOptions(opts, "opts");
  const onView = own?.onView;
  if (onView !== undefined && typeof onView !== "function") {
    throw guard(() => errorOf("invalid_params", "opts.onView", "must be a function of a view"));
  }
  const follower = guard(() => new FollowerCore(statusUrl, own));
  const view = new StatusView(element, own);
  const started = Date.now();
  // A reset of the instance (another call failed inside it) ends this run:
  // its state (backoff, the one redirect) cannot be carried over.
  const live = () => {
    if (currentGeneration() !== generation) throw guard(() => errorOf("internal", "", "the instance was reset during followPayment"));
    return follower;
  };
  try {
    for (;;) {
      const url = guard(() => live().url);
      const polled = await poll(url, guard(() => live().pollTimeoutMs(Date.now() - started)));
      // The answer as the core reads it: own members only (a polluted
      // Object.prototype cannot add a redirect the server never sent).
      const seen = polled === undefined ? undefined : ownData(polled, "view");
      const step = guard(() => live().step(seen, Date.now() - started));
      if (step.text) view.show(step.text);
      else view.setReconnecting(true);
      if (onView && step.text) {
        try {
          onView(seen);
        } catch (e) {
          globalThis.reportError?.(e); // the page's hook failed: its error, not the payment's
        }
      }
      if (step.redirect) go(step.redirect);
      if (step.delay < 0) return polled;
      await new Promise((resolve) => setTimeout(resolve, step.delay));
    }
  } finally {
    if (currentGeneration() === generation) follower.free();
  }
}

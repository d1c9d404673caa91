// followPayment: the I/O loop around the wasm Follower, which decides
// everything else (parsing, rendering, backoff, the 3-D Secure redirect,
// the timeout). Kept in JS because an async executor and an HTTP client in
// wasm would cost more than this package's whole size budget.
import { Follower } from "./smart_glocal.js";

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
  const follower = new Follower(element, statusUrl, opts);
  const started = Date.now();
  try {
    for (;;) {
      const polled = await poll(follower.url, follower.pollTimeoutMs(Date.now() - started));
      const delay = follower.step(polled, Date.now() - started);
      if (delay < 0) return polled;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  } finally {
    follower.free();
  }
}

// The shop's pages (the static assets) leave with a Content-Security-Policy:
// scripts from the shop and the payment form widget's host only (plus
// 'wasm-unsafe-eval' for smart-glocal-browser), the widget's frame from that
// host only, no plugin, no <base>, and no one may frame the shop. Forms may
// still go anywhere: a card's 3-D Secure goes to its bank's ACS by POST.
import { widgetSource } from "./config.js";

const WIDGET_LIVE = "https://widget.smart-glocal.com";

/** The policy of the shop's pages, for the widget host this worker is configured with. */
export function pagePolicy(env) {
  const { base } = widgetSource(env);
  const widget = base ? new URL(base).origin : WIDGET_LIVE;
  return [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval' ${widget}`,
    `style-src 'self' ${widget}`,
    `frame-src ${widget}`,
    "connect-src 'self'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** An asset with the shop's security headers (HTML gets the policy). */
export function withPagePolicy(response, env) {
  const out = new Response(response.body, response);
  out.headers.set("x-content-type-options", "nosniff");
  out.headers.set("referrer-policy", "strict-origin-when-cross-origin");
  if ((out.headers.get("content-type") ?? "").startsWith("text/html")) out.headers.set("content-security-policy", pagePolicy(env));
  return out;
}

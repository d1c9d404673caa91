// smart-glocal-browser/qr: a Faster Payments payment's QR code. An FPS
// payment waiting for the customer carries `view.interaction` `{ type:
// "qr", content }`, a deep link into the customer's bank app: on a desktop
// they scan it with their phone, on a phone they follow it. This module
// draws the code as an SVG (built in its own WebAssembly, sg_qr_bg.wasm,
// from Project Nayuki's QR encoder) with a text alternative, and the link
// as a button. It is an entry of its own so that the base entry stays
// small; it loads its module on first use.
import initQr, { qrSvg } from "./sg_qr.js";
import { SmartGlocalError } from "./error.js";
import { invalid, ownMembers } from "./plain-options.js";

let loading = null;

function load() {
  loading ??= initQr({ module_or_path: new URL("./sg_qr_bg.wasm", import.meta.url) }).catch(() => {
    loading = null;
    throw new SmartGlocalError("wasm_unavailable",
      "the QR module's WebAssembly could not be loaded here (the page's CSP needs 'wasm-unsafe-eval'; is sg_qr_bg.wasm served?)", {});
  });
  return loading;
}

// A string option of at most 200 characters, or `fallback`.
function text(opts, key, fallback) {
  const value = ownMembers(opts, [key])[key];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== "string" || value.length > 200) throw invalid(`opts.${key}`, "must be a string of at most 200 characters");
  return value;
}

/** The SVG text of `link`'s QR code, named `label` (`{ label? }`). */
export async function qrCodeSvg(link, opts) {
  const label = text(opts, "label", "QR code: scan it with your phone to pay in your bank app");
  if (typeof link !== "string") throw invalid("link", "must be a string");
  await load();
  try {
    return qrSvg(link, label);
  } catch (e) {
    const [field, message] = String(e).split("\n");
    throw invalid(field, message ?? "cannot be encoded");
  }
}

/**
 * Shows the QR code of `link` in `element` (replacing what it held), with
 * the link as a button for a customer already on their phone. Options:
 * `{ label?, openLabel? }`. Resolves with `{ svg, button }`.
 */
export async function showQrCode(element, link, opts) {
  if (typeof HTMLElement === "undefined" || !(element instanceof HTMLElement)) throw invalid("element", "must be an element on the page");
  const openLabel = text(opts, "openLabel", "Open in your bank app");
  const markup = await qrCodeSvg(link, opts);
  const svg = document.importNode(new DOMParser().parseFromString(markup, "image/svg+xml").documentElement, true);
  svg.setAttribute("data-testid", "fps-qr");
  svg.setAttribute("width", "240");
  svg.setAttribute("height", "240");
  const button = document.createElement("a");
  button.href = link;
  button.rel = "noopener noreferrer";
  button.textContent = openLabel;
  button.className = "sg-open-bank";
  button.setAttribute("data-testid", "fps-open-bank");
  element.replaceChildren(svg, button);
  return { svg, button };
}

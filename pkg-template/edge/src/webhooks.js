// Receiving webhooks and reading events and sessions: what the package's
// SmartGlocal and its ./webhooks entry (Webhooks) both do, written once. The
// wasm glue is the entry's own: the full build, or the webhooks build that
// has only the exports used here (Cargo feature `webhooks`).
import * as wasm from "./smart_glocal.js";
import { guard, rebuilding } from "./runtime.js";
import { readCapped, requireRequest, toBytes } from "./bodies.js";
import { cryptoKeys, verifyBytes } from "./crypto.js";
import { ownOptions } from "./own.js";

export const decoder = new TextDecoder("utf-8", { fatal: true });
export const cap = (kind, opts, contentLength) => guard(() => wasm.bodyCap(kind, opts, contentLength ?? undefined));

// The text of `bytes` (given, when the caller passed a string) as JSON.
export function parseJson(bytes, text) {
  try {
    return JSON.parse(text ?? decoder.decode(bytes));
  } catch {
    throw guard(() => wasm.malformed(bytes));
  }
}

// Each event this package verified and each session the API answered
// carries, under a symbol only this module has, the bytes it was parsed
// from and their view as JSON text: paymentView of such an object is the
// view of the bytes that came, with or without options (a caller's later
// change to the object is not seen). Not enumerable: JSON.stringify,
// Object.keys, spreads and structuredClone leave it behind. On the object
// rather than in a WeakMap, so it goes with the object, and a copy made by
// hand is read as the caller's own data. Each entry has its own symbol:
// an event of the ./webhooks entry is caller's data to the main one.
const SOURCE = Symbol("smart-glocal source");

export function keepSource(value, bytes, view) {
  if (value === null || typeof value !== "object") return;
  Object.defineProperty(value, SOURCE, { __proto__: null, value: { bytes, view } });
}

// The source an object of this package carries (see SOURCE), if any.
function sourceOf(value) {
  try {
    return value !== null && typeof value === "object" && Object.hasOwn(value, SOURCE) ? value[SOURCE] : undefined;
  } catch {
    return undefined; // a revoked proxy is the caller's own
  }
}

// A caller's object (or JSON text) as the text the core reads.
export function asText(value) {
  if (typeof value === "string") return value;
  let text;
  try {
    text = JSON.stringify(value);
  } catch (e) {
    if (e instanceof RangeError) throw guard(() => wasm.errorOf("invalid_params", "sessionOrEvent", "is nested too deeply"));
  }
  if (typeof text !== "string") throw guard(() => wasm.errorOf("invalid_params", "sessionOrEvent", "must be a JSON-compatible object or JSON text"));
  return text;
}

// The signature's header name, asked of the core once.
let signatureHeader;

// The webhook side of a client: `core` is its ClientCore (rebuilding),
// `keys` its WebCrypto keys (cryptoKeys).
function receiver(core, keys) {
  // Verified, the core reads the bytes once (checks and view); JSON.parse
  // builds the event the caller gets, and the view is kept beside it.
  async function verified(bytes, signature, text) {
    const sig = guard(() => core().decodeSignature(signature));
    if (!(await verifyBytes(await keys(), sig, bytes))) throw guard(() => wasm.badSignature());
    const view = guard(() => wasm.eventView(bytes));
    const event = parseJson(bytes, text);
    keepSource(event, bytes, view);
    return event;
  }
  return {
    async verify(rawBody, signature) {
      const bytes = toBytes(rawBody, "rawBody", cap("sign"));
      // A well-formed string is the text of its bytes: no need to decode them again.
      const text = typeof rawBody === "string" && rawBody.isWellFormed?.() ? rawBody : undefined;
      return verified(bytes, signature, text);
    },
    async handle(request, opts) {
      requireRequest(request);
      const limit = cap("webhook", ownOptions(opts, "opts"), request.headers.get("content-length"));
      signatureHeader ??= guard(() => wasm.signatureHeader());
      const signature = request.headers.get(signatureHeader);
      // A missing or malformed signature is refused before the body is read.
      guard(() => core().decodeSignature(signature));
      return verified(await readCapped(request, limit), signature);
    },
  };
}

// A client from the caller's config, for SmartGlocal and Webhooks alike:
// the plain copy, the checked ClientCore (rebuilt after a reset), its keys
// and its webhook side.
export function clientOf(config) {
  const plain = ownOptions(config, "config");
  const core = rebuilding(() => new wasm.ClientCore(plain));
  core();
  const keys = cryptoKeys(core);
  return { plain, core, keys, webhooks: receiver(core, keys) };
}

// The ./webhooks entry's client: SmartGlocal's config (the same object may
// serve both) and its two webhook methods, nothing that calls the API.
export class Webhooks {
  #receive;

  constructor(config) {
    this.#receive = clientOf(config).webhooks;
  }

  verifyWebhook(rawBody, signature) {
    return this.#receive.verify(rawBody, signature);
  }

  handleWebhook(request, opts) {
    return this.#receive.handle(request, opts);
  }
}

export function paymentView(sessionOrEvent, opts) {
  const own = ownOptions(opts, "opts");
  const source = sourceOf(sessionOrEvent);
  if (source && own == null) return JSON.parse(source.view);
  // Options: the same bytes, read again with them (never the object).
  const text = source ? decoder.decode(source.bytes) : asText(sessionOrEvent);
  const object = !source && typeof sessionOrEvent !== "string";
  return JSON.parse(guard(() => wasm.viewOfText(text, own, object)));
}

// The core's key of a webhook delivery (a repeat has the same key).
export function dedupKey(event) {
  const source = sourceOf(event);
  const text = source ? decoder.decode(source.bytes) : asText(event);
  return guard(() => wasm.dedupKeyOf(text, !source && typeof event !== "string"));
}

export function operation(sessionOrEvent) {
  const text = asText(sessionOrEvent);
  const path = guard(() => wasm.operationPath(text, typeof sessionOrEvent !== "string"));
  if (path === null) return null;
  // The same place in the caller's own object (or in the text, parsed).
  try {
    let at = typeof sessionOrEvent === "string" ? JSON.parse(sessionOrEvent) : sessionOrEvent;
    for (const step of path) at = at?.[step];
    return at ?? null;
  } catch {
    throw guard(() => wasm.errorOf("invalid_params", "sessionOrEvent", "could not be read"));
  }
}

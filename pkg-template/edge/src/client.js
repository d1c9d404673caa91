// smart-glocal-edge: the I/O around the wasm core. Every decision (what to
// send, whether and when to retry, what an answer or a webhook means, how
// large a body may be) is the core's; this file fetches, signs and verifies
// with WebCrypto, waits, reads bodies, and calls the caller's hooks.
import * as wasm from "./smart_glocal.js";
import { guard, rebuilding } from "./runtime.js";
import { SmartGlocalError } from "./error.js";
import { readCapped, requireRequest, toBytes } from "./bodies.js";
import { importKeys, signBytes, verifyBytes } from "./crypto.js";
import { ownOptions } from "./own.js";

const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: true });
const cap = (kind, opts, contentLength) => guard(() => wasm.bodyCap(kind, opts, contentLength ?? undefined));

// The caller's parameters as JSON text (what is signed is what they wrote).
function paramsText(params, absent) {
  if (params === undefined) return absent;
  let text;
  try {
    text = JSON.stringify(params);
  } catch {
    throw guard(() => wasm.errorOf("invalid_params", "params", "must be a JSON-compatible object (no BigInt, cycles or throwing getters)"));
  }
  if (typeof text !== "string") throw guard(() => wasm.errorOf("invalid_params", "params", "must be a JSON-compatible object"));
  const max = wasm.maxParamsBytes();
  if (text.length > max) throw guard(() => wasm.tooLarge(max));
  return text;
}

// The text of `bytes` (given, when the caller passed a string) as JSON.
function parseJson(bytes, text) {
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
// hand is read as the caller's own data.
const SOURCE = Symbol("smart-glocal source");
const empty = new Uint8Array(0);

function keepSource(value, bytes, view) {
  if (value === null || typeof value !== "object") return;
  Object.defineProperty(value, SOURCE, { __proto__: null, value: { bytes, view } });
}

// What a call resolves with: the member the core named, from JSON.parse of
// the answer the core accepted; the session keeps its source.
function answerValue(bytes, step) {
  const parsed = parseJson(bytes);
  const value = step.member ? parsed[step.member] : parsed;
  if (step.view) keepSource(value, bytes, step.view);
  return value;
}

// A caller's object (or JSON text) as the text the core reads.
function asText(value) {
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

// A hook never breaks the call: what it throws or rejects with is dropped.
function callHook(hook, info) {
  if (typeof hook !== "function") return;
  try {
    const r = hook(info);
    if (r && typeof r.then === "function") r.then(undefined, () => {});
  } catch {}
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export class SmartGlocal {
  #core;
  #keys = null;
  #hooks;

  constructor(config) {
    const plain = ownOptions(config, "config");
    this.#core = rebuilding(() => new wasm.ClientCore(plain));
    this.#core();
    this.#hooks = { onRequest: plain.onRequest, onResponse: plain.onResponse };
  }

  createSession(params, opts) {
    return this.#call("session/create", () => paramsText(params, "{}"), opts);
  }
  initPayment(params, opts) {
    return this.#call("session/init/payment", () => paramsText(params, "null"), opts);
  }
  startPayment(params, opts) {
    return this.#call("session/start/payment", () => paramsText(params, "null"), opts);
  }
  initPayout(params, opts) {
    return this.#call("session/init/payout", () => paramsText(params, "null"), opts);
  }
  startPayout(params, opts) {
    return this.#call("session/start/payout", () => paramsText(params, "null"), opts);
  }
  confirm(sessionId, opts) {
    return this.#call("session/confirm", () => guard(() => wasm.sessionBody(sessionId)), opts);
  }
  cancel(sessionId, opts) {
    return this.#call("session/cancel", () => guard(() => wasm.sessionBody(sessionId)), opts);
  }
  status(sessionId, opts) {
    return this.#call("session/status", () => guard(() => wasm.sessionBody(sessionId)), opts);
  }
  capture(sessionId, amountDetails, opts) {
    return this.#call("session/capture", () => this.#amountBody(sessionId, amountDetails), opts);
  }
  // `opts.metadata` is the refund's `metadata`; the rest are call options.
  refund(sessionId, amountDetails, opts) {
    const { metadata, ...call } = ownOptions(opts, "opts") ?? {};
    return this.#call("session/refund", () => this.#amountBody(sessionId, amountDetails, metadata), call);
  }
  recurrentStatus(token, opts) {
    return this.#call("recurrent/status", () => guard(() => wasm.recurrentBody(token)), opts);
  }
  recurrentDisable(token, opts) {
    return this.#call("recurrent/disable", () => guard(() => wasm.recurrentBody(token)), opts);
  }
  createPublicToken(params, opts) {
    return this.#call("token", () => paramsText(params, "null"), opts);
  }
  tokenInfo(params, opts) {
    return this.#call("token/info", () => paramsText(params, "null"), opts);
  }
  walletBalance(params, opts) {
    return this.#call("wallet/balance", () => paramsText(params, "null"), opts);
  }
  verifyFpsCustomer(params, opts) {
    return this.#call("fps/customer_verification", () => paramsText(params, "null"), opts);
  }

  async prepare(endpoint, params, opts) {
    const plan = this.#plan(endpoint, paramsText(params, "{}"), opts);
    const signature = await this.#sign(plan.bytes);
    const headers = Object.fromEntries(this.#signedHeaders(plan, signature));
    return { url: plan.url, method: plan.method, headers, body: plan.text ?? decoder.decode(plan.bytes) };
  }

  async sign(body) {
    return this.#sign(toBytes(body, "body", cap("sign")));
  }

  async verifyWebhook(rawBody, signature) {
    const bytes = toBytes(rawBody, "rawBody", cap("sign"));
    // A well-formed string is the text of its bytes: no need to decode them again.
    const text = typeof rawBody === "string" && rawBody.isWellFormed?.() ? rawBody : undefined;
    return this.#verified(bytes, signature, text);
  }

  async handleWebhook(request, opts) {
    requireRequest(request);
    const limit = cap("webhook", ownOptions(opts, "opts"), request.headers.get("content-length"));
    signatureHeader ??= guard(() => wasm.signatureHeader());
    const signature = request.headers.get(signatureHeader);
    // A missing or malformed signature is refused before the body is read.
    guard(() => this.#core().decodeSignature(signature));
    return this.#verified(await readCapped(request, limit), signature);
  }

  #amountBody(sessionId, amountDetails, metadata) {
    const amount = amountDetails === undefined || amountDetails === null ? undefined : paramsText(amountDetails, undefined);
    const meta = metadata === undefined ? undefined : paramsText(metadata, undefined);
    return guard(() => wasm.sessionBody(sessionId, amount, meta));
  }

  #cryptoKeys() {
    this.#keys ??= importKeys(this.#core()).catch((e) => {
      this.#keys = null;
      throw e;
    });
    return this.#keys;
  }

  async #sign(bytes) {
    const keys = await this.#cryptoKeys();
    const signature = await signBytes(keys, bytes);
    return guard(() => this.#core().encodeSignature(signature));
  }

  // Verified, the core reads the bytes once (checks and view); JSON.parse
  // builds the event the caller gets, and the view is kept beside it.
  async #verified(bytes, signature, text) {
    const sig = guard(() => this.#core().decodeSignature(signature));
    const keys = await this.#cryptoKeys();
    if (!(await verifyBytes(keys, sig, bytes))) throw guard(() => wasm.badSignature());
    const view = guard(() => wasm.eventView(bytes));
    const event = parseJson(bytes, text);
    keepSource(event, bytes, view);
    return event;
  }

  // The core's plan of a call: what to send, as `text` (when it is the
  // caller's own) and `bytes` (what is signed).
  #plan(endpoint, text, opts) {
    const input = encoder.encode(text);
    const [meta, changed] = guard(() => this.#core().plan(endpoint, input, ownOptions(opts, "opts")));
    const plan = JSON.parse(meta);
    plan.bytes = changed ?? input;
    plan.text = changed ? undefined : text;
    return plan;
  }

  #signedHeaders(plan, signature) {
    const headers = plan.headers.slice();
    headers.splice(plan.signatureAt, 0, [plan.signatureHeader, signature]);
    return headers;
  }

  async #call(endpoint, body, opts) {
    const plan = this.#plan(endpoint, body(), opts);
    const bytes = plan.bytes;
    const headers = this.#signedHeaders(plan, await this.#sign(bytes));
    for (let attempt = 0; ; attempt++) {
      callHook(this.#hooks.onRequest, {
        endpoint, method: plan.method, url: plan.url, attempt,
        idempotency_key: plan.idempotencyKey, body: plan.logBody,
      });
      const started = Date.now();
      const seen = await send(plan, headers, bytes, this.#core().timeoutMs);
      let step;
      let error;
      try {
        step = guard(() => this.#core().afterAttempt(
          endpoint, attempt, seen.failure, seen.message, seen.status, seen.retryAfter,
          seen.bytes ?? empty, Date.now(), Math.random(),
        ));
      } catch (e) {
        error = e;
      }
      const info = { endpoint, status: seen.status || null, attempt, elapsed_ms: Date.now() - started };
      const apiCode = step?.apiCode ?? (error?.code === "api_error" ? error.api_code : null);
      if (apiCode) info.api_code = apiCode;
      if (seen.failure) info.error = seen.failure;
      callHook(this.#hooks.onResponse, info);
      if (error) throw error;
      if (step.retry === undefined) return answerValue(seen.bytes, step);
      await sleep(step.retry);
    }
  }
}

// One attempt: what came back, for the core to judge.
async function send(plan, headers, bytes, timeoutMs) {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const res = await fetch(plan.url, { method: plan.method, headers, body: bytes, signal, redirect: "manual" });
    const seen = { status: res.status, retryAfter: res.headers.get("retry-after") ?? undefined };
    seen.bytes = await readCapped(res, cap("response"));
    return seen;
  } catch (e) {
    if (signal.aborted) return { failure: "timeout" };
    if (e instanceof SmartGlocalError && e.code === "payload_too_large") return { failure: "too_large" };
    return { failure: "network", message: e instanceof Error ? e.message : "the request failed" };
  }
}

// The source an object of this package carries (see SOURCE), if any.
function sourceOf(value) {
  try {
    return value !== null && typeof value === "object" && Object.hasOwn(value, SOURCE) ? value[SOURCE] : undefined;
  } catch {
    return undefined; // a revoked proxy is the caller's own
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

// The view of an operation before its session is known (the core's shape
// and states, with the caller's id as session_id).
export function viewBeforeStart(operation) {
  const own = ownOptions(operation, "operation");
  return JSON.parse(guard(() => wasm.viewBeforeStart(own)));
}

// The core's key of a webhook delivery (a repeat has the same key).
export function dedupKey(event) {
  const source = sourceOf(event);
  const text = source ? decoder.decode(source.bytes) : asText(event);
  return guard(() => wasm.dedupKeyOf(text, !source && typeof event !== "string"));
}

export function paymentPageUrl(publicToken, opts) {
  return guard(() => wasm.paymentPageUrl(publicToken, ownOptions(opts, "opts")));
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

export async function returnToGet(request, targetUrl, opts) {
  requireRequest(request);
  const plain = ownOptions(opts, "opts");
  const where = guard(() => wasm.returnFieldsIn(request.method, request.headers.get("content-type") ?? undefined));
  let source = request.url;
  if (where === "body") {
    const limit = cap("return", plain, request.headers.get("content-length"));
    source = new TextDecoder().decode(await readCapped(request, limit));
  } else {
    cap("return", plain);
  }
  const location = guard(() => wasm.returnLocation(targetUrl, source, where));
  try {
    return new Response(null, { status: 303, headers: { Location: location, "Cache-Control": "no-store" } });
  } catch {
    throw guard(() => wasm.errorOf("invalid_params", "targetUrl", "cannot be used as a Location header"));
  }
}

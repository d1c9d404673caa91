// smart-glocal-edge: the I/O around the wasm core. Every decision (what to
// send, whether and when to retry, what an answer or a webhook means, how
// large a body may be) is the core's; this file fetches, signs (crypto.js:
// WebCrypto, or node:crypto's HMAC in Node), waits, reads bodies, and calls
// the caller's hooks. Receiving webhooks and reading events is webhooks.js
// (the ./webhooks entry's too).
import * as wasm from "./smart_glocal.js";
import { guard } from "./runtime.js";
import { SmartGlocalError } from "./error.js";
import { readCapped, requireRequest, toBytes } from "./bodies.js";
import { signBytes } from "./crypto.js";
import { ownOptions } from "./own.js";
import { cap, clientOf, decoder, keepSource, parseJson } from "./webhooks.js";

export { paymentView, dedupKey, operation } from "./webhooks.js";

const encoder = new TextEncoder();

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

const empty = new Uint8Array(0);

// What a call resolves with: the member the core named, from JSON.parse of
// the answer the core accepted; the session keeps its source.
function answerValue(bytes, step) {
  const parsed = parseJson(bytes);
  const value = step.member ? parsed[step.member] : parsed;
  if (step.view) keepSource(value, bytes, step.view);
  return value;
}

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
  #keys;
  #webhooks;
  #hooks;

  constructor(config) {
    const client = clientOf(config);
    this.#core = client.core;
    this.#keys = client.keys;
    this.#webhooks = client.webhooks;
    this.#hooks = { onRequest: client.plain.onRequest, onResponse: client.plain.onResponse };
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

  verifyWebhook(rawBody, signature) {
    return this.#webhooks.verify(rawBody, signature);
  }

  handleWebhook(request, opts) {
    return this.#webhooks.handle(request, opts);
  }

  #amountBody(sessionId, amountDetails, metadata) {
    const amount = amountDetails === undefined || amountDetails === null ? undefined : paramsText(amountDetails, undefined);
    const meta = metadata === undefined ? undefined : paramsText(metadata, undefined);
    return guard(() => wasm.sessionBody(sessionId, amount, meta));
  }

  async #sign(bytes) {
    const signature = await signBytes(await this.#keys(), bytes);
    return guard(() => this.#core().encodeSignature(signature));
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

// The view of an operation before its session is known (the core's shape
// and states, with the caller's id as session_id).
export function viewBeforeStart(operation) {
  const own = ownOptions(operation, "operation");
  return JSON.parse(guard(() => wasm.viewBeforeStart(own)));
}

export function paymentPageUrl(publicToken, opts) {
  return guard(() => wasm.paymentPageUrl(publicToken, ownOptions(opts, "opts")));
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

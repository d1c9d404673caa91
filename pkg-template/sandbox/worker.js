// smart-glocal-sandbox inside workerd (Cloudflare Workers, Miniflare,
// @cloudflare/vitest-plugin): the default export is a fetch handler, so a
// Workers test reaches the sandbox through a service binding, and the
// sandbox's webhooks come back through one (`WEBHOOKS`) or by fetch.
// Options come from the environment: SANDBOX_PROJECT, SANDBOX_SIGNING_KEY,
// SANDBOX_WEBHOOK_URL, SANDBOX_CLOCK, SANDBOX_FAULTS, SANDBOX_SEED,
// SANDBOX_CAPTURE, SANDBOX_AUTO_CONFIRM, SANDBOX_WEBHOOK_API_VERSION.
// Webhooks are sent after each request (ctx.waitUntil); one that fails is
// sent again on a later request once its time has come (a manual clock's
// advance is such a request).
import wasmModule from "./sg_sandbox_bg.wasm";
import { initSync, Sandbox } from "./sg_sandbox.js";

initSync({ module: wasmModule });

const FROM_ENV = [
  ["SANDBOX_PROJECT", "project", String],
  ["SANDBOX_SIGNING_KEY", "signingKey", String],
  ["SANDBOX_WEBHOOK_URL", "webhookUrl", String],
  ["SANDBOX_CLOCK", "clock", String],
  ["SANDBOX_FAULTS", "faults", String],
  ["SANDBOX_SEED", "seed", Number],
  ["SANDBOX_CAPTURE", "capture", String],
  ["SANDBOX_AUTO_CONFIRM", "autoConfirm", (v) => v === true || v === "true"],
  ["SANDBOX_WEBHOOK_API_VERSION", "webhookApiVersion", Number],
];
// Rounds of webhook sending after one request (a duplicate is a second round).
const ROUNDS = 8;

let sandbox = null;

function sandboxOf(env, origin) {
  if (sandbox) return sandbox;
  const options = { project: "demo", signingKey: "demo-secret", publicUrl: origin };
  for (const [name, key, as] of FROM_ENV) {
    if (env?.[name] !== undefined) options[key] = as(env[name]);
  }
  sandbox = new Sandbox(JSON.stringify(options));
  return sandbox;
}

async function deliver(sb, env) {
  const send = env?.WEBHOOKS ? (url, init) => env.WEBHOOKS.fetch(url, init) : fetch;
  for (let round = 0; round < ROUNDS; round++) {
    const { attempts } = sb.dueWebhooks();
    if (attempts.length === 0) return;
    await Promise.all(attempts.map(async (a) => {
      let status;
      try {
        const res = await send(a.url, {
          method: "POST",
          headers: { "content-type": "application/json", "x-partner-sign": a.signature },
          body: a.body,
        });
        status = res.status;
        await res.arrayBuffer().catch(() => {});
      } catch {
        status = undefined; // no answer
      }
      sb.webhookDone(a.id, status);
    }));
  }
}

const MAX_BODY = Sandbox.maxBody();

// The body, or null past the core's cap (refused by its declared length, or
// while it streams: never more than the cap and one chunk is held).
async function readCapped(request) {
  if (Number(request.headers.get("content-length")) > MAX_BODY) return null;
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > MAX_BODY) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

// A body that fails at once: the connection ends without an answer.
const dropped = () => new Response(new ReadableStream({ start: (c) => c.error(new Error("fault api.drop")) }));

export default {
  async fetch(request, env, ctx) {
    const url = new URL(request.url);
    const sb = sandboxOf(env, url.origin);
    const body = await readCapped(request);
    const answer = body === null ? Sandbox.tooLarge()
      : sb.handle(request.method, url.pathname, url.search ? url.search.slice(1) : undefined,
        JSON.stringify([...request.headers]), body);
    ctx?.waitUntil?.(deliver(sb, env));
    if (answer.ending === "dropped") return dropped();
    if (answer.ending === "after") await new Promise((r) => setTimeout(r, answer.waitMs));
    return new Response(answer.status === 303 || answer.body.length === 0 ? null : answer.body, {
      status: answer.status,
      headers: answer.headers,
    });
  },
};

// smart-glocal-sandbox inside workerd (Cloudflare Workers, Miniflare,
// @cloudflare/vitest-plugin): the default export is a fetch handler, so a
// Workers test reaches the sandbox through a service binding, and the
// sandbox's webhooks come back through one (`WEBHOOKS`) or by fetch.
// Options come from `SANDBOX_*` bindings (env.js names them all).
// After each request the worker sends what is due, and goes on sending
// (retries on their time, at least a look a second) for up to 25 s, inside
// that request's ctx.waitUntil; a later request takes over from it. What
// is due after that goes with the next request (a manual clock's advance
// is one).
import wasmModule from "./sg_sandbox_bg.wasm";
import { initSync, Sandbox } from "./sg_sandbox.js";
import { optionsFromEnv } from "./env.js";
import { sendAttempt } from "./attempt.js";

initSync({ module: wasmModule });

// workerd cancels waitUntil work 30 s after the answer; stop before that.
const LINGER_MS = 25_000;
const LOOK_MS = 1_000;

let sandbox = null;
// The loop that sends is the latest request's; an earlier one stops.
let generation = 0;

function sandboxOf(env, origin) {
  if (sandbox) return sandbox;
  const options = { project: "demo", signingKey: "demo-secret", publicUrl: origin, ...optionsFromEnv(env) };
  sandbox = new Sandbox(JSON.stringify(options));
  return sandbox;
}

async function sendOne(sb, send, a) {
  const status = await sendAttempt(send, a);
  try {
    sb.webhookDone(a.id, status);
  } catch {
    // A failure inside the core (a bug): this attempt's answer is lost, not the loop.
  }
}

async function deliver(sb, env, mine) {
  const send = env?.WEBHOOKS ? (url, init) => env.WEBHOOKS.fetch(url, init) : fetch;
  const until = Date.now() + LINGER_MS;
  const inFlight = new Set();
  let wake = () => {};
  try {
    while (mine === generation && Date.now() < until) {
      const { attempts, next } = sb.dueWebhooks();
      for (const a of attempts) {
        const sent = sendOne(sb, send, a).finally(() => {
          inFlight.delete(sent);
          wake(); // an answer may make a retry due
        });
        inFlight.add(sent);
      }
      const wait = next === null ? LOOK_MS : Math.min(Math.max(next - sb.now(), 0), LOOK_MS);
      await new Promise((resolve) => {
        const timer = setTimeout(resolve, wait);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  } finally {
    await Promise.allSettled([...inFlight]);
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

// An answer cut short: its declared length is never reached, so the
// connection ends without a whole answer (workerd ends a failed stream of
// unknown length as if complete, and turns one that fails before its first
// byte into a 500 of its own).
function dropped() {
  const { readable, writable } = new FixedLengthStream(64);
  const writer = writable.getWriter();
  writer.write(new Uint8Array([0x7b])).then(() => writer.abort(new Error("fault api.drop"))).catch(() => {});
  return new Response(readable);
}

export default {
  async fetch(request, env, ctx) {
    const url = new URL(request.url);
    let sb;
    try {
      sb = sandboxOf(env, url.origin);
    } catch (e) {
      // Its bindings are wrong: every request says which, until they are fixed.
      return Response.json({ status: "error", error: { code: "sandbox_options", description: e.message } }, { status: 500 });
    }
    const body = await readCapped(request);
    const answer = body === null ? Sandbox.tooLarge()
      : sb.handle(request.method, url.pathname, url.search ? url.search.slice(1) : undefined,
        JSON.stringify([...request.headers]), body);
    const mine = ++generation;
    ctx?.waitUntil?.(deliver(sb, env, mine).catch(() => {}));
    if (answer.ending === "dropped") return dropped();
    if (answer.ending === "after") await new Promise((r) => setTimeout(r, answer.waitMs));
    return new Response(answer.status === 303 || answer.body.length === 0 ? null : answer.body, {
      status: answer.status,
      headers: answer.headers,
    });
  },
};

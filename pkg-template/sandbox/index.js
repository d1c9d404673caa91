// smart-glocal-sandbox for Node: the sandbox's core (WebAssembly, the
// same code as the native sg-sandbox) behind Node's http server on a
// loopback port. This file is the shell: it listens, hands each request
// to the core, sends the webhook attempts the core gives, and tells it
// what became of them.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { initSync, Sandbox, testCards, testPhones } from "./sg_sandbox.js";
import { sendAttempt } from "./attempt.js";

initSync({ module: readFileSync(new URL("./sg_sandbox_bg.wasm", import.meta.url)) });

/** The test cards: `[{ number, behaviour, what }]`. */
export const cards = Object.freeze(JSON.parse(testCards()).map((c) => Object.freeze(c)));

/** The test phones of payouts by phone: `[{ phone, bank_id, what }]` (`bank_id` null: registered nowhere). */
export const phones = Object.freeze(JSON.parse(testPhones()).map((p) => Object.freeze(p)));

// The core's cap: the shell reads no more than that and answers as the core says.
const MAX_BODY = Sandbox.maxBody();
const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost"]);
const JSON_HEADERS = JSON.stringify([["content-type", "application/json"]]);

// Own members of a plain object, each read once; nothing inherited. Which
// options exist, and their types, the core judges (sandbox/wasm/src/options.rs).
function own(options) {
  if (options == null) return {};
  const proto = typeof options === "object" ? Object.getPrototypeOf(options) : undefined;
  if (proto !== Object.prototype && proto !== null) throw new TypeError("startSandbox: options must be a plain object");
  const out = {};
  // Defined, not assigned: an own `__proto__` stays a member (the core refuses it).
  for (const key of Object.keys(options)) {
    Object.defineProperty(out, key, { value: options[key], enumerable: true, writable: true, configurable: true });
  }
  return out;
}

// The body, or null past the cap (what was sent is not read further).
function readBody(req) {
  return new Promise((resolve, reject) => {
    if (Number(req.headers["content-length"]) > MAX_BODY) return resolve(null);
    const chunks = [];
    let size = 0;
    req.on("data", (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        req.pause();
        resolve(null);
      } else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/**
 * Starts a sandbox on a free loopback port (or `port`). Resolves with
 * `{ url, cards, advance(minutes), stats(), close() }`.
 */
export async function startSandbox(options) {
  const { host = "127.0.0.1", port = 0, project = "demo", signingKey = "demo-secret", log, ...rest } = own(options);
  if (!LOOPBACK.has(host)) throw new TypeError("startSandbox: host must be a loopback address");
  if (log !== undefined && typeof log !== "function") throw new TypeError("startSandbox: log must be a function of a line");
  const server = createServer();
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, resolve);
  });
  const address = server.address();
  const url = `http://${address.family === "IPv6" ? `[${address.address}]` : address.address}:${address.port}`;
  let sandbox;
  try {
    sandbox = new Sandbox(JSON.stringify({ ...rest, project, signingKey, publicUrl: url, log: log !== undefined }));
  } catch (e) {
    server.close();
    throw new TypeError(`startSandbox: ${e.message}`);
  }
  let closed = false;
  let timer;
  // The core's log lines since the last look, to `log`.
  const flush = () => {
    if (!log || closed) return;
    let lines = [];
    try {
      lines = sandbox.takeLog();
    } catch {}
    for (const line of lines) {
      try {
        log(line);
      } catch {}
    }
  };
  const stop = new AbortController();
  const inFlight = new Set();

  // Sends what is due, then looks again when the next attempt is due (and
  // at least every second: the engine's own timeouts fire then too).
  const pump = () => {
    if (closed) return;
    let due;
    try {
      due = sandbox.dueWebhooks();
    } catch {
      return; // the core failed inside: no more webhooks from it
    }
    flush();
    const { attempts, next } = due;
    for (const a of attempts) {
      const sent = deliver(a).finally(() => inFlight.delete(sent));
      inFlight.add(sent);
    }
    clearTimeout(timer);
    const wait = next === null ? 1000 : Math.min(Math.max(next - sandbox.now(), 0), 1000);
    timer = setTimeout(pump, wait);
    timer.unref?.();
  };
  const deliver = async (a) => {
    const status = await sendAttempt(fetch, a, stop.signal);
    if (closed) return;
    try {
      sandbox.webhookDone(a.id, status);
      flush();
    } catch {
      return; // the core failed inside: no more webhooks from it
    }
    pump();
  };

  const call = (method, path, body) => {
    const res = sandbox.handle(method, path, undefined, JSON_HEADERS, body ? new TextEncoder().encode(JSON.stringify(body)) : new Uint8Array());
    pump();
    const json = JSON.parse(new TextDecoder().decode(res.body));
    if (res.status !== 200) throw new Error(`sandbox: ${json.error?.description ?? res.status}`);
    return json;
  };

  server.on("request", async (req, res) => {
    let body;
    try {
      body = await readBody(req);
    } catch {
      return;
    }
    const target = new URL(req.url, url);
    const headers = [];
    for (let i = 0; i < req.rawHeaders.length; i += 2) headers.push([req.rawHeaders[i], req.rawHeaders[i + 1]]);
    let answer;
    try {
      answer = body === null ? Sandbox.tooLarge()
        : sandbox.handle(req.method, target.pathname, target.search ? target.search.slice(1) : undefined,
          JSON.stringify(headers), body);
    } catch {
      // A failure inside the core (a bug): this request fails, not the process.
      res.writeHead(500, { "content-type": "application/json" });
      return void res.end('{"status":"error","error":{"code":"internal","description":"the sandbox failed inside; restart it"}}');
    }
    pump();
    if (answer.ending === "dropped") return void req.socket.destroy();
    const send = () => {
      for (const [name, value] of answer.headers) res.setHeader(name, value);
      // An unread rest of a body too large: the connection ends after this answer.
      if (body === null) res.setHeader("connection", "close");
      res.writeHead(answer.status);
      res.end(answer.body);
    };
    if (answer.ending === "after") setTimeout(send, answer.waitMs);
    else send();
  });
  pump();

  flush();
  return {
    url,
    cards,
    /** Moves the sandbox's clock on (a manual clock moves only so). */
    advance(minutes) {
      return call("POST", "/sandbox/clock", { advance_minutes: minutes });
    },
    /** `{ faults, applied, webhooks: { attempts, delivered, given_up } }`. */
    stats() {
      return call("GET", "/sandbox/stats");
    },
    /** Stops listening and sending; resolves when the server is closed. */
    async close() {
      if (closed) return;
      closed = true;
      clearTimeout(timer);
      stop.abort();
      await Promise.allSettled([...inFlight]);
      const done = new Promise((resolve) => server.close(resolve));
      server.closeAllConnections();
      await done;
      sandbox.free();
    },
  };
}

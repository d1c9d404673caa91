// smart-glocal-sandbox installed from its tarball, started in-process by
// a node:test suite, and driven by smart-glocal-edge the way a merchant's
// tests would: a payment and its signed webhooks, redelivery on the
// sandbox's clock, injected faults, the CLI.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { spawn } from "node:child_process";
import { startSandbox, cards, phones } from "smart-glocal-sandbox";
import { SmartGlocal } from "smart-glocal-edge";

const CARD = { type: "card", card: { type: "bank_card", bank_card: {
  number: "4242424242424242", expiration_month: "12", expiration_year: "29", security_code: "123" } } };
const PAYMENT = {
  payment_details: CARD,
  amount_details: { amount: 15000, currency: "usd" },
  customer: { reference: "c1", contacts: [{ email: "c1@example.com" }] },
  payment_options: { return_url: "https://shop.test/back" },
};

// A webhook receiver on loopback: verifies each delivery with the SDK and
// answers `statuses.shift()` (200 when none is left).
async function receiver(sg, statuses = []) {
  const events = [];
  const waiting = [];
  const server = createServer(async (req, res) => {
    const request = new Request(`http://127.0.0.1${req.url}`, {
      method: "POST", headers: req.headers, body: await new Response(req).arrayBuffer() });
    const status = statuses.shift() ?? 200;
    try {
      events.push({ event: await sg.handleWebhook(request), status });
    } catch (e) {
      events.push({ error: e.code, status });
    }
    res.writeHead(status).end();
    for (const w of waiting.splice(0)) w();
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const until = async (count, ms = 10_000) => {
    const end = Date.now() + ms;
    while (events.length < count) {
      if (Date.now() > end) throw new Error(`${events.length} of ${count} webhooks came`);
      await new Promise((r) => { waiting.push(r); setTimeout(r, 50); });
    }
    return events;
  };
  return { url: `http://127.0.0.1:${server.address().port}/webhooks`, events, until, close: () => server.close() };
}

const client = (sb) => new SmartGlocal({ project: "demo", signingKey: "demo-secret", baseUrl: sb.url });

test("a payment and its signed webhooks, against the sandbox from npm", async () => {
  const sg = new SmartGlocal({ project: "demo", signingKey: "demo-secret", baseUrl: "http://127.0.0.1:1" });
  const hooks = await receiver(sg);
  const lines = [];
  const sb = await startSandbox({ webhookUrl: hooks.url, log: (line) => lines.push(line) });
  try {
    assert.match(sb.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.ok(sb.cards.some((c) => c.number === "4242424242424242"));
    const api = client(sb);
    const session = await api.initPayment(PAYMENT);
    const [first] = await hooks.until(1);
    assert.equal(first.event?.type, "ready_to_confirm", JSON.stringify(first));
    assert.equal(first.event.session.id, session.id);
    await api.confirm(session.id);
    const [, finished] = await hooks.until(2);
    assert.equal(finished.event.type, "payment_finished");
    assert.equal((await api.status(session.id)).status, "accepted");
    assert.equal(sb.stats().webhooks.delivered, 2);
    assert.equal(lines.filter((l) => l.includes("POST /api/v1/session/init/payment -> 200")).length, 1, lines.join("\n"));
    assert.ok(lines.some((l) => l.includes(`webhook ${session.id} payment_finished attempt=1 status=200`)), lines.join("\n"));
    assert.ok(!lines.some((l) => /4242424242424242|security_code/.test(l)), "no card data in the log");
  } finally {
    await sb.close();
    hooks.close();
  }
});

test("a refused webhook comes again on the sandbox's manual clock, and a dup fault sends it twice", async () => {
  const sg = new SmartGlocal({ project: "demo", signingKey: "demo-secret", baseUrl: "http://127.0.0.1:1" });
  const hooks = await receiver(sg, [500]);
  const sb = await startSandbox({ webhookUrl: hooks.url, clock: "manual", retryBaseMs: 60_000 });
  try {
    await client(sb).initPayment(PAYMENT);
    await hooks.until(1);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(hooks.events.length, 1, "not again before the clock moves");
    sb.advance(1);
    const events = await hooks.until(2);
    assert.deepEqual(events.map((e) => e.status), [500, 200]);
    assert.equal(events[1].event.session.id, events[0].event.session.id);
  } finally {
    await sb.close();
    hooks.close();
  }
  const dups = await receiver(sg);
  const faulty = await startSandbox({ webhookUrl: dups.url, faults: "hook.dup=1", seed: 7 });
  try {
    await client(faulty).initPayment(PAYMENT);
    const events = await dups.until(2);
    assert.equal(events[0].event.session.id, events[1].event.session.id);
    assert.equal(faulty.stats().faults["hook.dup"], 1);
  } finally {
    await faulty.close();
    dups.close();
  }
});

test("bad options are refused by name, and a stranger's call by signature", async () => {
  await assert.rejects(startSandbox({ clok: "manual" }), /unknown option "clok"/);
  await assert.rejects(startSandbox({ clock: "fast" }), /clock/);
  await assert.rejects(startSandbox({ signingKey: 918273645 }), (e) => /signingKey/.test(e.message) && !/918273645/.test(e.message));
  await assert.rejects(startSandbox({ host: "0.0.0.0" }), /loopback/);
  await assert.rejects(startSandbox(JSON.parse('{"__proto__":{"clock":"manual"}}')), /unknown option "__proto__"/);
  await assert.rejects(startSandbox(Object.create({ clock: "manual" })), /plain object/);
  const sb = await startSandbox();
  try {
    const stranger = new SmartGlocal({ project: "demo", signingKey: "not-the-key", baseUrl: sb.url, maxRetries: 0 });
    await assert.rejects(stranger.createSession({}), (e) => e.code === "api_error" && e.status === 401);
    const big = await fetch(`${sb.url}/api/v1/session/create`, { method: "POST", body: new Uint8Array((8 << 20) + 1) }).catch(() => null);
    assert.ok(big === null || big.status === 413, `a body over 8 MiB: ${big?.status}`);
    assert.equal((await fetch(`${sb.url}/health`)).status, 200, "the sandbox still answers after it");
  } finally {
    await sb.close();
  }
});

test("npx smart-glocal-sandbox: the test cards, and a sandbox on a port", async () => {
  const run = (args) => spawn(process.execPath, ["node_modules/smart-glocal-sandbox/cli.js", ...args], { stdio: ["ignore", "pipe", "pipe"] });
  // npx from the installed tarball, with the registry out of reach.
  const printed = spawn("npx", ["--offline", "--no-install", "smart-glocal-sandbox", "--print-test-cards"],
    { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, npm_config_registry: "http://127.0.0.1:9/" } });
  let out = "";
  for await (const chunk of printed.stdout) out += chunk;
  assert.deepEqual(JSON.parse(out), cards);
  const bad = run(["--nope"]);
  let err = "";
  for await (const chunk of bad.stderr) err += chunk;
  assert.match(err, /unknown flag --nope/);
  const served = run(["--listen", "127.0.0.1:0", "--clock", "manual"]);
  try {
    let line = "";
    for await (const chunk of served.stdout) {
      line += chunk;
      if (line.includes("\n")) break;
    }
    const url = line.match(/http:\/\/127\.0\.0\.1:\d+/)?.[0];
    assert.ok(url, line);
    assert.equal(await (await fetch(`${url}/health`)).text(), "ok");
    assert.equal((await (await fetch(`${url}/sandbox/clock`)).json()).mode, "manual");
  } finally {
    served.kill("SIGTERM");
  }
});

test("the live service's RSA scheme: requests verified with your public key, webhooks signed with the sandbox's private one", async () => {
  const { generateKeyPairSync } = await import("node:crypto");
  const pem = { publicKeyEncoding: { type: "spki", format: "pem" }, privateKeyEncoding: { type: "pkcs8", format: "pem" } };
  const partner = generateKeyPairSync("rsa", { modulusLength: 2048, ...pem });
  const sg = generateKeyPairSync("rsa", { modulusLength: 2048, ...pem });
  const verifier = new SmartGlocal({ project: "demo", privateKey: partner.privateKey, webhookPublicKey: sg.publicKey, baseUrl: "http://127.0.0.1:1" });
  const hooks = await receiver(verifier);
  const sb = await startSandbox({ webhookUrl: hooks.url, partnerPublicKey: partner.publicKey, sgPrivateKey: sg.privateKey });
  try {
    const api = new SmartGlocal({ project: "demo", privateKey: partner.privateKey, webhookPublicKey: sg.publicKey, baseUrl: sb.url });
    const session = await api.initPayment(PAYMENT);
    const [first] = await hooks.until(1);
    assert.equal(first.event?.type, "ready_to_confirm", JSON.stringify(first));
    assert.equal(first.event.session.id, session.id);
    const hmacCaller = client(sb);
    await assert.rejects(hmacCaller.createSession({}), (e) => e.code === "api_error" && e.status === 401);
  } finally {
    await sb.close();
    hooks.close();
  }
  await assert.rejects(startSandbox({ sgPrivateKey: sg.privateKey }), /together/);
});

test("the worker's bindings: own members only, each read as its option's type", async () => {
  const { optionsFromEnv } = await import(new URL("../node_modules/smart-glocal-sandbox/env.js", import.meta.url));
  const inherited = Object.create({ SANDBOX_PROJECT: "stranger", SANDBOX_SIGNING_KEY: "theirs" });
  inherited.SANDBOX_SEED = "7";
  assert.deepEqual(optionsFromEnv(inherited), { seed: 7 });
  assert.deepEqual(optionsFromEnv(undefined), {});
  assert.deepEqual(optionsFromEnv({ SANDBOX_AUTO_CONFIRM: "true", SANDBOX_CLOCK: "manual", OTHER: 1 }),
    { autoConfirm: true, clock: "manual" });
  for (const [name, value] of [["SANDBOX_AUTO_CONFIRM", "yes"], ["SANDBOX_SEED", "7x"], ["SANDBOX_SEED", "-1"],
    ["SANDBOX_RETRY_BASE_MS", ""], ["SANDBOX_PROJECT", 7], ["SANDBOX_SIGNING_KEY", { toString: () => "k" }]]) {
    assert.throws(() => optionsFromEnv({ [name]: value }), (e) => e instanceof TypeError && e.message.startsWith(`${name} must be`)
      && (String(value) === "" || !e.message.includes(String(value))), name);
  }
});

test("the test phones are listed beside the test cards: one registered with its bank, one nowhere", () => {
  assert.deepEqual(phones.map((p) => [p.phone, p.bank_id]), [["79001234567", "100000000111"], ["79000000000", null]]);
  assert.ok(Object.isFrozen(phones) && phones.every(Object.isFrozen));
});

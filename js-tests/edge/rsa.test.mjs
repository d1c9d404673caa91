// The live service's scheme on WebCrypto: RSA PKCS#1 v1.5 / SHA-256, base64.
// Cross-checked with the openssl command line both ways, in Node and workerd.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { createVerify } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Miniflare } from "miniflare";
import { SmartGlocal, SmartGlocalError } from "smart-glocal-edge";
import { Webhooks } from "smart-glocal-edge/webhooks";
import { startFakeApi, okSession } from "./fake-api.mjs";

const dir = mkdtempSync(join(tmpdir(), "sg-rsa-"));
const openssl = (...args) => execFileSync("openssl", args, { cwd: dir, encoding: "utf8" });
function keypair(name, ...spec) {
  openssl("genpkey", ...spec, "-out", `${name}.pem`);
  openssl("pkey", "-in", `${name}.pem`, "-pubout", "-out", `${name}.pub.pem`);
  return { key: readFileSync(join(dir, `${name}.pem`), "utf8"), pub: readFileSync(join(dir, `${name}.pub.pem`), "utf8") };
}
const RSA = ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"];
const partner = keypair("partner", ...RSA);
const sg = keypair("sg", ...RSA);
const BODY = '{"type":"payment_finished","session":{"id":"ps_3230","status":"accepted"}}';
writeFileSync(join(dir, "body.json"), BODY);
after(() => rmSync(dir, { recursive: true, force: true }));

const client = (extra = {}) => new SmartGlocal({ project: "demo", privateKey: partner.key, webhookPublicKey: sg.pub, ...extra });

async function rejects(promise, code) {
  await assert.rejects(promise, (e) => e instanceof SmartGlocalError && e.code === code);
}

test("openssl verifies what the SDK signed", async () => {
  const sig = await client().sign(BODY);
  writeFileSync(join(dir, "sdk.sig"), Buffer.from(sig, "base64"));
  assert.equal(openssl("dgst", "-sha256", "-verify", "partner.pub.pem", "-signature", "sdk.sig", "body.json").trim(), "Verified OK");
  assert.equal(await client().sign(new TextEncoder().encode(BODY)), sig, "bytes or text, the same signature");
});

test("the SDK verifies what openssl signed, over the exact bytes", async () => {
  openssl("dgst", "-sha256", "-sign", "sg.pem", "-out", "sg.sig", "body.json");
  const sig = readFileSync(join(dir, "sg.sig")).toString("base64");
  const ev = await client().verifyWebhook(BODY, sig);
  assert.equal(ev.session.id, "ps_3230");
  const req = new Request("https://shop.test/webhooks", { method: "POST", headers: { "x-partner-sign": sig }, body: BODY });
  assert.equal((await client().handleWebhook(req)).type, "payment_finished");
  await rejects(client().verifyWebhook(BODY + " ", sig), "bad_signature");
  await rejects(client().verifyWebhook(BODY.replace("3230", "3231"), sig), "bad_signature");
  const other = keypair("other", ...RSA);
  await rejects(client({ webhookPublicKey: other.pub }).verifyWebhook(BODY, sig), "bad_signature");
  await rejects(client().verifyWebhook(BODY, "not base64!"), "bad_signature");
  await rejects(client().verifyWebhook(BODY, sig.slice(0, -8)), "bad_signature");
  await rejects(client().verifyWebhook(BODY, undefined), "missing_signature");
  await rejects(client({ webhookPublicKey: undefined }).verifyWebhook(BODY, sig), "invalid_key");
});

test("the ./webhooks entry verifies what openssl signed, with the same config", async () => {
  openssl("dgst", "-sha256", "-sign", "sg.pem", "-out", "sg.sig", "body.json");
  const sig = readFileSync(join(dir, "sg.sig")).toString("base64");
  const hooks = (extra = {}) => new Webhooks({ project: "demo", privateKey: partner.key, webhookPublicKey: sg.pub, ...extra });
  assert.equal((await hooks().verifyWebhook(BODY, sig)).session.id, "ps_3230");
  await rejects(hooks().verifyWebhook(BODY.replace("3230", "3231"), sig), "bad_signature");
  await rejects(hooks({ webhookPublicKey: partner.pub }).verifyWebhook(BODY, sig), "bad_signature");
  await rejects(hooks({ webhookPublicKey: undefined }).verifyWebhook(BODY, sig), "invalid_key");
});

test("requests are signed with the private key over the exact body", async () => {
  const api = await startFakeApi(() => ({ body: okSession() }));
  try {
    await client({ baseUrl: api.url }).confirm("ps_3230");
    const req = api.requests[0];
    const ok = createVerify("RSA-SHA256").update(req.body).verify(partner.pub, req.headers["x-partner-sign"], "base64");
    assert.ok(ok, "node:crypto verifies the request signature");
  } finally {
    await api.close();
  }
});

test("bad keys are invalid_key and never echoed", () => {
  const small = keypair("small", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:1024");
  const ec = keypair("ec", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256");
  const cases = [
    [{ privateKey: "garbage" }, /not a PEM key/],
    [{ privateKey: "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----" }, /malformed/],
    [{ privateKey: small.key }, /under 2048 bits/],
    [{ privateKey: ec.key }, /not an RSA key/],
    [{ privateKey: partner.pub }, /BEGIN PRIVATE KEY/],
    [{ privateKey: partner.key, webhookPublicKey: partner.key }, /BEGIN PUBLIC KEY/],
    [{ privateKey: partner.key, webhookPublicKey: small.pub }, /under 2048 bits/],
    [{ privateKey: partner.key, signingKey: "secret" }, /one scheme/],
    [{ webhookPublicKey: sg.pub, signingKey: "secret" }, /one scheme/],
  ];
  for (const [keys, message] of cases) {
    assert.throws(() => new SmartGlocal({ project: "demo", ...keys }), (e) => {
      assert.ok(e instanceof SmartGlocalError);
      assert.equal(e.code, "invalid_key", e.message);
      assert.match(e.message, message);
      for (const pem of [partner.key, small.key, ec.key]) {
        assert.ok(!e.message.includes(pem.split("\n")[1]), "no key material in the message");
      }
      return true;
    });
  }
});

test("keys are imported once per client", async () => {
  const subtle = globalThis.crypto.subtle;
  const original = subtle.importKey;
  let imports = 0;
  subtle.importKey = function (...args) {
    imports++;
    return original.apply(this, args);
  };
  try {
    const c = client();
    await Promise.all([c.sign("a"), c.sign("b"), c.sign("c")]);
    await c.sign("d");
    openssl("dgst", "-sha256", "-sign", "sg.pem", "-out", "sg.sig", "body.json");
    const sig = readFileSync(join(dir, "sg.sig")).toString("base64");
    await c.verifyWebhook(BODY, sig);
    await c.verifyWebhook(BODY, sig);
    assert.equal(imports, 2, "one import for the private key, one for the public key");
  } finally {
    subtle.importKey = original;
  }
});

test("RSA sign and verify inside workerd", async () => {
  const root = process.cwd();
  const entry = JSON.parse(readFileSync(join(root, "node_modules/smart-glocal-edge/package.json"), "utf8")).exports["."].workerd;
  writeFileSync(join(root, "rsa-worker.mjs"), `
import { SmartGlocal } from "./node_modules/smart-glocal-edge/${entry.replace(/^\.\//, "")}";
export default {
  async fetch(request, env) {
    const sg = new SmartGlocal({ project: "demo", privateKey: env.PRIVATE_KEY, webhookPublicKey: env.WEBHOOK_PUBLIC_KEY });
    const url = new URL(request.url);
    if (url.pathname === "/sign") return new Response(await sg.sign(await request.text()));
    try {
      const ev = await sg.handleWebhook(request);
      return Response.json({ type: ev.type });
    } catch (e) {
      return Response.json({ code: e.code }, { status: 401 });
    }
  },
};`);
  const mf = new Miniflare({
    modules: true, scriptPath: join(root, "rsa-worker.mjs"), modulesRoot: root,
    modulesRules: [{ type: "ESModule", include: ["**/*.js", "**/*.mjs"] }, { type: "CompiledWasm", include: ["**/*.wasm"] }],
    compatibilityDate: "2024-09-23",
    bindings: { PRIVATE_KEY: partner.key, WEBHOOK_PUBLIC_KEY: sg.pub },
  });
  try {
    const sig = await (await mf.dispatchFetch("http://w/sign", { method: "POST", body: BODY })).text();
    writeFileSync(join(dir, "workerd.sig"), Buffer.from(sig, "base64"));
    assert.equal(openssl("dgst", "-sha256", "-verify", "partner.pub.pem", "-signature", "workerd.sig", "body.json").trim(), "Verified OK");
    openssl("dgst", "-sha256", "-sign", "sg.pem", "-out", "sg.sig", "body.json");
    const theirs = readFileSync(join(dir, "sg.sig")).toString("base64");
    const ok = await mf.dispatchFetch("http://w/hook", { method: "POST", headers: { "x-partner-sign": theirs }, body: BODY });
    assert.deepEqual(await ok.json(), { type: "payment_finished" });
    const bad = await mf.dispatchFetch("http://w/hook", { method: "POST", headers: { "x-partner-sign": theirs }, body: BODY + " " });
    assert.deepEqual(await bad.json(), { code: "bad_signature" });
  } finally {
    await mf.dispose();
  }
});

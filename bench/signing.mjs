// Benchmark (not a test): per-call cost of sign and verify, RSA-SHA256 on
// WebCrypto against HMAC-SHA256, in Node and in workerd, side by side.
//   make bench        (needs `make build`)
// Figures on these shared machines are noisy; read the ratios.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Miniflare } from "miniflare";

const repo = fileURLToPath(new URL("..", import.meta.url));
const pkg = join(repo, "pkg", "edge");
const { SmartGlocal } = await import(join(pkg, "node.js"));

const dir = mkdtempSync(join(tmpdir(), "sg-bench-"));
const keys = {};
for (const who of ["partner", "sg"]) {
  execFileSync("openssl", ["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", join(dir, `${who}.pem`)], { stdio: "ignore" });
  execFileSync("openssl", ["pkey", "-in", join(dir, `${who}.pem`), "-pubout", "-out", join(dir, `${who}.pub.pem`)]);
  keys[who] = { key: readFileSync(join(dir, `${who}.pem`), "utf8"), pub: readFileSync(join(dir, `${who}.pub.pem`), "utf8") };
}
// The SDK's own signature over the body stands in for Smart Glocal's: the
// verify path is the same whoever made the key.
const BODY = JSON.stringify({ type: "payment_finished", session: { id: "ps_3230", status: "accepted", acquiring_payments: [{ id: "pm_1", status: "succeeded", amount_details: { amount: 10000, currency: "usd" } }] } });
const N = { hmac: 5000, rsa: 500 };

function clients(SG) {
  const hmac = new SG({ project: "demo", signingKey: "demo-secret" });
  const rsaSigner = new SG({ project: "demo", privateKey: keys.partner.key });
  const rsaVerifier = new SG({ project: "demo", privateKey: keys.sg.key, webhookPublicKey: keys.partner.pub });
  return { hmac, rsaSigner, rsaVerifier };
}

async function nodeRun() {
  const c = clients(SmartGlocal);
  const hmacSig = await c.hmac.sign(BODY);
  const rsaSig = await c.rsaSigner.sign(BODY);
  const out = {};
  const time = async (name, n, fn) => {
    for (let i = 0; i < Math.min(50, n); i++) await fn(); // warm up (and import the keys)
    const t = performance.now();
    for (let i = 0; i < n; i++) await fn();
    out[name] = ((performance.now() - t) * 1000) / n;
  };
  await time("hmac sign", N.hmac, () => c.hmac.sign(BODY));
  await time("hmac verify", N.hmac, () => c.hmac.verifyWebhook(BODY, hmacSig));
  await time("rsa sign", N.rsa, () => c.rsaSigner.sign(BODY));
  await time("rsa verify", N.rsa, () => c.rsaVerifier.verifyWebhook(BODY, rsaSig));
  return out;
}

async function workerdRun() {
  const entry = JSON.parse(readFileSync(join(pkg, "package.json"), "utf8")).exports["."].workerd.replace(/^\.\//, "");
  writeFileSync(join(pkg, "bench-worker.mjs"), `
import { SmartGlocal } from "./${entry}";
const BODY = ${JSON.stringify(BODY)};
let c;
export default {
  async fetch(request, env) {
    c ??= {
      hmac: new SmartGlocal({ project: "demo", signingKey: "demo-secret" }),
      rsaSigner: new SmartGlocal({ project: "demo", privateKey: env.PARTNER_KEY }),
      rsaVerifier: new SmartGlocal({ project: "demo", privateKey: env.SG_KEY, webhookPublicKey: env.PARTNER_PUB }),
    };
    c.hmacSig ??= await c.hmac.sign(BODY);
    c.rsaSig ??= await c.rsaSigner.sign(BODY);
    const url = new URL(request.url);
    const n = Number(url.searchParams.get("n"));
    const op = {
      "hmac sign": () => c.hmac.sign(BODY),
      "hmac verify": () => c.hmac.verifyWebhook(BODY, c.hmacSig),
      "rsa sign": () => c.rsaSigner.sign(BODY),
      "rsa verify": () => c.rsaVerifier.verifyWebhook(BODY, c.rsaSig),
    }[url.searchParams.get("op")];
    for (let i = 0; i < n; i++) await op();
    return new Response("ok");
  },
};`);
  const mf = new Miniflare({
    modules: true, scriptPath: join(pkg, "bench-worker.mjs"), modulesRoot: pkg,
    modulesRules: [{ type: "ESModule", include: ["**/*.js", "**/*.mjs"] }, { type: "CompiledWasm", include: ["**/*.wasm"] }],
    compatibilityDate: "2025-01-01",
    bindings: { PARTNER_KEY: keys.partner.key, SG_KEY: keys.sg.key, PARTNER_PUB: keys.partner.pub },
  });
  const out = {};
  try {
    const call = async (op, n) => {
      const t = performance.now();
      const res = await mf.dispatchFetch(`http://bench/?op=${encodeURIComponent(op)}&n=${n}`);
      await res.text();
      return performance.now() - t;
    };
    for (const [op, n] of [["hmac sign", N.hmac], ["hmac verify", N.hmac], ["rsa sign", N.rsa], ["rsa verify", N.rsa]]) {
      await call(op, 50); // warm up, key import
      const base = Math.min(await call(op, 0), await call(op, 0), await call(op, 0));
      out[op] = (((await call(op, n)) - base) * 1000) / n;
    }
  } finally {
    await mf.dispose();
    rmSync(join(pkg, "bench-worker.mjs"), { force: true });
  }
  return out;
}

const node = await nodeRun();
const workerd = await workerdRun();
rmSync(dir, { recursive: true, force: true });
const us = (v) => `${v.toFixed(1).padStart(9)} µs`;
console.log(`\nper call, ${BODY.length}-byte body (HMAC ×${N.hmac}, RSA-2048 ×${N.rsa})`);
console.log(`${"".padEnd(14)}${"Node".padStart(12)}${"workerd".padStart(12)}`);
for (const op of ["hmac sign", "hmac verify", "rsa sign", "rsa verify"]) console.log(`${op.padEnd(14)}${us(node[op])}${us(workerd[op])}`);
for (const [what, a, b] of [["sign", "rsa sign", "hmac sign"], ["verify", "rsa verify", "hmac verify"]]) {
  console.log(`RSA/HMAC ${what}: Node ×${(node[a] / node[b]).toFixed(1)}, workerd ×${(workerd[a] / workerd[b]).toFixed(1)}`);
}

// Benchmark (not a test): the bytes a minimal webhook worker carries with
// this package, beside its twin with `stripe`, each bundled and minified by
// wrangler as `wrangler deploy` would upload it (offline dry run), in a
// consumer project that installs the packed package from its tarball.
//   node bench/worker-size.mjs        (needs `make build`; npm for stripe)
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const repo = fileURLToPath(new URL("..", import.meta.url));
const wrangler = join(repo, "node_modules", ".bin", "wrangler");
const dir = execFileSync(join(repo, "scripts", "consumer.sh"), ["edge"], { encoding: "utf8" }).trim();

// The worker on one of the package's entries: the main one, and ./webhooks
// (its own, smaller wasm), whose class takes the same config.
const sgWorker = (entry, name) => `import { ${name} } from "${entry}";
export default {
  async fetch(request, env) {
    const client = new ${name}({ project: env.SG_PROJECT, signingKey: env.SG_SIGNING_KEY });
    try {
      const event = await client.handleWebhook(request);
      return Response.json({ received: event.type });
    } catch (e) {
      return new Response(e.code ?? "error", { status: 400 });
    }
  },
};
`;

const WORKERS = {
  "smart-glocal-edge": sgWorker("smart-glocal-edge", "SmartGlocal"),
  "smart-glocal-edge/webhooks": sgWorker("smart-glocal-edge/webhooks", "Webhooks"),
  stripe: `import Stripe from "stripe";
const stripe = new Stripe("sk_test_placeholder");
const provider = Stripe.createSubtleCryptoProvider();
export default {
  async fetch(request, env) {
    const body = await request.text();
    try {
      const event = await stripe.webhooks.constructEventAsync(body, request.headers.get("stripe-signature"), env.STRIPE_WEBHOOK_SECRET, undefined, provider);
      return Response.json({ received: event.type });
    } catch {
      return new Response("error", { status: 400 });
    }
  },
};
`,
};

try {
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--silent", "stripe"], { cwd: dir, stdio: ["ignore", "ignore", "inherit"] });
  const sizes = {};
  for (const [name, source] of Object.entries(WORKERS)) {
    const file = name.replace(/\W+/g, "-");
    const src = join(dir, `${file}.js`);
    writeFileSync(src, source);
    const out = join(dir, "out", file);
    mkdirSync(out, { recursive: true });
    execFileSync(wrangler, ["deploy", "--dry-run", "--minify", "--outdir", out, "--name", "webhook", "--compatibility-date", "2026-11-01", src], {
      cwd: dir, encoding: "utf8", env: { ...process.env, WRANGLER_SEND_METRICS: "false", NO_COLOR: "1" },
    });
    let raw = 0, gz = 0;
    for (const f of readdirSync(out)) {
      const p = join(out, f);
      if (!statSync(p).isFile() || !/\.(m?js|wasm)$/.test(f)) continue;
      const b = readFileSync(p);
      raw += b.length;
      gz += gzipSync(b, { level: 9 }).length;
    }
    if (!raw) throw new Error(`no bundle for ${name}`);
    sizes[name] = { raw, gz };
  }
  const stripeVersion = JSON.parse(readFileSync(join(dir, "node_modules", "stripe", "package.json"), "utf8")).version;
  console.log(`\na minimal webhook worker, bundled and minified by wrangler (deploy --dry-run):`);
  for (const [name, { raw, gz }] of Object.entries(sizes)) {
    console.log(`  ${(name === "stripe" ? `stripe ${stripeVersion}` : name).padEnd(30)}${(raw / 1024).toFixed(1).padStart(8)} KiB${(gz / 1024).toFixed(1).padStart(9)} KiB gzip`);
  }
  for (const name of ["smart-glocal-edge", "smart-glocal-edge/webhooks"]) {
    const ratio = sizes[name].gz / sizes.stripe.gz;
    console.log(`  ${name}: ×${ratio.toFixed(2)} of the stripe twin (target ≤ 57 KiB gzip and ≤ ×1.5)`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

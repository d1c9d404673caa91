// Starts the whole demo: the sandbox (sg-sandbox) and the reference worker
// under `wrangler dev` (local mode: workerd, no login, no telemetry), wired
// to each other with fresh secrets. Used by `make demo` (scripts/demo.mjs),
// the end-to-end tests and `make chaos`.
import { spawn, execFileSync } from "node:child_process";
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

export const repo = fileURLToPath(new URL("..", import.meta.url));
const sandboxBin = join(repo, "target", "debug", "sg-sandbox");
const wrangler = join(repo, "node_modules", ".bin", "wrangler");

/** The sandbox's test cards, from the sandbox itself (their one source). */
export function testCards() {
  if (process.env.SANDBOX === "npm") {
    return JSON.parse(execFileSync(process.execPath, [join(repo, "pkg", "sandbox", "cli.js"), "--print-test-cards"], { encoding: "utf8" }));
  }
  if (!existsSync(sandboxBin)) execFileSync("cargo", ["build", "-q", "-p", "sg-sandbox"], { cwd: repo, stdio: "inherit" });
  return JSON.parse(execFileSync(sandboxBin, ["--print-test-cards"], { encoding: "utf8" }));
}

/**
 * Lays out target/demo: the worker (pkg-template/worker) with
 * smart-glocal-edge installed from its npm tarball, as a merchant installs
 * it, and the shop's pages with smart-glocal-browser in www/vendor and the
 * test cards in www/test-cards.json. Needs `make build` first.
 */
export function prepare() {
  const dir = join(repo, "target", "demo");
  const worker = join(dir, "worker");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(worker, { recursive: true });
  cpSync(join(repo, "pkg-template", "worker"), worker, { recursive: true });
  execFileSync("npm", ["pack", "--silent", "--pack-destination", dir], { cwd: join(repo, "pkg", "edge"), stdio: ["ignore", "ignore", "inherit"] });
  const tgz = readdirSync(dir).find((f) => f.startsWith("smart-glocal-edge-") && f.endsWith(".tgz"));
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--silent", "--no-save", "--omit=dev", join(dir, tgz)], { cwd: worker, stdio: ["ignore", "ignore", "inherit"] });
  const vendor = join(repo, "www", "vendor", "smart-glocal-browser");
  rmSync(vendor, { recursive: true, force: true });
  cpSync(join(repo, "pkg", "browser"), vendor, { recursive: true });
  writeFileSync(join(repo, "www", "vendor", "test-cards.json"), JSON.stringify(testCards(), null, 2));
  return { worker, www: join(repo, "www") };
}

// What wrangler and workerd print that says nothing in an offline demo:
// the failed fetch of the `cf` object (no Internet here; a placeholder is
// used) and the rescheduling of a Durable Object alarm.
const NOISE = /Unable to fetch the `Request\.cf` object|ENOTFOUND workers\.cloudflare\.com|at GetAddrInfoReqWrap|NOSENTRY .*alarm/;

function pipe(stream, prefix, log) {
  createInterface({ input: stream }).on("line", (line) => {
    if (!NOISE.test(line)) log(`${prefix} ${line}`);
  });
}

async function waitFor(url, ms = 60000, answered = (res) => res.ok) {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      if (answered(await fetch(url))) return;
    } catch {}
    if (Date.now() > deadline) throw new Error(`${url} did not come up`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/**
 * Key pairs for the RSA scheme, made with openssl: the partner's (signs
 * requests) and Smart Glocal's (signs webhooks). Returns their file paths.
 */
export function rsaKeys(dir = join(repo, "target", "demo", "keys")) {
  mkdirSync(dir, { recursive: true });
  const paths = {};
  for (const who of ["partner", "sg"]) {
    const key = join(dir, `${who}.pem`);
    const pub = join(dir, `${who}.pub.pem`);
    execFileSync("openssl", ["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", key], { stdio: "ignore" });
    execFileSync("openssl", ["pkey", "-in", key, "-pubout", "-out", pub], { stdio: "ignore" });
    paths[who] = { key, pub };
  }
  return paths;
}

/** A child process and everything it started (wrangler starts workerd). */
function spawnGroup(cmd, args, opts) {
  const child = spawn(cmd, args, { ...opts, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  const kill = (signal) => {
    try {
      process.kill(-child.pid, signal);
    } catch {}
  };
  // Never leave it behind, however this process ends.
  process.once("exit", () => kill("SIGKILL"));
  const exited = new Promise((r) => (child.exitCode !== null ? r() : child.once("exit", r)));
  return {
    child,
    async stop() {
      kill("SIGTERM");
      const t = setTimeout(() => kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(t);
    },
  };
}

/** Fresh secrets for one worker: the API's, the cookie key, the admin token. */
export function workerSecrets({ scheme = "hmac", key = "demo-secret", keys } = {}) {
  const api = scheme === "rsa"
    ? { SG_PRIVATE_KEY: readFileSync(keys.partner.key, "utf8"), SG_WEBHOOK_PUBLIC_KEY: readFileSync(keys.sg.pub, "utf8") }
    : { SG_SIGNING_KEY: key };
  return { ...api, SG_COOKIE_SECRET: randomBytes(32).toString("hex"), SG_ADMIN_TOKEN: randomBytes(24).toString("base64url") };
}

/**
 * The reference worker under `wrangler dev` on `port`, against `baseUrl`.
 * Its secrets go to a .dev.vars file of its own (mode 600); its Durable
 * Objects to a fresh directory. Returns { url, adminToken, stop }.
 */
export async function startWorker({ port, baseUrl, pageBase = baseUrl, secrets, vars = {}, log = console.log, paths, misconfigured = false }) {
  const own = mkdtempSync(join(tmpdir(), "sg-worker-"));
  cpSync(join(paths.worker, "src"), join(own, "src"), { recursive: true });
  cpSync(join(paths.worker, "wrangler.toml"), join(own, "wrangler.toml"));
  cpSync(join(paths.worker, "package.json"), join(own, "package.json"));
  symlinkSync(join(paths.worker, "node_modules"), join(own, "node_modules"));
  const devVars = join(own, ".dev.vars");
  writeFileSync(devVars, Object.entries(secrets).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join("\n") + "\n", { mode: 0o600 });
  chmodSync(devVars, 0o600);
  const allVars = { SG_PROJECT: "demo", SG_BASE_URL: baseUrl, SG_PAYMENT_PAGE_BASE: pageBase, SG_WIDGET_BASE: pageBase, SG_RECONCILE_SECONDS: "10",
    SHOP_ORIGIN: `http://127.0.0.1:${port}`, SG_SENDER_COMPANY_NAME: "Demo Coffee Roasters Ltd",
    // Every test client here is one address (127.0.0.1): the per-address
    // limit of checkouts would stop the suites, not an attacker.
    SG_CHECKOUTS_PER_ADDRESS: "100000", SG_CHECKOUTS_PER_CUSTOMER: "1000", ...vars };
  const args = ["dev", "--local", "--ip", "127.0.0.1", "--port", String(port), "--inspector-port", String(port + 10000),
    "--persist-to", join(own, "state"), "--assets", paths.www, "--show-interactive-dev-session=false",
    ...Object.entries(allVars).flatMap(([k, v]) => ["--var", `${k}:${v}`])];
  const group = spawnGroup(wrangler, args, { cwd: own, env: { ...process.env, WRANGLER_SEND_METRICS: "false", NO_COLOR: "1", FORCE_COLOR: "0" } });
  pipe(group.child.stdout, "worker  |", log);
  pipe(group.child.stderr, "worker  |", log);
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await group.stop();
    rmSync(own, { recursive: true, force: true });
  };
  try {
    // A worker started misconfigured on purpose answers 500 to everything.
    await waitFor(`${url}/api/catalog`, 60000, misconfigured ? (res) => res.status === 500 : undefined);
  } catch (e) {
    await stop();
    throw e;
  }
  return { url, adminToken: secrets.SG_ADMIN_TOKEN, secrets, stop };
}

/**
 * The sandbox on `port`, posting webhooks to `webhookUrl`: the native
 * sg-sandbox, or with SANDBOX=npm the npm package's shell (pkg/sandbox,
 * the same core in WebAssembly on Node).
 */
export async function startSandbox({ port, webhookUrl, capture = "auto", scheme = "hmac", key = "demo-secret", keys, extra = [], log = console.log }) {
  const npm = process.env.SANDBOX === "npm";
  if (!npm && !existsSync(sandboxBin)) execFileSync("cargo", ["build", "-q", "-p", "sg-sandbox"], { cwd: repo, stdio: "inherit" });
  const schemeArgs = keys
    ? ["--scheme", "rsa", "--partner-public-key", keys.partner.pub, "--sg-private-key", keys.sg.key]
    : ["--signing-key", key];
  const [cmd, first] = npm ? [process.execPath, [join(repo, "pkg", "sandbox", "cli.js")]] : [sandboxBin, []];
  const group = spawnGroup(cmd, [...first, "--listen", `127.0.0.1:${port}`, "--project", "demo", ...schemeArgs,
    "--webhook-url", webhookUrl, "--webhook-retry-base-ms", "200", "--capture", capture, ...extra], {});
  pipe(group.child.stdout, "sandbox |", log);
  pipe(group.child.stderr, "sandbox |", log);
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor(`${url}/health`);
  } catch (e) {
    await group.stop();
    throw e;
  }
  return { url, stop: () => group.stop() };
}

/**
 * Starts sandbox + worker. Options: workerPort, sandboxPort, capture
 * ("auto"|"manual"), scheme ("hmac"|"rsa"), sandboxArgs (more flags, e.g.
 * faults), vars (worker vars), log (a line sink).
 * Returns { url, sandboxUrl, adminToken, secrets, stop }.
 */
export async function startDemo({ workerPort = 8787, sandboxPort = 4010, capture = "auto", scheme = "hmac", key = "demo-secret",
  sandboxArgs = [], vars = {}, log = console.log, paths } = {}) {
  paths = paths ?? prepare();
  const keys = scheme === "rsa" ? rsaKeys() : null;
  const url = `http://127.0.0.1:${workerPort}`;
  const sandbox = await startSandbox({ port: sandboxPort, webhookUrl: `${url}/webhooks/smart-glocal`, capture, scheme, key, keys, extra: sandboxArgs, log });
  let worker;
  try {
    worker = await startWorker({ port: workerPort, baseUrl: sandbox.url, secrets: workerSecrets({ scheme, key, keys }), vars, log, paths });
  } catch (e) {
    await sandbox.stop();
    throw e;
  }
  let stopped = false;
  return {
    url,
    sandboxUrl: sandbox.url,
    adminToken: worker.adminToken,
    secrets: worker.secrets,
    async stop() {
      if (stopped) return;
      stopped = true;
      await Promise.all([worker.stop(), sandbox.stop()]);
    },
  };
}

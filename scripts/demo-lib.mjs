// Starts the whole demo: the sandbox (sg-sandbox) and the reference worker in
// a real workerd (Miniflare), wired to each other with a shared demo key.
// Used by `make demo` (scripts/demo.mjs) and the end-to-end tests.
import { spawn, execFileSync } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, existsSync } from "node:fs";
import { join, relative } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { Miniflare } from "miniflare";

export const repo = fileURLToPath(new URL("..", import.meta.url));
export const TEST_CARDS = [
  ["4242424242424242", "succeeds without 3-D Secure"],
  ["4000000000003220", "3-D Secure with a POST redirect"],
  ["4000000000003063", "3-D Secure with a GET redirect"],
  ["4000000000000002", "declined"],
];

/**
 * Lays out target/demo: the worker (pkg-template/worker) with
 * smart-glocal-edge installed from its npm tarball, and www/ with
 * smart-glocal-browser in www/vendor. Needs `make build` first.
 */
export function prepare() {
  const dir = join(repo, "target", "demo");
  const worker = join(dir, "worker");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(worker, { recursive: true });
  cpSync(join(repo, "pkg-template", "worker"), worker, { recursive: true });
  execFileSync("npm", ["pack", "--silent", "--pack-destination", dir], { cwd: join(repo, "pkg", "edge"), stdio: ["ignore", "ignore", "inherit"] });
  const tgz = readdirSync(dir).find((f) => f.startsWith("smart-glocal-edge-") && f.endsWith(".tgz"));
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--silent", "--no-save", join(dir, tgz)], { cwd: worker, stdio: ["ignore", "ignore", "inherit"] });
  const vendor = join(repo, "www", "vendor", "smart-glocal-browser");
  rmSync(vendor, { recursive: true, force: true });
  cpSync(join(repo, "pkg", "browser"), vendor, { recursive: true });
  return { worker, www: join(repo, "www") };
}

function files(dir) {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

/** The worker's modules for workerd: its source, the package (through its `workerd` export) and a bare-name alias. */
function workerModules(worker) {
  const pkg = join(worker, "node_modules", "smart-glocal-edge");
  const entry = JSON.parse(readFileSync(join(pkg, "package.json"), "utf8")).exports["."].workerd;
  const src = join(worker, "src");
  const modules = [{ type: "ESModule", path: join(src, "index.js") }];
  // What a bundler does for `import "smart-glocal-edge"`: resolve the `workerd` condition.
  // workerd looks a bare name up next to the importing module.
  modules.push({ type: "ESModule", path: join(src, "smart-glocal-edge"), contents: `export * from "./${relative(src, join(pkg, entry))}";` });
  for (const f of files(pkg)) {
    if (f.endsWith(".js")) modules.push({ type: "ESModule", path: f });
    if (f.endsWith(".wasm")) modules.push({ type: "CompiledWasm", path: f });
  }
  return modules;
}

function pipe(stream, prefix, log) {
  createInterface({ input: stream }).on("line", (line) => log(`${prefix} ${line}`));
}

async function waitFor(url, ms = 20000) {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    if (Date.now() > deadline) throw new Error(`${url} did not come up`);
    await new Promise((r) => setTimeout(r, 100));
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

/** The worker's secrets for a scheme. */
function secrets(scheme, key, keys) {
  return scheme === "rsa"
    ? { SG_PRIVATE_KEY: readFileSync(keys.partner.key, "utf8"), SG_WEBHOOK_PUBLIC_KEY: readFileSync(keys.sg.pub, "utf8") }
    : { SG_SIGNING_KEY: key };
}

/** The reference worker alone in workerd, against `baseUrl`. Returns { url, mf }. */
export async function startWorker({ port, baseUrl, key = "demo-secret", scheme = "hmac", keys, log = console.log, paths }) {
  const { worker, www } = paths;
  const mf = new Miniflare({
    host: "127.0.0.1",
    port,
    modulesRoot: worker,
    modules: workerModules(worker),
    compatibilityDate: "2025-01-01",
    durableObjects: { PAYMENTS: "PaymentSession" },
    assets: { directory: www, binding: "ASSETS", routerConfig: { has_user_worker: true } },
    bindings: { SG_PROJECT: "demo", SG_BASE_URL: baseUrl, ...secrets(scheme, key, keys) },
    handleRuntimeStdio(stdout, stderr) {
      pipe(stdout, "worker  |", log);
      pipe(stderr, "worker  |", log);
    },
  });
  await mf.ready;
  return { url: `http://127.0.0.1:${port}`, mf };
}

/**
 * Starts sandbox + worker. Options: workerPort, sandboxPort, capture
 * ("auto"|"manual"), scheme ("hmac"|"rsa"), key (HMAC), log (a line sink).
 * Returns { url, sandboxUrl, stop }.
 */
export async function startDemo({ workerPort = 8787, sandboxPort = 4010, capture = "auto", scheme = "hmac", key = "demo-secret", log = console.log, paths } = {}) {
  paths = paths ?? prepare();
  const keys = scheme === "rsa" ? rsaKeys() : null;
  const schemeArgs = keys
    ? ["--scheme", "rsa", "--partner-public-key", keys.partner.pub, "--sg-private-key", keys.sg.key]
    : ["--signing-key", key];
  const url = `http://127.0.0.1:${workerPort}`;
  const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
  const bin = join(repo, "target", "debug", "sg-sandbox");
  if (!existsSync(bin)) execFileSync("cargo", ["build", "-q", "-p", "sg-sandbox"], { cwd: repo, stdio: "inherit" });
  const sandbox = spawn(bin, [
    "--listen", `127.0.0.1:${sandboxPort}`, "--project", "demo", ...schemeArgs,
    "--webhook-url", `${url}/webhooks/smart-glocal`, "--webhook-retry-base-ms", "200", "--capture", capture,
  ], { stdio: ["ignore", "pipe", "pipe"] });
  pipe(sandbox.stdout, "sandbox |", log);
  pipe(sandbox.stderr, "sandbox |", log);
  // Never leave the sandbox behind, however this process ends.
  process.once("exit", () => sandbox.kill("SIGKILL"));
  let mf = null;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    sandbox.kill("SIGTERM");
    await mf?.dispose().catch(() => {});
    await new Promise((r) => (sandbox.exitCode !== null || sandbox.signalCode !== null ? r() : sandbox.once("exit", r)));
  };
  try {
    ({ mf } = await startWorker({ port: workerPort, baseUrl: sandboxUrl, key, scheme, keys, log, paths }));
    await waitFor(`${sandboxUrl}/health`);
  } catch (e) {
    await stop();
    throw e;
  }
  return { url, sandboxUrl, stop, mf };
}

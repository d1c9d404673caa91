// `make bench`: the sandbox's two shells side by side, driven by a Node
// client on loopback: the native sg-sandbox (release build) and the npm
// package smart-glocal-sandbox (its CLI, in a Node process of its own).
// Requests per second for session/create and session/status, one at a
// time and 50 in flight; counts and time bounded (BENCH_SANDBOX_N).
import { createHmac } from "node:crypto";
import { spawn, execFileSync } from "node:child_process";

const N = Number(process.env.BENCH_SANDBOX_N ?? 1000);
const KEY = "bench-secret";
const DEADLINE_MS = 60_000;

const sign = (body) => createHmac("sha256", KEY).update(body).digest("hex");

async function call(base, endpoint, payload) {
  const body = JSON.stringify(payload);
  const res = await fetch(`${base}/api/v1/${endpoint}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-partner-project": "demo", "x-partner-sign": sign(body) },
    body,
  });
  const json = await res.json();
  if (res.status !== 200) throw new Error(`${endpoint}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

async function rate(n, inFlight, one) {
  let next = 0;
  const end = Date.now() + DEADLINE_MS;
  const started = performance.now();
  let done = 0;
  await Promise.all(Array.from({ length: inFlight }, async () => {
    while (next < n && Date.now() < end) {
      await one(next++);
      done++;
    }
  }));
  return done / ((performance.now() - started) / 1000);
}

async function started(proc, pattern) {
  let out = "";
  for await (const chunk of proc.stdout) {
    out += chunk;
    const m = out.match(pattern);
    if (m) return m[1];
  }
  throw new Error(`no address in: ${out}`);
}

async function measure(name, base) {
  for (let i = 0; i < 50; i++) await call(base, "session/create", {}); // warm up
  const ids = [];
  const figures = {};
  figures["create ×1"] = await rate(N, 1, async () => ids.push((await call(base, "session/create", {})).session.id));
  figures["create ×50"] = await rate(N, 50, async () => ids.push((await call(base, "session/create", {})).session.id));
  figures["status ×1"] = await rate(N, 1, async (i) => call(base, "session/status", { session_id: ids[i % ids.length] }));
  figures["status ×50"] = await rate(N, 50, async (i) => call(base, "session/status", { session_id: ids[i % ids.length] }));
  return [name, figures];
}

execFileSync("cargo", ["build", "-q", "--release", "-p", "sg-sandbox"], { stdio: "inherit" });
// Its log lines (one per request) go nowhere: a full pipe would stall it.
const native = spawn("target/release/sg-sandbox", ["--listen", "127.0.0.1:14031", "--signing-key", KEY], { stdio: ["ignore", "ignore", "inherit"] });
const npm = spawn(process.execPath, ["pkg/sandbox/cli.js", "--listen", "127.0.0.1:0", "--signing-key", KEY, "--quiet"], { stdio: ["ignore", "pipe", "inherit"] });
try {
  await new Promise((r) => setTimeout(r, 300));
  const npmUrl = await started(npm, /listening on (http:\/\/\S+)/);
  const rows = [await measure("native sg-sandbox", "http://127.0.0.1:14031"), await measure("npm (wasm, Node)", npmUrl)];
  console.log(`\nsandbox: requests per second, ${N} calls each (Node client, loopback)`);
  const cols = Object.keys(rows[0][1]);
  console.log(`${"shell".padEnd(20)}${cols.map((c) => c.padStart(13)).join("")}`);
  for (const [name, f] of rows) console.log(`${name.padEnd(20)}${cols.map((c) => f[c].toFixed(0).padStart(13)).join("")}`);
  console.log(`${"npm / native".padEnd(20)}${cols.map((c) => `×${(rows[1][1][c] / rows[0][1][c]).toFixed(2)}`.padStart(13)).join("")}`);
} finally {
  native.kill();
  npm.kill();
}

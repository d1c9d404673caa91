// Both packages in a Next.js app, as a user writes it (js-tests/next/app):
// a client component that imports smart-glocal-browser (imported during
// server rendering too, where it must not fetch its .wasm) and a route
// handler that imports smart-glocal-edge. `next build` with Turbopack (the
// default) and with webpack, then `next start`, the route asked over HTTP
// and the page loaded in Chromium.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { createServer } from "node:net";
import { chromium } from "playwright-core";

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const next = "node_modules/next/dist/bin/next";

const freePort = () => new Promise((resolve) => {
  const s = createServer().listen(0, "127.0.0.1", () => {
    const { port } = s.address();
    s.close(() => resolve(port));
  });
});

async function started(port, child) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/prepare`);
      if (res.ok) return res.json();
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("next start did not answer");
}

for (const bundler of ["turbopack", "webpack"]) {
  test(`next build (${bundler}) and next start: the route handler signs, the page shows the status`, async () => {
    execFileSync(process.execPath, [next, "build", ...(bundler === "webpack" ? ["--webpack"] : [])], { env, stdio: "pipe", timeout: 240_000 });
    const port = await freePort();
    const child = spawn(process.execPath, [next, "start", "-p", String(port), "-H", "127.0.0.1"], { env, stdio: "ignore", detached: true });
    const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
    try {
      assert.deepEqual(await started(port, child), { url: "https://demo.smart-glocal.com/api/v1/session/status", signed: 64 });
      const page = await browser.newPage();
      const failures = [];
      page.on("pageerror", (e) => failures.push(String(e)));
      page.on("response", (r) => r.status() >= 400 && !r.url().endsWith("/favicon.ico") && failures.push(`${r.status()} ${r.url()}`));
      await page.goto(`http://127.0.0.1:${port}/`);
      await page.waitForFunction(() => document.getElementById("url")?.textContent !== "loading", null, { timeout: 20_000 });
      assert.equal(await page.textContent("#url"), "https://pay.smart-glocal.com/en/payment/tok_next");
      assert.equal(await page.getAttribute("#status", "data-state"), "succeeded");
      assert.match(await page.textContent("#status"), /¥1,500/);
      assert.deepEqual(failures, []);
    } finally {
      await browser.close();
      process.kill(-child.pid, "SIGTERM");
    }
  });
}

// A bundler that does not copy the .wasm next to its output (esbuild; the
// same holds for Rollup): the page imports the ./web entry and the .wasm as
// a file (`--loader:.wasm=file`), hands its URL to `init`, and runs.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { startSite, launch } from "./site.mjs";

const root = process.cwd();
const app = join(root, "esbuild-app");
let site, browser;
after(async () => {
  await browser?.close();
  await site?.close();
});

test("esbuild bundles a page with the .wasm as a file, handed to init, and it runs", async () => {
  mkdirSync(app, { recursive: true });
  writeFileSync(join(app, "index.html"), `<!doctype html><meta charset="utf-8"><title>esbuild app</title>
<div id="status"></div><script type="module" src="./dist/main.js"></script>`);
  writeFileSync(join(app, "main.js"), `
import init, { StatusView, paymentPageUrl } from "smart-glocal-browser/web";
import wasmUrl from "smart-glocal-browser/smart_glocal_bg.wasm";
await init(new URL(wasmUrl, import.meta.url));
const view = new StatusView(document.getElementById("status"), { locale: "en-US" });
view.update({ session_id: "ps_1", state: "succeeded", final: true, amount: 1500, currency: "jpy", card: null, redirect: null, updated_at: null });
window.page = paymentPageUrl("tok_1", { locale: "ru" });
`);
  execFileSync(join(root, "node_modules/.bin/esbuild"), ["main.js", "--bundle", "--format=esm", "--loader:.wasm=file",
    "--outdir=dist", "--log-level=warning"], { cwd: app, stdio: "pipe" });
  assert.ok(readdirSync(join(app, "dist")).some((f) => f.endsWith(".wasm")), "esbuild copied the .wasm");

  site = await startSite(root);
  browser = await launch();
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${site.origin}/esbuild-app/index.html`);
  await page.waitForFunction(() => window.page !== undefined, null, { timeout: 15_000 });
  assert.deepEqual(errors, []);
  assert.equal(await page.locator("#status").getAttribute("data-state"), "succeeded");
  assert.equal(await page.locator(".sg-status__amount").textContent(), "¥1,500");
  assert.equal(await page.evaluate(() => window.page), "https://pay.smart-glocal.com/ru/payment/tok_1");
});

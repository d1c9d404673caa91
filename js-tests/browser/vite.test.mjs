// The bundler path: a tiny app imports smart-glocal-browser (its default
// export, top-level await), Vite builds it, and the build runs in Chromium.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { startSite, launch } from "./site.mjs";

const root = process.cwd();
const app = join(root, "vite-app");
let site, browser;
after(async () => {
  await browser?.close();
  await site?.close();
});

test("vite builds an app that imports the package, and it runs", async () => {
  mkdirSync(app, { recursive: true });
  writeFileSync(join(app, "index.html"), `<!doctype html><meta charset="utf-8"><title>vite app</title>
<div id="status"></div><script type="module" src="./main.js"></script>`);
  writeFileSync(join(app, "main.js"), `
import { StatusView, redirectPlan } from "smart-glocal-browser";
const view = new StatusView(document.getElementById("status"), { locale: "en-US" });
view.update({ session_id: "ps_1", state: "succeeded", final: true, amount: 1234, currency: "bhd", card: null, redirect: null, updated_at: null });
window.plan = redirectPlan({ url: "https://acs.test/x", method: "GET" });
`);
  const { build } = await import("vite");
  await build({ root: app, logLevel: "warn", base: "/vite-app/dist/", build: { target: "es2022", outDir: "dist", emptyOutDir: true } });
  const assets = readdirSync(join(app, "dist", "assets"));
  assert.ok(assets.some((f) => f.endsWith(".wasm")), `a .wasm asset in ${assets}`);
  assert.ok(assets.some((f) => f.endsWith(".js")), `a .js asset in ${assets}`);

  site = await startSite(root);
  browser = await launch();
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${site.origin}/vite-app/dist/index.html`);
  await page.waitForFunction(() => window.plan !== undefined);
  assert.deepEqual(errors, []);
  assert.equal(await page.locator("#status").getAttribute("data-state"), "succeeded");
  assert.equal(await page.locator(".sg-status__amount").textContent(), "BHD\u00a01.234");
  assert.deepEqual(await page.evaluate(() => window.plan), { method: "GET", action: "https://acs.test/x", fields: [] });
});

// The bundler path with webpack 5: a tiny app imports smart-glocal-browser
// (its default export, top-level await, the .wasm as an asset), webpack
// builds it, and the build runs in Chromium.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { startSite, launch } from "./site.mjs";

const root = process.cwd();
const app = join(root, "webpack-app");
let site, browser;
after(async () => {
  await browser?.close();
  await site?.close();
});

test("webpack 5 builds an app that imports the package, and it runs", async () => {
  mkdirSync(app, { recursive: true });
  writeFileSync(join(app, "main.js"), `
import { StatusView, paymentPageUrl } from "smart-glocal-browser";
const view = new StatusView(document.getElementById("status"), { locale: "en-US" });
view.update({ session_id: "ps_1", state: "succeeded", final: true, amount: 1234, currency: "usd", card: null, redirect: null, updated_at: null });
window.pageUrl = paymentPageUrl("tok", { locale: "ru" });
`);
  const { default: webpack } = await import("webpack");
  const stats = await new Promise((resolve, reject) =>
    webpack({
      mode: "production", target: "web", context: app, entry: "./main.js",
      output: { path: join(app, "dist"), filename: "main.js", publicPath: "/webpack-app/dist/" },
    }, (err, s) => (err ? reject(err) : resolve(s))));
  assert.ok(!stats.hasErrors(), stats.toString("errors-only"));
  assert.ok(readdirSync(join(app, "dist")).some((f) => f.endsWith(".wasm")));
  writeFileSync(join(app, "dist", "index.html"), `<!doctype html><meta charset="utf-8"><title>webpack app</title>
<div id="status"></div><script src="/webpack-app/dist/main.js"></script>`);

  site = await startSite(root);
  browser = await launch();
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${site.origin}/webpack-app/dist/index.html`);
  await page.waitForFunction(() => window.pageUrl !== undefined);
  assert.deepEqual(errors, []);
  assert.equal(await page.locator("#status").getAttribute("data-state"), "succeeded");
  assert.equal(await page.evaluate(() => window.pageUrl), "https://pay.smart-glocal.com/ru/payment/tok");
});

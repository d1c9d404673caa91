// A loopback site for the browser tests: serves the installed package, a
// test page under a strict CSP (no inline script), an echo endpoint that
// records what a redirect sent, and a scripted status endpoint.
import http from "node:http";
import { readFile } from "node:fs/promises";
import { join, extname } from "node:path";

const TYPES = { ".js": "text/javascript", ".wasm": "application/wasm", ".html": "text/html; charset=utf-8", ".json": "application/json" };
export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; form-action 'self'; frame-src 'self'";

export async function startSite(root, { statusScript = [], csp = CSP } = {}) {
  const received = [];
  const statusHits = [];
  let script = statusScript;
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, "http://x");
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const body = Buffer.concat(chunks).toString("utf8");
    if (url.pathname === "/acs-echo") {
      received.push({ method: req.method, search: url.search, body, contentType: req.headers["content-type"] });
      res.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-security-policy": CSP });
      return res.end("<!doctype html><title>echo</title><p id=echo>received</p>");
    }
    if (url.pathname.startsWith("/status/")) {
      statusHits.push(Date.now());
      const step = script[Math.min(statusHits.length - 1, script.length - 1)];
      res.writeHead(step.status ?? 200, { "content-type": "application/json", "cache-control": "no-store" });
      return res.end(typeof step.body === "string" ? step.body : JSON.stringify(step.body));
    }
    if (url.pathname === "/favicon.ico") return res.writeHead(204).end();
    const file = url.pathname === "/" ? "/page/index.html" : url.pathname;
    try {
      const data = await readFile(join(root, decodeURIComponent(file)));
      res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "content-security-policy": csp });
      res.end(data);
    } catch {
      res.writeHead(404).end("not found");
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin, received, statusHits,
    setScript(s) { script = s; statusHits.length = 0; },
    close() { server.closeAllConnections(); return new Promise((r) => server.close(r)); },
  };
}

export async function launch() {
  const { chromium } = await import("playwright-core");
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
           "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}

// A Chromium page on the site that imports a build of the package from
// `entry` (a path on the site) under the strict CSP and exposes it as
// `window.sg`; console errors and page errors are collected.
export async function openPage(root, entry, name = "page") {
  const { mkdirSync, writeFileSync } = await import("node:fs");
  mkdirSync(join(root, name), { recursive: true });
  writeFileSync(join(root, name, "index.html"), `<!doctype html><meta charset="utf-8"><title>sg test</title>
<div id="status"></div><iframe name="acs-frame" id="acs-frame"></iframe>
<script type="module" src="/${name}/app.js"></script>`);
  writeFileSync(join(root, name, "app.js"), `
import init, * as sg from "${entry}";
await init();
window.sg = sg;
window.sgReady = true;
`);
  const site = await startSite(root);
  const browser = await launch();
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  await page.goto(`${site.origin}/${name}/index.html`);
  await page.waitForFunction(() => window.sgReady === true);
  return {
    site, browser, context, page, errors,
    async close() {
      await browser.close();
      await site.close();
    },
  };
}

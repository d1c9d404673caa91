// `make demo`'s launcher: it serves, and Ctrl-C (SIGINT) stops everything,
// leaving nothing listening on its ports.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import net from "node:net";
import { repo } from "../../scripts/demo-lib.mjs";

const listening = (port) =>
  new Promise((resolve) => {
    const s = net.connect(port, "127.0.0.1", () => { s.destroy(); resolve(true); });
    s.on("error", () => resolve(false));
  });

test("the demo starts on 8787 and 4010 and Ctrl-C leaves no process behind", { timeout: 120000 }, async () => {
  assert.equal(await listening(8787), false, "port 8787 is free before");
  const demo = spawn("node", ["scripts/demo.mjs"], { cwd: repo, stdio: ["ignore", "pipe", "inherit"] });
  const lines = [];
  await new Promise((resolve, reject) => {
    createInterface({ input: demo.stdout }).on("line", (l) => {
      lines.push(l);
      if (l.startsWith("admin token: ")) resolve();
    });
    demo.once("exit", (code) => reject(new Error(`demo exited early (${code}): ${lines.join("\n")}`)));
  });
  assert.ok(lines.some((l) => l.includes("http://127.0.0.1:8787/")), lines.join("\n"));
  assert.ok(lines.some((l) => l.includes("4000000000003220")), "test cards printed");
  const token = lines.find((l) => l.startsWith("admin token: "))?.slice("admin token: ".length);
  assert.ok(token && token.length >= 16, "the admin token is printed");
  const page = await fetch("http://127.0.0.1:8787/");
  assert.equal(page.status, 200);
  assert.match(await page.text(), /data-testid="pay"/);
  const orders = await fetch("http://127.0.0.1:8787/api/admin/orders", { headers: { authorization: `Bearer ${token}` } });
  assert.equal(orders.status, 200, "the printed token opens the admin routes");
  assert.equal((await fetch("http://127.0.0.1:4010/health")).status, 200);
  demo.kill("SIGINT");
  const code = await new Promise((resolve) => demo.once("exit", resolve));
  assert.equal(code, 0, `exit code ${code}`);
  assert.equal(await listening(8787), false, "the worker is gone");
  assert.equal(await listening(4010), false, "the sandbox is gone");
});

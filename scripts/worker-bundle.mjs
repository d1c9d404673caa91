// The reference worker as `wrangler deploy` would upload it, built offline
// with `wrangler deploy --dry-run --outdir target/worker-bundle`; prints the
// bundle's size. Fails if the bundle is not produced.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { prepare, repo } from "./demo-lib.mjs";

const { worker, www } = prepare();
const out = join(repo, "target", "worker-bundle");
rmSync(out, { recursive: true, force: true });
const log = execFileSync(join(repo, "node_modules", ".bin", "wrangler"), ["deploy", "--dry-run", "--outdir", out, "--assets", www], {
  cwd: worker,
  encoding: "utf8",
  env: { ...process.env, WRANGLER_SEND_METRICS: "false", NO_COLOR: "1" },
});
const total = log.split("\n").find((l) => l.includes("Total Upload"));
const files = readdirSync(out).filter((f) => statSync(join(out, f)).isFile() && /\.(js|wasm)$/.test(f));
if (!files.some((f) => f.endsWith(".js"))) throw new Error(`no bundle in ${out}:\n${log}`);
console.log("worker bundle (wrangler deploy --dry-run):");
for (const f of files) {
  const b = readFileSync(join(out, f));
  console.log(`  ${f.padEnd(48)} ${(b.length / 1024).toFixed(1).padStart(8)} KiB  gzip ${(gzipSync(b, { level: 9 }).length / 1024).toFixed(1).padStart(7)} KiB`);
}
console.log(`  wrangler: ${total?.trim() ?? "(no total printed)"}`);

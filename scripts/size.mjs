// Prints raw, gzip and brotli sizes of the .js and .wasm files of packages:
//   node scripts/size.mjs pkg/edge[:150] ...   (":N" = fail above N KiB gzip)
// A file given on its own (pkg/browser/payment-form.js:4), a group
// (a.js+b.wasm) or a folder inside a package (pkg/edge/webhooks) is an entry
// of its own: measured alone, and left out of its package's total.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";

const kib = (n) => (n / 1024).toFixed(1).padStart(8);
let failed = false;

function files(dir) {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    // wasm-bytes.cjs is the .wasm again, inlined: loaded instead of it, never with it.
    return statSync(p).isDirectory() ? files(p) : /\.(js|wasm)$/.test(f) ? [p] : [];
  });
}

// A group of files of one folder, measured together: pkg/browser/qr.js+sg_qr.js+sg_qr_bg.wasm:24.
const members = (arg) => {
  const [first, ...more] = arg.split("+");
  return [first, ...more.map((f) => join(dirname(first), f))];
};
const args = process.argv.slice(2).map((a) => a.split(":"));
const apart = new Set(args.flatMap(([p]) => members(p)).filter((p) => statSync(p).isFile()));
// A folder given inside another one (pkg/edge/webhooks in pkg/edge) is an
// entry of its own too: its files count in it, not in the outer folder.
const folders = args.map(([p]) => p).filter((p) => statSync(members(p)[0]).isDirectory());
const folderOf = (file) =>
  folders.filter((d) => file.startsWith(join(d, "/"))).sort((a, b) => b.length - a.length)[0];
for (const [dir, limit] of args) {
  const own = statSync(members(dir)[0]).isFile() ? members(dir) : files(dir).filter((p) => !apart.has(p) && folderOf(p) === dir);
  const rows = own.map((p) => {
    const b = readFileSync(p);
    return {
      file: statSync(dir.split("+")[0]).isFile() ? relative(dirname(dir.split("+")[0]), p) : relative(dir, p),
      raw: b.length,
      gzip: gzipSync(b, { level: 9 }).length,
      brotli: brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    };
  });
  const total = rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });
  console.log(`\n${dir}: sizes in KiB (.js and .wasm)`);
  console.log(`${"file".padEnd(56)}${"raw".padStart(8)}${"gzip".padStart(8)}${"brotli".padStart(8)}`);
  for (const r of rows) console.log(`${r.file.padEnd(56)}${kib(r.raw)}${kib(r.gzip)}${kib(r.brotli)}`);
  console.log(`${"total".padEnd(56)}${kib(total.raw)}${kib(total.gzip)}${kib(total.brotli)}`);
  if (limit && total.gzip > Number(limit) * 1024) {
    console.error(`FAIL: ${dir} is ${(total.gzip / 1024).toFixed(1)} KiB gzip, above the ${limit} KiB budget`);
    failed = true;
  } else if (limit) {
    console.log(`ok: within the ${limit} KiB gzip budget`);
  }
}
process.exit(failed ? 1 : 0);

// Bundles a package's own modules into one: node scripts/bundle.mjs pkg/edge <name> [faults|webhooks]
// The sources (pkg-template/<name>/src/*.js and the shared js/runtime.js,
// js/own.js and js/load.js)
// are staged in the package directory, bundled from src/sdk.js into
// sdk.js, and the staged copies removed. The wasm glue (smart_glocal.js)
// and the error class (error.js) stay separate modules, imported as they are.
// With `faults` (test builds), js/fault.js is bundled and exported too.
// With `webhooks` (the edge package's ./webhooks entry, built into its own
// folder), the bundle starts from src/webhooks-sdk.js instead.
import { build } from "rolldown";
import { cpSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

const [outArg, name, variant] = process.argv.slice(2);
const out = resolve(outArg);
const sources = { "runtime.js": "js/runtime.js", "own.js": "js/own.js", "load.js": "js/load.js" };
for (const f of readdirSync(`pkg-template/${name}/src`).filter((f) => f.endsWith(".js"))) {
  sources[f] = `pkg-template/${name}/src/${f}`;
}
if (variant === "faults") sources["fault.js"] = "js/fault.js";
const staged = Object.keys(sources);
for (const f of staged) cpSync(sources[f], join(out, `.${f}`));
const entry = { faults: ".entry.js", webhooks: ".webhooks-sdk.js" }[variant] ?? ".sdk.js";
if (variant === "faults") {
  writeFileSync(join(out, entry), 'export * from "./sdk.js";\nexport * from "./fault.js";\n');
  staged.push("entry.js");
}
// The staged files are dot-named so they cannot clash with the package's
// own; their imports of each other are redirected to them.
const ownModule = new RegExp(`^\\./(${staged.map((f) => f.replace(".", "\\.")).join("|")})$`);
try {
  await build({
    input: join(out, entry),
    external: [/(^|\/)smart_glocal\.js$/, /(^|\/)error\.js$/],
    plugins: [{
      name: "staged",
      resolveId(id, importer) {
        if (importer && ownModule.test(id)) return join(out, `.${id.slice(2)}`);
        return null;
      },
    }],
    output: { file: join(out, "sdk.js"), format: "esm" },
    logLevel: "warn",
  });
} finally {
  for (const f of staged) rmSync(join(out, `.${f}`), { force: true });
}

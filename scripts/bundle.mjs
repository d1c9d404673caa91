// Bundles a package's own modules into one: node scripts/bundle.mjs pkg/edge
// The sources (pkg-template/<name>/src/*.js and the shared js/runtime.js)
// are staged in the package directory, bundled from src/sdk.js into
// sdk.js, and the staged copies removed. The wasm glue (smart_glocal.js)
// and the error class (error.js) stay separate modules, imported as they are.
import { build } from "rolldown";
import { cpSync, readdirSync, rmSync } from "node:fs";
import { basename, join, resolve } from "node:path";

const out = resolve(process.argv[2]);
const name = basename(out);
const staged = readdirSync(`pkg-template/${name}/src`).filter((f) => f.endsWith(".js"));
staged.push("runtime.js");
for (const f of staged) {
  cpSync(f === "runtime.js" ? "js/runtime.js" : `pkg-template/${name}/src/${f}`, join(out, `.${f}`));
}
// The staged files are dot-named so they cannot clash with the package's
// own; their imports of each other are redirected to them.
const ownModule = new RegExp(`^\\./(${staged.map((f) => f.replace(".", "\\.")).join("|")})$`);
try {
  await build({
    input: join(out, ".sdk.js"),
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

// Node: reads the .wasm file next to this one, and signs HMAC with
// node:crypto. Both come from process.getBuiltinModule (Node 20.16, 22.3):
// `import "node:fs"` costs some 4 ms of the import in Node 24, more than
// compiling the wasm, and loading node:crypto 6 to 8 ms, so it is loaded
// at the first key's import, not here.
import { createRequire } from "node:module";
import { initSync } from "./smart_glocal.js";
import { useNodeCrypto } from "./sdk.js";

const { readFileSync } = process.getBuiltinModule("node:fs");
useNodeCrypto(() => process.getBuiltinModule("node:crypto"));

// Inside a bundle that moved this module without the file (webpack's server
// build, as Next.js makes it), the inlined copy, read only then. (No
// top-level await: `require()` of this entry keeps working.)
let wasm;
try {
  wasm = readFileSync(new URL("./smart_glocal_bg.wasm", import.meta.url));
} catch (missing) {
  try {
    wasm = createRequire(import.meta.url)("./wasm-bytes.cjs");
  } catch {
    // Neither is there (a bundle that copied neither): say which file.
    throw missing;
  }
}
initSync({ module: wasm });

export * from "./api.js";

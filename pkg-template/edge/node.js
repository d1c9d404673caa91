// Node: reads the .wasm file next to this one.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { initSync } from "./smart_glocal.js";

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

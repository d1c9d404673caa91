// Cloudflare Workers / workerd: the .wasm file is imported as a compiled
// WebAssembly.Module (wrangler and Miniflare do this for `*.wasm` imports).
import wasmModule from "./smart_glocal_bg.wasm";
import { initSync } from "./smart_glocal.js";

initSync({ module: wasmModule });

export * from "./api.js";

// Other runtimes and bundlers: fetches the .wasm file by URL (top-level
// await). Where it cannot load, the import still succeeds and every call
// throws SmartGlocalError `wasm_unavailable`.
import init from "./smart_glocal.js";
import { load } from "./sdk.js";

await load(init, { module_or_path: new URL("./smart_glocal_bg.wasm", import.meta.url) });

export * from "./api.js";

// Node ≥ 20: reads the .wasm file next to this one.
import { readFileSync } from "node:fs";
import { initSync } from "./smart_glocal.js";

initSync({ module: readFileSync(new URL("./smart_glocal_bg.wasm", import.meta.url)) });

export { SmartGlocal, paymentView, operation, dedupKey, returnToGet, paymentPageUrl } from "./sdk.js";
export { SmartGlocalError } from "./error.js";

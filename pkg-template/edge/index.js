// Other runtimes and bundlers: fetches the .wasm file by URL (top-level await).
import init from "./smart_glocal.js";

await init({ module_or_path: new URL("./smart_glocal_bg.wasm", import.meta.url) });

export { SmartGlocal, paymentView, operation, returnToGet, paymentPageUrl } from "./sdk.js";
export { SmartGlocalError } from "./error.js";

// The package's public exports, once: every entry (node.js, workerd.js,
// index.js, the generated embedded.js) loads the wasm its own way and then
// re-exports this list.
export { SmartGlocal, paymentView, viewBeforeStart, operation, dedupKey, returnToGet, paymentPageUrl } from "./sdk.js";
export { SmartGlocalError } from "./error.js";

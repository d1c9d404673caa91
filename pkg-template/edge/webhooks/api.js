// The ./webhooks entry's public exports, once: its entries (the package's
// own index.js, node.js and workerd.js, copied here by the build, and the
// generated embedded.js) load its wasm and re-export this list.
export { Webhooks, paymentView, dedupKey, operation } from "./sdk.js";
export { SmartGlocalError } from "./error.js";

// The ./webhooks entry's module (scripts/bundle.mjs `webhooks`): bundled
// like sdk.js, next to the webhooks build of the wasm glue.
export { Webhooks, paymentView, dedupKey, operation } from "./webhooks.js";
export { load } from "./load.js";
export { useNodeCrypto } from "./crypto.js";

// The package's module: what the entries (index.js, node.js, workerd.js)
// export. The build bundles it with its imports and the shared runtime
// into one file, sdk.js, next to the wasm glue.
export { SmartGlocal, paymentView, viewBeforeStart, operation, dedupKey, returnToGet, paymentPageUrl } from "./client.js";
export { load } from "./load.js";
export { useNodeCrypto } from "./crypto.js";

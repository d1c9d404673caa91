// For bundlers (Vite, webpack, Rollup): the .wasm file is an asset next to
// this module, fetched and instantiated once (top-level await).
import init from "./smart_glocal.js";

await init({ module_or_path: new URL("./smart_glocal_bg.wasm", import.meta.url) });

export { redirectPlan, performRedirect, StatusView, paymentPageUrl, openPaymentPage, followPayment } from "./sdk.js";
export { SmartGlocalError } from "./error.js";

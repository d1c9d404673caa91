// The package's module: what the entries (index.js, web.js) export. The
// build bundles it with its imports and the shared runtime into one file,
// sdk.js, next to the wasm glue.
export { redirectPlan, performRedirect, paymentPageUrl, openPaymentPage } from "./redirect.js";
export { StatusView, formatMoney } from "./status.js";
export { followPayment } from "./follow.js";
export { load } from "./load.js";

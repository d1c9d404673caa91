// Without a bundler: `import init, { … } from "smart-glocal-browser/web"; await init();`
export { default, initSync } from "./smart_glocal.js";
export { redirectPlan, performRedirect, StatusView, paymentPageUrl, openPaymentPage, followPayment } from "./sdk.js";
export { SmartGlocalError } from "./error.js";

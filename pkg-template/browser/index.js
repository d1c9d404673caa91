import init from "./smart_glocal.js";
import { load } from "./sdk.js";

await load(init, { module_or_path: new URL("./smart_glocal_bg.wasm", import.meta.url) });

export { redirectPlan, performRedirect, StatusView, formatMoney, paymentPageUrl, openPaymentPage, followPayment } from "./sdk.js";
export { SmartGlocalError } from "./error.js";

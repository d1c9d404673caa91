import wasmInit from "./smart_glocal.js";
import { load } from "./sdk.js";

export default async (input) => {
  const failure = await load(wasmInit, input);
  if (failure) throw failure;
};
export { initSync } from "./smart_glocal.js";
export { redirectPlan, performRedirect, StatusView, formatMoney, paymentPageUrl, openPaymentPage, followPayment } from "./sdk.js";
export { SmartGlocalError } from "./error.js";

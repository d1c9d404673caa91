// Without a bundler: `import init, { … } from "smart-glocal-browser/web"; await init();`
export { default, initSync, redirectPlan, performRedirect, StatusView } from "./smart_glocal.js";
export { followPayment } from "./follow.js";
export { SmartGlocalError } from "./error.js";

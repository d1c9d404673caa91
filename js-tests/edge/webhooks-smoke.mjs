// Run by Deno and Bun from a project that has smart-glocal-edge installed:
// the ./webhooks entry verifies a webhook over its exact bytes and reads its
// view, and refuses a forged signature; prints one JSON line for
// runtimes.test.mjs to check. No file access, no network.
import { Webhooks, paymentView, SmartGlocalError } from "smart-glocal-edge/webhooks";
import { webhookSmoke } from "./smoke-webhook.mjs";

const key = "runtime-smoke-key";
const webhooks = new Webhooks({ project: "p", signingKey: key });
console.log(JSON.stringify(await webhookSmoke(key, (b, s) => webhooks.verifyWebhook(b, s), paymentView, SmartGlocalError)));

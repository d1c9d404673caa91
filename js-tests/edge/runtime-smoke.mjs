// Run by another runtime (Deno, Bun) or as a bundle, from a project that has
// smart-glocal-edge installed: signs a request, verifies a webhook over its
// exact bytes and reads its view; prints the results as one JSON line for
// runtimes.test.mjs to check. No file access, no network.
import { SmartGlocal, paymentView, SmartGlocalError } from "smart-glocal-edge";
import { webhookSmoke } from "./smoke-webhook.mjs";

const key = "runtime-smoke-key";
const sg = new SmartGlocal({ project: "p", signingKey: key });
const prepared = await sg.prepare("session/status", { session_id: "ps_1" });
const hook = await webhookSmoke(key, (b, s) => sg.verifyWebhook(b, s), paymentView, SmartGlocalError);
console.log(JSON.stringify({ url: prepared.url, signed: prepared.headers["X-PARTNER-SIGN"]?.length ?? prepared.headers["x-partner-sign"]?.length,
  ...hook }));

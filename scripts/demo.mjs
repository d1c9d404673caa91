// `make demo`: the sandbox on 127.0.0.1:4010 and the reference worker under
// `wrangler dev` on 127.0.0.1:8787, one log of API calls, webhooks and the
// worker's lines; Ctrl-C stops all.
import { startDemo, testCards } from "./demo-lib.mjs";

const capture = process.env.CAPTURE === "manual" ? "manual" : "auto";
const scheme = process.env.SCHEME === "rsa" ? "rsa" : "hmac";
let demo = null;
let stopping = false;
// Installed before anything starts, so an early Ctrl-C cleans up too.
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    console.log("\nstopping…");
    await demo?.stop();
    process.exit(0);
  });
}
demo = await startDemo({ capture, scheme });
if (stopping) await demo.stop();
console.log(`
  Smart Glocal demo shop:  ${demo.url}/
  merchant admin page:     ${demo.url}/admin.html
  sandbox API:             ${demo.sandboxUrl}   (capture: ${capture}, signatures: ${scheme})

  Test cards (any future expiry, any CVC):
${testCards().map((c) => `    ${c.number}  ${c.what}`).join("\n")}

  Ctrl-C stops everything.
`);
// The admin page asks for this token (a fresh one on every run).
console.log(`admin token: ${demo.adminToken}`);

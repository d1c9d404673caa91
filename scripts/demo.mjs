// `make demo`: the sandbox on 127.0.0.1:4010 and the reference worker in
// workerd on 127.0.0.1:8787, one log of API calls and webhooks; Ctrl-C stops all.
import { startDemo, TEST_CARDS } from "./demo-lib.mjs";

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
  sandbox API:             ${demo.sandboxUrl}   (capture: ${capture}, signatures: ${scheme})

  Test cards (any future expiry, any CVC):
${TEST_CARDS.map(([n, what]) => `    ${n}  ${what}`).join("\n")}

  Ctrl-C stops everything.
`);

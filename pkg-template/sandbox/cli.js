#!/usr/bin/env node
// npx smart-glocal-sandbox: the sandbox on a loopback port, with the
// native sg-sandbox's flags (flags.js).
import { startSandbox, cards } from "./index.js";
import { FLAGS, SWITCHES, readFlags, listeningLine } from "./flags.js";

try {
  const { host, port, scheme, help, printTestCards, quiet, options } = readFlags(process.argv.slice(2));
  if (help) {
    console.log(`smart-glocal-sandbox [${Object.keys(FLAGS).join(" ")} <value>] [${Object.keys(SWITCHES).join(" ")}]`);
  } else if (printTestCards) {
    console.log(JSON.stringify(cards, null, 2));
  } else {
    const sandbox = await startSandbox({ ...options, host, port, ...(quiet ? {} : { log: (line) => console.log(line) }) });
    console.log(listeningLine(sandbox.url, scheme, options));
    for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => sandbox.close().then(() => process.exit(0)));
  }
} catch (e) {
  console.error(`smart-glocal-sandbox: ${e.message}`);
  process.exit(2);
}

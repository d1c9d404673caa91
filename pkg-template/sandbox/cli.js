#!/usr/bin/env node
// npx smart-glocal-sandbox: the sandbox on a loopback port, with the
// native sg-sandbox's flags.
import { readFileSync } from "node:fs";
import { startSandbox, cards } from "./index.js";

const FLAGS = {
  "--listen": "listen", "--project": "project", "--signing-key": "signingKey", "--webhook-url": "webhookUrl",
  "--webhook-retry-base-ms": "retryBaseMs", "--webhook-retry-window-s": "retryWindowS",
  "--webhook-api-version": "webhookApiVersion", "--capture": "capture", "--clock": "clock",
  "--faults": "faults", "--seed": "seed", "--fault-delay-ms": "faultDelayMs",
  "--scheme": "scheme", "--partner-public-key": "partnerPublicKeyFile", "--sg-private-key": "sgPrivateKeyFile",
};
const SWITCHES = { "--auto-confirm": "autoConfirm", "--print-test-cards": "printTestCards", "--help": "help",
  "--json-log": "jsonLog", "--quiet": "quiet" };
const NUMBERS = new Set(["retryBaseMs", "retryWindowS", "webhookApiVersion", "seed", "faultDelayMs"]);

function parse(argv) {
  const out = { listen: "127.0.0.1:4010", signingKey: process.env.SG_SIGNING_KEY };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    if (SWITCHES[flag]) {
      out[SWITCHES[flag]] = true;
      continue;
    }
    const name = FLAGS[flag];
    if (!name) throw new Error(`unknown flag ${flag}`);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    out[name] = NUMBERS.has(name) ? Number(value) : value;
    if (NUMBERS.has(name) && !Number.isSafeInteger(out[name])) throw new Error(`${flag} must be a whole number`);
  }
  return out;
}

try {
  const { listen, printTestCards, help, signingKey, scheme = "hmac", partnerPublicKeyFile, sgPrivateKeyFile, ...options } =
    parse(process.argv.slice(2));
  if (scheme === "rsa") {
    if (!partnerPublicKeyFile || !sgPrivateKeyFile) throw new Error("--scheme rsa needs --partner-public-key and --sg-private-key");
    options.partnerPublicKey = readFileSync(partnerPublicKeyFile, "utf8");
    options.sgPrivateKey = readFileSync(sgPrivateKeyFile, "utf8");
  } else if (scheme !== "hmac") {
    throw new Error("--scheme must be hmac or rsa");
  }
  if (help) {
    console.log(`smart-glocal-sandbox [${Object.keys(FLAGS).join(" ")} <value>] [${Object.keys(SWITCHES).join(" ")}]`);
  } else if (printTestCards) {
    console.log(JSON.stringify(cards, null, 2));
  } else {
    const at = listen.lastIndexOf(":");
    const host = listen.slice(0, at).replace(/^\[(.*)\]$/, "$1");
    const port = Number(listen.slice(at + 1));
    const { quiet, ...rest } = options;
    const sandbox = await startSandbox({ ...rest, signingKey: signingKey ?? "demo-secret", host, port,
      ...(quiet ? {} : { log: (line) => console.log(line) }) });
    const notes = [`scheme ${scheme}`, options.clock === "manual" ? "manual clock" : "", options.faults ? "faults on" : ""];
    console.log(`smart-glocal-sandbox listening on ${sandbox.url} (${notes.filter(Boolean).join(", ")})`);
    for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => sandbox.close().then(() => process.exit(0)));
  }
} catch (e) {
  console.error(`smart-glocal-sandbox: ${e.message}`);
  process.exit(2);
}

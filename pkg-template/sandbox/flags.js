// The command line of `npx smart-glocal-sandbox`: the native sg-sandbox's
// flags, read into the options of startSandbox (key files read here).
import { readFileSync } from "node:fs";

export const FLAGS = Object.freeze({
  "--listen": "listen", "--project": "project", "--signing-key": "signingKey", "--webhook-url": "webhookUrl",
  "--webhook-retry-base-ms": "retryBaseMs", "--webhook-retry-window-s": "retryWindowS",
  "--webhook-api-version": "webhookApiVersion", "--capture": "capture", "--clock": "clock",
  "--faults": "faults", "--seed": "seed", "--fault-delay-ms": "faultDelayMs",
  "--scheme": "scheme", "--partner-public-key": "partnerPublicKeyFile", "--sg-private-key": "sgPrivateKeyFile",
});
export const SWITCHES = Object.freeze({ "--auto-confirm": "autoConfirm", "--print-test-cards": "printTestCards",
  "--help": "help", "--json-log": "jsonLog", "--quiet": "quiet" });
const NUMBERS = new Set(["retryBaseMs", "retryWindowS", "webhookApiVersion", "seed", "faultDelayMs"]);

function parse(argv) {
  const out = { listen: "127.0.0.1:4010", signingKey: process.env.SG_SIGNING_KEY };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    if (Object.hasOwn(SWITCHES, flag)) {
      out[SWITCHES[flag]] = true;
      continue;
    }
    const name = Object.hasOwn(FLAGS, flag) ? FLAGS[flag] : undefined;
    if (!name) throw new Error(`unknown flag ${flag}`);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    out[name] = NUMBERS.has(name) ? Number(value) : value;
    if (NUMBERS.has(name) && !Number.isSafeInteger(out[name])) throw new Error(`${flag} must be a whole number`);
  }
  return out;
}

/**
 * `{ listen, host, port, scheme, help, printTestCards, quiet, options }`
 * from the flags; `options` are startSandbox's (no host, port or log).
 * Throws an Error naming the flag at fault.
 */
export function readFlags(argv) {
  const { listen, printTestCards, help, quiet, signingKey, scheme = "hmac", partnerPublicKeyFile, sgPrivateKeyFile,
    ...options } = parse(argv);
  if (scheme === "rsa") {
    if (!partnerPublicKeyFile || !sgPrivateKeyFile) throw new Error("--scheme rsa needs --partner-public-key and --sg-private-key");
    options.partnerPublicKey = readFileSync(partnerPublicKeyFile, "utf8");
    options.sgPrivateKey = readFileSync(sgPrivateKeyFile, "utf8");
  } else if (scheme !== "hmac") {
    throw new Error("--scheme must be hmac or rsa");
  }
  options.signingKey = signingKey ?? "demo-secret";
  const at = listen.lastIndexOf(":");
  const host = listen.slice(0, at).replace(/^\[(.*)\]$/, "$1");
  const port = Number(listen.slice(at + 1));
  if (at < 0 || !Number.isInteger(port) || port < 0 || port > 65535) throw new Error("--listen must be host:port");
  return { listen, host, port, scheme, help: !!help, printTestCards: !!printTestCards, quiet: !!quiet, options };
}

/** The startup line both shells print; tests find the address in it. */
export function listeningLine(url, scheme, options) {
  const notes = [`scheme ${scheme}`, options.clock === "manual" ? "manual clock" : "", options.faults ? "faults on" : ""];
  return `smart-glocal-sandbox listening on ${url} (${notes.filter(Boolean).join(", ")})`;
}

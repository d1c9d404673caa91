#!/usr/bin/env node
// The sandbox's worker (pkg/sandbox/worker.js) in workerd, through
// Miniflare, on a loopback port: a third shell for the sandbox's HTTP
// suites (SG_SANDBOX_SHELL=workerd). It takes the CLI's flags, gives them
// to the worker as its SANDBOX_* bindings, and prints the CLI's startup
// line. Test tooling only: the package does not depend on Miniflare.
import { fileURLToPath } from "node:url";
import { Miniflare } from "miniflare";

const pkg = fileURLToPath(new URL("../pkg/sandbox/", import.meta.url));
const { readFlags, listeningLine } = await import(`${pkg}flags.js`);
const { FROM_ENV } = await import(`${pkg}env.js`);

try {
  const { host, port, scheme, options } = readFlags(process.argv.slice(2));
  const bindings = {};
  for (const [name, key] of FROM_ENV) {
    if (options[key] !== undefined) bindings[name] = String(options[key]);
  }
  const mf = new Miniflare({
    host,
    port,
    modules: true,
    scriptPath: `${pkg}worker.js`,
    modulesRoot: pkg,
    modulesRules: [
      { type: "ESModule", include: ["**/*.js"] },
      { type: "CompiledWasm", include: ["**/*.wasm"] },
    ],
    compatibilityDate: "2024-09-23",
    bindings,
    // workerd's own output to stderr: stdout carries the startup line only.
    handleRuntimeStdio(stdout, stderr) {
      stdout.pipe(process.stderr);
      stderr.pipe(process.stderr);
    },
  });
  const url = await mf.ready;
  console.log(listeningLine(url.origin, scheme, options));
  const stop = () => mf.dispose().finally(() => process.exit(0));
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, stop);
  // Started by a test with a pipe as stdin: its end (the test dropped this
  // shell, or died) ends workerd too, which a SIGKILL of Node would orphan.
  if (!process.stdin.isTTY) {
    process.stdin.on("close", stop);
    process.stdin.resume();
  }
} catch (e) {
  console.error(`sandbox-workerd: ${e.message}`);
  process.exit(2);
}

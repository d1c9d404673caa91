// The README's recipe runs as it is written: its first js block is a
// node:test file, run from the consumer project.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";

test("the README's test-suite recipe passes", () => {
  const readme = readFileSync("node_modules/smart-glocal-sandbox/README.md", "utf8");
  const block = readme.match(/```js\n([\s\S]*?)```/)?.[1];
  assert.ok(block?.includes("startSandbox"), "the recipe is there");
  writeFileSync("readme-recipe.mjs", block);
  // A run of its own (not a child of this test run's reporter).
  const env = { ...process.env };
  delete env.NODE_TEST_CONTEXT;
  const run = spawnSync(process.execPath, ["--test", "readme-recipe.mjs"], { encoding: "utf8", timeout: 60_000, env });
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /pass 1/);
  assert.match(run.stdout, /fail 0/);
});

test("the README names every binding the worker reads", async () => {
  const readme = readFileSync("node_modules/smart-glocal-sandbox/README.md", "utf8");
  const { FROM_ENV } = await import(new URL("../node_modules/smart-glocal-sandbox/env.js", import.meta.url));
  assert.ok(FROM_ENV.length >= 15);
  for (const [name] of FROM_ENV) assert.ok(readme.includes(`\`${name}\``), name);
});

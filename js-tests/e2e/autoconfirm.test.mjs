// An account with automatic confirmation (the sandbox's --auto-confirm): no
// ready_to_confirm comes, the worker confirms nothing, and its orders still
// reach their final state.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { prepare, startDemo } from "../../scripts/demo-lib.mjs";
import { CARD, customer, until } from "./helpers.mjs";

const logs = [];
let demo;
before(async () => {
  demo = await startDemo({ workerPort: 18793, sandboxPort: 14015, sandboxArgs: ["--auto-confirm"], paths: prepare(), log: (l) => logs.push(l) });
});
after(async () => {
  await demo?.stop();
  if (process.env.E2E_LOG) console.log(logs.join("\n"));
});

test("with automatic confirmation the order succeeds without a confirm from the worker", async () => {
  const call = customer(demo);
  const res = await call("/api/checkout", { method: "POST", body: { product_id: "beans-1kg", mode: "card", card: CARD("4242424242424242") } });
  assert.equal(res.status, 200);
  const view = await until(async () => {
    const v = (await call(res.json.status_url)).json;
    return v.final ? v : null;
  }, "the final state");
  assert.equal(view.state, "succeeded");
  assert.ok(!logs.some((l) => l.includes("ready_to_confirm")), "no ready_to_confirm was sent");
  assert.ok(!logs.some((l) => l.includes("POST /api/v1/session/confirm")), "the worker confirmed nothing");
});

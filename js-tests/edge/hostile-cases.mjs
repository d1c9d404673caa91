// The third round of hostile input (one reading of every byte, own
// properties only, nothing echoed), as cases that run alike in Node and
// inside workerd: `runCases(sdk, env)` returns one entry per case, with the
// failures it found. `env` gives `hmac(body)` (HMAC-SHA256 hex, async),
// `apiUrl` (a loopback API that answers an ok session), `repeatUrl` (one
// whose answer repeats a key) and `requests()` (what the first received,
// async).
const PAID = {
  type: "payment_finished",
  session: {
    id: "ps_1",
    status: "accepted",
    acquiring_payments: [{
      id: "pm_1",
      status: "succeeded",
      amount_details: { amount: 100, currency: "usd" },
      payment_details: { type: "card", card: { brand: "visa", last4: "4242" } },
    }],
  },
};
const PAID_TEXT = JSON.stringify(PAID);
const KEY = "demo-secret";

export async function runCases(sdk, env) {
  const { SmartGlocal, SmartGlocalError, paymentView, viewBeforeStart, operation, returnToGet } = sdk;
  const results = [];
  const run = async (name, fn) => {
    const problems = [];
    const expect = (ok, what) => {
      if (!ok) problems.push(what);
    };
    try {
      await fn(expect);
    } catch (e) {
      problems.push(`threw ${e?.name}: ${e?.code ?? ""} ${e?.message}`);
    }
    results.push({ name, problems });
  };
  // `fn` must throw (or reject with) a SmartGlocalError of `code`.
  const fails = async (fn, code, check = () => true) => {
    try {
      await fn();
    } catch (e) {
      return e instanceof SmartGlocalError && e.code === code && check(e) ? e : null;
    }
    return null;
  };
  const sg = new SmartGlocal({ project: "demo", signingKey: KEY });
  const verify = async (body) => sg.verifyWebhook(body, await env.hmac(body));

  await run("a signed body repeating a key is refused whole, escaped or not", async (expect) => {
    const repeats = [
      ['"status":"succeeded"', '"status":"failed"'],
      ['"status":"succeeded"', '"st\\u0061tus":"failed"'],
      ['"type":"payment_finished"', '"type":"ready_to_confirm"'],
      ['"amount":100', '"amount":1'],
      ['"currency":"usd"', '"currency":"jpy"'],
      ['"id":"ps_1"', '"id":"ps_2"'],
      ['"last4":"4242"', '"last4":"0002"'],
      ['"acquiring_payments":[', '"acquiring_payments":[],"acquiring_payments":['],
    ];
    for (const [member, again] of repeats) {
      const body = again.startsWith('"acquiring_payments":[]')
        ? PAID_TEXT.replace(member, again)
        : PAID_TEXT.replace(member, `${member},${again}`);
      const e = await fails(() => verify(body), "malformed_payload", (e) => e.line === 1 && e.column > 1);
      expect(e, `accepted a repeated ${member}`);
      expect(!e || !/4242|0002/.test(e.message), "echoed a value");
    }
    const session = PAID_TEXT.replace('"session":', '"session":{"id":"x","status":"accepted"},"session":');
    expect(await fails(() => verify(session), "malformed_payload"), "accepted a repeated session");
    // An answer of the API alike.
    const client = new SmartGlocal({ project: "demo", signingKey: KEY, baseUrl: env.repeatUrl, maxRetries: 0 });
    expect(await fails(() => client.status("ps_1"), "malformed_payload"), "accepted an answer with a repeated key");
    // And caller text.
    const text = PAID_TEXT.replace('"status":"succeeded"', '"status":"succeeded","status":"failed"');
    expect(await fails(() => paymentView(text), "malformed_payload"), "paymentView read repeated text");
    expect(await fails(() => operation(text), "malformed_payload"), "operation read repeated text");
  });

  await run("paymentView(x) and paymentView(x, opts) agree, whatever the caller does to x", async (expect) => {
    const withMeta = PAID_TEXT.replace('"status":"accepted"', '"status":"accepted","metadata":{"order":"A-1"}');
    const event = await verify(withMeta);
    const plain = JSON.stringify(paymentView(event));
    expect(JSON.stringify(paymentView(event, {})) === plain, "paymentView(x, {}) differs");
    event.session.acquiring_payments[0].status = "failed";
    event.session.acquiring_payments[0].amount_details.amount = 1;
    expect(JSON.stringify(paymentView(event)) === plain, "the view followed a change to the object");
    expect(JSON.stringify(paymentView(event, {})) === plain, "the view with options followed a change");
    const meta = paymentView(event, { includeMetadata: true });
    expect(meta.state === "succeeded" && meta.metadata?.order === "A-1", `with metadata: ${JSON.stringify(meta)}`);
    expect(!Object.keys(event).some((k) => typeof k !== "string") && !JSON.stringify(event).includes("source"), "the source shows");
    // A copy is the caller's own object, read as it is.
    const copy = structuredClone(event);
    expect(paymentView(copy).state === "failed", "a copy was read as the original");
  });

  await run("an own __proto__ key, an array or a class instance is no configuration", async (expect) => {
    const polluted = JSON.parse(`{"project":"p","signingKey":"k","__proto__":{"baseUrl":"https://evil.test"}}`);
    expect(await fails(() => new SmartGlocal(polluted), "invalid_params", (e) => e.field === "config"), "a __proto__ key in config was taken");
    expect(await fails(() => new SmartGlocal(["p", "k"]), "invalid_params", (e) => e.field === "config"), "an array config");
    expect(await fails(() => new SmartGlocal(new Date()), "invalid_params", (e) => e.field === "config"), "a Date config");
    const opts = JSON.parse(`{"__proto__":{"includeMetadata":true}}`);
    expect(await fails(() => paymentView(PAID, opts), "invalid_params", (e) => e.field === "opts"), "a __proto__ key in opts");
    expect(await fails(() => paymentView(PAID, []), "invalid_params", (e) => e.field === "opts"), "array opts of paymentView");
    expect(await fails(() => sg.prepare("session/status", { session_id: "ps_1" }, ["x"]), "invalid_params", (e) => e.field === "opts"), "array opts of prepare");
    expect(await fails(() => sg.handleWebhook(new Request("http://x/", { method: "POST", body: "{}" }), [1]), "invalid_params"), "array opts of handleWebhook");
    // Inherited members of a plain object are not members.
    const inherited = Object.create({ signingKey: "k" });
    inherited.project = "p";
    expect(await fails(() => new SmartGlocal(inherited), "invalid_params"), "an inherited option was read");
  });

  await run("with Object.prototype polluted, no option comes from it", async (expect) => {
    const gadgets = {
      baseUrl: "https://evil.test",
      onRequest: () => expect(false, "a polluted onRequest hook ran"),
      onResponse: () => expect(false, "a polluted onResponse hook ran"),
      maxRetries: 9,
      timeoutMs: 1,
      includeMetadata: true,
      idempotencyKey: "polluted-key",
      submerchant: "polluted-shop",
      maxBytes: 64 * 1024 * 1024,
      privateKey: "-----BEGIN PRIVATE KEY-----",
      locale: "xx",
      base: "https://evil.test",
    };
    const before = (await env.requests()).length;
    for (const [k, v] of Object.entries(gadgets)) Object.defineProperty(Object.prototype, k, { value: v, configurable: true, writable: true });
    try {
      const client = new SmartGlocal({ project: "demo", signingKey: KEY, baseUrl: env.apiUrl });
      await client.status("ps_3230");
      const seen = (await env.requests()).slice(before);
      expect(seen.length === 1, `requests: ${seen.length}`);
      const h = seen[0]?.headers ?? {};
      expect(h["x-partner-submerchant"] === undefined, "a polluted submerchant was sent");
      expect(h["x-partner-idempotency-key"] !== "polluted-key", "a polluted idempotency key was sent");
      const view = paymentView(PAID_TEXT.replace('"status":"accepted"', '"status":"accepted","metadata":{"m":1}'));
      expect(!("metadata" in view) || view.metadata === undefined, "polluted includeMetadata exposed metadata");
      const big = "x".repeat(2 * 1024 * 1024);
      const cap = await fails(() => sg.handleWebhook(new Request("http://x/", { method: "POST", body: big, headers: { "x-partner-sign": "a".repeat(64) } })), "payload_too_large", (e) => e.limit === 1024 * 1024);
      expect(cap, "a polluted maxBytes lifted the webhook cap");
      const page = sdk.paymentPageUrl("tok_1");
      expect(!page.includes("evil.test"), `a polluted base moved the payment page: ${page}`);
    } finally {
      for (const k of Object.keys(gadgets)) delete Object.prototype[k];
    }
  });

  await run("the caller's buffer is read once, before any await", async (expect) => {
    const bytes = new TextEncoder().encode(PAID_TEXT);
    const sig = await env.hmac(PAID_TEXT);
    const pending = sg.verifyWebhook(bytes, sig);
    // Recycled while the call awaits: the signed bytes are what is read.
    bytes.set(new TextEncoder().encode(PAID_TEXT.replace("succeeded", "failed___")));
    const event = await pending;
    expect(event.session.acquiring_payments[0].status === "succeeded", "parsed bytes that were never signed");
    expect(paymentView(event).state === "succeeded", "the view read changed bytes");
    // A Node Buffer (whose own `slice` is a view) recycled alike.
    if (typeof Buffer !== "undefined") {
      const buf = Buffer.from(PAID_TEXT);
      const p = sg.verifyWebhook(buf, sig);
      buf.write(PAID_TEXT.replace("succeeded", "failed___"));
      expect((await p).session.acquiring_payments[0].status === "succeeded", "a recycled Buffer was read after the await");
    }
    // Detached while the call awaits.
    const again = new TextEncoder().encode(PAID_TEXT);
    const p2 = sg.verifyWebhook(again.buffer, sig);
    structuredClone(again.buffer, { transfer: [again.buffer] });
    expect((await p2).session.id === "ps_1", "a detached buffer broke the call");
    // Detached before: refused as the caller's error, no reset.
    const gone = new TextEncoder().encode(PAID_TEXT);
    structuredClone(gone.buffer, { transfer: [gone.buffer] });
    expect(await fails(() => sg.verifyWebhook(gone, sig), "invalid_params", (e) => e.field === "rawBody"), "a detached buffer");
  });

  await run("payload keys never reach an error", async (expect) => {
    for (const key of ["4111111111111111", "DE89370400440532013000", "rt_feda2b2106a2e8747bbdc4c9"]) {
      const body = PAID_TEXT.replace('"currency":"usd"}', `"currency":"usd"},"amounts":{"${key}":9007199254740993}`);
      const e = await fails(() => verify(body), "malformed_payload");
      expect(e && e.field === "session.acquiring_payments[0].amounts", `field ${e?.field}`);
      expect(e && !(e.field + e.message).includes(key), "echoed a key");
      const v = await fails(() => paymentView(body), "invalid_params");
      expect(v && !(v.field + v.message).includes(key), "paymentView echoed a key");
    }
  });

  await run("hooks never see a card number, token or IBAN, however it is written", async (expect) => {
    const seen = [];
    const client = new SmartGlocal({ project: "demo", signingKey: KEY, baseUrl: env.apiUrl, onRequest: (info) => seen.push(info.body) });
    const secrets = {
      pan: "4111 1111 1111 1111",
      note: "card 4111-1111-1111-1111 please",
      zw: "4111\u200b1111\u200b1111\u200b1111",
      recurrent_token: "feda2b2106a2e8747bbdc4c9f53c7f5f6ab845ffa1b7cc68ca839720af99b3d1",
      iban: "DE89 3704 0044 0532 0130 00",
      text: "pay to de89370400440532013000 today",
    };
    await client.createSession({ metadata: secrets });
    const body = seen[0] ?? "";
    expect(body.includes("[redacted]"), "nothing redacted");
    for (const needle of ["4111", "feda2b", "DE89", "de89", "0532"]) expect(!body.includes(needle), `${needle} reached the hook: ${body}`);
  });

  await run("credentials in baseUrl are refused, and never reach a hook", async (expect) => {
    const e = await fails(() => new SmartGlocal({ project: "p", signingKey: "k", baseUrl: "https://user:secret@api.test" }), "invalid_params", (e) => e.field === "baseUrl");
    expect(e && !e.message.includes("secret"), "credentials accepted or echoed");
  });

  await run("amounts JavaScript cannot hold (not finite, negative zero) are refused", async (expect) => {
    for (const n of ["1E400", "-1e999", "-0"]) {
      const body = PAID_TEXT.replace('"currency":"usd"}', `"currency":"usd"},"amounts":{"fee":${n}}`);
      expect(await fails(() => verify(body), "malformed_payload", (e) => e.field === "session.acquiring_payments[0].amounts.fee"), n);
    }
    expect(await fails(() => verify(PAID_TEXT.replace('"amount":100', '"amount":-0')), "malformed_payload"), "amount -0");
  });

  await run("returnToGet encodes targets outside ASCII alike", async (expect) => {
    for (const [target, location] of [["/status/café", "/status/caf%C3%A9"], ["/status/€", "/status/%E2%82%AC"]]) {
      const res = await returnToGet(new Request("http://x/r?MD=1", { method: "GET" }), target);
      expect(res.headers.get("location") === `${location}?MD=1`, `${target} → ${res.headers.get("location")}`);
    }
  });

  await run("the edge view never carries a redirect that is not http(s)", async (expect) => {
    for (const url of ["javascript:alert(1)", "data:text/html,x", "file:///etc/passwd", "https://u:p@acs.test/"]) {
      const s = structuredClone(PAID);
      s.type = "action_required";
      Object.assign(s.session.acquiring_payments[0], { status: "pending", customer_interaction: { type: "redirect", redirect: { url, method: "GET" } } });
      const view = paymentView(await verify(JSON.stringify(s)));
      expect(view.redirect === null && !JSON.stringify(view).includes(url), `${url}: ${JSON.stringify(view.redirect)}`);
    }
  });

  await run("an over-deep caller object is invalid_params at any depth", async (expect) => {
    for (const depth of [1_000, 100_000]) {
      let deep = { id: "ps_1", status: "accepted" };
      for (let i = 0; i < depth; i++) deep = { metadata: deep };
      expect(await fails(() => paymentView(deep), "invalid_params", (e) => e.field === "sessionOrEvent"), `paymentView at ${depth}`);
      expect(await fails(() => operation(deep), "invalid_params", (e) => e.field === "sessionOrEvent"), `operation at ${depth}`);
    }
  });
  await run("viewBeforeStart reads own members once, and names each bad one", async (expect) => {
    const pending = viewBeforeStart({ id: "op_1", kind: "payment", amount: 1050, currency: "EUR" });
    const keys = Object.keys(paymentView(PAID)).join();
    expect(Object.keys(pending).join() === keys, `keys ${Object.keys(pending).join()}`);
    expect(pending.state === "processing" && !pending.final && pending.session_id === "op_1" && pending.currency === "eur", JSON.stringify(pending));
    const refused = viewBeforeStart({ kind: "payout", amount: 5, currency: "jpy", failure: { code: "declined" } });
    expect(refused.state === "failed" && refused.final && refused.failure?.code === "declined" && refused.kind === "payout", JSON.stringify(refused));
    let reads = 0;
    const getter = { kind: "payment", currency: "usd", get amount() { reads += 1; return reads === 1 ? 7 : 7e15; } };
    expect(viewBeforeStart(getter).amount === 7 && reads === 1, `getter read ${reads} times`);
    const inherited = Object.assign(Object.create({ amount: 3 }), { kind: "payment", currency: "usd" });
    expect(await fails(() => viewBeforeStart(inherited), "invalid_params"), "an inherited amount was read");
    const proto = JSON.parse('{"kind":"payment","amount":1,"currency":"usd","__proto__":{"failure":{"code":"x"}}}');
    expect(await fails(() => viewBeforeStart(proto), "invalid_params", (e) => e.field === "operation"), "__proto__ accepted");
    for (const [bad, field] of [
      [{ kind: "refund", amount: 1, currency: "usd" }, "operation.kind"],
      [{ kind: "payment", amount: 1.5, currency: "usd" }, "operation.amount"],
      [{ kind: "payment", amount: 2 ** 53, currency: "usd" }, "operation.amount"],
      [{ kind: "payment", amount: "1", currency: "usd" }, "operation.amount"],
      [{ kind: "payment", amount: 1, currency: "dollars" }, "operation.currency"],
      [{ kind: "payment", amount: 1, currency: "usd", failure: { description: "d" } }, "operation.failure.code"],
      [{ kind: "payment", amount: 1, currency: "usd", state: "succeeded" }, "operation"],
      [[], "operation"],
    ]) {
      const e = await fails(() => viewBeforeStart(bad), "invalid_params", (e) => e.field === field);
      expect(e, `${JSON.stringify(bad)} → not invalid_params at ${field}`);
      expect(!e || !e.message.includes("dollars"), "the message quotes the value");
    }
  });
  return results;
}

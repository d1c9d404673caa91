// smart-glocal-browser/qr in Chromium: an FPS deep link as a QR code that
// reads back as the link (decoded here with jsQR), with its text
// alternative and the link as a button; anything that is no link, or
// options of the wrong shape, refused by name.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { openPage } from "./site.mjs";
import { readQrSvg } from "./qr-read.mjs";

const root = process.cwd();
const pkg = "/node_modules/smart-glocal-browser/";
const manifest = JSON.parse(readFileSync(join(root, "node_modules/smart-glocal-browser/package.json"), "utf8"));
const webEntry = pkg + manifest.exports["./web"].default.replace(/^\.\//, "");
const qrEntry = pkg + manifest.exports["./qr"].default.replace(/^\.\//, "");
const LINK = "https://qr.nspk.ru/AS1000670LSS7DN18SJQDNP4B05KLJL2?type=02&bank=100000000001&sum=150000&cur=RUB&crc=C08B";

let t;
before(async () => {
  t = await openPage(root, webEntry, "qr-page");
  await t.page.evaluate(async (entry) => {
    window.qr = await import(entry);
  }, qrEntry);
});
after(async () => {
  await t?.close();
});

test("showQrCode: the code reads back as the link, named for assistive technology, with the link as a button", async () => {
  const out = await t.page.evaluate(async (link) => {
    const box = document.createElement("div");
    box.id = "qr-box";
    document.body.append(box);
    const { svg, button } = await window.qr.showQrCode(box, link, { label: "Scan to pay 1,500.00 RUB", openLabel: "Open your bank" });
    return { tag: svg.tagName, role: svg.getAttribute("role"), label: svg.getAttribute("aria-label"), title: svg.querySelector("title").textContent,
      href: button.getAttribute("href"), text: button.textContent, rel: button.rel, children: box.children.length };
  }, LINK);
  assert.deepEqual(out, { tag: "svg", role: "img", label: "Scan to pay 1,500.00 RUB", title: "Scan to pay 1,500.00 RUB",
    href: LINK, text: "Open your bank", rel: "noopener noreferrer", children: 2 });
  assert.equal(readQrSvg(await t.page.locator('[data-testid="fps-qr"]').evaluate((e) => e.outerHTML)), LINK);
  assert.deepEqual(t.errors, []);
});

test("no link, no code: each bad argument named, nothing quoted", async () => {
  const out = await t.page.evaluate(async () => {
    const code = async (f) => { try { await f(); return "ok"; } catch (e) { return `${e.name}:${e.code}:${e.field}:${e.message.includes("evil") || e.message.includes("alert")}`; } };
    const box = document.createElement("div");
    return [
      await code(() => window.qr.qrCodeSvg("javascript:alert(1)")),
      await code(() => window.qr.qrCodeSvg("https://evil.test/a b")),
      await code(() => window.qr.qrCodeSvg("https://u@evil.test/")),
      await code(() => window.qr.qrCodeSvg(`https://evil.test/${"a".repeat(3000)}`)),
      await code(() => window.qr.qrCodeSvg(42)),
      await code(() => window.qr.qrCodeSvg("https://bank.test/x", { label: "x".repeat(201) })),
      await code(() => window.qr.qrCodeSvg("https://bank.test/x", { label: 7 })),
      await code(() => window.qr.qrCodeSvg("https://bank.test/x", JSON.parse('{"__proto__":{"label":"x"}}'))),
      await code(() => window.qr.showQrCode({}, "https://bank.test/x")),
      await code(() => window.qr.showQrCode(box, "https://bank.test/x", { openLabel: ["x"] })),
    ];
  });
  assert.deepEqual(out, [
    "SmartGlocalError:invalid_params:link:false", "SmartGlocalError:invalid_params:link:false", "SmartGlocalError:invalid_params:link:false",
    "SmartGlocalError:invalid_params:link:false", "SmartGlocalError:invalid_params:link:false", "SmartGlocalError:invalid_params:opts.label:false",
    "SmartGlocalError:invalid_params:opts.label:false", "SmartGlocalError:invalid_params:opts:false", "SmartGlocalError:invalid_params:element:false",
    "SmartGlocalError:invalid_params:opts.openLabel:false",
  ]);
});

test("a label is text, never markup; a getter is read once", async () => {
  const out = await t.page.evaluate(async () => {
    let reads = 0;
    const opts = {};
    Object.defineProperty(opts, "label", { enumerable: true, get() { reads += 1; return "<img src=x onerror=alert(1)>"; } });
    const svg = await window.qr.qrCodeSvg("https://bank.test/pay?x=1&y=2", opts);
    const doc = new DOMParser().parseFromString(svg, "image/svg+xml");
    return { reads, images: doc.querySelectorAll("img").length, title: doc.querySelector("title").textContent };
  });
  assert.deepEqual(out, { reads: 1, images: 0, title: "<img src=x onerror=alert(1)>" });
});

test("followPayment's onView sees each view (an FPS payment's QR link), survives a hook that throws, and must be a function", async () => {
  const base = { session_id: "ps_9", state: "processing", final: false, amount: 150000, currency: "rub", card: null, redirect: null, updated_at: "t1" };
  const interaction = { type: "qr", content: LINK };
  t.site.setScript([
    { body: base },
    { body: { ...base, state: "action_required", interaction, updated_at: "t2" } },
    { body: { ...base, state: "succeeded", final: true, updated_at: "t3" } },
  ]);
  const out = await t.page.evaluate(async () => {
    const seen = [];
    const el = document.createElement("div");
    document.body.append(el);
    const view = await window.sg.followPayment(el, "/status/ps_9", { intervalMs: 30, timeoutMs: 10000, autoRedirect: false,
      onView(v) {
        seen.push([v.state, v.interaction?.content ?? null, Object.getPrototypeOf(v) === null]);
        throw new Error("the page's own bug");
      } });
    let refused;
    try {
      await window.sg.followPayment(el, "/status/ps_9", { onView: "yes" });
    } catch (e) {
      refused = `${e.code}:${e.field}`;
    }
    return { final: view.state, seen: seen.filter((s, i, a) => JSON.stringify(s) !== JSON.stringify(a[i - 1])), refused };
  });
  assert.equal(out.final, "succeeded");
  assert.deepEqual(out.seen, [["processing", null, true], ["action_required", LINK, true], ["succeeded", null, true]]);
  assert.equal(out.refused, "invalid_params:opts.onView");
  // The hook's errors are the page's (reportError), never a rejection of followPayment.
  assert.ok(t.errors.every((e) => /the page's own bug/.test(e)), String(t.errors));
  t.errors.length = 0;
});

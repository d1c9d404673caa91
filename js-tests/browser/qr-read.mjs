// Reads a QR code the way a phone would, from what the page shows: the
// SVG's modules (its path's runs) drawn to pixels, then decoded by jsQR.
import assert from "node:assert/strict";
import jsQR from "jsqr";

export function readQrSvg(svg) {
  const size = Number(/viewBox="0 0 (\d+) \1"/.exec(svg)?.[1]);
  assert.ok(size > 21, "a viewBox");
  const scale = 6;
  const w = size * scale;
  const pixels = new Uint8ClampedArray(w * w * 4).fill(255);
  const d = /<path[^>]* d="([^"]+)"/.exec(svg)[1];
  for (const [, x, y, run] of d.matchAll(/M(\d+),(\d+)h(\d+)v1h-\d+z/g)) {
    for (let py = Number(y) * scale; py < (Number(y) + 1) * scale; py++) {
      const from = (py * w + Number(x) * scale) * 4;
      for (let p = from; p < from + Number(run) * scale * 4; p += 4) pixels.fill(0, p, p + 3);
    }
  }
  return jsQR(pixels, w, w)?.data ?? null;
}

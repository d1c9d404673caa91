// Bodies from outside, read within their caps (the core sets them): by
// Content-Length before reading, then by counting while streaming, never
// holding more than the cap plus one chunk.
import { guard } from "./runtime.js";
import { SmartGlocalError } from "./error.js";
import { errorOf, networkError, tooLarge } from "./smart_glocal.js";

const encoder = new TextEncoder();

export async function readCapped(message, cap) {
  let reader;
  try {
    if (message.bodyUsed) throw guard(() => errorOf("invalid_params", "request", "its body was already read"));
    if (!message.body) return new Uint8Array(0);
    reader = message.body.getReader();
  } catch (e) {
    if (e instanceof SmartGlocalError) throw e;
    throw guard(() => errorOf("invalid_params", "request", "its body cannot be read"));
  }
  const chunks = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > cap) {
        reader.cancel().catch(() => {});
        throw guard(() => tooLarge(cap));
      }
      chunks.push(value);
    }
  } catch (e) {
    if (e instanceof SmartGlocalError) throw e;
    throw guard(() => networkError("the body could not be read"));
  }
  // Always a copy of our own: a chunk may be a view of a buffer that its
  // source reuses.
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

// A body given as a string (UTF-8), Uint8Array or ArrayBuffer, within `cap`
// bytes, as a copy of our own made at once: a caller's buffer may change
// (frameworks recycle them) or be detached while a call awaits, and only
// the bytes copied here are verified, signed and parsed.
export function toBytes(body, field, cap) {
  let bytes;
  let kind = false;
  try {
    if (typeof body === "string") {
      kind = true;
      if (body.length > cap) throw guard(() => tooLarge(cap));
      bytes = encoder.encode(body);
    } else if (body instanceof Uint8Array || body instanceof ArrayBuffer) {
      kind = true;
      const size = body.byteLength;
      if (size > cap) throw guard(() => tooLarge(cap));
      // Uint8Array's own slice: a Node Buffer's `slice` is a view, not a copy.
      bytes = body instanceof Uint8Array ? Uint8Array.prototype.slice.call(body) : new Uint8Array(ArrayBuffer.prototype.slice.call(body, 0));
      if (bytes.byteLength !== size) bytes = undefined;
    }
  } catch (e) {
    if (e instanceof SmartGlocalError) throw e;
    bytes = undefined;
  }
  if (!bytes && kind) throw guard(() => errorOf("invalid_params", field, "could not be read (a detached buffer?)"));
  if (!bytes) throw guard(() => errorOf("invalid_params", field, "must be a string, Uint8Array or ArrayBuffer"));
  if (bytes.byteLength > cap) throw guard(() => tooLarge(cap));
  return bytes;
}

export function requireRequest(request) {
  let ok = false;
  try {
    ok = request instanceof Request;
  } catch {}
  if (!ok) throw guard(() => errorOf("invalid_params", "request", "must be a Request"));
  return request;
}

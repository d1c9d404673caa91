// WebCrypto for both schemes (native in workerd and Node): HMAC-SHA256 and
// RSASSA-PKCS1-v1_5 with SHA-256. Keys come checked from the core and are
// imported once per client; `verify` compares in constant time. In Node,
// HMAC is node:crypto's (the Node entry hands it over): its WebCrypto takes
// some 50 µs a call where createHmac takes a few.
import { guard } from "./runtime.js";
import { invalidKey } from "./smart_glocal.js";

const HASH = "SHA-256";

// node:crypto, when the entry has it: `load` gives it, called at the first
// key's import (loading it is milliseconds the import need not wait for).
let loadNode = null;
let node = null;
export function useNodeCrypto(load) {
  loadNode = load;
}

async function importKeys(core) {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) throw guard(() => invalidKey("WebCrypto (crypto.subtle) is not available"));
  try {
    if (core.scheme === "hmac") {
      if (loadNode) {
        // Once; a Node without it (or a failing loader) keeps WebCrypto.
        try {
          node = loadNode();
        } catch {
          node = null;
        }
        loadNode = null;
      }
      if (node) return { secret: core.keyData("secret") };
      const alg = { name: "HMAC", hash: HASH };
      const key = await subtle.importKey("raw", core.keyData("secret"), alg, false, ["sign", "verify"]);
      return { alg, sign: key, verify: key };
    }
    const alg = { name: "RSASSA-PKCS1-v1_5", hash: HASH };
    const pub = core.keyData("public");
    return {
      alg,
      sign: await subtle.importKey("pkcs8", core.keyData("private"), alg, false, ["sign"]),
      verify: pub ? await subtle.importKey("spki", pub, alg, false, ["verify"]) : null,
    };
  } catch {
    throw guard(() => invalidKey("WebCrypto cannot import the key (is it a valid key of its scheme?)"));
  }
}

// A client's keys, imported once (again after a failed import).
export function cryptoKeys(core) {
  let keys = null;
  return () =>
    (keys ??= importKeys(core()).catch((e) => {
      keys = null;
      throw e;
    }));
}

const hmac = (secret, bytes) => node.createHmac("sha256", secret).update(bytes).digest();

export async function signBytes(keys, bytes) {
  if (keys.secret) return new Uint8Array(hmac(keys.secret, bytes));
  return new Uint8Array(await crypto.subtle.sign(keys.alg, keys.sign, bytes));
}

export async function verifyBytes(keys, signature, bytes) {
  try {
    if (keys.secret) {
      const mac = hmac(keys.secret, bytes);
      return mac.length === signature.length && node.timingSafeEqual(mac, signature);
    }
    return await crypto.subtle.verify(keys.alg, keys.verify, signature, bytes);
  } catch {
    return false;
  }
}

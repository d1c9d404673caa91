// The options of the package's plain-JavaScript entries (payment-form.js,
// qr.js), read as the core reads its own: a plain object (no class
// instance, no array, no own `__proto__`), own members only, each read
// once (a getter runs once); nothing inherited from a polluted prototype.
import { SmartGlocalError } from "./error.js";

/** `invalid_params` naming `field` (never the value). */
export const invalid = (field, message) =>
  new SmartGlocalError("invalid_params", `invalid \`${field}\`: ${message}`, { field });

/** The members `keys` of `opts` (undefined when absent), in an object without a prototype. */
export function ownMembers(opts, keys) {
  const out = Object.create(null);
  if (opts == null) return out;
  let proto = 0;
  try {
    if (typeof opts === "object" && !Array.isArray(opts)) proto = Object.getPrototypeOf(opts);
  } catch {}
  if ((proto !== null && proto !== Object.prototype) || Object.hasOwn(opts, "__proto__")) {
    throw invalid("opts", "must be a plain object");
  }
  for (const key of keys) {
    try {
      const d = Object.getOwnPropertyDescriptor(opts, key);
      out[key] = d === undefined ? undefined : "value" in d ? d.value : d.get?.call(opts);
    } catch {
      throw invalid(`opts.${key}`, "could not be read");
    }
  }
  return out;
}

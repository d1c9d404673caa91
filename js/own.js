// Caller objects as the core reads them: own enumerable properties only,
// each read once (a getter runs once), copied into objects and arrays
// without a prototype (assignment to one runs no setter and has no
// `__proto__` magic, and nothing is inherited from a polluted
// Object.prototype or Array.prototype). An array's holes stay holes (the
// core refuses them). Functions (hooks) are kept as they are.
// Bundled into both packages by the build.
import { guard } from "./runtime.js";
import { errorOf } from "./smart_glocal.js";

// The core reads at most 10,000 members per object, nested a few levels:
// these bound what a copy may cost, they are no schema.
const MAX_DEPTH = 64;
const MAX_MEMBERS = 1 << 20;

const refuse = (field, message) => {
  throw guard(() => errorOf("invalid_params", field, message));
};

// Where an options object belongs: `undefined`/`null` as absent, else a
// plain object (prototype Object.prototype or null), without an own
// `__proto__` key (what JSON.parse makes of one in a config file).
export function ownOptions(value, field) {
  if (value == null) return value;
  let proto = 0;
  try {
    if (typeof value === "object" && !Array.isArray(value)) proto = Object.getPrototypeOf(value);
  } catch {}
  if (proto !== null && proto !== Object.prototype) refuse(field, "must be a plain object");
  return copy(value, field, 0, true);
}

// Data from the caller (a view, a redirect): copied the same way, any shape.
export const ownData = (value, field) => copy(value, field, 0, false);

function copy(value, field, depth, options) {
  if (value === null || typeof value !== "object") return value;
  if (depth > MAX_DEPTH) refuse(field, "is nested too deeply");
  try {
    const array = Array.isArray(value);
    const keys = Object.keys(value);
    if (keys.length > MAX_MEMBERS) refuse(field, "is too large");
    const out = Object.setPrototypeOf(array ? [] : {}, null);
    if (array) out.length = value.length;
    for (const key of keys) {
      if (options && key === "__proto__") refuse(field, "must not have a __proto__ member");
      out[key] = copy(value[key], field, depth + 1, false);
    }
    return out;
  } catch (e) {
    if (e?.name === "SmartGlocalError") throw e;
    refuse(field, "could not be read");
  }
}

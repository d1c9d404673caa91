// Calls into the wasm instance, guarded. A failure inside the instance (a
// trap, an allocator abort, an exception that crossed it) fails that one
// call with a SmartGlocalError `internal`, never the process or later
// calls: the instance is re-created (wasm-bindgen's __wbg_reset_state) and
// objects of the old one are rebuilt when next used (see `rebuilding`).
// If even re-creating fails (the host is out of memory), the instance is
// marked broken and the next call tries again before it runs.
// Bundled into both packages by the build.
import { __wbg_reset_state, errorOf } from "./smart_glocal.js";
import { SmartGlocalError } from "./error.js";
import { unavailable } from "./load.js";

let generation = 0;
let broken = false;

const fallback = (what) =>
  new SmartGlocalError("internal", `internal error: ${what}`, {});

export function guard(fn) {
  const missing = unavailable();
  if (missing) throw missing;
  if (broken) reset();
  try {
    return fn();
  } catch (e) {
    if (e instanceof SmartGlocalError) throw e;
    throw recover(e);
  }
}

// A fresh instance, or a SmartGlocalError thrown when none can be made.
function reset() {
  generation++;
  try {
    __wbg_reset_state();
    broken = false;
  } catch {
    broken = true;
    throw fallback("the instance could not be re-created; the next call tries again");
  }
}

function recover(e) {
  const what = e instanceof WebAssembly.RuntimeError ? "a WebAssembly trap" : "an exception inside the instance";
  try {
    reset();
  } catch (unusable) {
    return unusable;
  }
  try {
    return errorOf("internal", "", what);
  } catch {
    return fallback(what);
  }
}

// How many times the instance was reset (objects of an older one are stale).
export const currentGeneration = () => generation;

// A wasm object rebuilt by `make` after the instance was reset (or after
// `get.drop()` freed it).
export function rebuilding(make) {
  let value;
  let made = -1;
  const get = () => {
    if (made !== generation) {
      value = guard(make);
      made = generation;
    }
    return value;
  };
  get.drop = () => {
    if (made === generation) value.free();
    made = -1;
  };
  return get;
}

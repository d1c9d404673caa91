// Test builds only (scripts/build-pkg.sh <name> faults): genuine failures
// inside the instance, through the package's own guard, for the recovery
// tests. Never part of a published package.
import { injectFault as inject } from "./smart_glocal.js";
import { guard } from "./runtime.js";

// "trap", "oom" (allocator abort) or "grow" (64 MiB taken, then a trap):
// each throws a SmartGlocalError `internal`.
export const injectFault = (kind) => guard(() => inject(kind));

// The instance's current linear memory, in bytes.
export const wasmMemoryBytes = () => guard(() => inject("size"));

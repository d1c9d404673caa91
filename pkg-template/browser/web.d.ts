export * from "./index.js";

/** Loads the .wasm file (by default from next to this module). Call once before anything else; rejects with `SmartGlocalError` `wasm_unavailable` where WebAssembly cannot load (a CSP without `'wasm-unsafe-eval'`). */
export default function init(
  input?: { module_or_path?: RequestInfo | URL | Response | BufferSource | WebAssembly.Module } | RequestInfo | URL | undefined,
): Promise<void>;

/** Instantiates from bytes or a compiled module, synchronously. */
export function initSync(input: { module: BufferSource | WebAssembly.Module } | BufferSource | WebAssembly.Module): unknown;

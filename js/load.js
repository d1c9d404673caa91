// Loading the WebAssembly module, where the platform may refuse it: a page
// whose Content-Security-Policy lacks 'wasm-unsafe-eval', a server that
// renders the page (no DOM, the .wasm file not fetchable by its URL), a
// missing file. The import never throws: the failure is kept, and every
// call of the package throws it as a SmartGlocalError `wasm_unavailable`
// (js/runtime.js `guard`). The platform's own message is not repeated (it
// may carry URLs of the page).
// Bundled into both packages by the build.
import { SmartGlocalError } from "./error.js";

let failure = null;

// The error every call throws when the module could not be loaded, or null.
export const unavailable = () => failure;

// `init` is wasm-bindgen's, `arg` what it takes ({ module_or_path }).
// Resolves with the failure, or null.
export async function load(init, arg) {
  try {
    await init(arg);
    failure = null;
  } catch (e) {
    failure = new SmartGlocalError("wasm_unavailable", reason(e), {});
  }
  return failure;
}

function reason(e) {
  return e instanceof WebAssembly.CompileError
    ? "WebAssembly may not be compiled here: the page's CSP needs 'wasm-unsafe-eval' in script-src"
    : "WebAssembly could not be loaded here (server rendering? the .wasm file not served?)";
}

// The error class of both packages. wasm-bindgen copies this file into the
// package (snippets/…); the package entries re-export it.
export class SmartGlocalError extends Error {
  constructor(code, message, details) {
    super(message);
    this.name = "SmartGlocalError";
    this.code = code;
    if (details) {
      for (const key of Object.keys(details)) this[key] = details[key];
    }
  }
}

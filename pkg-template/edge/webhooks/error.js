// The package's one error class (the main entry's error.js): an error of
// either entry is an instance of the same SmartGlocalError.
export * from "../error.js";

#!/usr/bin/env bash
# Builds the npm package smart-glocal-sandbox into pkg/sandbox:
#   cargo (the sandbox's core and its glue, sandbox/wasm) → wasm-bindgen
#   --target web → wasm-opt → the JavaScript shell from pkg-template/sandbox.
set -euo pipefail
cd "$(dirname "$0")/.."
out=pkg/sandbox
cargo build -q -p sg-sandbox-wasm --release --target wasm32-unknown-unknown
rm -rf "$out"
mkdir -p "$out"
wasm-bindgen --target web --no-typescript --out-dir "$out" --out-name sg_sandbox \
  target/wasm32-unknown-unknown/release/sg_sandbox_wasm.wasm
node_modules/.bin/wasm-opt -Oz --low-memory-unused --strip-debug --strip-producers \
  --enable-bulk-memory --enable-mutable-globals --enable-sign-ext \
  --enable-nontrapping-float-to-int --enable-reference-types --enable-multivalue \
  "$out/sg_sandbox_bg.wasm" -o "$out/sg_sandbox_bg.wasm"
cp pkg-template/sandbox/* "$out/"
cp LICENSE-MIT LICENSE-APACHE "$out/"
chmod +x "$out/cli.js"
echo "built $out ($(wc -c < "$out/sg_sandbox_bg.wasm") bytes of wasm)"

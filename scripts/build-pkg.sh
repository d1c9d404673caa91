#!/usr/bin/env bash
# Builds one npm package: scripts/build-pkg.sh edge
#   cargo (release, size profile) → wasm-bindgen --target web → wasm-opt -Oz → terser
#   → templates from pkg-template/<name> → pkg/<name>
# `scripts/build-pkg.sh edge faults` builds the test variant into
# pkg/edge-faults: the same package plus `injectFault` (feature
# fault-injection, js/fault.js), for the recovery tests. Never published.
set -euo pipefail
cd "$(dirname "$0")/.."
name=$1
variant=${2:-}
out=pkg/$name${variant:+-$variant}
# Each variant keeps its own cargo output, so the two never rebuild each other.
target_dir=target${variant:+/$variant}

# Shorter source paths in panic locations (a few hundred bytes of the binary).
registry=$(ls -d "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/ 2>/dev/null | head -n 1)
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="--remap-path-prefix=${registry%/}=crates --remap-path-prefix=$PWD=smart-glocal"
# Both packages are built without std (see Cargo.toml `no-std`).
features=$name,no-std
[ "$variant" = faults ] && features="$features,fault-injection"
# Experiment knobs for `make bench` (docs/performance.md), unset by default:
# CARGO_OPT (every crate's opt-level), CORE_OPT (the core crate's only, e.g.
# 3 or '"s"'), WASM_OPT (wasm-opt's level, default -Oz).
[ -n "${CARGO_OPT:-}" ] && export CARGO_PROFILE_RELEASE_OPT_LEVEL=$CARGO_OPT
# The speed-bound edge build compiles the JSON reader (its own crate) at
# opt-level 3: 1.6x on the core's reading for about 4 KB gzip
# (docs/PERFORMANCE.md); the size-bound browser build keeps "z" throughout.
speed=()
[ "$name" = edge ] && speed=(--config 'profile.release.package.smart-glocal-json.opt-level=3')
# The edge build's wasm uses 128-bit SIMD (the JSON reader scans strings 16
# bytes at a time, json/src/simd.rs): workerd, Node, Deno and Bun all run
# it. The browser build stays without, for older Safari and its budget.
simd=""
if [ "$name" = edge ]; then
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS+=" -C target-feature=+simd128"
  simd="--enable-simd"
fi
shrink=""
[ "$name" = browser ] && shrink="--merge-similar-functions --one-caller-inline-max-function-size=20"

# wasm-opt on a .wasm in place, for both of the browser's modules and the edge's.
# rustc's wasm32 target emits these post-MVP features; wasm-opt must keep to them.
# --low-memory-unused: rustc places data and the stack from 1 MiB up, so
# the first 1 KiB of memory is never addressed and loads and stores may fold
# their offsets (some 200 bytes gzip of the browser build). The size-bound
# browser build also merges similar functions and inlines a function into
# its one caller only when it is tiny: -Oz's default duplicates the core's
# readers into each export's shim (some 470 bytes gzip less).
optimize_wasm() {
  # shellcheck disable=SC2086
  node_modules/.bin/wasm-opt $shrink $simd ${WASM_OPT:--Oz} --low-memory-unused --converge --strip-debug --strip-producers \
    --enable-bulk-memory --enable-mutable-globals --enable-sign-ext \
    --enable-nontrapping-float-to-int --enable-reference-types --enable-multivalue \
    "$1" -o "$1"
}

# The package's wasm and its generated glue: cargo (features $1, cargo output
# in $2) → wasm-bindgen into $3 → wasm-opt → terser.
build_wasm() {
  local features=$1 dir=$2 into=$3
  cargo build "${speed[@]}" ${CORE_OPT:+--config profile.release.package.smart-glocal.opt-level=$CORE_OPT} -p smart-glocal-wasm --release --target wasm32-unknown-unknown --no-default-features --features "$features" --target-dir "$dir"
  # --experimental-reset-state-function: the package re-creates the instance
  # after a failure inside it (js/runtime.js).
  wasm-bindgen --target web --no-typescript --experimental-reset-state-function \
    --out-dir "$into" --out-name smart_glocal "$dir/wasm32-unknown-unknown/release/smart_glocal_wasm.wasm"
  optimize_wasm "$into/smart_glocal_bg.wasm"
  # The generated glue, minified (exports and the wasm import names are kept).
  node_modules/.bin/terser "$into/smart_glocal.js" --module --compress --mangle --comments false \
    -o "$into/smart_glocal.js"
}

# wasm-bindgen copies js/error.js under a hashed snippets/ folder of $1: the
# glue imports ./error.js instead (the package's: one module, one class).
use_package_error() {
  local into=$1 snippet
  snippet=$(cd "$into" && find snippets -name error.js | head -n 1)
  [ -n "$snippet" ] || { echo "build-pkg: no error.js snippet in $into" >&2; exit 1; }
  rm "$into/$snippet"
  find "$into/snippets" -type d -empty -delete
  sed -i "s#\"\./$snippet\"#\"./error.js\"#g" "$into/smart_glocal.js"
  if grep -q 'snippets/[^"]*error\.js' "$into/smart_glocal.js"; then echo "build-pkg: the glue still imports the snippet" >&2; exit 1; fi
}

rm -rf "$out"
mkdir -p "$out"
build_wasm "$features" "$target_dir" "$out"
# The entries, types, README and package.json (the sources in src/ are bundled below).
(cd "pkg-template/$name" && find . -maxdepth 1 -type f -exec cp {} "../../$out/" \;)
# The licences the packages declare, and the changelog.
cp LICENSE-MIT LICENSE-APACHE CHANGELOG.md "$out/"
# The types of the shared objects (PaymentView, Redirect, ErrorCode,
# SmartGlocalError), written once, ahead of each package's own.
cat js/shared.d.ts "pkg-template/$name/index.d.ts" > "$out/index.d.ts"
# The package's own modules and the shared guarded runtime (js/runtime.js),
# bundled into one module, sdk.js, and minified like the glue (exports kept).
# The entries stay readable (a few lines each).
node scripts/bundle.mjs "$out" "$name" $variant
node_modules/.bin/terser "$out/sdk.js" --module --compress --mangle --comments false -o "$out/sdk.js"
# The browser package's entries of their own, outside the base entry's
# budget: the widget loader (no wasm) and the QR module, whose WebAssembly
# (crate sg-qr-wasm over sg-qr) is built here beside the package's.
if [ "$name" = browser ]; then
  for js in payment-form.js plain-options.js; do
    node_modules/.bin/terser "$out/$js" --module --compress --mangle --comments false -o "$out/$js"
  done
  cargo build -p sg-qr-wasm --release --target wasm32-unknown-unknown --target-dir "$target_dir"
  wasm-bindgen --target web --no-typescript --out-dir "$out" --out-name sg_qr \
    "$target_dir/wasm32-unknown-unknown/release/sg_qr_wasm.wasm"
  optimize_wasm "$out/sg_qr_bg.wasm"
  for js in sg_qr.js qr.js; do
    node_modules/.bin/terser "$out/$js" --module --compress --mangle --comments false -o "$out/$js"
  done
fi
# The edge package's testing helpers carry the sandbox's test cards, from
# their one source (sg-sandbox --print-test-cards).
if [ "$name" = edge ]; then
  cargo build -q -p sg-sandbox
  { printf '// Generated by scripts/build-pkg.sh from sg-sandbox --print-test-cards.\nexport const sandboxCards = Object.freeze('
    target/debug/sg-sandbox --print-test-cards
    printf ');\n'; } > "$out/test-cards.js"
fi
if [ "$variant" = faults ]; then
  for entry in index.js node.js workerd.js web.js; do
    [ -f "$out/$entry" ] && printf 'export { injectFault, wasmMemoryBytes } from "./sdk.js";\n' >> "$out/$entry"
  done
fi
# The edge package with its .wasm inlined, for bundlers and Deno (`./embedded`).
[ "$name" = edge ] && node scripts/embed-wasm.mjs "$out"

# The error class comes from js/error.js, which wasm-bindgen copies under a
# hashed snippets/ folder: it becomes the package's error.js, which the
# glue, sdk.js and the entries import. Minified like the rest (the class
# name is kept: it is the error's name).
snippet=$(cd "$out" && find snippets -name error.js | head -n 1)
[ -n "$snippet" ] || { echo "build-pkg: no error.js snippet in $out" >&2; exit 1; }
node_modules/.bin/terser "$out/$snippet" --module --compress --mangle --keep-classnames --comments false -o "$out/error.js"
use_package_error "$out"

# The edge package's webhooks entry (./webhooks): the same modules over a
# wasm with only what receiving webhooks needs (feature `webhooks`), so a
# worker that only receives webhooks carries about half the bytes. Its
# entries are the package's own (the same relative imports); its api.js,
# types and error.js (the package's class, re-exported) are its own.
if [ "$name" = edge ] && [ -z "$variant" ]; then
  hooks=$out/webhooks
  mkdir -p "$hooks"
  build_wasm "edge,webhooks,no-std" "target/webhooks" "$hooks"
  use_package_error "$hooks"
  cp pkg-template/edge/webhooks/* "$hooks/"
  for entry in index.js node.js workerd.js; do cp "pkg-template/edge/$entry" "$hooks/"; done
  node scripts/bundle.mjs "$hooks" edge webhooks
  node_modules/.bin/terser "$hooks/sdk.js" --module --compress --mangle --comments false -o "$hooks/sdk.js"
  node scripts/embed-wasm.mjs "$hooks"
fi
echo "built $out"

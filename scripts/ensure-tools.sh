#!/usr/bin/env bash
# Installs what the build and tests need, only when missing:
#   wasm      the wasm32 target and the wasm-bindgen CLI pinned in Cargo.toml
#   node      npm packages of package-lock.json (npm ci)
#   chromium  Debian's chromium and chromium-driver (browser tests)
set -euo pipefail
cd "$(dirname "$0")/.."

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

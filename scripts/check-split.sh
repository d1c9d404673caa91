#!/usr/bin/env bash
# The rule that shapes everything (DESIGN.md): the browser build carries no
# signing code. Fails if its dependency tree has hmac, sha2 or an RSA crate.
set -euo pipefail
cd "$(dirname "$0")/.."
tree=$(cargo tree -p smart-glocal-wasm -e normal --no-default-features --features browser --target wasm32-unknown-unknown)
if printf '%s\n' "$tree" | grep -E '(^|[^a-z0-9_-])(hmac|sha2|sha-2|rsa|ring|aws-lc-rs|p256|ecdsa)( v|$)'; then
  echo "FAIL: the browser build depends on signing crates (above)" >&2
  exit 1
fi
# The check itself must see the tree: the core is in it.
printf '%s\n' "$tree" | grep -q "^smart-glocal-wasm v" || { echo "FAIL: empty cargo tree" >&2; exit 1; }
echo "ok: the browser build has no signing crates ($(printf '%s\n' "$tree" | wc -l) lines of cargo tree)"
# Neither package reads JSON with serde: the core's own reader does it, and
# the serde models (wire/) belong to the sandbox and the native tests.
for feature in edge browser; do
  t=$(cargo tree -p smart-glocal-wasm -e normal --no-default-features --features "$feature" --target wasm32-unknown-unknown)
  printf '%s\n' "$t" | grep -q "^smart-glocal-wasm v" || { echo "FAIL: empty cargo tree ($feature)" >&2; exit 1; }
  if printf '%s\n' "$t" | grep -E '(^|[^a-z0-9_-])(serde|serde_json|serde_core|sg-wire)( v|$)'; then
    echo "FAIL: the $feature build depends on serde (above)" >&2
    exit 1
  fi
done
echo "ok: neither package's build has serde"

#!/usr/bin/env bash
# Tests smart-glocal-sandbox the way a user gets it: its tarball and
# smart-glocal-edge's installed into a fresh project, then js-tests/sandbox
# run there with `node --test` (a merchant's test suite starting the
# sandbox in-process, and the CLI).
set -euo pipefail
node=${NODE:-node}
repo=$(cd "$(dirname "$0")/.." && pwd)
dir=$("$repo/scripts/consumer.sh" sandbox)
trap 'rm -rf "$dir"' EXIT
cd "$dir"
(cd "$repo/pkg/edge" && npm pack --silent --pack-destination "$dir" >/dev/null)
npm install --no-audit --no-fund --silent ./smart-glocal-edge-*.tgz
cp -R "$repo/js-tests/sandbox" test
# Test-only tools come from the repository's own install.
for tool in miniflare typescript; do ln -s "$repo/node_modules/$tool" "node_modules/$tool"; done
echo "==> types: tsc --strict on a usage file"
"$repo/node_modules/.bin/tsc" --noEmit --strict --exactOptionalPropertyTypes --target es2022 --module nodenext \
  --moduleResolution nodenext --lib es2022,dom test/types-check.ts
echo "==> node --test (smart-glocal-sandbox, installed from its tarball, on Node $("$node" --version))"
"$node" --test --test-reporter=spec --test-timeout=120000 test/*.test.mjs

#!/usr/bin/env bash
# The packed edge package in a Workers project tested with Vitest inside
# workerd (@cloudflare/vitest-plugin): js-tests/vitest. Vitest and the
# plugin are installed into the project from the npm registry.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
dir=$(mktemp -d /tmp/sg-vitest.XXXXXX)
trap 'rm -rf "$dir"' EXIT
cp -R "$repo/js-tests/vitest/." "$dir/"
printf '{ "name": "sg-vitest-consumer", "private": true, "type": "module" }\n' > "$dir/package.json"
(cd "$repo/pkg/edge" && npm pack --silent --pack-destination "$dir" >/dev/null)
cd "$dir"
echo "==> npm install vitest @cloudflare/vitest-plugin and the edge package (a fresh Workers project)"
npm install --no-audit --no-fund --silent vitest@5.1.2 @cloudflare/vitest-plugin@1.5.0 ./smart-glocal-edge-*.tgz
echo "==> vitest run (inside workerd, on Node $(node --version))"
NO_COLOR=1 node_modules/.bin/vitest run --reporter=verbose

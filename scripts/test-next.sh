#!/usr/bin/env bash
# Both packed packages in a fresh Next.js app (js-tests/next): next build
# with Turbopack and with webpack, next start, the page in Chromium.
# Next.js and React are installed into the app from the npm registry.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
dir=$(mktemp -d /tmp/sg-next.XXXXXX)
trap 'rm -rf "$dir"' EXIT
cp -R "$repo/js-tests/next/." "$dir/"
printf '{ "name": "sg-next-consumer", "private": true, "type": "module" }\n' > "$dir/package.json"
for name in edge browser; do
  (cd "$repo/pkg/$name" && npm pack --silent --pack-destination "$dir" >/dev/null)
done
cd "$dir"
echo "==> npm install next react react-dom and both packages (a fresh Next.js app)"
npm install --no-audit --no-fund --silent next@16.4.6 react@19.3.1 react-dom@19.3.1 ./smart-glocal-edge-*.tgz ./smart-glocal-browser-*.tgz
ln -s "$repo/node_modules/playwright-core" node_modules/playwright-core
echo "==> node --test (Next.js $(node -p 'require("next/package.json").version'), on Node $(node --version))"
node --test --test-reporter=spec --test-timeout=300000 next.test.mjs

#!/usr/bin/env bash
# The packed edge package in a Workers project tested with Vitest inside
# workerd (@cloudflare/vitest-plugin): js-tests/vitest. Vitest and the
# plugin are installed into the project from the npm registry.
# scripts/test-vitest.sh sandbox: smart-glocal-sandbox as an auxiliary
# worker of such a project (js-tests/vitest-sandbox), the configuration
# from that package's README.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
which=${1:-edge}
project=vitest; [ "$which" = sandbox ] && project=vitest-sandbox
dir=$(mktemp -d /tmp/sg-vitest.XXXXXX)
trap 'rm -rf "$dir"' EXIT
cp -R "$repo/js-tests/$project/." "$dir/"
# The configuration is the package's own block (`js vitest-config`): in the
# sandbox's README, in the edge package's RECIPES.md.
node -e '
  const fs = require("fs");
  const readme = process.argv[1].split(",").filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f, "utf8")).join("\n");
  const block = readme.match(/```js vitest-config\n([\s\S]*?)```/);
  if (!block) { console.error("no vitest-config block in the README or RECIPES.md"); process.exit(1); }
  require("fs").writeFileSync(process.argv[2], block[1]);
' "$repo/pkg-template/$which/README.md,$repo/pkg-template/$which/RECIPES.md" "$dir/vitest.config.mjs"
printf '{ "name": "sg-vitest-consumer", "private": true, "type": "module" }\n' > "$dir/package.json"
(cd "$repo/pkg/edge" && npm pack --silent --pack-destination "$dir" >/dev/null)
if [ "$which" = sandbox ]; then (cd "$repo/pkg/sandbox" && npm pack --silent --pack-destination "$dir" >/dev/null); fi
cd "$dir"
echo "==> npm install vitest @cloudflare/vitest-plugin and the edge package (a fresh Workers project)"
npm install --no-audit --no-fund --silent vitest@5.1.2 @cloudflare/vitest-plugin@1.5.0 ./smart-glocal-*.tgz
echo "==> vitest run (inside workerd, on Node $(node --version))"
NO_COLOR=1 node_modules/.bin/vitest run --reporter=verbose

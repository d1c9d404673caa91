#!/usr/bin/env bash
# Runs the edge package's README quick start in a fresh consumer project.
# (The full demo, with the sandbox, the reference worker and the browser
# page, is issue 5.)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
dir=$("$repo/scripts/consumer.sh" edge)
trap 'rm -rf "$dir"' EXIT
cd "$dir"
node -e '
  const md = require("fs").readFileSync("node_modules/smart-glocal-edge/README.md", "utf8");
  process.stdout.write(md.match(/```js\n([\s\S]*?)```/)[1]);
' > quickstart.mjs
echo "==> the README quick start of smart-glocal-edge, installed from its tarball:"
echo
cat quickstart.mjs
echo
node quickstart.mjs

#!/usr/bin/env bash
# Tests a built package the way a user gets it: `npm pack`, installed into a
# fresh temporary project, then the tests of js-tests/<name> run there with
# `node --test`, and its types are compiled with `tsc --strict`.
#   scripts/test-pkg.sh edge
# NODE=/path/to/node runs the tests on that Node (default: the first on PATH);
# the checks of the tarball itself (publish dry run, publint, attw, tsc),
# which no Node version changes, run once: on the default Node.
set -euo pipefail
node=${NODE:-node}
# Deno and Bun for the consumer tests (scripts/ensure-tools.sh runtimes).
export SG_RUNTIMES="$(cd "$(dirname "$0")/.." && pwd)/.tools/runtimes/node_modules/.bin"
repo=$(cd "$(dirname "$0")/.." && pwd)
name=$1
dir=$("$repo/scripts/consumer.sh" "$name")
trap 'rm -rf "$dir"' EXIT
cd "$dir"
# Test-only tools come from the repository's own install.
for tool in miniflare typescript playwright-core vite webpack hono wrangler esbuild rolldown jsqr; do ln -s "$repo/node_modules/$tool" "node_modules/$tool"; done
mkdir -p node_modules/.bin
for bin in wrangler esbuild rolldown; do ln -s "$repo/node_modules/.bin/$bin" "node_modules/.bin/$bin"; done
cp -R "$repo/js-tests/$name" test
# The live reference's own examples (tests/fixtures/live), for the conformance tests.
cp -R "$repo/tests/fixtures/live" test/live-fixtures
# The test build (fault injection) of the same package, unpacked from its
# own tarball into faults/, for the recovery tests.
mkdir faults faults-tgz
(cd "$repo/pkg/$name-faults" && npm pack --silent --pack-destination "$dir/faults-tgz" >/dev/null)
tar xzf faults-tgz/smart-glocal-"$name"-*.tgz -C faults --strip-components=1

if [ -z "${NODE:-}" ]; then
  echo "==> npm publish --dry-run (smart-glocal-$name as the registry would get it)"
  (cd "$repo/pkg/$name" && npm publish --dry-run --json 2>/dev/null) > publish.json
  README="$repo/pkg/$name/README.md" "$node" -e '
    const [report] = Object.values(JSON.parse(require("fs").readFileSync("publish.json", "utf8")));
    const files = report.files.map((f) => f.path);
    // The README'"'"'s links to files of its own (RECIPES.md) travel with it.
    const linked = [...require("fs").readFileSync(process.env.README, "utf8").matchAll(/\]\(([A-Z][A-Za-z-]*\.md)[#)]/g)].map((m) => m[1]);
    const missing = ["LICENSE-MIT", "LICENSE-APACHE", "CHANGELOG.md", "README.md", "package.json", "smart_glocal_bg.wasm", ...linked].filter((f) => !files.includes(f));
    const stray = files.filter((f) => /\.(rs|mjs|ts)$/.test(f) && !f.endsWith(".d.ts"));
    if (missing.length || stray.length) { console.error("FAIL: missing", missing, "stray", stray); process.exit(1); }
    console.log(`ok: ${files.length} files, ${report.size} bytes packed`);
  '

  echo "==> publint and attw (are the types wrong) on the tarball"
  "$repo/node_modules/.bin/publint" "$repo/pkg/$name" --strict
  # ESM only, by design: require() of it works from Node 20.19 and 22.12
  # (require of ESM). The .wasm exports are assets for bundlers, not modules.
  attw=("$repo/node_modules/.bin/attw" --pack "$repo/pkg/$name" --ignore-rules cjs-resolves-to-esm --exclude-entrypoints ./smart_glocal_bg.wasm ./sg_qr_bg.wasm)
  "${attw[@]}" --format ascii >/dev/null || { "${attw[@]}"; exit 1; }
  echo "ok: publint and attw clean"

  echo "==> types: no 'any' in the public .d.ts, and tsc --strict on a usage file"
  if grep -nwE 'any' "node_modules/smart-glocal-$name/index.d.ts"; then
    echo "FAIL: 'any' in the public types" >&2
    exit 1
  fi
  # Twice: as most projects compile, and with exactOptionalPropertyTypes
  # (an optional option must take `undefined`, as the code does).
  for exact in false true; do
    "$repo/node_modules/.bin/tsc" --noEmit --strict --exactOptionalPropertyTypes "$exact" --target es2022 --module nodenext \
      --moduleResolution nodenext --lib es2022,dom,dom.iterable test/types-check.ts
  done
fi

echo "==> node --test (smart-glocal-$name, installed from its tarball, on Node $("$node" --version))"
"$node" --test --test-reporter=spec --test-timeout=120000 test/*.test.mjs

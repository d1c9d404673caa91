#!/usr/bin/env bash
# Makes a fresh consumer project with pkg/<name> installed from its npm
# tarball, the way a user gets it. Prints the project's path.
#   dir=$(scripts/consumer.sh edge)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
name=$1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sg-$name-consumer.XXXXXX")
(cd "$repo/pkg/$name" && npm pack --silent --pack-destination "$tmp" >/dev/null)
cd "$tmp"
printf '{ "name": "consumer", "private": true, "type": "module" }\n' > package.json
npm install --no-audit --no-fund --silent ./smart-glocal-"$name"-*.tgz >&2
echo "$tmp"

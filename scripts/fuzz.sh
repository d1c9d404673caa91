#!/usr/bin/env bash
# The property tests of the core (tests/fuzz.rs) with N cases per target,
# then the totals: scripts/fuzz.sh 60000   (17 targets × 60,000 > 1,000,000)
# Prints each target's line "fuzz: <target>: N cases, P panics" and a total.
set -euo pipefail
cd "$(dirname "$0")/.."
cases=${1:-2000}
profile=()
# Long runs are worth an optimised build.
[ "$cases" -gt 10000 ] && profile=(--release)
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
FUZZ_CASES=$cases cargo test "${profile[@]}" --features rsa --test fuzz -- --nocapture --test-threads=2 2>&1 | tee "$log" || status=$?
awk '/^fuzz: .*: [0-9]+ cases, [0-9]+ panics/ { n += $(NF-3); p += $(NF-1); t++ }
     END { printf "fuzz: total: %d targets, %d cases, %d panics\n", t, n, p }' "$log"
exit $status

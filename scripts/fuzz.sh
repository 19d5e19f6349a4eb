#!/usr/bin/env bash
# A longer run of the route fuzzer (test/hardening/fuzz-routes.test.ts) than the normal suite's bounded one.
#   scripts/fuzz.sh [runs] [seed]        SQLite; set TEST_DATABASE_URL to add PostgreSQL.
# A failure prints the counterexample and the seed; rerun with that seed to reproduce it.
set -euo pipefail
cd "$(dirname "$0")/.."
export FUZZ_RUNS="${1:-5000}"
export FUZZ_SEED="${2:-$(date +%s)}"
echo "fuzzing: ${FUZZ_RUNS} runs, seed ${FUZZ_SEED}"
projects=(--project sqlite)
if [ -n "${TEST_DATABASE_URL:-}" ]; then projects+=(--project postgres); fi
exec npx vitest run test/hardening/fuzz-routes.test.ts "${projects[@]}" --testTimeout=0

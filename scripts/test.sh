#!/usr/bin/env bash
# Runs SparseScape's whole test suite: build (failing on any compiler warning in our code), unit and
# command-line tests (swift test), a short fuzzing of the file parsers, the paper reproduction, the explorer driven
# in tmux, then the Slurm examples on a one-node cluster (scripts/test-cluster.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

log=$(mktemp)
trap 'rm -f "$log"' EXIT
echo "== build (debug, with tests)"
if ! swift build --build-tests 2>&1 | tee "$log"; then exit 1; fi
if grep -E "/(Sources|Tests)/.*: warning:" "$log"; then
  echo "test.sh: compiler warnings in SparseScape's code (listed above)" >&2
  exit 1
fi

echo "== swift test"
swift test --skip-build

echo "== fuzz (libFuzzer + AddressSanitizer, 15 s per parser; make fuzz runs longer)"
bash scripts/fuzz.sh --seconds 15

echo "== sparsescape reproduce"
.build/debug/sparsescape reproduce

echo "== terminal explorer end to end (tmux)"
SPARSESCAPE_BIN=.build/debug/sparsescape bash Tests/e2e/explorer.sh

echo "== cluster (the Slurm and GNU parallel examples on a one-node Slurm)"
SPARSESCAPE_BIN=.build/debug/sparsescape bash scripts/test-cluster.sh

#!/usr/bin/env bash
# Fuzzes SparseScape's file parsers with libFuzzer (the targets in Fuzz/, built with AddressSanitizer).
#
# Usage: scripts/fuzz.sh [--seconds N] [--targets "npy npz csv config point safetensors theme"]
#
# Builds Fuzz/ into .build-fuzz (apart from the normal build), writes the seed corpora
# (scripts/fuzz-seeds.py), runs each target for N seconds (default 15) and prints, per target: seconds,
# executions (libFuzzer's final stats), corpus size (inputs libFuzzer kept) and findings. A finding is a
# crash, a Swift trap, an AddressSanitizer report, an input taking more than 10 s, or more than 2 GiB of
# memory; a thrown Swift error is a normal outcome. Inputs that found something are kept in
# .build-fuzz/fuzz/findings/TARGET/, and the corpora grow across runs in .build-fuzz/fuzz/corpus/TARGET/.
# Exits 1 when any target found something.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=15
targets="npy npz csv config point safetensors theme"
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds="${2:?--seconds needs a value}"; shift 2 ;;
    --targets) targets="${2:?--targets needs a value}"; shift 2 ;;
    *) echo "fuzz.sh: unknown argument $1 (use --seconds N, --targets \"npy csv ...\")" >&2; exit 2 ;;
  esac
done
case "$seconds" in ''|*[!0-9]*|0) echo "fuzz.sh: --seconds must be a whole number of at least 1, got '$seconds'" >&2; exit 2 ;; esac

build=(swift build --package-path Fuzz --scratch-path .build-fuzz
       -Xswiftc -sanitize=fuzzer,address)
log=$(mktemp)
trap 'rm -f "$log"' EXIT
started=$(date +%s)
if ! "${build[@]}" >"$log" 2>&1; then cat "$log"; echo "fuzz.sh: the fuzz build failed" >&2; exit 1; fi
if grep -E "/(Sources|Tests|Fuzz)/.*: warning:" "$log"; then
  echo "fuzz.sh: compiler warnings in SparseScape's code (listed above)" >&2
  exit 1
fi
bin=$("${build[@]}" --show-bin-path)
echo "fuzz build: $(( $(date +%s) - started )) s ($bin)"

work=.build-fuzz/fuzz
rm -rf "$work/seeds"
python3 scripts/fuzz-seeds.py "$work/seeds" >/dev/null

printf '%-12s %8s %12s %8s %9s\n' target seconds executions corpus findings
failed=0
for t in $targets; do
  exe="$bin/fuzz-$t"
  [ -x "$exe" ] || { echo "fuzz.sh: no fuzz target '$t' ($exe)" >&2; exit 2; }
  mkdir -p "$work/corpus/$t" "$work/findings/$t"
  before=$(ls "$work/findings/$t" | wc -l)
  t0=$(date +%s)
  # Leak checking is off (Swift's runtime keeps its caches for the life of the process); Swift's own
  # backtracer is off so that libFuzzer handles a trap itself (and saves the input).
  status=0
  ASAN_OPTIONS=detect_leaks=0 SWIFT_BACKTRACE=enable=no "$exe" -max_total_time="$seconds" -print_final_stats=1 -rss_limit_mb=2048 \
    -timeout=10 -max_len=65536 -artifact_prefix="$work/findings/$t/" \
    "$work/corpus/$t" "$work/seeds/$t" >"$work/$t.log" 2>&1 || status=$?
  elapsed=$(( $(date +%s) - t0 ))
  execs=$(awk '/stat::number_of_executed_units/ { print $2 }' "$work/$t.log" | tail -1)
  found=$(( $(ls "$work/findings/$t" | wc -l) - before ))
  if [ "$status" -ne 0 ] && [ "$found" -eq 0 ]; then found=1; fi
  corpus=$(grep -o 'corp: [0-9]*' "$work/$t.log" | tail -1 | cut -d' ' -f2 || true)
  printf '%-12s %8s %12s %8s %9s\n' "$t" "$elapsed" "${execs:-?}" "${corpus:-?}" "$found"
  if [ "$found" -ne 0 ]; then
    failed=1
    grep -E "ERROR: libFuzzer|ERROR: AddressSanitizer|Fatal error|SUMMARY|Test unit written to" "$work/$t.log" | head -8 | sed 's/^/    /'
    echo "    log: $work/$t.log"
  fi
done
if [ "$failed" -ne 0 ]; then
  echo "fuzz.sh: findings (inputs kept in $work/findings/; rerun one with: $bin/fuzz-TARGET FILE)" >&2
  exit 1
fi

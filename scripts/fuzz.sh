#!/usr/bin/env bash
# Coverage-guided fuzzing of one part of the engine with libFuzzer (and AddressSanitizer).
#
#   scripts/fuzz.sh TARGET SECONDS [libFuzzer options…]
#
# TARGET: parser (lexer and parser), check (parse and check, no disk), csv (the CSV reader),
# sie (the SIE reader). Builds .fuzz/TARGET/fuzz-TARGET from Sources/Kalkyl and
# Fuzz/FuzzTargets.swift with swiftc -sanitize=fuzzer,address (not through SwiftPM: libFuzzer
# brings its own main), seeds the corpus from the examples (formulas/*.kalkyl, formulas/data),
# and runs at the lowest priority (nice -n 19): the machine is shared. A crash, trap, hang
# (over 10 s for one input) or sanitizer report stops it and leaves the input in
# .fuzz/TARGET/crash-* (or timeout-*, leak-*); re-run it with .fuzz/TARGET/fuzz-TARGET FILE.
set -euo pipefail
target=${1:?usage: scripts/fuzz.sh parser|check|csv|sie SECONDS [libFuzzer options]}
seconds=${2:?usage: scripts/fuzz.sh TARGET SECONDS}
shift 2
root=$(cd "$(dirname "$0")/.." && pwd)
work="$root/.fuzz/$target"
mkdir -p "$work/corpus"
case "$target" in
  parser) flag=FUZZ_PARSER; seeds=("$root"/formulas/*.kalkyl "$root"/workbooks/*.layout) ;;
  check)  flag=FUZZ_CHECK;  seeds=("$root"/formulas/*.kalkyl) ;;
  csv)    flag=FUZZ_CSV;    seeds=("$root"/formulas/data/*.csv) ;;
  sie)    flag=FUZZ_SIE;    seeds=("$root"/formulas/data/*.se) ;;
  *) echo "fuzz.sh: unknown target '$target' (parser, check, csv, sie)" >&2; exit 2 ;;
esac
binary="$work/fuzz-$target"
sources=$(find "$root/Sources/Kalkyl" -name '*.swift' | sort)
if [[ ! -x "$binary" ]] || [[ -n "$(find "$root/Sources/Kalkyl" "$root/Fuzz" -name '*.swift' -newer "$binary")" ]]; then
  echo "fuzz.sh: building $binary"
  # shellcheck disable=SC2086
  nice -n 19 swiftc -swift-version 6 -O -sanitize=fuzzer,address -parse-as-library -module-name Kalkyl -D "$flag" \
    $sources "$root/Fuzz/FuzzTargets.swift" -o "$binary" 2> >(grep -v "Cannot export local symbol" >&2)
fi
for seed in "${seeds[@]}"; do [[ -f "$seed" ]] && cp -n "$seed" "$work/corpus/" || true; done
cd "$work"
exec nice -n 19 "$binary" corpus -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -max_len=65536 -print_final_stats=1 "$@"

#!/bin/sh
# Writes scripts/startup-order.txt: the functions a cold start runs, which the release link
# lays out together (lld --symbol-ordering-file, Package.swift), so that the pages of code a
# start touches are few and adjacent instead of spread over the binary's 18 MB of code.
#
# It runs the release binary under callgrind, which records every function that runs (a
# sampling profiler misses the short ones): `kalkyl explain` of kalkyl-bench's model at
# N = 20,000, past the sizes whose keys and members are found on two threads (reading the
# staff file, checking, evaluating, printing), `kalkyl check` and `kalkyl eval` of an example
# model. The functions are kept in the order callgrind first names
# them, those the binary defines only (not libc's). A symbol that no longer exists is skipped
# by the linker, so a stale list costs only its benefit; run this again after large changes.
#
#   swift build -c release --product kalkyl && swift build -c release --product kalkyl-bench
#   scripts/startup-order.sh          (needs valgrind; about a minute)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
binary=${KALKYL_BINARY:-$root/.build/release/kalkyl}
bench=${KALKYL_BENCH:-$root/.build/release/kalkyl-bench}
work=$(mktemp -d "${TMPDIR:-/tmp}/kalkyl-startup.XXXXXX")
trap 'rm -rf "$work"' EXIT
# valgrind 3.19 cannot read the DWARF 5 some objects carry; the symbol table is all it needs.
objcopy --strip-debug "$binary" "$work/kalkyl"
"$bench" 20000 --keep "$work/model" > /dev/null
run() { (cd "$1" && shift && valgrind --tool=callgrind --demangle=no --callgrind-out-file="$work/cg.$$.$(date +%s%N)" "$work/kalkyl" "$@" > /dev/null 2>&1); }
run "$work/model/20000" explain personnel.kalkyl year_cost --depth 0
run "$root" check formulas/lansteknik-2021.kalkyl
run "$root" eval formulas/lansteknik-2021.kalkyl
nm --defined-only "$work/kalkyl" | awk '$2 ~ /^[tTwW]$/ {print $3}' | sort -u > "$work/defined"
for profile in "$work"/cg.*; do grep -oE '^c?fn=\([0-9]+\) .*' "$profile" | sed -E 's/^c?fn=\([0-9]+\) //'; done \
  | awk 'NR == FNR { defined[$0] = 1; next } ($0 in defined) && !seen[$0]++' "$work/defined" - > "$root/scripts/startup-order.txt"
echo "scripts/startup-order.txt: $(wc -l < "$root/scripts/startup-order.txt") functions"

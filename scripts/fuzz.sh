#!/usr/bin/env bash
# Coverage-guided fuzzing of one part of the engine with libFuzzer (and AddressSanitizer).
#
#   scripts/fuzz.sh TARGET SECONDS [libFuzzer options…]
#   scripts/fuzz.sh build                       # only build the harness
#
# TARGET: parser (lexer and parser), check (parse, check and order), eval (a checked model
# evaluated in every scenario, and its JSON), csv (the CSV reader), stream (a ledger read from
# disk by `long` statements as its records pass, against the same bytes read whole), sie (the SIE reader), siestream (a SIE
# file read from disk as it passes by a model's `sie` statements, against the same bytes read whole), layout
# (the layout parser and resolver, against an example model), export (a checked model written as
# a workbook). One binary, .fuzz/fuzz-kalkyl, serves every target (KALKYL_FUZZ_TARGET picks it):
# swiftc -sanitize=fuzzer,address compiles Sources/Kalkyl and Sources/KalkylXLSX as modules,
# then links the harness (Tests/KalkylXLSXTests/Fuzz/FuzzHarness.swift, which FuzzCorpusTests
# also runs) and Fuzz/FuzzMain.swift with them (not through SwiftPM: libFuzzer brings its own main).
# The corpus .fuzz/TARGET/corpus is seeded from the examples (formulas/*.kalkyl, formulas/data,
# workbooks/*.layout) and the committed corpus Fuzz/corpus/TARGET; runs at a low priority (nice -n 10, or KALKYL_NICE; at 19 it got almost no
# CPU beside the other builds on a shared machine). A crash,
# trap, hang (over 10 s for one input) or sanitizer report stops it and leaves the input in
# .fuzz/TARGET/crash-* (or timeout-*, leak-*); re-run it with
#   KALKYL_FUZZ_TARGET=TARGET KALKYL_FUZZ_ROOT=$PWD .fuzz/fuzz-kalkyl FILE
set -euo pipefail
niceness=${KALKYL_NICE:-10}
target=${1:?usage: scripts/fuzz.sh parser|check|eval|csv|stream|sie|siestream|layout|export SECONDS [libFuzzer options] | build}
root=$(cd "$(dirname "$0")/.." && pwd)
build="$root/.fuzz/build"
binary="$root/.fuzz/fuzz-kalkyl"
mkdir -p "$build"
flags=(-swift-version 6 -package-name kalkyl -O -sanitize=fuzzer,address -parse-as-library -wmo -num-threads 0)
quiet() { "$@" 2> >(grep -v "Cannot export local symbol" >&2); }

# Each module is compiled again only when one of its sources changed.
newer() { [[ ! -f "$1" ]] || [[ -n "$(find "${@:2}" -name '*.swift' -newer "$1")" ]]; }
if newer "$build/Kalkyl.o" "$root/Sources/Kalkyl"; then
  echo "fuzz.sh: compiling Sources/Kalkyl (about 10 minutes on a shared machine)"
  mapfile -t sources < <(find "$root/Sources/Kalkyl" -name '*.swift' | sort)
  quiet nice -n "$niceness" swiftc "${flags[@]}" -I "$root/Sources/CMalloc" -module-name Kalkyl -emit-module -emit-module-path "$build/Kalkyl.swiftmodule" \
    -c "${sources[@]}" -o "$build/Kalkyl.o"
  rm -f "$build/KalkylXLSX.o"
fi
if newer "$build/KalkylXLSX.o" "$root/Sources/KalkylXLSX"; then
  echo "fuzz.sh: compiling Sources/KalkylXLSX"
  mapfile -t sources < <(find "$root/Sources/KalkylXLSX" -name '*.swift' | sort)
  quiet nice -n "$niceness" swiftc "${flags[@]}" -I "$build" -I "$root/Sources/CMalloc" -I "$root/Sources/CXlsxWriter/include" -I "$root/Sources/CZlib" -module-name KalkylXLSX \
    -emit-module -emit-module-path "$build/KalkylXLSX.swiftmodule" -c "${sources[@]}" -o "$build/KalkylXLSX.o"
  rm -f "$binary"
fi
# libxlsxwriter's functions are forwarders that open it at the first workbook (dlopen).
loader="$root/Sources/CXlsxWriter/XLSXWriterLoader.c"
if [[ ! -f "$build/XLSXWriterLoader.o" ]] || [[ "$loader" -nt "$build/XLSXWriterLoader.o" ]]; then
  nice -n "$niceness" clang -O2 -I "$root/Sources/CXlsxWriter/include" -c "$loader" -o "$build/XLSXWriterLoader.o"
  rm -f "$binary"
fi
harness=("$root/Tests/KalkylXLSXTests/Fuzz/FuzzHarness.swift" "$root/Fuzz/FuzzMain.swift")
if [[ ! -x "$binary" ]] || [[ "${harness[0]}" -nt "$binary" ]] || [[ "${harness[1]}" -nt "$binary" ]] || [[ "$build/Kalkyl.o" -nt "$binary" ]]; then
  echo "fuzz.sh: linking $binary"
  quiet nice -n "$niceness" swiftc "${flags[@]}" -I "$build" -I "$root/Sources/CMalloc" -I "$root/Sources/CXlsxWriter/include" -I "$root/Sources/CZlib" -module-name KalkylFuzz \
    "${harness[@]}" "$build/Kalkyl.o" "$build/KalkylXLSX.o" "$build/XLSXWriterLoader.o" -lz -o "$binary"
fi
[[ "$target" == build ]] && exit 0

seconds=${2:?usage: scripts/fuzz.sh TARGET SECONDS}
shift 2
case "$target" in
  parser) seeds=("$root"/formulas/*.kalkyl "$root"/workbooks/*.layout) ;;
  check|eval|export) seeds=("$root"/formulas/*.kalkyl) ;;
  csv)    seeds=("$root"/formulas/data/*.csv) ;;
  stream) seeds=() ;;   # its committed corpus: a byte that picks the model, then a ledger
  sie)    seeds=("$root"/formulas/data/*.se) ;;
  siestream) seeds=() ;;   # its committed corpus: a byte that picks the model, then a SIE file
  layout) seeds=("$root"/workbooks/*.layout) ;;
  *) echo "fuzz.sh: unknown target '$target' (parser, check, eval, csv, stream, sie, siestream, layout, export)" >&2; exit 2 ;;
esac
work="$root/.fuzz/$target"
mkdir -p "$work/corpus"
seeds+=("$root/Fuzz/corpus/$target"/*)
for seed in "${seeds[@]}"; do [[ -f "$seed" ]] && cp -n "$seed" "$work/corpus/" || true; done
cd "$work"
# A trap goes to libFuzzer, not to Swift's backtracer (which AddressSanitizer trips over).
export KALKYL_FUZZ_TARGET="$target" KALKYL_FUZZ_ROOT="$root" SWIFT_BACKTRACE=enable=no
exec nice -n "$niceness" "$binary" corpus -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -max_len=65536 -print_final_stats=1 "$@"

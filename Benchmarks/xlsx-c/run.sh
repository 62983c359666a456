#!/bin/sh
# Export of the personnel model at N employees (default 37,000: 999,038 formula cells in the
# model) by `kalkyl export`, against libxlsxwriter writing the same cells from C.
#
#   swift build -c release --product kalkyl
#   sh Benchmarks/xlsx-c/run.sh [N] [RUNS]
#
# The C side is given every cell of Kalkyl's workbook, read into memory before its clock
# starts (cells_from_xlsx.py lists them; write_cells.c writes them): it times only
# libxlsxwriter building and closing the workbook. Kalkyl's time is the whole command, from
# reading the model to the renamed file. The runs alternate, so that a busy machine slows
# both alike.
set -e
n=${1:-37000}
runs=${2:-5}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=${TMPDIR:-/tmp}/kalkyl-xlsx-bench
mkdir -p "$work"
kalkyl="$root/.build/release/kalkyl"
[ -x "$kalkyl" ] || { echo "build first: swift build -c release --product kalkyl"; exit 1; }

sh "$here/personnel-model.sh" "$n" > "$work/personnel-$n.kalkyl"
gcc -O2 -o "$work/write_cells" "$here/write_cells.c" -lxlsxwriter
"$kalkyl" export "$work/personnel-$n.kalkyl" -o "$work/kalkyl.xlsx"
python3 "$here/cells_from_xlsx.py" "$work/kalkyl.xlsx" > "$work/cells.tsv"

for i in $(seq "$runs"); do
    /usr/bin/time -f "kalkyl export: %e s wall, %M KB peak" "$kalkyl" export "$work/personnel-$n.kalkyl" -o "$work/kalkyl.xlsx" >/dev/null
    printf "C libxlsxwriter: "
    "$work/write_cells" "$work/cells.tsv" "$work/c.xlsx"
done
ls -l "$work/kalkyl.xlsx" "$work/c.xlsx"

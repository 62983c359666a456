#!/bin/sh
# The peer table of issue 13 from a fresh machine: installs what it needs, builds Kalkyl's
# release binaries, and measures Kalkyl, LibreOffice headless (UNO), IronCalc (its Python
# package) and plain C over arrays on the personnel model of kalkyl-bench, in one run.
#
#   sh Benchmarks/peers/run.sh [N ...] [--rounds R] [--edits K] [--skip ironcalc] ...
#   sh Benchmarks/peers/run.sh --help
#
# Default: N = 10,000 and 100,000, three rounds. Prints the table per N with the ratios of
# this run; every round's figures go to $TMPDIR/kalkyl-peers/results.json.
set -e
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)

need=""
[ -x /usr/bin/soffice ] || need="$need libreoffice-calc-nogui"
/usr/bin/python3 -c "import uno" 2>/dev/null || need="$need python3-uno"
[ -f /usr/include/xlsxwriter.h ] || need="$need libxlsxwriter-dev"
[ -x /usr/bin/time ] || need="$need time"
command -v gcc >/dev/null || need="$need gcc"
if [ -n "$need" ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need >/dev/null
fi
python3 -c "import ironcalc" 2>/dev/null || python3 -m pip install -q ironcalc==0.9.1

cd "$root"
swift build -c release --product kalkyl-bench >/dev/null
swift build -c release --product kalkyl >/dev/null
exec python3 "$here/run.py" "$@"

#!/usr/bin/env bash
# Differential test against LibreOffice: COUNT random models from SEED, exported by kalkyl,
# recalculated by LibreOffice headless, every formula cell compared (scripts/differential/run.py
# says how). Runs at a low priority, nice -n 10 (KALKYL_NICE sets another): the machine is shared,
# and at 19 a run got almost no CPU beside the other engineers' builds.
#
#   scripts/differential.sh COUNT SEED [--kalkyl PATH] [--batch N] [--work DIR]
#
# Needs a built kalkyl (swift build; .build/debug/kalkyl by default), python3 and soffice.
# Exit 0 when every difference is explained (scripts/differential/known.py) and nothing failed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
count=${1:?usage: scripts/differential.sh COUNT SEED [options]}
seed=${2:?usage: scripts/differential.sh COUNT SEED [options]}
shift 2
exec nice -n "${KALKYL_NICE:-10}" python3 "$root/scripts/differential/run.py" "$count" "$seed" --progress "$@"

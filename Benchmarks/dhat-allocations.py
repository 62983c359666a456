#!/usr/bin/env python3
"""Counts the heap allocations made inside one function, from a DHAT profile, per call.

    valgrind --tool=dhat --num-callers=60 --dhat-out-file=salary.dhat \\
        .build/release/kalkyl-bench 10000 --profile salary --repeat 400
    python3 Benchmarks/dhat-allocations.py salary.dhat 400 [SYMBOL]

SYMBOL (default: Evaluation.set's mangled name) is matched against every frame of each
allocation's stack, so only allocations made inside it count, with the source lines that made
them. callgrind-calls.py cannot tell that: with --toggle-collect, callgrind still records calls
made outside the function (here, parsing the what-ifs before the timed loop), which it adds to
the calls it reports."""
import collections
import json
import re
import sys

SET = "EvaluationC3set_6record"
profile, repeats = sys.argv[1], int(sys.argv[2])
symbol = sys.argv[3] if len(sys.argv) > 3 else SET
data = json.load(open(profile))
frames = data["ftbl"]
total, by_place = 0, collections.Counter()
for point in data["pps"]:
    stack = [frames[i] for i in point["fs"]]
    if not any(symbol in f for f in stack):
        continue
    total += point["tbk"]
    place = []
    for f in stack[1:]:
        m = re.search(r"\((\w+\.swift:\d+)\)", f)
        if m and (not place or place[-1] != m.group(1)):
            place.append(m.group(1))
        if len(place) == 3:
            break
    by_place[" < ".join(place)] += point["tbk"]
print(f"allocations inside {symbol}: {total / repeats:.1f} per call ({total:,} in {repeats:,} calls)")
for place, count in by_place.most_common(12):
    print(f"{count / repeats:8.2f}  {place}")

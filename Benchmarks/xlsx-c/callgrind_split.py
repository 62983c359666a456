#!/usr/bin/env python3
"""Splits a callgrind profile of an export into libxlsxwriter's work and the rest.

    python3 callgrind_split.py callgrind.out.PID

libxlsxwriter's work is every call from outside libxlsxwriter into it, counted inclusive: with
the zlib, minizip and libc work it does beneath. The rest is the program's own: for
`kalkyl export` reading, checking and evaluating the model, rendering formulas, the wrapper's
checks; for write_cells.c reading its list of cells. docs/performance.md, "Export".
"""
import collections
import re
import sys


def main(path):
    names = {"ob": {}, "fn": {}}

    def name(kind, text):
        # callgrind compresses repeated names: "(12) name" once, then "(12)".
        m = re.match(r"\((\d+)\)(?: (.*))?", text)
        if not m:
            return text
        if m.group(2) is not None:
            names[kind][m.group(1)] = m.group(2)
        return names[kind][m.group(1)]

    ob = callee_ob = callee = None
    after_calls = False
    total = 0
    into = collections.Counter()
    for line in open(path):
        line = line.rstrip("\n")
        if line.startswith("ob="):
            ob = name("ob", line[3:])
        elif line.startswith("fn="):
            name("fn", line[3:])
            callee_ob = None
        elif line.startswith("cob="):
            callee_ob = name("ob", line[4:])
        elif line.startswith("cfn="):
            callee = name("fn", line[4:])
        elif line.startswith("calls="):
            after_calls = True
        elif line.startswith("totals:") or line.startswith("summary:"):
            total = int(line.split()[1])
        elif line[:1].isdigit() or line[:1] in ("+", "-", "*"):
            if after_calls:
                # The line after calls= is the call's inclusive cost.
                after_calls = False
                target = callee_ob if callee_ob is not None else ob
                if "libxlsxwriter" in target and "libxlsxwriter" not in ob:
                    into[callee] += int(line.split()[1])
                callee_ob = None
    library = sum(into.values())
    print("%-30s %15d" % ("whole process", total))
    print("%-30s %15d" % ("libxlsxwriter", library))
    for function, cost in into.most_common(6):
        print("  %-28s %15d" % (function, cost))
    print("%-30s %15d" % ("the rest", total - library))


if __name__ == "__main__":
    main(sys.argv[1])

#!/usr/bin/env python3
"""Lists the places in Sources/ that make a diagnostic carrying only its family's catch-all
code (K0100, K0200, K0300, K0400, K0500, K0800, K0900), so what is left to code is counted
the same way each time: `python3 scripts/catch-all-diagnostics.py [--list]`. None is left, and
DataDiagnosticCodeTests.noPlaceHandsOutACatchAllCode keeps it so.

A place is a construction of an error or a warning (`.error(…, at: …)`, `Diagnostic(.warning, …)`,
a checker's `error("…", range)` or a parser's `fail("…")`) with no `code:` argument, or with a
family's `00` code; notes, and helpers passing on a `message` or a `code` they were given, are
not places. It reads the source as text: a heuristic, exact for the code as it is written here.
"""
import re
import sys
from pathlib import Path

CATCH_ALL = {"syntax", "formula", "model", "units", "data", "layout", "scorecard"}
# Helpers whose own default code is a specific one: the model's and the layout's parsers' `fail` (K0109).
SPECIFIC_DEFAULT = {("Parser", "fail"), ("Layout", "fail")}
START = re.compile(r"(?<![\w])(\.error|Diagnostic|error|fail)\(")


def arguments(text: str, open_paren: int) -> str:
    depth, i, in_string = 0, open_paren, False
    while i < len(text):
        c = text[i]
        if in_string:
            if c == "\\":
                i += 2
                continue
            if c == '"':
                in_string = False
        elif c == '"':
            in_string = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return text[open_paren + 1:i]
        i += 1
    return text[open_paren + 1:]


def places(path: Path):
    folder = path.parts[-2]
    text = path.read_text()
    for m in START.finditer(text):
        kind = m.group(1)
        line_start = text.rfind("\n", 0, m.start()) + 1
        line = text[line_start:text.find("\n", m.start())]
        if line.lstrip().startswith(("//", "///")) or re.search(r"func\s+" + re.escape(kind.lstrip(".")) + r"\(", line):
            continue
        args = arguments(text, m.end() - 1).strip()
        if kind in (".error", "Diagnostic"):
            if "at:" not in args:
                continue
            if kind == "Diagnostic":
                if args.startswith(".note") or not args.startswith((".error", ".warning", "severity")):
                    continue
        elif kind in ("error", "fail"):
            if not (args.startswith('"') or re.match(r"[a-z]\w*(\.\w+)?\s*[,)]|[a-z]\w*\.map|\w+ \?", args)):
                continue
            if text[m.start() - 1:m.start()] == ".":
                continue
        first = args.split(",")[0].strip()
        if first in ("message", ".error, message", "severity") and "hint: hint" in args:
            continue
        code = re.search(r"code:\s*(\.?)(\w+)", args)
        if code and not (code.group(1) == "." and code.group(2) in CATCH_ALL):
            continue
        if not code and (folder, kind) in SPECIFIC_DEFAULT:
            continue
        yield text.count("\n", 0, m.start()) + 1, re.sub(r"\s+", " ", args)[:110]


def main():
    root = Path(__file__).resolve().parent.parent / "Sources"
    total = 0
    for path in sorted(root.rglob("*.swift")):
        # The command line prints, and explain's cell names are errors of an argument, not diagnostics.
        if path.parts[-2] == "kalkyl" or path.name == "CellReference.swift":
            continue
        found = list(places(path))
        if not found:
            continue
        total += len(found)
        print(f"{len(found):4d} {path.relative_to(root.parent)}")
        if "--list" in sys.argv:
            for line, args in found:
                print(f"       {line}: {args}")
    print(f"{total:4d} in all")


main()

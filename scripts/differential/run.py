"""Differential test: random models exported by Kalkyl and recalculated by LibreOffice.

    python3 scripts/differential/run.py COUNT SEED [--kalkyl PATH] [--work DIR] [--batch N]
    python3 scripts/differential/run.py COUNT SEED --work DIR --recompare     # known.py changed
    python3 scripts/differential/run.py COUNT SEED --work DIR --redo K,K,…    # Kalkyl changed

For each of COUNT models (model k's seed is SEED * 1_000_003 + k, so a run is reproducible and
any model can be made again alone: `generate.py SEED*1000003+k [FUNCTION]`):

1. generate.py writes it; model k also calls function k of the registry, so every function is
   called once every len(registry) models;
2. `kalkyl export` writes it as a workbook, with every scenario; a definition the checker
   refuses is dropped (by the line its diagnostic names) and the model exported again, so what
   reaches LibreOffice is a model Kalkyl accepts. A crash, a hang or an unexpected exit code of
   kalkyl is a failure;
3. LibreOffice headless recalculates the workbooks, a batch per start (--convert-to ods, with
   a profile that recalculates on load: an .ods keeps LibreOffice's own errors, Err:502, which
   an .xlsx it writes turns into #VALUE!);
4. every formula cell's value cached by Kalkyl is compared with LibreOffice's (numbers to a
   relative 1e-9). A difference is explained when known.py names it (a documented difference of
   LibreOffice from Excel, the Excel oracle deciding), unexplained otherwise.

Exit 0 when no difference is unexplained and nothing failed; 1 otherwise. The models, their
workbooks and LibreOffice's are kept under --work (default .differential/SEED).
"""

import argparse
import collections
import json
import os
import re
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)

import generate  # noqa: E402
import known  # noqa: E402
import workbook  # noqa: E402

PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""

DIAGNOSTIC = re.compile(r"^(?P<file>[^:\n]+):(?P<line>\d+):\d+: error:", re.M)
FUNCTION_CALL = re.compile(r"\b([A-Z][A-Z0-9_.]*)\(")
REGISTRY_NAMES = {f["name"] for f in generate.FUNCTIONS} | set(generate.TIME_FUNCTIONS)


REFERENCE = re.compile(r"(?:(\w+|'[^']+')!)?\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?")


def column_number(letters):
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


NAME = re.compile(r"(?<![A-Za-z0-9_.!$'])([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)?)(?![A-Za-z0-9_(!])")


def references(sheet, formula, names=None):
    """The cells a formula reads by address or by a defined name ((sheet, "B3"), ranges expanded)."""
    cells = []
    text = formula or ""
    for m in NAME.finditer(text):
        target = (names or {}).get(m.group(1))
        if target:
            cells += references(sheet, target)
    for m in REFERENCE.finditer(text):
        on = (m.group(1) or sheet).strip("'")
        c1, r1 = column_number(m.group(2)), int(m.group(3))
        c2, r2 = (column_number(m.group(4)), int(m.group(5))) if m.group(4) else (c1, r1)
        if (c2 - c1 + 1) * (r2 - r1 + 1) > 2000:
            continue
        for c in range(c1, c2 + 1):
            for r in range(r1, r2 + 1):
                cells.append((on, f"{workbook._column_name(c - 1)}{r}"))
    return cells


def number_in(cells, key):
    """A cell's value as a number is read: TRUE 1, FALSE 0, an empty cell 0, text None."""
    value = cells.get(key, (None, ("blank", None)))[1]
    if value[0] == "n":
        return value[1]
    if value[0] == "b":
        return 1.0 if value[1] else 0.0
    if value[0] == "blank":
        return 0.0
    return None


class Run:
    def __init__(self, args):
        self.args = args
        self.kalkyl = args.kalkyl
        self.work = args.work
        self.stats = collections.Counter()
        self.calls = collections.Counter()
        self.failures = []
        self.unexplained = []
        self.explained = collections.Counter()

    # -- Kalkyl ---------------------------------------------------------------------------

    def kalkyl_run(self, folder, arguments):
        env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
        try:
            return subprocess.run([self.kalkyl] + arguments, cwd=folder, capture_output=True, text=True,
                                  timeout=self.args.timeout, env=env)
        except subprocess.TimeoutExpired:
            return None

    def export(self, k):
        """Model k written, accepted and exported: the workbook's path, or None."""
        seed = self.args.seed * 1_000_003 + k
        function = generate.FUNCTIONS[k % len(generate.FUNCTIONS)]["name"]
        text, files = generate.generate(seed, function)
        folder = os.path.join(self.work, "models", f"m{k}")
        os.makedirs(folder, exist_ok=True)
        for name, content in files.items():
            with open(os.path.join(folder, name), "w", encoding="utf-8") as f:
                f.write(content)
        lines = text.split("\n")
        self.stats["models"] += 1
        for attempt in range(40):
            with open(os.path.join(folder, "model.kalkyl"), "w", encoding="utf-8") as f:
                f.write("\n".join(lines))
            scenarios = [m.group(1) for m in map(re.compile(r"^scenario (\w+)").match, lines) if m]
            arguments = ["export", "model.kalkyl", "-o", "model.xlsx"]
            for s in scenarios:
                arguments += ["--scenario", s]
            result = self.kalkyl_run(folder, arguments)
            if result is None:
                self.failures.append(f"m{k} (seed {seed}): kalkyl export took over {self.args.timeout} s")
                return None
            if result.returncode == 0:
                self.stats["exported"] += 1
                self.stats["definitions dropped"] += attempt
                for name in FUNCTION_CALL.findall("\n".join(lines)):
                    if name in REGISTRY_NAMES:
                        self.calls[name] += 1
                return os.path.join(folder, "model.xlsx")
            if result.returncode not in (1, 2, 3):
                self.failures.append(f"m{k} (seed {seed}): kalkyl export exit {result.returncode}: {result.stderr[-2000:]}")
                return None
            drop = set()
            for m in DIAGNOSTIC.finditer(result.stderr):
                if m.group("file") == "model.kalkyl":
                    drop.add(int(m.group("line")) - 1)
                else:
                    name = os.path.basename(m.group("file"))
                    drop |= {i for i, line in enumerate(lines) if f'"{name}"' in line}
            drop = {i for i in drop if 0 <= i < len(lines) and lines[i].strip() not in ("}", "")
                    and not lines[i].startswith(("model", "timeline", "dimension", "fiscal"))}
            if not drop:
                self.stats["refused"] += 1
                self.refusals.append(f"m{k}: {result.stderr.strip().splitlines()[0] if result.stderr.strip() else result.returncode}")
                return None
            lines = [line for i, line in enumerate(lines) if i not in drop]
        self.stats["refused"] += 1
        return None

    # -- LibreOffice ----------------------------------------------------------------------

    def recalculate(self, batch, paths):
        """LibreOffice's recalculated copy of each workbook, one soffice start for the batch."""
        folder = os.path.join(self.work, "libreoffice", f"batch{batch}")
        source = os.path.join(folder, "in")
        output = os.path.join(folder, "out")
        profile = os.path.join(self.work, "profile")
        os.makedirs(os.path.join(profile, "user"), exist_ok=True)
        with open(os.path.join(profile, "user", "registrymodifications.xcu"), "w") as f:
            f.write(PROFILE)
        os.makedirs(source, exist_ok=True)
        os.makedirs(output, exist_ok=True)
        names = {}
        for k, path in paths:
            name = f"m{k}.xlsx"
            shutil.copyfile(path, os.path.join(source, name))
            names[k] = name
        command = ["soffice", f"-env:UserInstallation=file://{os.path.abspath(profile)}", "--headless", "--norestore",
                   "--nolockcheck", "--convert-to", "ods", "--outdir", output] + [os.path.join(source, n) for n in names.values()]
        subprocess.run(command, capture_output=True, timeout=60 + 30 * len(names))
        return {k: os.path.join(output, name[:-len(".xlsx")] + ".ods") for k, name in names.items()}

    # -- comparing ------------------------------------------------------------------------

    def compare(self, k, mine, theirs):
        if not os.path.exists(theirs):
            self.failures.append(f"m{k}: LibreOffice wrote no workbook")
            return
        kalkyl_cells = workbook.cells(mine)
        wanted = collections.defaultdict(set)
        for sheet, ref in kalkyl_cells:
            wanted[sheet].add(ref)
        office_cells = workbook.ods_cells(theirs, wanted)
        names = workbook.defined_names(mine)
        every_cell = workbook.cells(mine, formulas_only=False)
        booleans = {key for key, (_, v) in every_cell.items() if v[0] == "b" or v in (("s", "TRUE"), ("s", "FALSE"))}
        differing = {}
        reads = {}
        for key, (formula, value) in kalkyl_cells.items():
            self.stats["cells compared"] += 1
            other = office_cells.get(key, ("blank", None))
            if not workbook.same(value, other):
                reads[key] = references(key[0], formula, names)
                context = known.Context(
                    reads_boolean=known.reads_boolean_literally(formula) or any(r in booleans for r in reads[key]),
                    numbers=known.literal_numbers(formula) + [number_in(every_cell, r) for r in reads[key]],
                    reads_text='"' in (formula or "") or any(every_cell.get(r, (None, ("blank",)))[1][0] == "s" for r in reads[key]),
                    reads_blank=any(every_cell.get(r, (None, ("blank",)))[1][0] == "blank" for r in reads[key]),
                    texts=[every_cell[r][1][1] for r in reads[key] if every_cell.get(r, (None, ("blank",)))[1][0] == "s"],
                    formulas=[every_cell[r][0] for r in reads[key] if r in every_cell])
                differing[key] = (formula, value, other, known.explain(formula, value, other, context))
        # A cell that differs because a cell it reads differs for a known reason is explained
        # by that reason: the Report's link to a Calc cell, a total of a row.
        changed = True
        while changed:
            changed = False
            for key, (formula, value, other, reason) in differing.items():
                if reason:
                    continue
                causes = [differing[r][3] for r in reads[key] if r in differing and differing[r][3]]
                if causes:
                    differing[key] = (formula, value, other, causes[0])
                    changed = True
        for key, (formula, value, other, reason) in differing.items():
            if reason:
                self.explained[reason] += 1
            else:
                self.unexplained.append((k, key, formula, value, other, reads[key]))

    def recompare(self):
        """The comparison again over the workbooks of an earlier run (after known.py changed)."""
        started = time.time()
        self.refusals = []
        for batch in sorted(os.listdir(os.path.join(self.work, "libreoffice"))):
            for name in sorted(os.listdir(os.path.join(self.work, "libreoffice", batch, "in"))):
                k = int(name[1:-len(".xlsx")])
                self.stats["models"] += 1
                self.stats["exported"] += 1
                self.stats["recalculated"] += 1
                self.compare(k, os.path.join(self.work, "libreoffice", batch, "in", name),
                             os.path.join(self.work, "libreoffice", batch, "out", f"m{k}.ods"))
        return self.report(time.time() - started)

    def redo(self):
        """Models of an earlier run made, exported and recalculated again with the kalkyl given (after a
        fix in Kalkyl): each replaces its workbooks in the batch it was in, then every batch is compared."""
        self.refusals = []
        batches = os.path.join(self.work, "libreoffice")
        ks = sorted({int(k) for k in self.args.redo.split(",")})
        exported = []
        for k in ks:
            for batch in os.listdir(batches):
                for old in (os.path.join(batches, batch, "in", f"m{k}.xlsx"), os.path.join(batches, batch, "out", f"m{k}.ods")):
                    if os.path.exists(old):
                        os.remove(old)
            path = self.export(k)
            if path:
                exported.append((k, path))
        self.stats.clear()
        if exported:
            self.recalculate("-redo-" + time.strftime("%H%M%S"), exported)
        return self.recompare()

    def main(self):
        if self.args.redo:
            return self.redo()
        if self.args.recompare:
            return self.recompare()
        started = time.time()
        self.refusals = []
        batch_size = self.args.batch
        for start in range(0, self.args.count, batch_size):
            exported = []
            for k in range(start, min(start + batch_size, self.args.count)):
                path = self.export(k)
                if path:
                    exported.append((k, path))
            if not exported:
                continue
            recalculated = self.recalculate(start // batch_size, exported)
            for k, path in exported:
                self.compare(k, path, recalculated[k])
            self.stats["recalculated"] += len(exported)
            if self.args.progress:
                print(f"{self.stats['recalculated']} models recalculated, {len(self.unexplained)} unexplained differences, "
                      f"{int(time.time() - started)} s", file=sys.stderr, flush=True)
        return self.report(time.time() - started)

    def report(self, seconds):
        s = self.stats
        print(f"differential: {s['models']} models generated (seed {self.args.seed}), {s['exported']} exported and "
              f"recalculated by LibreOffice, {s['refused']} refused whole by kalkyl, {s['definitions dropped']} definitions "
              f"dropped for check errors")
        print(f"differential: {s['cells compared']} formula cells compared, {sum(self.explained.values())} explained "
              f"differences, {len(self.unexplained)} unexplained, {len(self.failures)} failures, {seconds:.0f} s")
        never = sorted(REGISTRY_NAMES - set(self.calls))
        print(f"differential: {len(self.calls)} of {len(REGISTRY_NAMES)} functions called in exported models"
              + (f"; never: {', '.join(never)}" if never else ""))
        undecided = sum(n for reason, n in self.explained.items() if reason.startswith("UNDECIDED"))
        print(f"differential: {undecided} of the explained differences rest on an entry the Excel oracle has not "
              f"decided (UNDECIDED in known.py)")
        for reason, count in self.explained.most_common():
            print(f"  explained {count}: {reason}")
        for line in self.refusals[:10]:
            print(f"  refused {line}")
        for line in self.failures[:50]:
            print(f"FAILURE {line}")
        differing = {(k, key) for k, key, *_ in self.unexplained}
        roots = [d for d in self.unexplained if not any((d[0], ref) in differing for ref in d[5])]
        print(f"differential: {len(roots)} of the unexplained differences are not a cell reading another that differs")
        for k, key, formula, value, other, _ in roots[:300]:
            print(f"DIFFERENCE m{k} {key[0]}!{key[1]}: ={formula}\n    Kalkyl {value}, LibreOffice {other}")
        summary = {"models": s["models"], "recalculated": s["recalculated"], "cells": s["cells compared"],
                   "explained": sum(self.explained.values()), "undecided": undecided,
                   "unexplained": len(self.unexplained),
                   "failures": len(self.failures), "functions_called": len(self.calls),
                   "functions": len(REGISTRY_NAMES), "seconds": round(seconds)}
        with open(os.path.join(self.work, "summary.json"), "w") as f:
            json.dump(summary, f, indent=1)
        return 0 if not self.unexplained and not self.failures else 1


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("count", type=int)
    parser.add_argument("seed", type=int)
    parser.add_argument("--kalkyl", default=os.path.join(ROOT, ".build", "debug", "kalkyl"))
    parser.add_argument("--work", default=None)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--timeout", type=int, default=120)
    parser.add_argument("--progress", action="store_true")
    parser.add_argument("--recompare", action="store_true", help="compare an earlier run's workbooks again")
    parser.add_argument("--redo", default="", help="K,K,…: make these models of an earlier run again with this "
                        "kalkyl (after a fix), replacing their workbooks, then compare every batch again")
    args = parser.parse_args()
    args.kalkyl = os.path.abspath(args.kalkyl)
    args.work = os.path.abspath(args.work or os.path.join(ROOT, ".differential", str(args.seed)))
    if not args.recompare and not args.redo:
        if os.path.exists(args.work):
            shutil.rmtree(args.work)
        os.makedirs(args.work)
    sys.exit(Run(args).main())


if __name__ == "__main__":
    main()

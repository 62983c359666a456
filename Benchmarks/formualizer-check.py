#!/usr/bin/env python3
"""Checks Kalkyl's values on formualizer's scenarios as kalkyl-bench wrote them, independently.

    kalkyl-bench --scenario all 100000 --keep DIR
    python3 Benchmarks/formualizer-check.py DIR 100000 [--kalkyl .build/release/kalkyl] [--only NAME]

For each scenario it reads the written CSV files, works out with plain Python every value of
the model's formula cells before and after formualizer's edits, runs `kalkyl eval --format
json` (with the edits as --set) and compares every cell. It prints one line per scenario and
its checksum (the sum of the cells formualizer reads), and exits 1 on any difference.
"""
import argparse
import csv
import json
import subprocess
import sys


def rows(path):
    with open(path, encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter=";"))


def evaluate(kalkyl, model, sets):
    args = [kalkyl, "eval", model, "--format", "json"]
    for s in sets:
        args += ["--set", s]
    out = subprocess.run(args, check=True, capture_output=True).stdout
    return json.loads(out)["values"]


def headline(folder, n, kalkyl):
    a = [int(r["a"]) for r in rows(f"{folder}/rows.csv")]
    assert a == list(range(1, n + 1)), "rows.csv is not 1..N"
    edit = n // 2
    for sets in ([], [f"a[r{edit}]=42"]):
        inputs = list(a)
        if sets:
            inputs[edit - 1] = 42
        values = evaluate(kalkyl, f"{folder}/model.kalkyl", sets)
        b = values["b"]
        bad = [i for i, x in enumerate(inputs) if b[f"r{i + 1}"] != 2 * x]
        assert not bad, f"b differs at rows {bad[:5]}"
        assert values["c1"] == 2 * sum(inputs), (values["c1"], 2 * sum(inputs))
    return f"B{edit} = {b[f'r{edit}']}, C1 = {values['c1']}"


def chain(folder, n, kalkyl):
    offsets = [int(r["offset"]) for r in rows(f"{folder}/chains.csv")]
    months = n // len(offsets)
    for seed in (1, 2):
        values = evaluate(kalkyl, f"{folder}/model.kalkyl", [] if seed == 1 else ["seed=2"])
        a = values["a"]
        for k, offset in enumerate(offsets):
            assert a[f"c{k + 1}"] == [seed + offset + p for p in range(months)], f"chain c{k + 1} differs"
    last = a[f"c{len(offsets)}"][-1]
    assert last == n + 1, last
    return f"A{n} = {last}"


def sumifs(folder, n, kalkyl):
    facts = rows(f"{folder}/facts.csv")
    lines = rows(f"{folder}/report.csv")
    fact_row = n * 54319 // 100000 + 2
    for edited in (False, True):
        if edited:
            facts[fact_row - 2]["qty"] = "99"
            lines[0]["region"] = "West"
        sets = [f"qty[f{fact_row}]=99", 'line_region[r2]="West"'] if edited else []
        values = evaluate(kalkyl, f"{folder}/model.kalkyl", sets)
        revenue = {f["id"]: int(f["qty"]) * int(f["price"]) for f in facts}
        assert values["revenue"] == revenue, "revenue differs"
        sums = {}
        for f in facts:
            key = (f["region"], f["product"], f["channel"])
            sums[key] = sums.get(key, 0) + revenue[f["id"]]
        expected = {l["id"]: sums.get((l["region"], l["product"], l["channel"]), 0) for l in lines}
        assert values["line_revenue"] == expected, "line_revenue differs"
    report = values["line_revenue"]
    reads = [f"r2", f"r{len(lines) // 2}", f"r{len(lines)}"]
    return f"F{fact_row} = {values['revenue'][f'f{fact_row}']}, " + ", ".join(f"D{r[1:]} = {report[r]}" for r in reads)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", help="the --keep folder of kalkyl-bench --scenario")
    parser.add_argument("n", type=int)
    parser.add_argument("--kalkyl", default=".build/release/kalkyl")
    parser.add_argument("--only", action="append", choices=["headline", "chain", "sumifs"],
                        help="check only this scenario (repeatable)")
    args = parser.parse_args()
    failed = False
    for name, check in (("headline", headline), ("chain", chain), ("sumifs", sumifs)):
        if args.only and name not in args.only:
            continue
        folder = f"{args.folder}/{name}-{args.n}"
        try:
            print(f"{name}: every cell as Python works it out, before and after the edits; {check(folder, args.n, args.kalkyl)}")
        except (AssertionError, KeyError, subprocess.CalledProcessError) as e:
            print(f"{name}: FAILED: {e}")
            failed = True
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()

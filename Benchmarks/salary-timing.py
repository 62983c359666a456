#!/usr/bin/env python3
"""Salary edits of one or more kalkyl-bench builds and of the C program, round by round.

    python3 Benchmarks/salary-timing.py N ROUNDS BENCH [BENCH ...] [--recurrence] [--work DIR]

Each round runs every BENCH (`kalkyl-bench N --json --runs 3 --updates 101`, which checks every
incremental result against a full evaluation) and then the C program of Benchmarks/peers
(`personnel staff.csv --bench 3 101`) on the same staff file, and prints each one's median
salary edit in µs; at the end the median of the rounds and each build's ratio to C. With
--recurrence each BENCH also runs with its per-employee recurrence (`--recurrence`, which every
salary edit reaches; the C program has none), reported as BENCH+rec. On a shared
machine only the ratios within one run mean anything. The C program is compiled and the staff
file written under --work (default $TMPDIR/kalkyl-peers, where Benchmarks/peers/run.sh keeps
them) when they are missing."""
import argparse
import json
import os
import statistics
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))


def last_json(text):
    return json.loads(text.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("n", type=int)
    parser.add_argument("rounds", type=int)
    parser.add_argument("benches", nargs="+")
    parser.add_argument("--recurrence", action="store_true")
    parser.add_argument("--work", default=os.path.join(os.environ.get("TMPDIR", "/tmp"), "kalkyl-peers"))
    options = parser.parse_args()
    os.makedirs(options.work, exist_ok=True)
    c_program = os.path.join(options.work, "personnel")
    if not os.path.exists(c_program):
        subprocess.run(["gcc", "-O2", "-o", c_program, os.path.join(HERE, "peers", "personnel.c"), "-lm"], check=True)
    staff = os.path.join(options.work, str(options.n), "staff.csv")
    if not os.path.exists(staff):
        subprocess.run([options.benches[0], str(options.n), "--runs", "1", "--updates", "1", "--keep", options.work],
                       check=True, capture_output=True)
    runs = [(b, []) for b in options.benches] + ([(b, ["--recurrence"]) for b in options.benches] if options.recurrence else [])
    results = {b + ("+rec" if extra else ""): [] for b, extra in runs}
    results["c"] = []
    for r in range(options.rounds):
        for bench, extra in runs:
            figures = last_json(subprocess.run([bench, str(options.n), "--json", "--runs", "3", "--updates", "101"] + extra,
                                               check=True, capture_output=True, text=True).stdout)
            if not figures["identical"]:
                raise SystemExit(f"{bench}: the incremental results differ from a full evaluation")
            results[bench + ("+rec" if extra else "")].append(figures["salary_update"]["median_us"])
        figures = last_json(subprocess.run([c_program, staff, "--bench", "3", "101"],
                                           check=True, capture_output=True, text=True).stdout)
        if not figures["identical"]:
            raise SystemExit("the C program's edits differ from its full evaluation")
        results["c"].append(figures["salary_edit_us"])
        print(f"round {r + 1}: " + ", ".join(f"{k} {v[-1]:.2f} µs" for k, v in results.items())
              + f"; load {os.getloadavg()[0]:.1f}", flush=True)
    c = statistics.median(results["c"])
    for k, v in results.items():
        print(f"{k}: median {statistics.median(v):.2f} µs, {statistics.median(v) / c:.2f}× C")


if __name__ == "__main__":
    main()

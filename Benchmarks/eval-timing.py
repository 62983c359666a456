#!/usr/bin/env python3
"""Full evaluations of one or more kalkyl-bench builds, at given thread counts, and of the C
program, round by round.

    python3 Benchmarks/eval-timing.py N ROUNDS BENCH[:THREADS] [BENCH[:THREADS] ...] [--runs K] [--work DIR]

Each round runs every BENCH (`kalkyl-bench N --json --runs K --updates 3`, with `--threads
THREADS` when given; every run checks its incremental results, and since `--threads`, its
threads' bits, against a fresh full evaluation on one thread) and then the C program of
Benchmarks/peers (`personnel staff.csv --bench K 3`, one thread, gcc -O2) on the same staff
file, and prints each one's median full evaluation in ms with the load average; at the end the
median of the rounds and each one's ratio to C. On a shared machine only the ratios within one
run mean anything. The C program is compiled and the staff file written under --work (default
$TMPDIR/kalkyl-peers, where Benchmarks/peers/run.sh keeps them) when they are missing."""
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
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--work", default=os.path.join(os.environ.get("TMPDIR", "/tmp"), "kalkyl-peers"))
    options = parser.parse_args()
    os.makedirs(options.work, exist_ok=True)
    c_program = os.path.join(options.work, "personnel")
    if not os.path.exists(c_program):
        subprocess.run(["gcc", "-O2", "-o", c_program, os.path.join(HERE, "peers", "personnel.c"), "-lm"], check=True)
    benches = []
    for spec in options.benches:
        path, _, threads = spec.partition(":")
        benches.append((spec, [path] + (["--threads", threads] if threads else [])))
    staff = os.path.join(options.work, str(options.n), "staff.csv")
    if not os.path.exists(staff):
        subprocess.run([benches[0][1][0], str(options.n), "--runs", "1", "--updates", "1", "--keep", options.work],
                       check=True, capture_output=True)
    results = {spec: [] for spec, _ in benches}
    results["c"] = []
    runs = str(options.runs)
    for r in range(options.rounds):
        for spec, command in benches:
            figures = last_json(subprocess.run(command[:1] + [str(options.n), "--json", "--runs", runs, "--updates", "3"] + command[1:],
                                               check=True, capture_output=True, text=True).stdout)
            if not figures["identical"]:
                raise SystemExit(f"{spec}: the results differ from a full evaluation on one thread")
            results[spec].append(statistics.median(figures["eval_ms"]))
        figures = last_json(subprocess.run([c_program, staff, "--bench", runs, "3"],
                                           check=True, capture_output=True, text=True).stdout)
        if not figures["identical"]:
            raise SystemExit("the C program's edits differ from its full evaluation")
        results["c"].append(figures["eval_ms"])
        print(f"round {r + 1}: " + ", ".join(f"{k} {v[-1]:.2f} ms" for k, v in results.items())
              + f"; load {os.getloadavg()[0]:.1f}", flush=True)
    c = statistics.median(results["c"])
    for k, v in results.items():
        print(f"{k}: median {statistics.median(v):.2f} ms, {statistics.median(v) / c:.2f}× C")


if __name__ == "__main__":
    main()

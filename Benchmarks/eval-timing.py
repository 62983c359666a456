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
$TMPDIR/kalkyl-peers, where Benchmarks/peers/run.sh keeps them) when they are missing.
The rounds are Benchmarks/timing_rounds.py's, shared with salary-timing.py."""
import argparse
import statistics

from timing_rounds import DEFAULT_WORK, prepare, rounds


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("n", type=int)
    parser.add_argument("rounds", type=int)
    parser.add_argument("benches", nargs="+")
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--work", default=DEFAULT_WORK)
    options = parser.parse_args()
    runs = []
    for spec in options.benches:
        path, _, threads = spec.partition(":")
        runs.append((spec, [path, str(options.n), "--json", "--runs", str(options.runs), "--updates", "3"]
                     + (["--threads", threads] if threads else []),
                     lambda figures: statistics.median(figures["eval_ms"])))
    c_program, staff = prepare(options.work, options.n, runs[0][1][0])
    rounds(options.rounds, runs, [c_program, staff, "--bench", str(options.runs), "3"], lambda figures: figures["eval_ms"], "ms")


if __name__ == "__main__":
    main()

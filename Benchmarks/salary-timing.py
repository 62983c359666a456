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
them) when they are missing.
The rounds are Benchmarks/timing_rounds.py's, shared with eval-timing.py."""
import argparse

from timing_rounds import DEFAULT_WORK, prepare, rounds


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("n", type=int)
    parser.add_argument("rounds", type=int)
    parser.add_argument("benches", nargs="+")
    parser.add_argument("--recurrence", action="store_true")
    parser.add_argument("--work", default=DEFAULT_WORK)
    options = parser.parse_args()
    c_program, staff = prepare(options.work, options.n, options.benches[0])
    variants = [(b, []) for b in options.benches] + ([(b, ["--recurrence"]) for b in options.benches] if options.recurrence else [])
    runs = [(bench + ("+rec" if extra else ""), [bench, str(options.n), "--json", "--runs", "3", "--updates", "101"] + extra,
             lambda figures: figures["salary_update"]["median_us"])
            for bench, extra in variants]
    rounds(options.rounds, runs, [c_program, staff, "--bench", "3", "101"], lambda figures: figures["salary_edit_us"], "µs")


if __name__ == "__main__":
    main()

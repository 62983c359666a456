"""What Benchmarks/eval-timing.py and Benchmarks/salary-timing.py share: the C program of
Benchmarks/peers and a staff file made when missing, and the rounds themselves, every
kalkyl-bench run and then the C program, each round's figures printed with the load average
and at the end each one's median of the rounds and its ratio to C.

On a shared machine only the ratios within one run mean anything, which is why C runs in
every round beside the builds measured."""
import json
import os
import statistics
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_WORK = os.path.join(os.environ.get("TMPDIR", "/tmp"), "kalkyl-peers")


def last_json(text):
    """The JSON object a benchmark prints on its last line."""
    return json.loads(text.strip().splitlines()[-1])


def prepare(work, n, bench):
    """The C program (gcc -O2) and the staff file of n employees under `work` (where
    Benchmarks/peers/run.sh keeps them), made when missing; the staff file by `bench`."""
    os.makedirs(work, exist_ok=True)
    c_program = os.path.join(work, "personnel")
    if not os.path.exists(c_program):
        subprocess.run(["gcc", "-O2", "-o", c_program, os.path.join(HERE, "peers", "personnel.c"), "-lm"], check=True)
    staff = os.path.join(work, str(n), "staff.csv")
    if not os.path.exists(staff):
        subprocess.run([bench, str(n), "--runs", "1", "--updates", "1", "--keep", work], check=True, capture_output=True)
    return c_program, staff


def run_json(command, what):
    """Runs a benchmark and returns its figures; stops when its results were not identical to
    a full evaluation (`what` says whose, in the message)."""
    figures = last_json(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
    if not figures["identical"]:
        raise SystemExit(f"{what}: the results differ from a full evaluation")
    return figures


def rounds(count, runs, c_command, c_figure, unit):
    """`count` rounds of `runs` ([(name, command, figure)], `figure` picking one number from a
    run's JSON) and then the C program (`c_command`, `c_figure`); prints every round and the
    medians with their ratios to C, and returns the figures by name ("c" for C's)."""
    results = {name: [] for name, _, _ in runs}
    results["c"] = []
    for r in range(count):
        for name, command, figure in runs:
            results[name].append(figure(run_json(command, name)))
        results["c"].append(c_figure(run_json(c_command, "the C program")))
        print(f"round {r + 1}: " + ", ".join(f"{k} {v[-1]:.2f} {unit}" for k, v in results.items())
              + f"; load {os.getloadavg()[0]:.1f}", flush=True)
    c = statistics.median(results["c"])
    for k, v in results.items():
        print(f"{k}: median {statistics.median(v):.2f} {unit}, {statistics.median(v) / c:.2f}× C")
    return results

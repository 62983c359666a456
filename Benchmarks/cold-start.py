#!/usr/bin/env python3
"""The cold start of docs/performance.md, builds alternated run by run: the whole process
`kalkyl explain personnel.kalkyl year_cost --depth 0` on the files `kalkyl-bench N --keep DIR`
writes. For each build: CPU time from `perf stat -e task-clock` (min / lower quartile / median),
and from wait4 the wall time (fork to exit; best / lower quartile / median), the maximum resident set (KB, and bytes per cell
for N = 100,000: 3,000,053 cells) and the minor page faults.

    python3 Benchmarks/cold-start.py RUNS DIR/100000 BUILD-A/kalkyl [BUILD-B/kalkyl ...]
"""
import os, sys, time, subprocess, statistics

runs = int(sys.argv[1]); folder = sys.argv[2]; builds = sys.argv[3:]
arguments = ["explain", "personnel.kalkyl", "year_cost", "--depth", "0"]
cells = 3_000_053
results = {b: {"wall": [], "cpu": [], "rss": [], "faults": [], "task": []} for b in builds}
devnull = os.open(os.devnull, os.O_WRONLY)
for i in range(runs):
    order = builds if i % 2 == 0 else list(reversed(builds))
    for build in order:
        start = time.perf_counter()
        pid = os.fork()
        if pid == 0:
            os.chdir(folder); os.dup2(devnull, 1); os.execv(build, [build] + arguments)
        _, status, usage = os.wait4(pid, 0)
        end = time.perf_counter()
        if status != 0: sys.exit(f"{build} exited with status {status}")
        r = results[build]
        r["wall"].append(end - start); r["cpu"].append(usage.ru_utime + usage.ru_stime)
        r["rss"].append(usage.ru_maxrss); r["faults"].append(usage.ru_minflt)
    for build in order:
        err = subprocess.run(["perf", "stat", "-x,", "-e", "task-clock", "--", build] + arguments, cwd=folder,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True).stderr
        for line in err.splitlines():
            fields = line.split(",")
            if len(fields) > 2 and fields[2].startswith("task-clock"): results[build]["task"].append(float(fields[0]))

def quartile(xs): return sorted(xs)[(len(xs) - 1) // 4]
print(f"{runs} alternated runs each, load {os.getloadavg()[0]:.1f}")
for build in builds:
    r = results[build]
    print(f"{build}: task-clock min/quartile/median {min(r['task']):.1f}/{quartile(r['task']):.1f}/{statistics.median(r['task']):.1f} ms;"
          f" wall best/quartile/median {min(r['wall']):.3f}/{quartile(r['wall']):.3f}/{statistics.median(r['wall']):.3f} s;"
          f" maximum resident {min(r['rss'])}-{max(r['rss'])} KB ({min(r['rss']) * 1024 / cells:.1f}-{max(r['rss']) * 1024 / cells:.1f} B/cell);"
          f" minor faults median {statistics.median(r['faults']):.0f}")

"""The peer table of issue 13 in one run: Kalkyl, LibreOffice headless, IronCalc and plain C
on the personnel model of kalkyl-bench, at each N, measured round by round (the engines
interleaved, so a busy machine slows them alike) and reported as medians, with every ratio
taken from this run. run.sh installs what this needs and calls it.

Every engine's grand total (year_cost) is checked against the C program's: Kalkyl's must be
the same bits, the spreadsheets' within 1e-12 relative, before and after the edits of
edits.py. kalkyl-bench checks its own edits bit for bit against a full evaluation and the C
program its own; a failed check stops the run with exit code 1."""
import argparse
import json
import os
import platform
import re
import subprocess
import sys
import time

import edits

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
RELEASE = os.path.join(ROOT, ".build", "release")


def run(args, **kw):
    done = subprocess.run(args, capture_output=True, text=True, **kw)
    if done.returncode != 0:
        sys.exit(f"peers: {' '.join(args)} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return done


def timed(args):
    """Wall seconds, peak resident kilobytes and stdout of a whole process. The peak comes from
    GNU time, a small parent: Linux carries the forking process's peak across exec into the
    child's ru_maxrss, so a child forked by this Python would report at least Python's."""
    t0 = time.perf_counter()
    done = subprocess.run(["/usr/bin/time", "-f", "PEAK %M"] + args, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if done.returncode != 0:
        sys.exit(f"peers: {' '.join(args)} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return wall, int(re.findall(r"PEAK (\d+)", done.stderr)[-1]), done.stdout


def last_json(text):
    return json.loads(text.strip().splitlines()[-1])


def kalkyl(n, folder, options):
    bench = last_json(run([os.path.join(RELEASE, "kalkyl-bench"), str(n), "--json", "--keep", folder,
                           "--runs", str(options.runs), "--updates", str(options.updates)]).stdout)
    if not bench["identical"]:
        sys.exit("peers: kalkyl-bench's incremental results differ from a full evaluation")
    model = os.path.join(folder, str(n), "personnel.kalkyl")
    wall, kb, out = timed([os.path.join(RELEASE, "kalkyl"), "explain", model, "year_cost", "--depth", "0", "--format", "json"])
    return {
        "eval_ms": edits.median(bench["eval_ms"]),
        "salary_edit_us": bench["salary_update"]["median_us"],
        "overhead_edit_ms": bench["overhead_update"]["median_us"] / 1e3,
        "cold_s": wall, "peak_rss_kb": kb, "year_cost": json.loads(out)["explanation"]["value"],
    }


def c_program(n, staff, binary, options):
    bench = last_json(run([binary, staff, "--bench", str(options.runs), str(options.updates)]).stdout)
    wall, kb, out = timed([binary, staff])
    bench.update(cold_s=wall, peak_rss_kb=kb, cold_year_cost=float(out))
    return bench


def ironcalc(n, book, options):
    script = os.path.join(HERE, "ironcalc_peer.py")
    wall, kb, out = timed([sys.executable, script, "cold", book])
    bench = last_json(run([sys.executable, script, "bench", book, str(n), str(options.peer_runs),
                           str(options.edits)], cwd=HERE).stdout)
    bench.update(cold_s=wall, peak_rss_kb=kb, cold_year_cost=float(out))
    return bench


def libreoffice(n, book, folder, options):
    script = os.path.join(HERE, "libreoffice_peer.py")
    return last_json(run(["/usr/bin/python3", script, book, str(n), str(options.peer_runs), str(options.edits),
                          os.path.join(folder, "lo-profile")], cwd=HERE).stdout)


def relative(a, b):
    return abs(a - b) / max(abs(b), 1e-300)


def check_totals(n, results, reference):
    """Every engine's grand totals against the C program's; returns the largest difference."""
    worst = 0.0
    for engine, rounds in results.items():
        for r in rounds:
            for key, want in (("year_cost", reference["year_cost"]), ("cold_year_cost", reference["year_cost"]),
                              ("year_cost_after_edits", reference["year_cost_after_edits"])):
                if key not in r or engine == "c":
                    continue
                d = relative(r[key], want)
                worst = max(worst, d)
                exact = engine == "kalkyl"
                if (exact and r[key] != want) or d > 1e-12:
                    sys.exit(f"peers: N={n}: {engine}'s {key} is {r[key]!r}, the C program's {want!r}")
    return worst


FIGURES = [
    ("full evaluation", "eval_ms", 1, "ms"),
    ("one salary edit", "salary_edit_us", 1, "µs"),
    ("payroll-overhead edit", "overhead_edit_ms", 1, "ms"),
    ("cold start: files → first result, whole process", "cold_s", 1, "s"),
    ("peak memory of that process", "peak_rss_kb", 1024 / 1e6, "MB"),
]


def number(x):
    if x >= 100:
        return f"{x:,.0f}"
    if x >= 10:
        return f"{x:.1f}"
    return f"{x:.3g}"


def ratio(x):
    return f"{x:,.0f}" if x >= 100 else f"{x:.2g}" if x < 10 else f"{x:.0f}"


def table(n, medians):
    cells = 30 * n + 53
    engines = [e for e in ("kalkyl", "libreoffice", "ironcalc", "c") if e in medians]
    names = {"kalkyl": "Kalkyl", "libreoffice": "LibreOffice", "ironcalc": "IronCalc", "c": "plain C -O2"}
    head = ["Figure"] + [names[e] for e in engines] + ["Kalkyl ÷ C"]
    head += [f"{names[e]} ÷ Kalkyl" for e in ("libreoffice", "ironcalc") if e in medians]
    lines = [f"N = {n:,} employees ({27 * n + 38:,} formula cells, {cells:,} cells); medians",
             "", "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for label, key, scale, unit in FIGURES:
        row = [label]
        for e in engines:
            v = medians[e][key] * scale
            extra = f" ({medians[e][key] * 1024 / cells:.1f} B/cell)" if key == "peak_rss_kb" else ""
            row.append(f"{number(v)} {unit}{extra}")
        k, c = medians["kalkyl"][key], medians["c"][key]
        row.append(f"{k / c:.2f}")   # the target: at most 1.5
        for e in ("libreoffice", "ironcalc"):
            if e in medians:
                row.append(ratio(medians[e][key] / k))
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)


def versions():
    def first(args):
        try:
            return subprocess.run(args, capture_output=True, text=True).stdout.strip().splitlines()[0]
        except (OSError, IndexError):
            return "not found"
    model = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    try:
        import importlib.metadata
        ironcalc_version = importlib.metadata.version("ironcalc")
    except Exception:
        ironcalc_version = "not installed"
    return {
        "machine": f"{os.cpu_count()} cores, {model}, {platform.release()}",
        "memory": next(l.split(":")[1].strip() for l in open("/proc/meminfo") if l.startswith("MemTotal")),
        "swift": first(["swift", "--version"]),
        "libreoffice": first(["soffice", "--version"]),
        "ironcalc": ironcalc_version,
        "gcc": first(["gcc", "--version"]),
        "kalkyl": first(["git", "-C", ROOT, "log", "-1", "--format=%h %cd", "--date=short"]),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[10_000, 100_000])
    parser.add_argument("--rounds", type=int, default=3, help="rounds of every engine (medians reported)")
    parser.add_argument("--runs", type=int, default=11, help="full evaluations per round, Kalkyl and C")
    parser.add_argument("--updates", type=int, default=101, help="salary edits per round, Kalkyl and C")
    parser.add_argument("--peer-runs", type=int, default=3, help="full evaluations per round, the spreadsheets")
    parser.add_argument("--edits", type=int, default=3, help="salary and overhead edits per round, the spreadsheets")
    parser.add_argument("--skip", action="append", default=[], choices=["libreoffice", "ironcalc"])
    parser.add_argument("--work", default=os.path.join(os.environ.get("TMPDIR", "/tmp"), "kalkyl-peers"))
    options = parser.parse_args()
    os.makedirs(options.work, exist_ok=True)

    binary = os.path.join(options.work, "personnel")
    run(["gcc", "-O2", "-o", binary, os.path.join(HERE, "personnel.c"), "-lm"])
    writer = os.path.join(options.work, "workbook")
    run(["gcc", "-O2", "-o", writer, os.path.join(HERE, "workbook.c"), "-lxlsxwriter"])
    info = versions()
    print("\n".join(f"{k}: {v}" for k, v in info.items()), flush=True)
    report = {"versions": info, "sizes": {}}
    for n in options.sizes:
        folder = os.path.join(options.work, str(n))
        print(f"\nN = {n:,}: load average {os.getloadavg()[0]:.1f} at the start", flush=True)
        run([os.path.join(RELEASE, "kalkyl-bench"), str(n), "--runs", "1", "--updates", "1", "--keep", options.work])
        staff = os.path.join(folder, "staff.csv")
        book = os.path.join(folder, "personnel.xlsx")
        run([writer, staff, book])
        reference = last_json(run([binary, staff, "--bench", "1", str(options.edits)]).stdout)
        results = {e: [] for e in ("kalkyl", "c", "libreoffice", "ironcalc") if e not in options.skip}
        for r in range(options.rounds):
            for engine in results:
                t0 = time.monotonic()
                if engine == "kalkyl":
                    results[engine].append(kalkyl(n, options.work, options))
                elif engine == "c":
                    results[engine].append(c_program(n, staff, binary, options))
                elif engine == "libreoffice":
                    results[engine].append(libreoffice(n, book, folder, options))
                else:
                    results[engine].append(ironcalc(n, book, options))
                print(f"  round {r + 1}, {engine}: {time.monotonic() - t0:.1f} s, load {os.getloadavg()[0]:.1f}", flush=True)
        worst = check_totals(n, results, reference)
        keys = [key for _, key, _, _ in FIGURES]
        medians = {e: {k: edits.median([x[k] for x in rounds]) for k in keys} for e, rounds in results.items()}
        print()
        print(table(n, medians))
        print(f"\nGrand totals: Kalkyl's equals the C program's bit for bit ({reference['year_cost']!r}); "
              f"the spreadsheets' within {worst:.1e} relative, before and after {options.edits} edits of each kind. "
              f"Load average {os.getloadavg()[0]:.1f} at the end.", flush=True)
        report["sizes"][n] = {"rounds": results, "medians": medians, "largest_difference": worst}
    with open(os.path.join(options.work, "results.json"), "w") as f:
        json.dump(report, f, indent=1)
    print(f"\nEvery round's figures: {os.path.join(options.work, 'results.json')}")


if __name__ == "__main__":
    main()

"""LibreOffice Calc headless on the personnel workbook (workbook.c writes it), through UNO.
Run with the system's Python, which has the uno module (python3-uno).

    /usr/bin/python3 libreoffice_peer.py BOOK.xlsx N RUNS EDITS PROFILE_DIR

Prints one JSON line:
- cold_s: from starting soffice to the grand total of the loaded, fully recalculated workbook
  (the user profile already exists: a first start that creates it is made before);
- peak_rss_kb: the soffice.bin process's peak resident memory (VmHWM) at the end;
- eval_ms: median of RUNS full recalculations (calculateAll);
- salary_edit_us, overhead_edit_ms: medians of an edit (setValue) until the new grand total is
  read, with LibreOffice's automatic recalculation on;
- the grand total before and after the edits of edits.py."""
import json
import os
import subprocess
import sys
import time

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException

import edits


def soffice(profile, pipe):
    return subprocess.Popen(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--invisible",
         "--nologo", "--norestore", "--nodefault", "--nolockcheck",
         f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def connect(pipe, seconds=120):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + seconds
    while True:
        try:
            ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            return ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        except NoConnectException:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def office_pid(pipe):
    """The soffice.bin process listening on this pipe."""
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                args = f.read().split(b"\0")
        except OSError:
            continue
        if args and args[0].endswith(b"soffice.bin") and any(pipe.encode() in a for a in args):
            return int(pid)
    return None


def peak_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def stop(desktop, process):
    try:
        desktop.terminate()
    except Exception:
        pass
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def main(path, n, runs, count, profile):
    pipe = f"kalkyl_peers_{os.getpid()}"
    url = uno.systemPathToFileUrl(os.path.abspath(path))
    hidden = PropertyValue()
    hidden.Name, hidden.Value = "Hidden", True

    first = soffice(profile, pipe)          # creates the profile; not measured
    stop(connect(pipe), first)

    t0 = time.perf_counter()
    process = soffice(profile, pipe)
    desktop = connect(pipe)
    doc = desktop.loadComponentFromURL(url, "_blank", 0, (hidden,))
    doc.calculateAll()
    sheets = doc.getSheets()
    staff, model = sheets.getByName("Staff"), sheets.getByName("Model")
    total = model.getCellRangeByName("B9")
    base = total.getValue()
    cold = time.perf_counter() - t0

    evaluations = []
    for _ in range(runs):
        t0 = time.perf_counter()
        doc.calculateAll()
        evaluations.append(time.perf_counter() - t0)
    salary = []
    for i in range(count):
        cell = staff.getCellByPosition(1, edits.employee(i, n) + 1)
        value = cell.getValue() + 100
        t0 = time.perf_counter()
        cell.setValue(value)
        total.getValue()
        salary.append(time.perf_counter() - t0)
    overhead = []
    rate = model.getCellRangeByName("B1")
    for i in range(count):
        t0 = time.perf_counter()
        rate.setValue(edits.overhead(i))
        total.getValue()
        overhead.append(time.perf_counter() - t0)
    after = total.getValue()
    pid = office_pid(pipe)
    peak = peak_kb(pid) if pid else 0
    doc.close(True)
    stop(desktop, process)
    print(json.dumps({
        "cold_s": cold, "peak_rss_kb": peak,
        "eval_ms": edits.median(evaluations) * 1e3,
        "salary_edit_us": edits.median(salary) * 1e6,
        "overhead_edit_ms": edits.median(overhead) * 1e3,
        "year_cost": base, "year_cost_after_edits": after,
    }))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5])

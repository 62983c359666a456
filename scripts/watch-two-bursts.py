#!/usr/bin/env python3
"""How `kalkyl watch` takes a save written in two bursts: half a model written and closed,
a pause, then the rest appended (an editor that writes a file in two goes).

    python3 scripts/watch-two-bursts.py KALKYL [SAVES] [PAUSE_MS]

Each save writes `input a = N` (the half, a valid model without b), closes the file, waits
PAUSE_MS (default 100), and appends `input b = 1000 + N`. It counts the saves whose half was
reported (b "removed"), and those whose whole was reported after it, which must be all: the
last values watch shows are the file as saved (docs/cli.md, watch)."""
import os
import subprocess
import sys
import tempfile
import threading
import time

binary = sys.argv[1]
saves = int(sys.argv[2]) if len(sys.argv) > 2 else 20
pause = (float(sys.argv[3]) if len(sys.argv) > 3 else 100) / 1000
path = os.path.join(tempfile.mkdtemp(prefix="two-bursts-"), "model.kalkyl")
with open(path, "w") as f:
    f.write("input a = 0\ninput b = 0\n")
watch = subprocess.Popen([binary, "watch", path], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
lines = []
threading.Thread(target=lambda: [lines.append(line) for line in watch.stdout], daemon=True).start()


def wait_for(needle, seconds=20):
    end = time.time() + seconds
    while time.time() < end:
        if needle in "".join(lines):
            return True
        time.sleep(0.01)
    return False


def write(flags, text):
    f = os.open(path, os.O_WRONLY | flags)
    os.write(f, text.encode())
    os.close(f)


assert wait_for("Ctrl-C to stop"), "".join(lines)
half_reported = whole_last = 0
for n in range(1, saves + 1):
    start = len(lines)
    write(os.O_TRUNC, f"input a = {n}\n")
    time.sleep(pause)
    write(os.O_APPEND, f"input b = {1000 + n}\n")
    whole = f"→ {1000 + n:,}".replace(",", " ")
    reported = wait_for(whole)
    time.sleep(0.3)   # anything reported after the whole save would show now
    ours = "".join(lines[start:])
    half_reported += "removed" in ours
    whole_last += reported and whole in ours.split("\n[")[-1]
watch.terminate()
print(f"{saves} saves, {pause * 1000:.0f} ms between the bursts: half reported {half_reported}, "
      f"whole reported last {whole_last}")
sys.exit(0 if whole_last == saves else 1)

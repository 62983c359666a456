#!/usr/bin/env python3
"""Usage: python3 Benchmarks/watch-memory.py KALKYL MODEL [--save]

Starts `kalkyl watch`, waits until it has printed its first values and gone idle, and
prints its resident memory then (what it holds between saves) and its peak; with --save, also
after d.csv beside the model is touched (a new modification time, the same text) and watch
has gone idle again."""
import os, subprocess, sys, time
binary, model = sys.argv[1], sys.argv[2]
save = "--save" in sys.argv
p = subprocess.Popen([binary, "watch", model], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
os.set_blocking(p.stdout.fileno(), False)
def status():
    d = {}
    for l in open(f"/proc/{p.pid}/status"):
        k, v = l.split(":", 1)
        d[k] = v.strip()
    return d
def cpu():
    f = open(f"/proc/{p.pid}/stat").read().split(")")[1].split()
    return int(f[11]) + int(f[12])
def idle(seconds=3.0):
    last, stable = cpu(), time.time()
    while time.time() - stable < seconds:
        time.sleep(0.25)
        now = cpu()
        if now != last: last, stable = now, time.time()
start = time.time()
out = b""
while not out:
    time.sleep(0.5)
    try: out += p.stdout.read() or b""
    except Exception: pass
idle()
s = status()
print(f"first values after {time.time() - start:.1f} s: held {s['VmRSS']}, peak {s['VmHWM']}")
if save:
    d = os.path.join(os.path.dirname(model) or ".", "d.csv")
    os.utime(d)
    time.sleep(2)
    idle(5.0)
    s = status()
    print(f"after a save of the same text: held {s['VmRSS']}, peak {s['VmHWM']}")
p.terminate(); p.wait()

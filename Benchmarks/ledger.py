#!/usr/bin/env python3
"""Writes a generated ledger and a model that reads it, for docs/performance.md "Large data files".

    python3 Benchmarks/ledger.py long BYTES DIR    konto;period;belopp: 2,000 accounts x 12 months,
                                                   a block of 24,000 rows repeated, amounts n,25,
                                                   summed with `long ... sum missing 0`
    python3 Benchmarks/ledger.py wide BYTES DIR    ansvar;konto and twelve months of k,25, a row per
                                                   cost centre and account (2,000 accounts each)

then `/usr/bin/time -f "%e s %M KB" kalkyl eval DIR/model.kalkyl total`. The data file is `d.csv`
(its first BYTES rounded up to whole blocks), beside `konto.csv` (and `ansvar.csv` for wide).
With `--twice` after DIR, a long ledger is read by two statements, as an outturn and as the
actual version of a cost (`kost[actual, konto, month] = data ...`), and `total` adds both.
"""
import os, sys

shape, target, folder = sys.argv[1], int(sys.argv[2]), sys.argv[3]
twice = "--twice" in sys.argv[4:]
os.makedirs(folder, exist_ok=True)
accounts = range(3000, 5000)
with open(os.path.join(folder, "konto.csv"), "w") as f:
    f.write("konto\n" + "".join(f"{a}\n" for a in accounts))
months = [f"2024-{m:02d}" for m in range(1, 13)]
with open(os.path.join(folder, "d.csv"), "wb") as f:
    if shape == "long":
        f.write(b"konto;period;belopp\n")
        block = "".join(f"{a};2024{m:02d};{(a * 12 + m) % 100000},25\n" for a in accounts for m in range(1, 13)).encode()
        written = 0
        while written < target:
            f.write(block)
            written += len(block)
        model = ('input utfall[konto, month]: kr = data "d.csv" long key konto period period amount belopp sum missing 0\n'
                 'total[month]: kr = SUM(utfall[konto])\n')
        dimensions = 'dimension konto from "konto.csv" key konto\n'
        if twice:
            dimensions += 'dimension version = actual, budget\n'
            model = ('input utfall[konto, month]: kr = data "d.csv" long key konto period period amount belopp sum missing 0\n'
                     'input kost[version, konto, month]: kr = 0\n'
                     'input kost[actual, konto, month] = data "d.csv" long key konto period period amount belopp sum missing 0\n'
                     'total[month]: kr = SUM(utfall[konto]) + SUM(kost[actual, konto])\n')
    elif shape == "wide":
        f.write(("ansvar;konto;" + ";".join(months) + "\n").encode())
        written, ansvar = 0, 0
        while written < target:
            ansvar += 1
            block = "".join(f"{100000 + ansvar};{a};" + ";".join(f"{(a + m + ansvar) % 1000},25" for m in range(12)) + "\n"
                            for a in accounts).encode()
            f.write(block)
            written += len(block)
        with open(os.path.join(folder, "ansvar.csv"), "w") as g:
            g.write("ansvar\n" + "".join(f"{100000 + k}\n" for k in range(1, ansvar + 1)))
        model = ('input budget[ansvar, konto, month]: kr = data "d.csv" wide key ansvar, konto\n'
                 'total[month]: kr = SUM(budget[ansvar, konto])\n')
        dimensions = 'dimension ansvar from "ansvar.csv" key ansvar\ndimension konto from "konto.csv" key konto\n'
    else:
        sys.exit("shape: long or wide")
with open(os.path.join(folder, "model.kalkyl"), "w") as f:
    f.write('model "ledger"\ntimeline monthly 2024-01 .. 2024-12\n' + dimensions + model)

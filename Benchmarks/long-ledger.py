#!/usr/bin/env python3
"""Writes a long general ledger and a model that sums it, for measuring large data files.

    python3 Benchmarks/long-ledger.py FOLDER MEGABYTES [--encoding utf-8|utf-16|windows-1252]

FOLDER gets d.csv (`konto;period;belopp`, 2,000 accounts x 12 months of 2024, a block of
24,000 rows repeated until the file has MEGABYTES million bytes; amounts `n,25`), konton.csv
and model.kalkyl (`input utfall[konto, month] = data "d.csv" long ... sum missing 0`,
`total[month] = SUM(utfall[konto])`, `year = SUM(total[2024-01 .. 2024-12])`). It prints the rows written and the total the model must give.
"""
import os
import sys

folder, megabytes = sys.argv[1], float(sys.argv[2])
encoding = sys.argv[4] if len(sys.argv) > 4 and sys.argv[3] == "--encoding" else "utf-8"
os.makedirs(folder, exist_ok=True)
accounts = [3000 + k for k in range(2000)]
block = "".join(f"{a};2024{m:02d};{(a * 7 + m * 13) % 100000},25\n" for m in range(1, 13) for a in accounts)
block_total = sum((a * 7 + m * 13) % 100000 + 0.25 for m in range(1, 13) for a in accounts)
header = "konto;period;belopp\n"
target = int(megabytes * 1_000_000)
unit = 2 if encoding == "utf-16" else 1
blocks = max(1, (target // unit - len(header)) // len(block))
with open(os.path.join(folder, "d.csv"), "wb") as f:
    f.write(header.encode(encoding))
    chunk = block.encode(encoding)
    if encoding == "utf-16":
        chunk = chunk[2:]   # one byte-order mark, from the header
    for _ in range(blocks):
        f.write(chunk)
with open(os.path.join(folder, "konton.csv"), "w") as f:
    f.write("konto\n" + "".join(f"{a}\n" for a in accounts))
with open(os.path.join(folder, "model.kalkyl"), "w") as f:
    f.write('model "Huvudbok"\ntimeline monthly 2024-01 .. 2024-12\n'
            'dimension konto from "konton.csv" key konto\n'
            'input utfall[konto, month]: kr = data "d.csv" long key konto period period amount belopp sum missing 0\n'
            'total[month]: kr = SUM(utfall[konto])\n'
            'year: kr = SUM(total[2024-01 .. 2024-12])\n')
print(f"{blocks * 24000} rows, {os.path.getsize(os.path.join(folder, 'd.csv'))} bytes, total {block_total * blocks:.2f}")

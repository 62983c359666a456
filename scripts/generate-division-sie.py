#!/usr/bin/env python3
"""Writes formulas/data/division-2024.se: the division's general ledger as a SIE 4 file, in the
standard's code page IBM 437 (#FORMAT PC8), as an accounting system exports it.

It holds the same bookings as formulas/data/division-2024-gl.csv: each ledger row is a voucher
(#VER, with the row's number, date and text) whose #TRANS books the amount on the cost centre
and account, balanced by a #TRANS on a balance-sheet account without an object (customers,
suppliers, bank, social fees, depreciation). Beside them: the chart of accounts (#KONTO), the
cost centres (#DIM 1, #OBJEKT), opening and closing balances (#IB, #UB), the year's result per
account (#RES), the monthly balances per cost centre and in total (#PSALDO, also for the year
before), and the budget spread by the periodisation key as the example spreads it (#PBUDGET).
Texts are written in IBM 437, so the en dash of the CSV's texts becomes a hyphen.
Usage: generate-division-sie.py REPO_ROOT
"""
import csv, math, sys
from collections import defaultdict

root = sys.argv[1] if len(sys.argv) > 1 else "."
data = root + "/formulas/data/"

def rows(name):
    with open(data + name, encoding="cp1252", newline="") as f:
        return list(csv.DictReader(f, delimiter=";"))

def number(text):
    return float(text.replace(" ", "").replace(",", "."))

def amount(x):
    return f"{x:.2f}"

def quoted(text):
    return '"' + text.replace('"', '\\"') + '"'

balance_accounts = {"1229": "Ackumulerade avskrivningar på inventarier", "1510": "Kundfordringar",
                    "1930": "Företagskonto", "2440": "Leverantörsskulder", "2730": "Lagstadgade sociala avgifter"}
opening = {"1229": -410_000.0, "1510": 180_000.0, "1930": 3_500_000.0, "2440": -95_000.0, "2730": -60_000.0}

def counter_account(account):
    a = int(account)
    if 3000 <= a <= 3999: return "1510"
    if a in (5010, 5110): return "1930"
    if a == 5510: return "2730"
    if a == 7010: return "1229"
    return "2440"

ledger = rows("division-2024-gl.csv")   # the chart of accounts below is division-2024-konto.csv
accounts = rows("division-2024-konto.csv")
centres = rows("division-2024-ansvar.csv")

lines = ["#FLAGGA 0", "#FORMAT PC8", "#SIETYP 4", '#PROGRAM "Kalkyl testdata" 1.0', "#GEN 20240705",
         '#FNAMN "Region Norrland, Division Medicinsk teknik"', "#RAR 0 20240101 20241231", "#RAR -1 20230101 20231231",
         '#KPTYP "BAS2024"', '#DIM 1 "Kostnadsställe"']
lines += [f'#OBJEKT 1 "{c["Ansvar"]}" {quoted(c["Benämning"])}' for c in centres]
chart = {a: n for a, n in balance_accounts.items()} | {r["Konto"]: r["Benämning"] for r in accounts}
lines += [f"#KONTO {a} {quoted(n)}" for a, n in sorted(chart.items())]

movement = defaultdict(float)                 # account → the year's sum
per_object = defaultdict(float)               # (centre, account, month) → sum
per_account = defaultdict(float)              # (account, month) → sum
vouchers = []
for r in ledger:
    x = number(r["Belopp"])
    centre, account, month = r["Ansvar"], r["Konto"], int(r["Period"][4:])
    counter = counter_account(account)
    movement[account] += x
    movement[counter] -= x
    per_object[centre, account, month] += x
    per_account[account, month] += x
    text = r["Text"].replace("–", "-")
    series, number_ = r["Vernr"][0], r["Vernr"][1:]
    vouchers += [f'#VER {series} {number_} {r["Datum"].replace("-", "")} {quoted(text)}', "{",
                 f'   #TRANS {account} {{1 "{centre}"}} {amount(x)}', f"   #TRANS {counter} {{}} {amount(-x)}", "}"]

for a in sorted(balance_accounts):
    lines.append(f"#IB 0 {a} {amount(opening[a])}")
    lines.append(f"#UB 0 {a} {amount(opening[a] + movement[a])}")
for a in sorted(r["Konto"] for r in accounts):
    lines.append(f"#RES 0 {a} {amount(movement[a])}")

for (centre, account, month), x in sorted(per_object.items()):
    lines.append(f'#PSALDO 0 2024{month:02d} {account} {{1 "{centre}"}} {amount(x)}')
    # The year before, which exports carry for comparison: outside a 2024 model's timeline.
    lines.append(f'#PSALDO -1 2023{month:02d} {account} {{1 "{centre}"}} {amount(round(x * 0.95))}')
for (account, month), x in sorted(per_account.items()):
    lines.append(f"#PSALDO 0 2024{month:02d} {account} {{}} {amount(x)}")

keys = []
for r in rows("division-2024-nycklar.csv"):
    low, high = r["Konto"].split("..")
    keys.append((int(low), int(high), [float(r[f"2024{m:02d}"]) for m in range(1, 13)]))

def spread(x, weights):
    """Each month rounded half away from zero, the last month with a share takes the rest."""
    total = sum(weights)
    months = [math.copysign(math.floor(abs(x * w / total) + 0.5), x * w / total) if w > 0 else 0.0 for w in weights]
    last = max(i for i, w in enumerate(weights) if w > 0)
    months[last] = x - (sum(months) - months[last])
    return months

for r in rows("division-2024-budget.csv"):
    weights = [w for low, high, w in keys if low <= int(r["Konto"]) <= high][0]
    for m, x in enumerate(spread(number(r["Årsbudget 2024"]), weights), start=1):
        lines.append(f'#PBUDGET 0 2024{m:02d} {r["Konto"]} {{1 "{r["Ansvar"]}"}} {amount(x)}')

text = "\r\n".join(lines + vouchers) + "\r\n"
with open(data + "division-2024.se", "wb") as f:
    f.write(text.encode("cp437"))

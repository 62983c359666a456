#!/usr/bin/env python3
"""Recomputes the expectations of formulas/division-followup-2024.kalkyl from its data files,
independently of Kalkyl: reads the ledger, the budget and the periodisation key (Windows-1252,
';', thousands spaces), sums and spreads them, and checks every '# expect:' line of the model.
Reads the SIE 4 file too (IBM 437): its vouchers per cost centre, account and month must be
the CSV ledger's sums, its #PSALDO the same, and its #PBUDGET the spread budget, cell by cell.
Exits 1 naming each expectation that differs. Usage: division_followup_2024.py REPO_ROOT"""
import csv, math, re, sys
from collections import defaultdict

root = sys.argv[1] if len(sys.argv) > 1 else "."
data = root + "/formulas/data/"

def rows(name):
    with open(data + name, encoding="cp1252", newline="") as f:
        return list(csv.DictReader(f, delimiter=";"))

def number(text):
    return float(text.replace(" ", "").replace(",", "."))

def line_of(account):
    a = int(account)
    if 3000 <= a <= 3999: return "Intäkter"
    if 5000 <= a <= 5999: return "Personalkostnader"
    if 4000 <= a <= 4999 or 6000 <= a <= 7999: return "Övrigt"
    raise SystemExit(f"account {account} is in no report line")

actual = defaultdict(float)          # (line, month) → amount
per_centre = defaultdict(float)      # (centre, month) → amount
for r in rows("division-2024-gl.csv"):
    month = int(r["Period"][4:])
    actual[line_of(r["Konto"]), month] += number(r["Belopp"])
    per_centre[r["Ansvar"], month] += number(r["Belopp"])

keys = []
for r in rows("division-2024-nycklar.csv"):
    low, high = r["Konto"].split("..")
    keys.append((int(low), int(high), [float(r[f"2024{m:02d}"]) for m in range(1, 13)]))

def spread(amount, weights):
    """Each month rounded half away from zero, the last month with a share takes the rest."""
    total = sum(weights)
    months = [math.copysign(math.floor(abs(amount * w / total) + 0.5), amount * w / total) if w > 0 else 0.0 for w in weights]
    last = max(i for i, w in enumerate(weights) if w > 0)
    months[last] = amount - (sum(months) - months[last])
    return months

budget = defaultdict(float)
for r in rows("division-2024-budget.csv"):
    weights = [w for low, high, w in keys if low <= int(r["Konto"]) <= high]
    assert len(weights) == 1, r["Konto"]
    for m, x in enumerate(spread(number(r["Årsbudget 2024"]), weights[0]), start=1):
        budget[line_of(r["Konto"]), m] += x

budget_cells = defaultdict(float)    # (centre, account, month) → the spread budget
ledger_cells = defaultdict(float)    # (centre, account, month) → the CSV ledger's sum
for r in rows("division-2024-budget.csv"):
    weights = [w for low, high, w in keys if low <= int(r["Konto"]) <= high][0]
    for m, x in enumerate(spread(number(r["Årsbudget 2024"]), weights), start=1):
        budget_cells[r["Ansvar"], r["Konto"], m] += x
for r in rows("division-2024-gl.csv"):
    ledger_cells[r["Ansvar"], r["Konto"], int(r["Period"][4:])] += number(r["Belopp"])

# The SIE file: the P&L accounts (3xxx–7xxx) per object of dimension 1; the balance sheet's
# counter-entries have no object and are left out, as the model leaves them out.
sie_vouchers, sie_psaldo, sie_pbudget = defaultdict(float), defaultdict(float), defaultdict(float)
month_of_voucher = None
with open(data + "division-2024.se", encoding="cp437") as f:
    for line in f:
        fields = re.findall(r'\{[^}]*\}|"(?:[^"\\]|\\.)*"|\S+', line)
        if not fields: continue
        if fields[0] == "#VER": month_of_voucher = int(fields[3][4:6])
        objects = lambda text: dict(re.findall(r'(\d+)\s+"?([^"\s}]+)"?', text))
        if fields[0] == "#TRANS" and 3000 <= int(fields[1]) <= 7999:
            sie_vouchers[objects(fields[2])["1"], fields[1], month_of_voucher] += float(fields[3])
        if fields[0] in ("#PSALDO", "#PBUDGET") and fields[1] == "0" and list(objects(fields[4])) == ["1"]:
            target = sie_psaldo if fields[0] == "#PSALDO" else sie_pbudget
            target[objects(fields[4])["1"], fields[3], int(fields[2][4:])] += float(fields[5])

def differences(name, ours, theirs):
    return [f"{name}{k}: {ours.get(k, 0):.2f} against {theirs.get(k, 0):.2f}" for k in sorted(set(ours) | set(theirs))
            if abs(ours.get(k, 0) - theirs.get(k, 0)) > 0.005]
cell_failures = (differences("SIE vouchers vs CSV ledger ", sie_vouchers, ledger_cells)
                 + differences("#PSALDO vs CSV ledger ", sie_psaldo, ledger_cells)
                 + differences("#PBUDGET vs spread budget ", sie_pbudget, budget_cells))
if len(sie_vouchers) < 100: cell_failures.append(f"only {len(sie_vouchers)} cells from the SIE vouchers")

first_half = range(1, 7)
computed = {
    "intakter_jan_jun": sum(actual["Intäkter", m] for m in first_half),
    "personal_jan_jun": sum(actual["Personalkostnader", m] for m in first_half),
    "ovrigt_jan_jun": sum(actual["Övrigt", m] for m in first_half),
    "budget_personal_juli": budget["Personalkostnader", 7],
    "budget_ar": sum(budget.values()),
    "service_norr_jan_jun": sum(per_centre["521020", m] for m in first_half),
    "resultat_sie_jan_jun": sum(x for (c, a, m), x in sie_vouchers.items() if m in first_half),
}
for m in range(1, 13):
    computed[f"resultat[2024-{m:02d}]"] = sum(actual[line, m] for line in ("Intäkter", "Personalkostnader", "Övrigt"))
    computed[f"budget_resultat[2024-{m:02d}]"] = sum(budget[line, m] for line in ("Intäkter", "Personalkostnader", "Övrigt"))

model = open(root + "/formulas/division-followup-2024.kalkyl", encoding="utf-8").read()
expected = re.findall(r"^# expect: (\S+) = (-?[0-9_]+)$", model, re.M)
failures = [f"{name}: the model expects {value}, the data give {computed[name]:.2f}"
            for name, value in expected if name not in computed or abs(computed[name] - int(value.replace("_", ""))) > 0.005]
if len(expected) < 8:
    failures.append(f"only {len(expected)} expectations in the model")
failures += cell_failures
for f in failures: print(f)
print(f"{len(sie_vouchers)} cells of the SIE file compared with the CSV ledger, {len(sie_pbudget)} with the spread budget")
print(f"{len(expected)} expectations, {len(failures)} differ")
sys.exit(1 if failures else 0)

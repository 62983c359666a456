#!/usr/bin/env python3
"""Writes formulas/data/lansteknik-staff-2021.csv: a synthetic staff list for Länsteknik.

The interim report per April 2021 gives the totals only: 137 employees in December 2020 and
131 in April 2021. Everything per person here is made up, deterministically (a fixed-seed
generator), in the shape an HR system exports: id;namn;enhet;månadslön;sysselsättningsgrad;slutmånad;befattning;
kön;födelseår;anställd. The befattning (occupation) follows the unit, in turn, and takes nothing
from the generator, so adding it left every other column as it was; kön (K or M), födelseår and
anställd (the month of hire) come from a generator of their own, after the others, for the same
reason. The first name decides kön, so a name and its kön agree.
"""
import random

random.seed(2021)
units = [("Datacenter", 35, 44_000), ("Nätverk", 25, 42_000), ("MT", 40, 38_500),
         ("Support", 22, 33_500), ("Utveckling", 15, 46_500)]
first = ["Anna", "Björn", "Cecilia", "David", "Elin", "Fredrik", "Greta", "Hassan", "Ida", "Johan",
         "Karin", "Lars", "Maria", "Nils", "Olivia", "Per", "Rut", "Sara", "Tomas", "Ulla", "Viktor", "Åsa", "Örjan"]
last = ["Andersson", "Berg", "Carlsson", "Dahl", "Ek", "Forsberg", "Gustafsson", "Holm", "Isaksson", "Jonsson",
        "Lind", "Nilsson", "Nyström", "Öberg", "Persson", "Sundström", "Wikström", "Åström"]
# Leavers: six in January–April (2, 1, 2, 1) as the report's 137 → 131 requires, and four
# known leavers later in the year, which the forecast counts.
leaving = ["2021-01-31", "2021-01-31", "2021-02-28", "2021-03-31", "2021-03-31", "2021-04-30",
           "2021-06-30", "2021-08-31", "2021-09-30", "2021-11-30"]
occupations = {"Datacenter": ["Drifttekniker", "Systemtekniker"], "Nätverk": ["Nätverkstekniker"],
               "MT": ["Medicintekniker", "Medicintekniker", "Drifttekniker"], "Support": ["Supporttekniker"],
               "Utveckling": ["Systemutvecklare", "Systemutvecklare", "Systemtekniker"]}
rows = []
n = 0
for unit, count, base in units:
    for i in range(count):
        n += 1
        salary = round(base * random.uniform(0.82, 1.22) / 50) * 50
        rate = random.choice([100] * 8 + [80, 75, 50])
        rows.append([f"L{1000 + n}", f"{random.choice(first)} {random.choice(last)}", unit, salary, rate, "",
                     occupations[unit][i % len(occupations[unit])]])
for k, month in enumerate(leaving):
    rows[(k * 13 + 5) % len(rows)][5] = month


# Kön follows the first name; födelseår and the month of hire come from a generator of their own.
women = {"Anna", "Cecilia", "Elin", "Greta", "Ida", "Karin", "Maria", "Olivia", "Rut", "Sara", "Ulla", "Åsa"}
extra = random.Random(2022)
for r in rows:
    born = extra.randint(1958, 1997)
    hired_year = extra.randint(max(born + 22, 1985), 2020)
    r += ["K" if r[1].split()[0] in women else "M", born, f"{hired_year}-{extra.randint(1, 12):02d}"]


def swedish(amount):
    text = f"{amount:,}".replace(",", "\u00a0")
    return text


with open("formulas/data/lansteknik-staff-2021.csv", "w", encoding="utf-8") as f:
    f.write("id;namn;enhet;månadslön;sysselsättningsgrad;slutmånad;befattning;kön;födelseår;anställd\n")
    for r in rows:
        f.write(f"{r[0]};{r[1]};{r[2]};{swedish(r[3])};{r[4]} %;{r[5]};{r[6]};{r[7]};{r[8]};{r[9]}\n")
print(f"{len(rows)} employees")

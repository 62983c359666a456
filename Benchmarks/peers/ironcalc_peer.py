"""IronCalc on the personnel workbook (workbook.c writes it), through its Python package.

    python3 ironcalc_peer.py cold BOOK.xlsx             load, evaluate, print the grand total
    python3 ironcalc_peer.py bench BOOK.xlsx N RUNS EDITS

bench prints one JSON line: the median full evaluation, salary edit and overhead edit (an edit
is the new value set and the workbook evaluated, as IronCalc recomputes every cell), and the
grand total before and after the edits of edits.py."""
import json
import sys
import time

import ironcalc

import edits

STAFF, MODEL = 0, 1
TOTAL = "Model!B9"


def load(path):
    model = ironcalc.load_from_xlsx(path, "en", "UTC")
    model.evaluate()
    return model


def bench(path, n, runs, count):
    model = load(path)
    base = model.get_cell_value_by_ref(TOTAL)
    evaluations = []
    for _ in range(runs):
        t0 = time.perf_counter()
        model.evaluate()
        evaluations.append(time.perf_counter() - t0)
    salary = []
    for i in range(count):
        row = edits.employee(i, n) + 2
        value = model.get_cell_value_by_ref(f"Staff!B{row}") + 100
        t0 = time.perf_counter()
        model.update_cell_with_number(STAFF, row, 2, value)
        model.evaluate()
        model.get_cell_value_by_ref(TOTAL)
        salary.append(time.perf_counter() - t0)
    overhead = []
    for i in range(count):
        t0 = time.perf_counter()
        model.update_cell_with_number(MODEL, 1, 2, edits.overhead(i))
        model.evaluate()
        model.get_cell_value_by_ref(TOTAL)
        overhead.append(time.perf_counter() - t0)
    print(json.dumps({
        "eval_ms": edits.median(evaluations) * 1e3,
        "salary_edit_us": edits.median(salary) * 1e6,
        "overhead_edit_ms": edits.median(overhead) * 1e3,
        "year_cost": base,
        "year_cost_after_edits": model.get_cell_value_by_ref(TOTAL),
        "version": ironcalc.__version__ if hasattr(ironcalc, "__version__") else "",
    }))


if __name__ == "__main__":
    if sys.argv[1] == "cold":
        print(repr(load(sys.argv[2]).get_cell_value_by_ref(TOTAL)))
    else:
        bench(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]))

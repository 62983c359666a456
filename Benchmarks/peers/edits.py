"""The edits every engine of the peer table makes, in the same order (personnel.c makes the
same ones): salary edit i raises employee (7919 i + 13) mod N by 100 kr; overhead edit i sets
the payroll overhead to 46.20 % + 0.05 % i. After EDITS of each, the grand total must equal the
C program's after the same edits (`personnel STAFF.csv --bench 1 EDITS`)."""


def employee(i, n):
    return (7919 * i + 13) % n


def overhead(i):
    return 0.4620 + 0.0005 * i


def median(values):
    values = sorted(values)
    n = len(values)
    return values[n // 2] if n % 2 else (values[n // 2 - 1] + values[n // 2]) / 2

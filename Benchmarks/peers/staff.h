/* The staff CSV of kalkyl-bench (Benchmarks/PersonnelBenchmark/StaffList.swift), read into
 * arrays: `id;monthly_salary;start_month;annual_budget`, `;` between fields, a decimal comma
 * and thousands grouped by spaces (`41 250,50`). A number is its digits as one integer
 * divided by a power of ten, which is the correctly rounded double, as Kalkyl reads it. */
#ifndef STAFF_H
#define STAFF_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    int n;
    double *salary, *start, *budget;
} Staff;

static double staff_number(const char **p) {
    long long digits = 0;
    int decimals = -1, negative = 0;
    const char *s = *p;
    if (*s == '-') { negative = 1; s++; }
    for (;; s++) {
        if (*s >= '0' && *s <= '9') {
            digits = digits * 10 + (*s - '0');
            if (decimals >= 0) decimals++;
        } else if (*s == ',' && decimals < 0) {
            decimals = 0;
        } else if (*s != ' ') {
            break;
        }
    }
    *p = s;
    double x = (double)digits;
    static const double tens[] = {1, 10, 100, 1000, 10000, 100000, 1000000};
    if (decimals > 0) x /= tens[decimals];
    return negative ? -x : x;
}

/* Reads the whole file, then its rows; exits with a message on a malformed file. */
static Staff staff_read(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) { perror(path); exit(2); }
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *text = malloc(size + 1);
    if (fread(text, 1, size, f) != (size_t)size) { perror(path); exit(2); }
    text[size] = 0;
    fclose(f);

    int rows = 0;
    for (long i = 0; i < size; i++) rows += text[i] == '\n';
    Staff staff = {0, malloc(rows * sizeof(double)), malloc(rows * sizeof(double)), malloc(rows * sizeof(double))};
    const char *p = strchr(text, '\n');
    if (!p) { fprintf(stderr, "%s: no header\n", path); exit(2); }
    p++;
    while (*p) {
        p = strchr(p, ';');                       /* the id is not needed */
        if (!p) { fprintf(stderr, "%s: row %d has no fields\n", path, staff.n + 2); exit(2); }
        p++;
        staff.salary[staff.n] = staff_number(&p);
        if (*p++ != ';') { fprintf(stderr, "%s: row %d: bad salary\n", path, staff.n + 2); exit(2); }
        staff.start[staff.n] = staff_number(&p);
        if (*p++ != ';') { fprintf(stderr, "%s: row %d: bad start\n", path, staff.n + 2); exit(2); }
        staff.budget[staff.n] = staff_number(&p);
        while (*p == '\r') p++;
        if (*p == '\n') p++;
        staff.n++;
    }
    free(text);
    return staff;
}

#endif

/* The personnel model of kalkyl-bench in plain C over arrays: the lower bound the peer table
 * measures Kalkyl against. Same formulas, same staff file, same order of every sum as Kalkyl
 * (Sources/Kalkyl/Functions/PairwiseSum.swift: 64 cells added in order, the leaves pairwise,
 * the odd one carried up), so the grand totals agree bit for bit.
 *
 *   personnel STAFF.csv                       read, evaluate once, print year_cost (cold start)
 *   personnel STAFF.csv --bench RUNS EDITS    full evaluations, salary edits, overhead edits:
 *                                             one JSON line of medians and totals
 *
 * Blocks are month by month, member by member, as Kalkyl's. A salary edit recomputes the
 * employee's cells and walks each month's sum tree up from the one leaf it changed (exact
 * sums, no `total += new - old`), as Kalkyl's update does; an overhead edit recomputes cost and
 * everything after it. Every edit's result is checked bit for bit against a full evaluation. */
#include "staff.h"
#include <math.h>
#include <time.h>

#define MONTHS 12
#define LEAF 64

typedef struct {
    int n, leaves, levels, tree_size;
    int level_start[40], level_count[40];
    double payroll_overhead, hiring_stop, stop_month, month_number[MONTHS];
    Staff staff;
    double *active, *cost;             /* MONTHS × n, month by month */
    double *total, *variance, *pct;    /* n */
    double *active_tree, *cost_tree;   /* MONTHS × tree_size: the leaves, then each level */
    double headcount[MONTHS], total_cost[MONTHS], cost_ytd[MONTHS];
    double year_headcount, year_cost;
} Model;

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static void model_init(Model *m, Staff staff) {
    memset(m, 0, sizeof *m);
    m->staff = staff;
    m->n = staff.n;
    m->payroll_overhead = 0.4615;
    m->hiring_stop = 0;
    m->stop_month = 7;
    for (int i = 0; i < MONTHS; i++) m->month_number[i] = i + 1;
    m->leaves = (m->n + LEAF - 1) / LEAF;
    int count = m->leaves, start = 0;
    for (;;) {
        m->level_start[m->levels] = start;
        m->level_count[m->levels] = count;
        m->levels++;
        start += count;
        if (count == 1) break;
        count = (count + 1) / 2;
    }
    m->tree_size = start;
    size_t cells = (size_t)MONTHS * m->n;
    m->active = malloc(cells * sizeof(double));
    m->cost = malloc(cells * sizeof(double));
    m->total = malloc(m->n * sizeof(double));
    m->variance = malloc(m->n * sizeof(double));
    m->pct = malloc(m->n * sizeof(double));
    m->active_tree = malloc((size_t)MONTHS * m->tree_size * sizeof(double));
    m->cost_tree = malloc((size_t)MONTHS * m->tree_size * sizeof(double));
}

/* Levels above the leaves, from level `from` up; returns the root. */
static double tree_levels(const Model *m, double *tree) {
    for (int l = 1; l < m->levels; l++) {
        const double *below = tree + m->level_start[l - 1];
        double *here = tree + m->level_start[l];
        int c = m->level_count[l - 1], i = 0;
        for (; i + 1 < c; i += 2) here[i / 2] = below[i] + below[i + 1];
        if (i < c) here[i / 2] = below[i];
    }
    return tree[m->level_start[m->levels - 1]];
}

/* SUM over n cells in Kalkyl's order, keeping the tree for updates. */
static double tree_build(const Model *m, const double *x, double *tree) {
    for (int l = 0; l < m->leaves; l++) {
        int end = (l + 1) * LEAF < m->n ? (l + 1) * LEAF : m->n;
        double s = 0;
        for (int i = l * LEAF; i < end; i++) s += x[i];
        tree[l] = s;
    }
    return tree_levels(m, tree);
}

/* Adds the leaf holding cell `e` again and walks its path to the root. */
static double tree_update(const Model *m, const double *x, double *tree, int e) {
    int l = e / LEAF;
    int end = (l + 1) * LEAF < m->n ? (l + 1) * LEAF : m->n;
    double s = 0;
    for (int i = l * LEAF; i < end; i++) s += x[i];
    tree[l] = s;
    int i = l;
    for (int level = 1; level < m->levels; level++) {
        const double *below = tree + m->level_start[level - 1];
        int c = m->level_count[level - 1], left = i & ~1;
        double v = left + 1 < c ? below[left] + below[left + 1] : below[left];
        i /= 2;
        tree[m->level_start[level] + i] = v;
    }
    return tree[m->level_start[m->levels - 1]];
}

static double row_cost(const Model *m, int e, int month) {
    return m->staff.salary[e] * (1 + m->payroll_overhead) * m->active[(size_t)month * m->n + e];
}

static void employee_rows(Model *m, int from, int to) {
    for (int e = from; e < to; e++) {
        double s = 0;
        for (int t = 0; t < MONTHS; t++) s += m->cost[(size_t)t * m->n + e];
        m->total[e] = s;
        m->variance[e] = s - m->staff.budget[e];
        double b = m->staff.budget[e];
        m->pct[e] = b == 0 ? 0 : m->variance[e] / b;
    }
}

static void month_totals(Model *m) {
    double h = 0, c = 0, ytd = 0;
    for (int t = 0; t < MONTHS; t++) {
        h += m->headcount[t];
        c += m->total_cost[t];
        ytd += m->total_cost[t];
        m->cost_ytd[t] = ytd;
    }
    m->year_headcount = h;
    m->year_cost = c;
}

/* From the cost onward: what a payroll-overhead change reaches. */
static void from_cost(Model *m) {
    for (int t = 0; t < MONTHS; t++) {
        double *cost = m->cost + (size_t)t * m->n;
        const double *active = m->active + (size_t)t * m->n;
        for (int e = 0; e < m->n; e++) cost[e] = m->staff.salary[e] * (1 + m->payroll_overhead) * active[e];
    }
    employee_rows(m, 0, m->n);
    for (int t = 0; t < MONTHS; t++)
        m->total_cost[t] = tree_build(m, m->cost + (size_t)t * m->n, m->cost_tree + (size_t)t * m->tree_size);
    month_totals(m);
}

static void evaluate(Model *m) {
    int stop = m->hiring_stop == 1;
    for (int t = 0; t < MONTHS; t++) {
        double *active = m->active + (size_t)t * m->n;
        for (int e = 0; e < m->n; e++) {
            double start = m->staff.start[e];
            active[e] = (stop && start >= m->stop_month) ? 0 : (m->month_number[t] >= start ? 1 : 0);
        }
        m->headcount[t] = tree_build(m, active, m->active_tree + (size_t)t * m->tree_size);
    }
    from_cost(m);
}

static void set_salary(Model *m, int e, double salary) {
    m->staff.salary[e] = salary;
    for (int t = 0; t < MONTHS; t++) m->cost[(size_t)t * m->n + e] = row_cost(m, e, t);
    employee_rows(m, e, e + 1);
    for (int t = 0; t < MONTHS; t++)
        m->total_cost[t] = tree_update(m, m->cost + (size_t)t * m->n, m->cost_tree + (size_t)t * m->tree_size, e);
    month_totals(m);
}

/* Every cell of `a` equal to `b`'s, bit for bit (a fresh full evaluation). */
static int identical(const Model *a, const Model *b) {
    size_t cells = (size_t)MONTHS * a->n;
    return !memcmp(a->active, b->active, cells * 8) && !memcmp(a->cost, b->cost, cells * 8)
        && !memcmp(a->total, b->total, a->n * 8) && !memcmp(a->variance, b->variance, a->n * 8)
        && !memcmp(a->pct, b->pct, a->n * 8) && !memcmp(a->headcount, b->headcount, sizeof a->headcount)
        && !memcmp(a->total_cost, b->total_cost, sizeof a->total_cost)
        && !memcmp(a->cost_ytd, b->cost_ytd, sizeof a->cost_ytd)
        && a->year_cost == b->year_cost && a->year_headcount == b->year_headcount;
}

static void check(const Model *m, const char *staff_path, const char *phase) {
    Model fresh;
    Staff staff = staff_read(staff_path);
    memcpy(staff.salary, m->staff.salary, m->n * sizeof(double));
    model_init(&fresh, staff);
    fresh.payroll_overhead = m->payroll_overhead;
    evaluate(&fresh);
    if (!identical(m, &fresh)) {
        fprintf(stderr, "personnel: after the %s edits the cells differ from a full evaluation\n", phase);
        exit(1);
    }
}

static int by_value(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median(double *x, int n) {
    qsort(x, n, sizeof *x, by_value);
    return n % 2 ? x[n / 2] : (x[n / 2 - 1] + x[n / 2]) / 2;
}

/* The employee and salary of edit i: the same in every engine of the peer table
 * (Benchmarks/peers/edits.py). */
static int edit_employee(int i, int n) { return (int)((7919LL * i + 13) % n); }

int main(int argc, char **argv) {
    if (argc != 2 && !(argc == 5 && !strcmp(argv[2], "--bench"))) {
        fprintf(stderr, "usage: personnel STAFF.csv [--bench RUNS EDITS]\n");
        return 2;
    }
    Model m;
    model_init(&m, staff_read(argv[1]));
    if (argc == 2) {
        evaluate(&m);
        printf("%.17g\n", m.year_cost);
        return 0;
    }
    int runs = atoi(argv[3]), edits = atoi(argv[4]);
    double *times = malloc((runs > edits ? runs : edits) * sizeof(double));
    for (int r = 0; r < runs; r++) {
        double t0 = now();
        evaluate(&m);
        times[r] = now() - t0;
    }
    double base = m.year_cost;
    double eval_ms = median(times, runs) * 1e3;

    for (int i = 0; i < edits; i++) {
        int e = edit_employee(i, m.n);
        double t0 = now();
        set_salary(&m, e, m.staff.salary[e] + 100);
        times[i] = now() - t0;
    }
    double salary_us = median(times, edits) * 1e6;
    check(&m, argv[1], "salary");

    for (int i = 0; i < edits; i++) {
        double t0 = now();
        m.payroll_overhead = 0.4620 + 0.0005 * i;
        from_cost(&m);
        times[i] = now() - t0;
    }
    double overhead_ms = median(times, edits) * 1e3;
    check(&m, argv[1], "overhead");

    printf("{\"employees\": %d, \"eval_ms\": %.4f, \"salary_edit_us\": %.4f, \"overhead_edit_ms\": %.4f, "
           "\"year_cost\": %.17g, \"year_cost_after_edits\": %.17g, \"identical\": true}\n",
           m.n, eval_ms, salary_us, overhead_ms, base, m.year_cost);
    return 0;
}

/* Writes the personnel model of kalkyl-bench as an xlsx workbook for the spreadsheet peers
 * (LibreOffice, IronCalc), with libxlsxwriter: the same 27 formula cells per employee and 38
 * totals as Kalkyl's model (Benchmarks/PersonnelBenchmark/PersonnelModel.swift).
 *
 *   workbook STAFF.csv OUT.xlsx
 *
 * Sheet Staff, a row per employee: A id, B salary, C start month, D budget, E:P active per
 * month, Q:AB cost per month, AC total, AD variance, AE variance %. Sheet Model: B1 payroll
 * overhead, B2 hiring stop, B3 stop month, E4:P4 the month numbers, E5:P5 headcount, E6:P6
 * total cost, E7:P7 cost YTD, B8 year headcount, B9 year cost (the grand total). */
#include "staff.h"
#include <xlsxwriter.h>

static void column_name(int c, char *out) {      /* 0 → A, 27 → AB */
    if (c >= 26) { *out++ = 'A' + c / 26 - 1; c %= 26; }
    *out++ = 'A' + c;
    *out = 0;
}

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: workbook STAFF.csv OUT.xlsx\n"); return 2; }
    Staff staff = staff_read(argv[1]);
    lxw_workbook_options options = {.constant_memory = LXW_TRUE};
    lxw_workbook *book = workbook_new_opt(argv[2], &options);
    lxw_worksheet *sheet = workbook_add_worksheet(book, "Staff");
    lxw_worksheet *model = workbook_add_worksheet(book, "Model");
    char f[256], a[4];
    const char *headers[] = {"id", "salary", "start", "budget"};
    for (int c = 0; c < 4; c++) worksheet_write_string(sheet, 0, c, headers[c], NULL);
    for (int e = 0; e < staff.n; e++) {
        int r = e + 1, R = e + 2;               /* 0-based row, 1-based row in formulas */
        snprintf(f, sizeof f, "e%d", e);
        worksheet_write_string(sheet, r, 0, f, NULL);
        worksheet_write_number(sheet, r, 1, staff.salary[e], NULL);
        worksheet_write_number(sheet, r, 2, staff.start[e], NULL);
        worksheet_write_number(sheet, r, 3, staff.budget[e], NULL);
        for (int t = 0; t < 12; t++) {
            column_name(4 + t, a);
            snprintf(f, sizeof f, "=IF(AND(Model!$B$2=1,$C%d>=Model!$B$3),0,IF(Model!%s$4>=$C%d,1,0))", R, a, R);
            worksheet_write_formula(sheet, r, 4 + t, f, NULL);
        }
        for (int t = 0; t < 12; t++) {
            column_name(4 + t, a);
            snprintf(f, sizeof f, "=$B%d*(1+Model!$B$1)*%s%d", R, a, R);
            worksheet_write_formula(sheet, r, 16 + t, f, NULL);
        }
        snprintf(f, sizeof f, "=SUM(Q%d:AB%d)", R, R);
        worksheet_write_formula(sheet, r, 28, f, NULL);
        snprintf(f, sizeof f, "=AC%d-D%d", R, R);
        worksheet_write_formula(sheet, r, 29, f, NULL);
        snprintf(f, sizeof f, "=IF(D%d=0,0,AD%d/D%d)", R, R, R);
        worksheet_write_formula(sheet, r, 30, f, NULL);
    }

    const char *names[] = {"payroll_overhead", "hiring_stop", "stop_month", "month_number",
                           "headcount", "total_cost", "cost_ytd", "year_headcount", "year_cost"};
    int last = staff.n + 1;                     /* constant memory: each row once, in order */
    double inputs[] = {0.4615, 0, 7};
    for (int r = 0; r < 3; r++) {
        worksheet_write_string(model, r, 0, names[r], NULL);
        worksheet_write_number(model, r, 1, inputs[r], NULL);
    }
    worksheet_write_string(model, 3, 0, names[3], NULL);
    for (int t = 0; t < 12; t++) worksheet_write_number(model, 3, 4 + t, t + 1, NULL);
    for (int r = 4; r < 6; r++) {               /* headcount (active), total cost (cost) */
        worksheet_write_string(model, r, 0, names[r], NULL);
        for (int t = 0; t < 12; t++) {
            column_name((r == 4 ? 4 : 16) + t, a);
            snprintf(f, sizeof f, "=SUM(Staff!%s2:%s%d)", a, a, last);
            worksheet_write_formula(model, r, 4 + t, f, NULL);
        }
    }
    worksheet_write_string(model, 6, 0, names[6], NULL);
    for (int t = 0; t < 12; t++) {
        column_name(4 + t, a);
        snprintf(f, sizeof f, "=SUM($E$6:%s6)", a);
        worksheet_write_formula(model, 6, 4 + t, f, NULL);
    }
    worksheet_write_string(model, 7, 0, names[7], NULL);
    worksheet_write_formula(model, 7, 1, "=SUM(E5:P5)", NULL);
    worksheet_write_string(model, 8, 0, names[8], NULL);
    worksheet_write_formula(model, 8, 1, "=SUM(E6:P6)", NULL);
    lxw_error error = workbook_close(book);
    if (error) { fprintf(stderr, "workbook: %s\n", lxw_strerror(error)); return 1; }
    return 0;
}

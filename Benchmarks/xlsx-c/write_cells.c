/*
 * Writes the cells listed by cells_from_xlsx.py with libxlsxwriter, from C: the baseline that
 * `kalkyl export` is measured against (docs/performance.md, "Export").
 *
 *   gcc -O2 -o write_cells write_cells.c -lxlsxwriter
 *   ./write_cells cells.tsv out.xlsx
 *
 * The list is read into memory first; only building and closing the workbook is timed, so
 * C gets no formula printing, model or evaluation to do: everything Kalkyl does besides
 * libxlsxwriter counts against Kalkyl.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xlsxwriter.h>

typedef struct { int sheet, row, col; char kind; int format; char *text; char *cached; } cell_t;

static char *unescape(char *s) {
    char *r = s, *w = s;
    while (*r) {
        if (*r == '\\' && r[1]) { r++; *w++ = *r == 't' ? '\t' : *r == 'n' ? '\n' : *r; r++; }
        else *w++ = *r++;
    }
    *w = 0;
    return s;
}

static char *field(char **line) {
    char *start = *line, *tab = strchr(start, '\t');
    if (tab) { *tab = 0; *line = tab + 1; } else { char *nl = strchr(start, '\n'); if (nl) *nl = 0; *line = start + strlen(start); }
    return unescape(start);
}

static int find(char **list, int n, const char *s) {
    for (int i = 0; i < n; i++) if (strcmp(list[i], s) == 0) return i;
    return -1;
}

static double seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: %s cells.tsv out.xlsx\n", argv[0]); return 2; }
    FILE *in = fopen(argv[1], "r");
    if (!in) { perror(argv[1]); return 1; }
    char *sheets[256], *formats[256], *names[4096], *name_formulas[4096];
    int nsheets = 0, nformats = 0, nnames = 0;
    size_t ncells = 0, capacity = 1 << 20;
    cell_t *cells = malloc(capacity * sizeof(cell_t));
    char *line = NULL;
    size_t length = 0;
    while (getline(&line, &length, in) > 0) {
        char *p = strdup(line), *kind = field(&p);
        if (kind[0] == 'S') sheets[nsheets++] = field(&p);
        else if (kind[0] == 'N') { names[nnames] = field(&p); name_formulas[nnames++] = field(&p); }
        else {
            if (ncells == capacity) cells = realloc(cells, (capacity *= 2) * sizeof(cell_t));
            cell_t *c = &cells[ncells++];
            c->sheet = find(sheets, nsheets, field(&p));
            c->row = atoi(field(&p));
            c->col = atoi(field(&p));
            c->kind = field(&p)[0];
            char *format = field(&p);
            c->format = -1;
            if (*format) {
                c->format = find(formats, nformats, format);
                if (c->format < 0) { formats[nformats] = format; c->format = nformats++; }
            }
            c->text = field(&p);
            c->cached = field(&p);
        }
    }
    fclose(in);

    double started = seconds();
    lxw_workbook *workbook = workbook_new(argv[2]);
    lxw_doc_properties properties = {.title = "C baseline", .created = 946684800};
    workbook_set_properties(workbook, &properties);
    lxw_worksheet *worksheets[256];
    for (int i = 0; i < nsheets; i++) worksheets[i] = workbook_add_worksheet(workbook, sheets[i]);
    lxw_format *fmt[256];
    for (int i = 0; i < nformats; i++) { fmt[i] = workbook_add_format(workbook); format_set_num_format(fmt[i], formats[i]); }
    for (int i = 0; i < nnames; i++) workbook_define_name(workbook, names[i], name_formulas[i]);
    size_t formulas = 0;
    for (size_t i = 0; i < ncells; i++) {
        cell_t *c = &cells[i];
        lxw_worksheet *w = worksheets[c->sheet];
        lxw_format *f = c->format >= 0 ? fmt[c->format] : NULL;
        switch (c->kind) {
        case 'n': worksheet_write_number(w, c->row, c->col, strtod(c->text, NULL), f); break;
        case 's': worksheet_write_string(w, c->row, c->col, c->text, f); break;
        case 'b': worksheet_write_boolean(w, c->row, c->col, atoi(c->text), f); break;
        case 'f': worksheet_write_formula_num(w, c->row, c->col, c->text, f, strtod(c->cached, NULL)); formulas++; break;
        case 'g': worksheet_write_formula_str(w, c->row, c->col, c->text, f, c->cached); formulas++; break;
        }
    }
    double written = seconds();
    lxw_error error = workbook_close(workbook);
    double closed = seconds();
    if (error) { fprintf(stderr, "workbook_close: %s\n", lxw_strerror(error)); return 1; }
    printf("%zu cells (%zu formulas): write %.3f s, close %.3f s, total %.3f s\n",
           ncells, formulas, written - started, closed - written, closed - started);
    return 0;
}

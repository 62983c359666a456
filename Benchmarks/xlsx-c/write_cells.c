/*
 * Writes the cells listed by cells_from_xlsx.py with libxlsxwriter, from C: the baseline that
 * `kalkyl export` is measured against (docs/performance.md, "Export").
 *
 *   gcc -O2 -o write_cells write_cells.c -lxlsxwriter
 *   ./write_cells cells.tsv out.xlsx
 *
 * The list is read into memory first; only building and closing the workbook is timed, so
 * C gets no formula printing, model or evaluation to do: everything Kalkyl does besides
 * libxlsxwriter counts against Kalkyl. Every cell gets the format it has in Kalkyl's workbook
 * (font, fill, border, alignment, number format), so that libxlsxwriter writes the same cells
 * and styles, with the same work; only sheet settings (widths, panes, page setup) and the
 * document properties are left out, and xf numbers may come in another order.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xlsxwriter.h>

typedef struct { int sheet, row, col; char kind; int format; char *text; char *cached; } cell_t;
/* An X line: number format, bold, italic, size, font color, fill color, align, top, wrap, indent,
 * top border, bottom border (cells_from_xlsx.py). */
typedef struct { char *fields[12]; } style_t;

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

static uint8_t border(const char *style) {
    return !strcmp(style, "thin") ? LXW_BORDER_THIN : !strcmp(style, "medium") ? LXW_BORDER_MEDIUM
         : !strcmp(style, "double") ? LXW_BORDER_DOUBLE : LXW_BORDER_NONE;
}

/* The format of an X line, set as Kalkyl's XLSXStyle.apply sets it, in the same order. */
static lxw_format *add_format(lxw_workbook *workbook, style_t *x) {
    char **f = x->fields;
    lxw_format *format = workbook_add_format(workbook);
    if (*f[0]) format_set_num_format(format, f[0]);
    if (atoi(f[1])) format_set_bold(format);
    if (atoi(f[2])) format_set_italic(format);
    if (*f[3]) format_set_font_size(format, strtod(f[3], NULL));
    if (*f[4]) format_set_font_color(format, strtol(f[4], NULL, 16));
    if (*f[5]) { format_set_pattern(format, LXW_PATTERN_SOLID); format_set_bg_color(format, strtol(f[5], NULL, 16)); }
    if (!strcmp(f[6], "left")) format_set_align(format, LXW_ALIGN_LEFT);
    if (!strcmp(f[6], "center")) format_set_align(format, LXW_ALIGN_CENTER);
    if (!strcmp(f[6], "right")) format_set_align(format, LXW_ALIGN_RIGHT);
    if (atoi(f[9]) > 0) format_set_indent(format, atoi(f[9]));
    if (atoi(f[8])) format_set_text_wrap(format);
    if (atoi(f[7])) format_set_align(format, LXW_ALIGN_VERTICAL_TOP);
    if (*f[10]) format_set_top(format, border(f[10]));
    if (*f[11]) format_set_bottom(format, border(f[11]));
    return format;
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
    char *sheets[256], *names[4096], *name_formulas[4096];
    style_t styles[256];
    int nsheets = 0, nstyles = 0, nnames = 0;
    size_t ncells = 0, capacity = 1 << 20;
    cell_t *cells = malloc(capacity * sizeof(cell_t));
    char *line = NULL;
    size_t length = 0;
    while (getline(&line, &length, in) > 0) {
        char *p = strdup(line), *kind = field(&p);
        if (kind[0] == 'S') sheets[nsheets++] = field(&p);
        else if (kind[0] == 'N') { names[nnames] = field(&p); name_formulas[nnames++] = field(&p); }
        else if (kind[0] == 'X') {
            style_t *x = &styles[nstyles++];
            for (int k = 0; k < 12; k++) x->fields[k] = field(&p);
        }
        else {
            if (ncells == capacity) cells = realloc(cells, (capacity *= 2) * sizeof(cell_t));
            cell_t *c = &cells[ncells++];
            c->sheet = find(sheets, nsheets, field(&p));
            c->row = atoi(field(&p));
            c->col = atoi(field(&p));
            c->kind = field(&p)[0];
            char *format = field(&p);
            c->format = *format ? atoi(format) : -1;
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
    for (int i = 0; i < nstyles; i++) fmt[i] = i == 0 ? NULL : add_format(workbook, &styles[i]);
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

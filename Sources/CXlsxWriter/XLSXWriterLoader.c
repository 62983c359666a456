// libxlsxwriter opened at the first workbook instead of linked into every command.
//
// Linked, libxlsxwriter made every start of `kalkyl` load it with libminizip and libcrypto
// and relocate them: 1.4 MB resident and 106 pages written before `main`, though only
// `export` (and `watch --export`) writes a workbook. Here each function the wrapper calls
// (Sources/KalkylXLSX/Writer) is defined under its own name, with the header's own type, as a
// call through a pointer that `kalkyl_xlsxwriter_open` fills with dlsym. The compiler checks
// each forwarder against xlsxwriter.h; a function the wrapper starts calling without adding it
// to the list below is an undefined symbol at link time, never a silent miss.
//
// The forwarders are hidden, so they are never what the library itself binds to.

#include "shim.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// Every libxlsxwriter function the wrapper calls: (result, name, parameters, arguments).
#define KALKYL_XLSXWRITER_FUNCTIONS(RESULT, VOID) \
    RESULT(lxw_workbook *, workbook_new, (const char *filename), (filename)) \
    RESULT(lxw_error, workbook_set_properties, (lxw_workbook *workbook, lxw_doc_properties *properties), (workbook, properties)) \
    RESULT(lxw_error, workbook_validate_sheet_name, (lxw_workbook *workbook, const char *sheetname), (workbook, sheetname)) \
    RESULT(lxw_worksheet *, workbook_add_worksheet, (lxw_workbook *workbook, const char *sheetname), (workbook, sheetname)) \
    RESULT(lxw_format *, workbook_add_format, (lxw_workbook *workbook), (workbook)) \
    RESULT(lxw_chart *, workbook_add_chart, (lxw_workbook *workbook, uint8_t chart_type), (workbook, chart_type)) \
    RESULT(lxw_error, workbook_define_name, (lxw_workbook *workbook, const char *name, const char *formula), (workbook, name, formula)) \
    RESULT(lxw_error, workbook_close, (lxw_workbook *workbook), (workbook)) \
    VOID(lxw_workbook_free, (lxw_workbook *workbook), (workbook)) \
    RESULT(char *, lxw_strerror, (lxw_error error_num), (error_num)) \
    \
    RESULT(lxw_error, worksheet_write_number, (lxw_worksheet *worksheet, lxw_row_t row, lxw_col_t col, double number, lxw_format *format), (worksheet, row, col, number, format)) \
    RESULT(lxw_error, worksheet_write_string, (lxw_worksheet *worksheet, lxw_row_t row, lxw_col_t col, const char *string, lxw_format *format), (worksheet, row, col, string, format)) \
    RESULT(lxw_error, worksheet_write_boolean, (lxw_worksheet *worksheet, lxw_row_t row, lxw_col_t col, int value, lxw_format *format), (worksheet, row, col, value, format)) \
    RESULT(lxw_error, worksheet_write_blank, (lxw_worksheet *worksheet, lxw_row_t row, lxw_col_t col, lxw_format *format), (worksheet, row, col, format)) \
    RESULT(lxw_error, worksheet_write_formula_num, (lxw_worksheet *worksheet, lxw_row_t row, lxw_col_t col, const char *formula, lxw_format *format, double result), (worksheet, row, col, formula, format, result)) \
    RESULT(lxw_error, worksheet_write_formula_str, (lxw_worksheet *worksheet, lxw_row_t row, lxw_col_t col, const char *formula, lxw_format *format, const char *result), (worksheet, row, col, formula, format, result)) \
    RESULT(lxw_error, worksheet_merge_range, (lxw_worksheet *worksheet, lxw_row_t first_row, lxw_col_t first_col, lxw_row_t last_row, lxw_col_t last_col, const char *string, lxw_format *format), (worksheet, first_row, first_col, last_row, last_col, string, format)) \
    RESULT(lxw_error, worksheet_set_column, (lxw_worksheet *worksheet, lxw_col_t first_col, lxw_col_t last_col, double width, lxw_format *format), (worksheet, first_col, last_col, width, format)) \
    RESULT(lxw_error, worksheet_set_row, (lxw_worksheet *worksheet, lxw_row_t row, double height, lxw_format *format), (worksheet, row, height, format)) \
    VOID(worksheet_freeze_panes, (lxw_worksheet *worksheet, lxw_row_t row, lxw_col_t col), (worksheet, row, col)) \
    VOID(worksheet_hide, (lxw_worksheet *worksheet), (worksheet)) \
    RESULT(lxw_error, worksheet_insert_chart_opt, (lxw_worksheet *worksheet, lxw_row_t row, lxw_col_t col, lxw_chart *chart, lxw_chart_options *user_options), (worksheet, row, col, chart, user_options)) \
    RESULT(lxw_error, worksheet_conditional_format_range, (lxw_worksheet *worksheet, lxw_row_t first_row, lxw_col_t first_col, lxw_row_t last_row, lxw_col_t last_col, lxw_conditional_format *conditional_format), (worksheet, first_row, first_col, last_row, last_col, conditional_format)) \
    RESULT(lxw_error, worksheet_data_validation_cell, (lxw_worksheet *worksheet, lxw_row_t row, lxw_col_t col, lxw_data_validation *validation), (worksheet, row, col, validation)) \
    VOID(worksheet_set_landscape, (lxw_worksheet *worksheet), (worksheet)) \
    VOID(worksheet_set_portrait, (lxw_worksheet *worksheet), (worksheet)) \
    VOID(worksheet_set_paper, (lxw_worksheet *worksheet, uint8_t paper_type), (worksheet, paper_type)) \
    VOID(worksheet_fit_to_pages, (lxw_worksheet *worksheet, uint16_t width, uint16_t height), (worksheet, width, height)) \
    RESULT(lxw_error, worksheet_repeat_rows, (lxw_worksheet *worksheet, lxw_row_t first_row, lxw_row_t last_row), (worksheet, first_row, last_row)) \
    RESULT(lxw_error, worksheet_set_header, (lxw_worksheet *worksheet, const char *string), (worksheet, string)) \
    RESULT(lxw_error, worksheet_set_footer, (lxw_worksheet *worksheet, const char *string), (worksheet, string)) \
    \
    VOID(format_set_num_format, (lxw_format *format, const char *num_format), (format, num_format)) \
    VOID(format_set_bold, (lxw_format *format), (format)) \
    VOID(format_set_italic, (lxw_format *format), (format)) \
    VOID(format_set_font_size, (lxw_format *format, double size), (format, size)) \
    VOID(format_set_font_color, (lxw_format *format, lxw_color_t color), (format, color)) \
    VOID(format_set_bg_color, (lxw_format *format, lxw_color_t color), (format, color)) \
    VOID(format_set_pattern, (lxw_format *format, uint8_t index), (format, index)) \
    VOID(format_set_align, (lxw_format *format, uint8_t alignment), (format, alignment)) \
    VOID(format_set_indent, (lxw_format *format, uint8_t level), (format, level)) \
    VOID(format_set_text_wrap, (lxw_format *format), (format)) \
    VOID(format_set_top, (lxw_format *format, uint8_t style), (format, style)) \
    VOID(format_set_bottom, (lxw_format *format, uint8_t style), (format, style)) \
    \
    RESULT(lxw_chart_series *, chart_add_series, (lxw_chart *chart, const char *categories, const char *values), (chart, categories, values)) \
    VOID(chart_series_set_name, (lxw_chart_series *series, const char *name), (series, name)) \
    VOID(chart_series_set_line, (lxw_chart_series *series, lxw_chart_line *line), (series, line)) \
    VOID(chart_series_set_fill, (lxw_chart_series *series, lxw_chart_fill *fill), (series, fill)) \
    VOID(chart_title_set_name, (lxw_chart *chart, const char *name), (chart, name)) \
    VOID(chart_title_set_name_font, (lxw_chart *chart, lxw_chart_font *font), (chart, font)) \
    VOID(chart_legend_set_position, (lxw_chart *chart, uint8_t position), (chart, position)) \
    RESULT(lxw_chart_axis *, chart_axis_get, (lxw_chart *chart, lxw_chart_axis_type axis_type), (chart, axis_type)) \
    VOID(chart_axis_set_num_format, (lxw_chart_axis *axis, const char *num_format), (axis, num_format)) \
    VOID(chart_axis_set_label_position, (lxw_chart_axis *axis, uint8_t position), (axis, position))

// One pointer per function, of the type the header gives it.
#define KALKYL_POINTER(name) static __typeof__(&name) kalkyl_##name;
#define KALKYL_RESULT_POINTER(result, name, parameters, arguments) KALKYL_POINTER(name)
#define KALKYL_VOID_POINTER(name, parameters, arguments) KALKYL_POINTER(name)
KALKYL_XLSXWRITER_FUNCTIONS(KALKYL_RESULT_POINTER, KALKYL_VOID_POINTER)

/// The library's file: the soname of the libxlsxwriter whose header the wrapper was compiled
/// against (the same ABI), or the file KALKYL_XLSXWRITER names.
#if defined(__APPLE__)
#define KALKYL_XLSXWRITER_FILE "libxlsxwriter." LXW_SOVERSION ".dylib"
#else
#define KALKYL_XLSXWRITER_FILE "libxlsxwriter.so." LXW_SOVERSION
#endif

static pthread_once_t kalkyl_xlsxwriter_once = PTHREAD_ONCE_INIT;
/// NULL once every function is found; otherwise the message `kalkyl_xlsxwriter_open` returns.
static const char *kalkyl_xlsxwriter_failure;
/// Set (with release order) once every pointer is filled: all a forwarder checks before its
/// call, a load and a branch, so that a call costs what a call through the PLT did.
static int kalkyl_xlsxwriter_ready;

static void kalkyl_xlsxwriter_fail(const char *why) {
    const char *format = "libxlsxwriter " LXW_VERSION " could not be loaded (%s); writing a workbook needs it"
                         " (Debian and Ubuntu: apt install libxlsxwriter" LXW_SOVERSION ")";
    size_t length = strlen(format) + strlen(why) + 1;
    char *message = malloc(length);
    if (message == NULL) {
        kalkyl_xlsxwriter_failure = "libxlsxwriter could not be loaded, and there was no memory to say why";
        return;
    }
    snprintf(message, length, format, why);
    kalkyl_xlsxwriter_failure = message;
}

static void kalkyl_xlsxwriter_load(void) {
    const char *named = getenv("KALKYL_XLSXWRITER");
    const char *file = named != NULL && named[0] != '\0' ? named : KALKYL_XLSXWRITER_FILE;
    void *library = dlopen(file, RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        const char *why = dlerror();   // names the file
        kalkyl_xlsxwriter_fail(why != NULL ? why : file);
        return;
    }
    // Found all or none: a library without one of them is refused and closed again.
#define KALKYL_FIND(name) \
    kalkyl_##name = (__typeof__(&name))dlsym(library, #name); \
    if (kalkyl_##name == NULL) { \
        char why[512]; \
        snprintf(why, sizeof why, "%s: it has no function " #name, file); \
        kalkyl_xlsxwriter_fail(why); \
        dlclose(library); \
        return; \
    }
#define KALKYL_FIND_RESULT(result, name, parameters, arguments) KALKYL_FIND(name)
#define KALKYL_FIND_VOID(name, parameters, arguments) KALKYL_FIND(name)
    KALKYL_XLSXWRITER_FUNCTIONS(KALKYL_FIND_RESULT, KALKYL_FIND_VOID)
    __atomic_store_n(&kalkyl_xlsxwriter_ready, 1, __ATOMIC_RELEASE);
}

const char *kalkyl_xlsxwriter_open(void) {
    pthread_once(&kalkyl_xlsxwriter_once, kalkyl_xlsxwriter_load);
    return kalkyl_xlsxwriter_failure;
}

/// For a forwarder reached without `kalkyl_xlsxwriter_open` having succeeded first (the
/// wrapper opens the library before its first workbook, so only a wrapper's mistake gets here):
/// stops with the reason rather than calling through a null pointer.
__attribute__((noinline, cold)) static void kalkyl_xlsxwriter_require(void) {
    const char *failure = kalkyl_xlsxwriter_open();
    if (failure == NULL) return;
    fprintf(stderr, "kalkyl: %s\n", failure);
    abort();
}

// The forwarders, under the library's own names.
#define KALKYL_REQUIRE() \
    if (__builtin_expect(!__atomic_load_n(&kalkyl_xlsxwriter_ready, __ATOMIC_ACQUIRE), 0)) kalkyl_xlsxwriter_require()
#define KALKYL_FORWARD_RESULT(result, name, parameters, arguments) \
    __attribute__((visibility("hidden"))) result name parameters { \
        KALKYL_REQUIRE(); \
        return kalkyl_##name arguments; \
    }
#define KALKYL_FORWARD_VOID(name, parameters, arguments) \
    __attribute__((visibility("hidden"))) void name parameters { \
        KALKYL_REQUIRE(); \
        kalkyl_##name arguments; \
    }
KALKYL_XLSXWRITER_FUNCTIONS(KALKYL_FORWARD_RESULT, KALKYL_FORWARD_VOID)

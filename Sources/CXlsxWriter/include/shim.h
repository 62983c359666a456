// libxlsxwriter (Debian: libxlsxwriter-dev), seen from Swift only through KalkylXLSX.
//
// Its functions are not linked into the binary: XLSXWriterLoader.c defines each one the
// wrapper calls as a forwarder to the library, which it opens with dlopen the first time a
// workbook is made. Every other command starts without libxlsxwriter and the libcrypto and
// minizip it brings (docs/performance.md, "Cold start").
#ifndef KALKYL_CXLSXWRITER_SHIM_H
#define KALKYL_CXLSXWRITER_SHIM_H

#include <xlsxwriter.h>

// mallopt, for the close of a workbook (KalkylXLSX/Writer/FreedInPlace.swift).
#if defined(__GLIBC__)
#include <malloc.h>
#endif

/// Opens libxlsxwriter and finds its functions, once per process. NULL when they are all
/// there; otherwise why not, for the user (which file, the loader's message, what to install).
const char *kalkyl_xlsxwriter_open(void);

#endif

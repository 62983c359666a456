// libxlsxwriter (Debian: libxlsxwriter-dev), seen from Swift only through KalkylXLSX.
#ifndef KALKYL_CXLSXWRITER_SHIM_H
#define KALKYL_CXLSXWRITER_SHIM_H

#include <xlsxwriter.h>

// mallopt, for the close of a workbook (KalkylXLSX/Writer/FreedInPlace.swift).
#if defined(__GLIBC__)
#include <malloc.h>
#endif

#endif

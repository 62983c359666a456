// libxlsxwriter (Debian: libxlsxwriter-dev), seen from Swift only through KalkylXLSX.
#ifndef KALKYL_CXLSXWRITER_SHIM_H
#define KALKYL_CXLSXWRITER_SHIM_H

#include <xlsxwriter.h>

#endif

// zlib (Debian: zlib1g-dev, which the Swift toolchain needs too), seen from Swift only through
// KalkylXLSX: it reopens the .xlsx libxlsxwriter wrote to give cached formula results their type.
#ifndef KALKYL_CZLIB_SHIM_H
#define KALKYL_CZLIB_SHIM_H

#include <zlib.h>

// zlib's init functions are macros, which Swift cannot call: these start a raw deflate stream
// (no zlib header, as a zip entry holds it) for writing and for reading.
static inline int kalkyl_deflate_init_raw(z_streamp stream, int level) {
    return deflateInit2(stream, level, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
}

static inline int kalkyl_inflate_init_raw(z_streamp stream) {
    return inflateInit2(stream, -MAX_WBITS);
}

#endif

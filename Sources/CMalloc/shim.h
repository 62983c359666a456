// glibc's malloc.h (mallinfo2), which the Glibc module does not bring in.
#if defined(__linux__)
#include <malloc.h>
#endif

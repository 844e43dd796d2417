#ifndef SPARSESCAPE_CZLIB_SHIM_H
#define SPARSESCAPE_CZLIB_SHIM_H
/* zlib, as shipped by Debian's zlib1g-dev: CRC-32 and raw deflate for the members of .npz (zip) archives. */
#include <zlib.h>

/* inflateInit2 is a macro Swift cannot import: starts a raw-deflate (no zlib header) inflation, as zip members store. */
static inline int sparsescape_inflate_init_raw(z_stream *stream) {
    return inflateInit2(stream, -MAX_WBITS);
}
#endif

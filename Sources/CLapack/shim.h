#ifndef SPARSESCAPE_CLAPACK_SHIM_H
#define SPARSESCAPE_CLAPACK_SHIM_H
/* OpenBLAS (CBLAS) and LAPACKE, as shipped by Debian's libopenblas-dev and liblapacke-dev. */
#include <cblas.h>
#include <lapacke.h>

/* Thread control exported by OpenBLAS (declared in its cblas.h; repeated for other CBLAS headers). */
void openblas_set_num_threads(int num_threads);
int openblas_get_num_threads(void);
#endif

// glibc's allocator controls (mallopt), for HeapTuning.
#include <malloc.h>

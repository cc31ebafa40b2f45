/* fdio — a pipe's bytes moved whole (the synthesis helpers of speak and the serve workers). */
#ifndef DOCBAO_FDIO_H
#define DOCBAO_FDIO_H
#include <stddef.h>

/* All n bytes read (writing 0) or written (writing 1) on fd, across short
 * transfers and EINTR. 0, or -1 on an error or the end of the pipe. */
int fd_transfer(int fd, void *buf, size_t n, int writing);

#endif

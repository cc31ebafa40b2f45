/* spill — a programme's 16-bit PCM kept for a second pass: in memory up to a
 * limit (most articles: no disk at all), then moved to a temporary file,
 * which is removed when the spill is freed. */
#ifndef DOCBAO_SPILL_H
#define DOCBAO_SPILL_H
#include <stddef.h>

typedef struct spill spill;

/* A spill keeping up to mem_bytes in memory. NULL when out of memory. */
spill *spill_new(size_t mem_bytes);

/* Appends n frames. 0, or -1 (no memory, or the file could not be written). */
int spill_write(spill *s, const short *pcm, size_t n);

/* Makes what was written readable. 0 or -1. */
int spill_flush(spill *s);

/* n frames from frame at: a pointer into memory, or buf (n at most its size)
 * filled from the file. NULL when they are not all there. */
const short *spill_read(spill *s, unsigned long long at, size_t n, short *buf);

/* 1 when the spill has moved to a file. */
int spill_on_disk(const spill *s);

void spill_free(spill *s);

#endif

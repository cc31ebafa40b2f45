/* spill — see spill.h. The memory part grows by doubling (glibc moves large
 * blocks with mremap, without copying); past the limit it is written to a
 * tmpfile once, freed, and every later frame goes to the file. */
#include "spill.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct spill {
    size_t limit;               /* frames kept in memory at most */
    short *mem;                 /* frames 0 .. n-1, while file is NULL */
    size_t cap;
    unsigned long long n;       /* frames written */
    FILE *file;
};

spill *spill_new(size_t mem_bytes)
{
    spill *s = calloc(1, sizeof *s);
    if (s)
        s->limit = mem_bytes / sizeof(short);
    return s;
}

static int to_disk(spill *s)
{
    if (!(s->file = tmpfile()))
        return -1;
    setvbuf(s->file, NULL, _IOFBF, 1 << 16);
    size_t n = (size_t)s->n;
    int bad = n && fwrite(s->mem, sizeof *s->mem, n, s->file) != n;
    free(s->mem);
    s->mem = NULL;
    s->cap = 0;
    return bad ? -1 : 0;
}

int spill_write(spill *s, const short *pcm, size_t n)
{
    if (!n)
        return 0;
    if (!s->file && s->n + n > s->limit && to_disk(s))
        return -1;
    if (s->file) {
        if (fwrite(pcm, sizeof *pcm, n, s->file) != n)
            return -1;
        s->n += n;
        return 0;
    }
    if (s->n + n > s->cap) {
        size_t cap = s->cap ? s->cap : 1 << 16;
        while (cap < s->n + n)
            cap *= 2;
        if (cap > s->limit)
            cap = s->limit;
        short *m = realloc(s->mem, cap * sizeof *m);
        if (!m)
            return to_disk(s) ? -1 : spill_write(s, pcm, n);
        s->mem = m;
        s->cap = cap;
    }
    memcpy(s->mem + s->n, pcm, n * sizeof *pcm);
    s->n += n;
    return 0;
}

int spill_flush(spill *s)
{
    return s->file && fflush(s->file) ? -1 : 0;
}

const short *spill_read(spill *s, unsigned long long at, size_t n, short *buf)
{
    if (at > s->n || n > s->n - at)
        return NULL;
    if (!n)
        return buf;
    if (!s->file)
        return s->mem + at;
    int fd = fileno(s->file);
    size_t want = n * sizeof *buf, got = 0;
    while (got < want) {
        ssize_t r = pread(fd, (char *)buf + got, want - got, (off_t)(at * sizeof *buf + got));
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return NULL;
        got += (size_t)r;
    }
    return buf;
}

int spill_on_disk(const spill *s) { return s->file != NULL; }

void spill_free(spill *s)
{
    if (!s)
        return;
    if (s->file)
        fclose(s->file); /* tmpfile: removed on close */
    free(s->mem);
    free(s);
}

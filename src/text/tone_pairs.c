/* tone_pairs — see tone_pairs.h: the file whole in memory, a binary search
 * on its bytes (each probe backs up to the start of its row). */
#include "tone_pairs.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct tone_pairs {
    char *text;      /* the file, NUL-terminated */
    size_t len;
    size_t data;     /* where the rows start: after the header and its comments */
    double total;
};

void tone_pairs_free(tone_pairs *p)
{
    if (!p)
        return;
    free(p->text);
    free(p);
}

size_t tone_pairs_bytes(const tone_pairs *p)
{
    return p ? sizeof *p + p->len + 1 : 0;
}

/* The whole file in p->text; 0, or -1 with the system's message in err. */
static int slurp(tone_pairs *p, const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    long size = -1;
    if (f && fseek(f, 0, SEEK_END) == 0)
        size = ftell(f);
    if (!f || size < 0 || fseek(f, 0, SEEK_SET) != 0 || !(p->text = malloc((size_t)size + 1)) ||
        fread(p->text, 1, (size_t)size, f) != (size_t)size) {
        snprintf(err, errlen, "%s: %s", path, errno ? strerror(errno) : "cannot read");
        if (f)
            fclose(f);
        return -1;
    }
    fclose(f);
    p->len = (size_t)size;
    p->text[p->len] = '\0';
    return 0;
}

/* The start of the line after the one at s (p->len at the end) */
static size_t next_line(const tone_pairs *p, size_t s)
{
    while (s < p->len && p->text[s] != '\n') /* rows are short: no call */
        s++;
    return s < p->len ? s + 1 : p->len;
}

/* Compares the key of the row at off (up to its tab) with q[0..qn): <0, 0,
 * >0; *count gets the row's count when they are equal. */
static int row_cmp(const tone_pairs *p, size_t off, const char *q, size_t qn, unsigned *count)
{
    const unsigned char *r = (const unsigned char *)p->text + off;
    size_t k = 0;
    for (; k < qn && r[k] != '\t' && r[k] != '\n' && r[k]; k++)
        if (r[k] != (unsigned char)q[k])
            return r[k] < (unsigned char)q[k] ? -1 : 1;
    if (k < qn)
        return -1; /* the row's key is a prefix of q */
    if (r[k] != '\t')
        return 1; /* q is a prefix of the row's key */
    unsigned c = 0;
    for (k++; r[k] >= '0' && r[k] <= '9'; k++)
        c = c * 10 + (unsigned)(r[k] - '0');
    *count = c;
    return 0;
}

tone_pairs *tone_pairs_load(const char *path, char *err, size_t errlen)
{
    tone_pairs *p = calloc(1, sizeof *p);
    if (!p) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    errno = 0;
    if (slurp(p, path, err, errlen)) {
        tone_pairs_free(p);
        return NULL;
    }
    size_t head = strlen("pair\tcount\n");
    if (p->len < head || memcmp(p->text, "pair\tcount\n", head)) {
        snprintf(err, errlen, "%s:1: the header is not pair<TAB>count", path);
        tone_pairs_free(p);
        return NULL;
    }
    p->data = head;
    while (p->data < p->len && p->text[p->data] == '#')
        p->data = next_line(p, p->data);
    unsigned total = tone_pairs_count(p, "*", 1, NULL, 0);
    p->total = total ? total : 1;
    return p;
}

int tone_pairs_check(const tone_pairs *p, const char *path, char *err, size_t errlen)
{
    int line = 1;
    for (size_t s = 0; s < p->data; s = next_line(p, s))
        line++;
    size_t prev = 0, prevn = 0;
    for (size_t s = p->data; s < p->len; s = next_line(p, s), line++) {
        const char *row = p->text + s, *end = p->text + next_line(p, s);
        const char *tab = memchr(row, '\t', (size_t)(end - row));
        size_t kn = tab ? (size_t)(tab - row) : 0;
        int digits = 0;
        for (const char *d = tab ? tab + 1 : end; d < end && *d != '\n'; d++)
            digits = *d >= '0' && *d <= '9' ? digits + 1 : -1000;
        if (!kn || digits <= 0 || *row == '#')
            return snprintf(err, errlen, "%s:%d: not a key and a count", path, line), -1;
        unsigned c;
        if (prevn && row_cmp(p, prev, row, kn, &c) >= 0)
            return snprintf(err, errlen, "%s:%d: out of order (the rows are sorted by their bytes)", path, line), -1;
        prev = s;
        prevn = kn;
    }
    return 0;
}

unsigned tone_pairs_count(const tone_pairs *p, const char *a, size_t an, const char *b, size_t bn)
{
    char q[128];
    size_t qn = an + (b ? 1 + bn : 0);
    if (!p || qn > sizeof q)
        return 0;
    memcpy(q, a, an);
    if (b) {
        q[an] = ' ';
        memcpy(q + an + 1, b, bn);
    }
    /* a binary search on the bytes: the row around the middle, from its start */
    size_t lo = p->data, hi = p->len;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        while (mid > lo && p->text[mid - 1] != '\n')
            mid--;
        unsigned count = 0;
        int c = row_cmp(p, mid, q, qn, &count);
        if (c == 0)
            return count;
        if (c < 0)
            lo = next_line(p, mid);
        else
            hi = mid;
    }
    return 0;
}

double tone_pairs_total(const tone_pairs *p)
{
    return p ? p->total : 1;
}

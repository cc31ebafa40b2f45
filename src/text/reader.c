/* reader — line reading with UTF-8 validation and bounded pieces. */
#include "reader.h"
#include "utf8.h"
#include <errno.h>
#include <string.h>

void reader_init(reader *r, FILE *f, const char *name, reader_warn_fn warn, void *user)
{
    memset(r, 0, sizeof *r);
    r->f = f;
    r->name = name;
    r->warn = warn;
    r->user = user;
}

void reader_free(reader *r) { strbuf_free(&r->carry); }

/* Fills carry until it holds a newline or READER_MAX_PIECE bytes from start
 * on, or EOF. What was returned before start is dropped first. */
static int fill(reader *r)
{
    char buf[8192];
    if (r->start) {
        memmove(r->carry.s, r->carry.s + r->start, r->carry.len - r->start);
        r->carry.len -= r->start;
        r->carry.s[r->carry.len] = '\0';
        r->start = 0;
    }
    size_t scanned = 0; /* no newline before this */
    while (!r->eof && r->carry.len < READER_MAX_PIECE) {
        if (memchr(r->carry.s ? r->carry.s + scanned : "", '\n', r->carry.len - scanned))
            break;
        scanned = r->carry.len;
        size_t want = sizeof buf;
        if (r->carry.len + want > READER_MAX_PIECE + 4)
            want = READER_MAX_PIECE + 4 - r->carry.len;
        size_t got = fread(buf, 1, want, r->f);
        if (got == 0) {
            if (ferror(r->f)) {
                if (r->warn)
                    r->warn(r->user, r->name, r->offset, strerror(errno));
                return -1;
            }
            r->eof = 1;
            break;
        }
        if (memchr(buf, '\0', got)) {
            size_t at = (size_t)((char *)memchr(buf, '\0', got) - buf);
            if (r->warn)
                r->warn(r->user, r->name, r->offset + r->carry.len + at,
                        "NUL byte: this is not a text file");
            return -1;
        }
        if (strbuf_append(&r->carry, buf, got))
            return -1;
    }
    return 0;
}

int reader_next(reader *r, strbuf *out, int *end_of_line)
{
    strbuf_clear(out);
    size_t avail = r->carry.len - r->start;
    const char *s = strbuf_str(&r->carry) + r->start;
    const char *nl = memchr(s, '\n', avail);
    if (!nl && !r->eof && avail < READER_MAX_PIECE) {
        if (fill(r))
            return -1;
        avail = r->carry.len;
        s = strbuf_str(&r->carry);
        nl = memchr(s, '\n', avail);
    }
    if (avail == 0)
        return 0;
    size_t take, skip;
    if (nl) {
        take = (size_t)(nl - s);
        skip = take + 1;
        *end_of_line = 1;
    } else if (r->eof) {
        take = skip = avail;
        *end_of_line = 1;
    } else {
        /* an overlong line: cut at the last space, else at a character boundary */
        take = avail;
        if (take > READER_MAX_PIECE)
            take = READER_MAX_PIECE;
        size_t cut = take;
        while (cut > 0 && s[cut - 1] != ' ')
            cut--;
        if (cut == 0) {
            cut = take;
            while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
                cut--;
        }
        take = skip = cut;
        *end_of_line = 0;
    }
    size_t n = take;
    if (n && s[n - 1] == '\r' && *end_of_line)
        n--;
    /* valid runs are copied whole; each invalid sequence becomes U+FFFD */
    size_t run = 0;
    for (size_t i = utf8_surely_valid(s, n) ? n : 0; i < n;) {
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        int32_t cp;
        size_t k = utf8_next(s + i, n - i, &cp);
        if (cp < 0) {
            r->invalid++;
            if (r->warn)
                r->warn(r->user, r->name, r->offset + i, "invalid UTF-8 byte sequence, replaced");
            if (strbuf_append(out, s + run, i - run) || strbuf_puts(out, "\xEF\xBF\xBD"))
                return -1;
            run = i + k;
        }
        i += k;
    }
    if (strbuf_append(out, s + run, n - run))
        return -1;
    r->offset += skip;
    r->start += skip;
    return 1;
}

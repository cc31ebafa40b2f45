#define _POSIX_C_SOURCE 200809L
/* tsv — reads the project's tab-separated tables with file:line errors. */
#include "tsv.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define TSV_MAX_COLS 16

static size_t split(char *line, char **cells, size_t max)
{
    size_t n = 0;
    char *p = line;
    for (;;) {
        char *tab = strchr(p, '\t');
        if (n < max)
            cells[n] = p;
        n++;
        if (!tab)
            break;
        *tab = '\0';
        p = tab + 1;
    }
    return n;
}

/* 1 when s is made only of characters that NFC leaves as they are, on
 * their own and before one another: ASCII, U+00C0..02FF and U+1E00..1EFF
 * (the letters of Vietnamese; no combining mark among them), well formed. */
static int surely_nfc(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        if (u[i] < 0x80)
            i++;
        else if (u[i] >= 0xC3 && u[i] <= 0xCB && i + 1 < n && (u[i + 1] & 0xC0) == 0x80)
            i += 2;
        else if (u[i] == 0xE1 && i + 2 < n && u[i + 1] >= 0xB8 && u[i + 1] <= 0xBB && (u[i + 2] & 0xC0) == 0x80)
            i += 3;
        else
            return 0;
    }
    return 1;
}

static int is_nfc(const char *s, size_t n)
{
    if (surely_nfc(s, n)) /* most lines: utf8proc's full check costs more than the rest of loading */
        return 1;
    utf8proc_uint8_t *nfc = NULL;
    utf8proc_ssize_t r = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &nfc,
                                      UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    if (r < 0)
        return -1;
    int same = (size_t)r == n && memcmp(nfc, s, n) == 0;
    free(nfc);
    return same;
}

typedef struct run {
    tsv_row_fn fn;             /* loading: stop at the first problem */
    tsv_check_row_fn check;    /* checking: report and go on */
    tsv_report_fn report;
    void *user;
    int problems;
} run;

/* A problem on a row: when checking, report it and go on (returns 0). */
static int problem(run *r, const char *err)
{
    if (!r->report)
        return -1;
    r->report(r->user, err);
    r->problems++;
    return 0;
}

/* Strips the line end (and a byte order mark on line 1) in place; the new length. */
static ssize_t trim_line(char *line, ssize_t got, int lineno)
{
    while (got > 0 && (line[got - 1] == '\n' || line[got - 1] == '\r'))
        line[--got] = '\0';
    if (lineno == 1 && got >= 3 && !memcmp(line, "\xEF\xBB\xBF", 3)) { /* a byte order mark */
        memmove(line, line + 3, (size_t)got - 2);
        got -= 3;
    }
    return got;
}

/* Finds each wanted column (a name ending in '?' is optional: -1 when absent)
 * among the header cells[0..n). 0, or -1 with "path:line: ..." in err. */
static int map_header(char *const *cells, size_t n, const char *const *want, size_t nwant, int *map,
                      const char *path, int lineno, char *err, size_t errlen)
{
    for (size_t w = 0; w < nwant; w++) {
        size_t wl = strlen(want[w]);
        int optional = wl && want[w][wl - 1] == '?';
        if (optional)
            wl--;
        map[w] = -1;
        for (size_t c = 0; c < n; c++)
            if (strlen(cells[c]) == wl && !strncmp(cells[c], want[w], wl))
                map[w] = (int)c;
        if (map[w] < 0 && !optional) {
            snprintf(err, errlen, "%s:%d: header has no column '%.*s'", path, lineno, (int)wl,
                     want[w]);
            return -1;
        }
    }
    return 0;
}

static int tsv_run(const char *path, const char *const *want, size_t nwant, run *rn, char *err,
                   size_t errlen)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    int lineno = 0, rc = 0;
    size_t ncols = 0;
    int map[TSV_MAX_COLS];
    char *cells[TSV_MAX_COLS];
    const char *picked[TSV_MAX_COLS];
    char msg[512];

    if (nwant > TSV_MAX_COLS) {
        snprintf(err, errlen, "%s: too many columns asked for", path);
        fclose(f);
        return -1;
    }
    while ((got = getline(&line, &cap, f)) != -1) {
        got = trim_line(line, got, ++lineno);
        if (got == 0 || line[0] == '#')
            continue;
        int nfc = is_nfc(line, (size_t)got);
        if (nfc <= 0) {
            snprintf(err, errlen, "%s:%d: %s", path, lineno, nfc < 0 ? "invalid UTF-8" : "text is not in Unicode NFC");
            if (problem(rn, err)) {
                rc = -1;
                break;
            }
            continue;
        }
        size_t n = split(line, cells, TSV_MAX_COLS);
        if (n > TSV_MAX_COLS) {
            snprintf(err, errlen, "%s:%d: more than %d cells", path, lineno, TSV_MAX_COLS);
            rc = -1;
            break;
        }
        if (ncols == 0) { /* the header */
            ncols = n;
            if ((rc = map_header(cells, n, want, nwant, map, path, lineno, err, errlen)))
                break;
            continue;
        }
        if (n != ncols) {
            snprintf(err, errlen, "%s:%d: %zu cells, the header has %zu", path, lineno, n, ncols);
            if (problem(rn, err)) {
                rc = -1;
                break;
            }
            continue;
        }
        for (size_t w = 0; w < nwant; w++)
            picked[w] = map[w] < 0 ? "" : cells[map[w]];
        msg[0] = '\0';
        if (rn->check) {
            rn->check(rn->user, picked, lineno);
        } else if (rn->fn(rn->user, picked, msg, sizeof msg)) {
            snprintf(err, errlen, "%s:%d: %s", path, lineno, msg[0] ? msg : "bad row");
            rc = -1;
            break;
        }
    }
    if (!rc && ncols == 0) {
        snprintf(err, errlen, "%s: no header line", path);
        rc = -1;
    }
    if (!rc && ferror(f)) {
        snprintf(err, errlen, "%s: read error", path);
        rc = -1;
    }
    free(line);
    fclose(f);
    return rc;
}

int tsv_load(const char *path, const char *const *want, size_t nwant,
             tsv_row_fn fn, void *user, char *err, size_t errlen)
{
    run r = {fn, NULL, NULL, user, 0};
    return tsv_run(path, want, nwant, &r, err, errlen);
}

int tsv_check(const char *path, const char *const *want, size_t nwant, tsv_check_row_fn row,
              tsv_report_fn report, void *user)
{
    char err[1024];
    run r = {NULL, row, report, user, 0};
    if (tsv_run(path, want, nwant, &r, err, sizeof err)) {
        report(user, err);
        return -1;
    }
    return r.problems;
}

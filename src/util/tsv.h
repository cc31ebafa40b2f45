/* tsv — the one loader for every table in lexicon/ and voices/-style data.
 * Takes a UTF-8 NFC file: '#' comment lines, blank lines, a header line of
 * column names, then rows of tab-separated cells. Gives each row's cells, in
 * the order of the columns the caller asked for, to a callback.
 * Errors name file:line in the caller's err buffer. */
#ifndef DOCBAO_TSV_H
#define DOCBAO_TSV_H
#include <stddef.h>

/* Called once per data row. cells[i] is the cell of want[i] (NUL-terminated,
 * borrowed: valid during the call only; "" for an optional column absent from
 * the header). Return 0 to go on, non-zero to stop with the message written
 * into err (tsv prefixes it with file:line). */
typedef int (*tsv_row_fn)(void *user, const char *const *cells, char *err, size_t errlen);

/* want: column names; a name ending in '?' is optional. Returns 0, or -1 with
 * "file:line: message" in err (unreadable file, missing header column, wrong
 * cell count, invalid UTF-8, text not in NFC, or the callback's message). */
int tsv_load(const char *path, const char *const *want, size_t nwant,
             tsv_row_fn fn, void *user, char *err, size_t errlen);

/* Checking: goes on past bad rows. Every problem is given to report as
 * "file:line: message"; every good row to row with its line number (row may
 * be NULL). Returns the number of problems (0: the file is fine), or -1 when
 * the file cannot be read at all. */
typedef void (*tsv_report_fn)(void *user, const char *message);
typedef void (*tsv_check_row_fn)(void *user, const char *const *cells, int line);
int tsv_check(const char *path, const char *const *want, size_t nwant, tsv_check_row_fn row,
              tsv_report_fn report, void *user);

#endif

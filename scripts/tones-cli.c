/* tones-cli — for scripts/tones-score.py: reads toneless strings, one a line,
 * and prints each with its restoration by src/text/tones.c (tones_restore_with)
 * or "-" when it is refused: "key<TAB>reading"; with --guess, by tones_guess_with
 * (the likeliest reading, even when not confident). Run from the project root. */
#include "tones.h"
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    int guess = argc > 1 && !strcmp(argv[1], "--guess");
    char err[512], line[256];
    tones_table *t = tones_table_load("lexicon", err, sizeof err);
    if (!t) {
        fprintf(stderr, "tones-cli: %s\n", err);
        return 1;
    }
    while (fgets(line, sizeof line, stdin)) {
        size_t n = strcspn(line, "\r\n");
        line[n] = 0;
        strbuf b = {0};
        int rc = guess ? tones_guess_with(t, line, n, &b) : tones_restore_with(t, line, n, &b);
        printf("%s\t%s\n", line, rc == 0 && b.s ? b.s : "-");
        strbuf_free(&b);
    }
    tones_table_free(t);
    return 0;
}

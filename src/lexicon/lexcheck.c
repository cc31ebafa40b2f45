/* lexcheck — `docbao lexicon check`: a user's table in the abbreviation
 * format (key, kind, reading, context) checked row by row, each problem
 * reported as "file:line: message" (lexicon.h: lexicon_check). */
#include "lexicon.h"
#include "dict.h"
#include "tsv.h"
#include <stdio.h>
#include <string.h>

typedef struct checker {
    const char *path;
    dict seen;          /* key \t context -> first line */
    void (*report)(void *user, const char *message);
    void *user;
    int problems;
} checker;

static void say(checker *k, int line, const char *fmt, const char *a, int b)
{
    char msg[1024], text[900];
    snprintf(text, sizeof text, fmt, a, b);
    snprintf(msg, sizeof msg, "%s:%d: %s", k->path, line, text);
    k->report(k->user, msg);
    k->problems++;
}

static void check_row(void *user, const char *const *c, int line)
{
    checker *k = user;
    abbr_kind kind;
    if (!c[0][0])
        say(k, line, "empty key%s", "", 0);
    if (lexicon_abbr_kind(c[1], &kind))
        say(k, line, "kind '%s' is not expand, spell or word", c[1], 0);
    else if (kind != ABBR_SPELL && !c[2][0])
        say(k, line, "'%s' has no reading", c[0], 0);
    char key[1024];
    snprintf(key, sizeof key, "%s\t%s", c[0], c[3]);
    int first = dict_get(&k->seen, key, strlen(key));
    if (first > 0)
        say(k, line, "'%s' repeats the row of line %d", c[0], first);
    else
        dict_put(&k->seen, key, strlen(key), line);
}

static void relay(void *user, const char *message)
{
    checker *k = user;
    k->report(k->user, message);
}

int lexicon_check(const char *path, void (*report)(void *user, const char *message), void *user)
{
    static const char *const ABBR[] = {"key", "kind", "reading", "context?"};
    checker k = {path, {0}, report, user, 0};
    int n = tsv_check(path, ABBR, 4, check_row, relay, &k);
    dict_free(&k.seen);
    return n < 0 ? -1 : n + k.problems;
}

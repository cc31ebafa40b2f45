/* lexwords — loads lexicon/page-labels.tsv, number-words.tsv and
 * say-words.tsv through tsv_load (see lexwords.h). The keyed tables have a
 * fixed set of keys: an unknown, repeated or missing key is a load error. */
#include "lexwords.h"
#include "tsv.h"
#include "vec.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const NUM_KEYS[] = {
    "digit0", "digit1", "digit2", "digit3", "digit4", "digit5", "digit6", "digit7", "digit8",
    "digit9", "hundred", "ten", "tens", "odd", "one_after_tens", "five_after_ten",
    "four_after_tens", "thousand", "million", "billion", "first", "fourth"};
enum { NUM_N = sizeof NUM_KEYS / sizeof *NUM_KEYS };
static const char *const SAY_KEYS[SAY_COUNT] = {
    "comma", "dot", "per", "to", "plus", "minus", "percent", "part", "and",
    "at", "slash", "hyphen", "underscore", "colon", "times", "year", "month",
    "day", "hour", "minute", "second", "cent", "metre", "i_prefix", "e_prefix", "y_prefix", "fold"};

/* A table of fixed keys: the north and south word of each (south NULL: as north). */
typedef struct keyed {
    const char *const *keys;
    size_t n;
    char *north[32], *south[32];
} keyed;

struct lexwords {
    lexicon_label *labels;
    size_t nlabels, caplabels;
    keyed num, say;
    num_words words[2];   /* by num_dialect */
};

static int row_keyed(void *user, const char *const *c, char *err, size_t errlen)
{
    keyed *k = user;
    size_t i = 0;
    while (i < k->n && strcmp(k->keys[i], c[0]))
        i++;
    if (i == k->n)
        return snprintf(err, errlen, "unknown key '%s'", c[0]), -1;
    if (k->north[i])
        return snprintf(err, errlen, "key '%s' given twice", c[0]), -1;
    if (!c[1][0])
        return snprintf(err, errlen, "no north word for '%s'", c[0]), -1;
    if (!(k->north[i] = strdup(c[1])) || (c[2][0] && !(k->south[i] = strdup(c[2]))))
        return snprintf(err, errlen, "out of memory"), -1;
    return 0;
}

static int load_keyed(const char *dir, const char *name, keyed *k, char *err, size_t errlen)
{
    static const char *const COLS[] = {"key", "north", "south"};
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    if (tsv_load(path, COLS, 3, row_keyed, k, err, errlen))
        return -1;
    for (size_t i = 0; i < k->n; i++)
        if (!k->north[i])
            return snprintf(err, errlen, "%s: no row for '%s'", path, k->keys[i]), -1;
    return 0;
}

static const char *word_of(const keyed *k, size_t i, num_dialect d)
{
    return d == DIALECT_SOUTH && k->south[i] ? k->south[i] : k->north[i];
}

/* num_words of dialect d from the rows, in the order of NUM_KEYS */
static void resolve(const keyed *k, num_dialect d, num_words *w)
{
    for (int i = 0; i < 10; i++)
        w->digit[i] = word_of(k, (size_t)i, d);
    w->hundred = word_of(k, 10, d);
    w->ten = word_of(k, 11, d);
    w->tens = word_of(k, 12, d);
    w->odd = word_of(k, 13, d);
    w->one_after_tens = word_of(k, 14, d);
    w->five_after_ten = word_of(k, 15, d);
    w->four_after_tens = word_of(k, 16, d);
    w->scale[0] = "";
    for (int i = 1; i < 4; i++)
        w->scale[i] = word_of(k, (size_t)(16 + i), d);
    w->first = word_of(k, 20, d);
    w->fourth = word_of(k, 21, d);
    for (int i = 0; i < 10; i++)
        w->len.digit[i] = strlen(w->digit[i]);
    w->len.hundred = strlen(w->hundred);
    w->len.ten = strlen(w->ten);
    w->len.tens = strlen(w->tens);
    w->len.odd = strlen(w->odd);
    w->len.one_after_tens = strlen(w->one_after_tens);
    w->len.five_after_ten = strlen(w->five_after_ten);
    w->len.four_after_tens = strlen(w->four_after_tens);
    for (int i = 0; i < 4; i++)
        w->len.scale[i] = strlen(w->scale[i]);
}

static int row_label(void *user, const char *const *c, char *err, size_t errlen)
{
    lexwords *w = user;
    if (!c[0][0] || !c[1][0])
        return snprintf(err, errlen, "empty label or reason"), -1;
    if (VEC_RESERVE(w->labels, w->caplabels, w->nlabels + 1))
        return snprintf(err, errlen, "out of memory"), -1;
    char *text = strdup(c[0]), *why = strdup(c[1]);
    if (!text || !why) {
        free(text);
        free(why);
        return snprintf(err, errlen, "out of memory"), -1;
    }
    w->labels[w->nlabels++] = (lexicon_label){text, strlen(text), why};
    return 0;
}

lexwords *lexwords_load(const char *dir, char *err, size_t errlen)
{
    static const char *const LABEL[] = {"label", "reason"};
    char path[4096];
    lexwords *w = calloc(1, sizeof *w);
    if (!w) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    w->num.keys = NUM_KEYS;
    w->num.n = NUM_N;
    w->say.keys = SAY_KEYS;
    w->say.n = SAY_COUNT;
    snprintf(path, sizeof path, "%s/page-labels.tsv", dir);
    if (tsv_load(path, LABEL, 2, row_label, w, err, errlen) ||
        load_keyed(dir, "number-words.tsv", &w->num, err, errlen) ||
        load_keyed(dir, "say-words.tsv", &w->say, err, errlen)) {
        lexwords_free(w);
        return NULL;
    }
    resolve(&w->num, DIALECT_NORTH, &w->words[DIALECT_NORTH]);
    resolve(&w->num, DIALECT_SOUTH, &w->words[DIALECT_SOUTH]);
    return w;
}

void lexwords_free(lexwords *w)
{
    if (!w)
        return;
    for (size_t i = 0; i < w->nlabels; i++) {
        free((char *)w->labels[i].text);
        free((char *)w->labels[i].why);
    }
    free(w->labels);
    for (size_t i = 0; i < 32; i++) {
        free(w->num.north[i]);
        free(w->num.south[i]);
        free(w->say.north[i]);
        free(w->say.south[i]);
    }
    free(w);
}

const lexicon_label *lexwords_page_labels(const lexwords *w, size_t *n)
{
    *n = w->nlabels;
    return w->labels;
}

const num_words *lexwords_number_words(const lexwords *w, num_dialect d)
{
    return &w->words[d == DIALECT_SOUTH];
}

const char *lexwords_say(const lexwords *w, say_key s, num_dialect d)
{
    return word_of(&w->say, (size_t)s < SAY_COUNT ? (size_t)s : 0, d);
}

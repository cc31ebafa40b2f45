/* lexwords — loads lexicon/page-labels.tsv through tsv_load (see lexwords.h). */
#include "lexwords.h"
#include "tsv.h"
#include "vec.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct lexwords {
    lexicon_label *labels;
    size_t nlabels, caplabels;
};

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
    snprintf(path, sizeof path, "%s/page-labels.tsv", dir);
    if (tsv_load(path, LABEL, 2, row_label, w, err, errlen)) {
        lexwords_free(w);
        return NULL;
    }
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
    free(w);
}

const lexicon_label *lexwords_page_labels(const lexwords *w, size_t *n)
{
    *n = w->nlabels;
    return w->labels;
}

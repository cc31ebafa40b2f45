/* normalize — runs the text stages in order over one piece. */
#include "normalize.h"
#include "cleanup.h"
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

void normalizer_init(normalizer *nz, const lexicon *lx, num_dialect d)
{
    memset(nz, 0, sizeof *nz);
    nz->lx = lx;
    nz->dialect = d;
    nz->strict = getenv("DOCBAO_STRICT") != NULL;
}

void normalizer_init_like(normalizer *nz, const normalizer *proto)
{
    normalizer_init(nz, proto->lx, proto->dialect);
    nz->year_short = proto->year_short;
    nz->foreign_keep = proto->foreign_keep;
    nz->tr = proto->tr;
}

void normalizer_free(normalizer *nz)
{
    strbuf_free(&nz->clean);
    strbuf_free(&nz->spoken);
    strbuf_free(&nz->piece);
    offmap_free(&nz->map);
    tokvec_free(&nz->tokens);
    spanvec_free(&nz->spans);
    word_cache_free(nz->words);
    nz->words = NULL;
    foreign_cache_free(&nz->foreign);
}

int normalize_piece(normalizer *nz, const char *text, size_t n, normalize_sentence_fn fn, void *user)
{
    strbuf_clear(&nz->clean);
    nz->tokens.n = 0;
    if (cleanup_text(text, n, &nz->clean, &nz->map) ||
        tokenize(nz->lx, strbuf_str(&nz->clean), nz->clean.len, &nz->tokens))
        return -1;
    if (!nz->words && !(nz->words = word_cache_new(classify_word_facts, (void *)nz->lx)))
        return -1;
    abbr_defs_clear(&nz->defs);
    const char *clean = strbuf_str(&nz->clean);
    classify_ctx cc = {.lx = nz->lx,
                       .words = nz->words,
                       .defs = &nz->defs,
                       .merge_words = !nz->explain,
                       .name_rules = nz->explain && nz->explain_rules,
                       .end = clean + nz->clean.len};
    verbalize_ctx vc = {nz->lx, nz->dialect, nz->year_short, nz->foreign_keep, nz->tr, &nz->foreign,
                        lexicon_number_words(nz->lx, nz->dialect)};
    const token *t = nz->tokens.v;
    size_t nt = nz->tokens.n;
    for (size_t from = 0; from < nt;) {
        size_t to = sentence_end(t, nt, from);
        nz->spans.n = nz->spans.parts.n = 0;
        strbuf_clear(&nz->spoken);
        if (classify_sentence(&cc, t + from, to - from, &nz->spans))
            return -1;
        for (size_t k = 0; k < nz->spans.n; k++) {
            size_t before = nz->spoken.len;
            if (verbalize_span(&vc, &nz->spans.v[k], &nz->spoken)) {
                strbuf_truncate(&nz->spoken, before);
                if (nz->strict || verbalize_fallback(&vc, nz->spans.v[k].text, &nz->spoken))
                    return -1;
            }
            if (nz->explain) {
                const span *s = &nz->spans.v[k];
                const char *w = strbuf_str(&nz->spoken) + before;
                size_t wl = nz->spoken.len - before;
                while (wl && *w == ' ') {
                    w++;
                    wl--;
                }
                size_t a = offmap_source(&nz->map, clean, (size_t)(s->text.s - clean));
                size_t b = offmap_source(&nz->map, clean, (size_t)(s->text.s + s->text.n - clean));
                if (s->text.n && b < a)
                    b = a;
                char label[64];
                const char *cls = class_name(s->cls);
                if (nz->explain_rules && s->rule && snprintf(label, sizeof label, "%s/%s", cls, s->rule) > 0)
                    cls = label;
                nz->explain(nz->explain_user, cls, a, text + a, b - a, w, wl);
            }
        }
        const char *ws = t[from].pre.n ? t[from].pre.s : t[from].core.n ? t[from].core.s : t[from].post.s;
        const token *last = &t[to - 1];
        const char *we = last->post.s + last->post.n;
        size_t a = offmap_source(&nz->map, clean, (size_t)(ws - clean));
        size_t b = offmap_source(&nz->map, clean, (size_t)(we - clean));
        if (nz->spoken.len || b > a) {
            int rc = fn(user, text + a, b - a, strbuf_str(&nz->spoken), nz->spoken.len);
            if (rc)
                return rc;
        }
        from = to;
    }
    return 0;
}

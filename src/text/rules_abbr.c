/* rules_abbr — the recognizer of abbreviations (lexicon/abbreviations.tsv):
 * the reading chosen by the cue words within four words either side (CA
 * công an, not without its cues), a trailing stop kept out (PGS.TS.), the
 * expansion before a capitalized name (H. Đông Anh), the letters when the
 * acronym restates the words before it (Ban Chấp hành (BCH)), and none in a
 * headline set in capitals (AI CŨNG CÓ QUYỀN). Takes a rule_at (rules.h). */
#include "parts_read.h"
#include "rules.h"
#include "utf8.h"
#include <string.h>

/* The lower case of the tokens around an abbreviation, each made once. */
typedef struct lowered {
    size_t lo;
    char text[10][128];
    size_t len[10];  /* (size_t)-1: too long for any cue */
    unsigned char have[10];
} lowered;

static const char *lowered_at(lowered *l, const token *t, size_t j, size_t *len)
{
    size_t k = j - l->lo;
    if (!l->have[k]) {
        l->len[k] = utf8_lower_buf(t[j].core.s, t[j].core.n, l->text[k], sizeof l->text[k]);
        l->have[k] = 1;
    }
    *len = l->len[k];
    return l->text[k];
}

/* the cue "#số" of a reading: a number says it, right before the
 * abbreviation or before its scale word (1,36 triệu BTC, 0,5 BTC) */
static int number_cue(const classify_ctx *c, const token *t, size_t i, const char *context)
{
    static const char CUE[] = "#số";
    const char *p = strstr(context, CUE);
    if (!p || (p > context && p[-1] != '|') || (p[sizeof CUE - 1] && p[sizeof CUE - 1] != '|') || i < 1)
        return 0;
    const token *w = &t[i - 1];
    if (!w->post.n && i >= 2 && rule_is_scale(c, w))
        w = &t[i - 2];
    return w->digit && !w->post.n && w->core.n && w->core.s[w->core.n - 1] >= '0' && w->core.s[w->core.n - 1] <= '9';
}

/* a cue "<word" or ">word" of a reading: the word right before or right
 * after the abbreviation, with nothing between (5G SA, not Ông SA a few
 * words from 5G; TP London) */
static int next_cue(const token *t, size_t n, size_t i, const char *context, lowered *low, char side)
{
    size_t j = side == '<' ? i - 1 : i + 1;
    if (!strchr(context, side) || (side == '<' ? i < 1 || t[j].post.n || t[i].pre.n
                                               : j >= n || t[i].post.n || t[j].pre.n))
        return 0;
    size_t wlen;
    const char *w = lowered_at(low, t, j, &wlen);
    for (const char *p = context; wlen != (size_t)-1 && *p;) {
        const char *bar = strchr(p, '|');
        size_t len = bar ? (size_t)(bar - p) : strlen(p);
        if (len == wlen + 1 && p[0] == side && !memcmp(p + 1, w, wlen))
            return 1;
        p = bar ? bar + 1 : p + len;
    }
    return 0;
}

static const abbr_entry *choose_abbr(const classify_ctx *c, const token *t, size_t n, size_t i,
                                     const abbr_entry *e)
{
    const abbr_entry *def = NULL;
    /* a cue within four words either side (a lone dash or bracket is no
     * word: mùa giải 2023 - đó là GP), ten tokens at most */
    size_t lo = i, hi = i + 1;
    for (int w = 0; lo > 0 && w < 4 && i - lo < 6;)
        w += t[--lo].core.n > 0;
    for (int w = 0; hi < n && w < 4 && hi - lo < 10; hi++)
        w += t[hi].core.n > 0;
    lowered low;
    low.lo = lo;
    memset(low.have, 0, sizeof low.have);
    for (; e; e = lexicon_abbr_at(c->lx, e->next)) {
        if (!e->context[0]) {
            if (!def)
                def = e;
            continue;
        }
        if (number_cue(c, t, i, e->context) || next_cue(t, n, i, e->context, &low, '<') ||
            next_cue(t, n, i, e->context, &low, '>'))
            return e;
        for (size_t j = lo; j < hi; j++) {
            if (j == i || !t[j].core.n)
                continue;
            size_t wlen;
            const char *w = lowered_at(&low, t, j, &wlen);
            if (wlen == (size_t)-1)
                continue; /* longer than any cue */
            const char *p = e->context;
            int hit = 0;
            while (*p && !hit) {
                const char *bar = strchr(p, '|');
                size_t len = bar ? (size_t)(bar - p) : strlen(p);
                /* a one-word cue must equal the word; a phrase may start with it */
                if (len == wlen && !memcmp(p, w, len)) {
                    hit = 1;
                } else if (len > wlen && !memcmp(p, w, wlen) && p[wlen] == ' ' && j + 1 < n) {
                    size_t w2len;
                    const char *w2 = lowered_at(&low, t, j + 1, &w2len);
                    if (w2len != (size_t)-1 && len == wlen + 1 + w2len && !memcmp(p + wlen + 1, w2, w2len))
                        hit = 1;
                }
                p = bar ? bar + 1 : p + len;
            }
            if (hit)
                return e;
        }
    }
    return def;
}


/* three ASCII capitals, a share's ticker shape (SAB, GAS) */
static int ticker_shape(const token *t)
{
    slice s = t->core;
    return s.n == 3 && s.s[0] >= 'A' && s.s[0] <= 'Z' && s.s[1] >= 'A' && s.s[1] <= 'Z' && s.s[2] >= 'A' &&
           s.s[2] <= 'Z';
}

/* t[k] and t[k + 1] are two items of a list: a comma between, or "và" */
static size_t list_next(const classify_ctx *c, const token *t, size_t n, size_t k)
{
    if (k + 1 < n && t[k].post.n == 1 && t[k].post.s[0] == ',' && !t[k + 1].pre.n && ticker_shape(&t[k + 1]))
        return k + 1;
    if (k + 2 < n && !t[k].post.n && rule_word_has(c, &t[k + 1], ROLE_AND) && !t[k + 1].post.n &&
        ticker_shape(&t[k + 2]))
        return k + 2;
    return 0;
}

/* the words (one or two) before t[j], lowered, are a ticker cue (mã, cổ phiếu) */
static int ticker_cue(const classify_ctx *c, const token *t, size_t j)
{
    char low[64];
    const char *end = t[j - 1].core.s + t[j - 1].core.n;
    for (size_t w = 1; w <= 2 && w <= j; w++) {
        if (w == 2 && (t[j - 2].post.n || t[j - 1].pre.n))
            return 0;
        const char *from = t[j - w].core.s;
        size_t len = utf8_lower_buf(from, (size_t)(end - from), low, sizeof low);
        if (len != (size_t)-1 && lexicon_word_has(c->lx, low, len, ROLE_TICKER))
            return 1;
    }
    return 0;
}

/* Mã SAB, GAS, CEO, DIG tăng; cổ phiếu VND và GAS: token i is one of two
 * tickers or more listed after a ticker cue (context.tsv) */
static int ticker_listed(const classify_ctx *c, const token *t, size_t n, size_t i)
{
    if (!ticker_shape(&t[i]))
        return 0;
    size_t first = i;
    for (int moved = 1; moved && first > 0;) {
        moved = 0;
        for (size_t back = 1; back <= 2 && back <= first; back++)
            if (ticker_shape(&t[first - back]) && list_next(c, t, n, first - back) == first) {
                first -= back;
                moved = 1;
                break;
            }
    }
    if (first == i && !list_next(c, t, n, i))
        return 0;
    /* the cue right before the list */
    return first > 0 && !t[first].pre.n && !t[first - 1].post.n && ticker_cue(c, t, first);
}

/* an all-capital Vietnamese syllable that is no abbreviation (CŨNG, VẤN) */
static int caps_word(const classify_ctx *c, const token *t)
{
    return t->core.n && utf8_all_upper(t->core.s, t->core.n) && c->facts[t - c->base].syllable &&
           !lexicon_abbr(c->lx, t->core.s, t->core.n);
}

/* token i opens a bracket, and the words just before it, lowered, are reading */
static int restates(const token *t, size_t i, const char *reading)
{
    if (!t[i].pre.n || t[i].pre.s[t[i].pre.n - 1] != '(')
        return 0;
    size_t words = 1;
    for (const char *p = reading; *p; p++)
        words += *p == ' ';
    if (words > i)
        return 0;
    char low[256];
    size_t at = 0;
    for (size_t k = i - words; k < i; k++) {
        size_t l = utf8_lower_buf(t[k].core.s, t[k].core.n, low + at, sizeof low - at - 1);
        if (l == (size_t)-1 || (k + 1 < i && t[k].post.n))
            return 0;
        at += l;
        low[at++] = k + 1 < i ? ' ' : '\0';
    }
    return !strcmp(low, reading);
}

/* H. Đông Anh, P. Bến Thành: before a capitalized name an address prefix is
 * expanded (not Mỹ H. (SN 1995)) */
static const abbr_entry *before_name(const rule_at *a, const abbr_entry *all, const abbr_entry *chosen, slice s)
{
    const token *t = a->t;
    size_t i = a->i;
    if (!(chosen->kind == ABBR_SPELL && !chosen->context[0] && s.n >= 2 && s.s[s.n - 1] == '.' && i + 1 < a->n &&
          t[i + 1].core.n && !t[i + 1].pre.n))
        return chosen;
    int32_t f;
    utf8_next(t[i + 1].core.s, t[i + 1].core.n, &f);
    for (const abbr_entry *x = all; x && utf8_is_upper(f); x = lexicon_abbr_at(a->c->lx, x->next))
        if (x->kind == ABBR_EXPAND)
            return x;
    return chosen;
}

/* (-0,72%), (+1,41%), (-328 tỷ đồng): a signed number opening brackets, a
 * share's change or its net trade */
static int change_after(const token *t)
{
    slice s = t->core;
    return t->pre.n >= 1 && t->pre.s[t->pre.n - 1] == '(' && s.n >= 2 && (s.s[0] == '-' || s.s[0] == '+') &&
           s.s[1] >= '0' && s.s[1] <= '9';
}

/* the brackets closing at token i (its post) opened with a change a few
 * tokens before: VIC (-402 tỷ đồng), HCM */
static int change_before(const token *t, size_t i)
{
    if (!memchr(t[i].post.s, ')', t[i].post.n))
        return 0;
    for (size_t j = i + 1; j-- > 0 && i - j < 4;) {
        if (change_after(&t[j]))
            return 1;
        if (j < i && t[j].post.n)
            return 0;
    }
    return 0;
}

/* UVT.Ư: a dot typed inside a run of capitals, the abbreviation without it */
static const abbr_entry *without_stray_dot(const classify_ctx *c, slice s)
{
    const char *d = s.n > 2 && s.n < 32 ? memchr(s.s + 1, '.', s.n - 2) : NULL;
    if (!d || memchr(d + 1, '.', (size_t)(s.s + s.n - d - 1)) || !utf8_all_upper(s.s, s.n))
        return NULL;
    char key[32];
    size_t k = (size_t)(d - s.s);
    memcpy(key, s.s, k);
    memcpy(key + k, d + 1, s.n - k - 1);
    return lexicon_abbr(c->lx, key, s.n - 1);
}

/* ĐT 741, QL 1A: a road's number after its letters, one to three digits
 * (a letter may follow), no phone (ĐT 0912...) */
static int road_number(const token *l, const token *t)
{
    slice s = t->core;
    size_t k = 0;
    while (k < s.n && s.s[k] >= '0' && s.s[k] <= '9')
        k++;
    return !l->post.n && !t->pre.n && k >= 1 && k <= 3 && s.s[0] != '0' &&
           (k == s.n || (k + 1 == s.n && s.s[k] >= 'A' && s.s[k] <= 'Z'));
}

/* a capitalized foreign word, a capital then lower case: a loanword, an
 * exonym, or no Vietnamese syllable (Nano, Plus, Samsung; not HCM, Cty) */
static int foreign_word(const classify_ctx *c, const token *t)
{
    const word_facts *f = &c->facts[t - c->base];
    slice s = t->core;
    return s.n >= 2 && s.s[0] >= 'A' && s.s[0] <= 'Z' && s.s[1] >= 'a' && s.s[1] <= 'z' && !t->digit &&
           (f->kind == CL_LOANWORD + 1 || f->kind == CL_EXONYM + 1 || !f->syllable) &&
           !lexicon_abbr(c->lx, s.s, s.n);
}

/* token i, in capitals, between two capitalized foreign words, one space
 * apart with nothing between */
static int in_foreign_name(const classify_ctx *c, const token *t, size_t i)
{
    return utf8_all_upper(t[i].core.s, t[i].core.n) && !t[i - 1].post.n && !t[i].pre.n && !t[i].post.n &&
           !t[i + 1].pre.n && foreign_word(c, &t[i - 1]) && foreign_word(c, &t[i + 1]);
}

int rule_abbreviation(rule_at *a)
{
    const classify_ctx *c = a->c;
    const token *t = a->t;
    size_t i = a->i, n = a->n;
    slice s = t[i].core;
    const abbr_entry *e = lexicon_abbr(c->lx, s.s, s.n);
    if (!e && s.n > 1 && s.s[s.n - 1] == '.' && (e = lexicon_abbr(c->lx, s.s, s.n - 1))) /* PGS.TS. */
        s.n--;
    if (!e && !t[i].digit)
        e = without_stray_dot(c, s);
    /* in a headline set in capitals (AI CŨNG CÓ QUYỀN, TƯ VẤN MIỄN PHÍ) a
     * capital word that is a Vietnamese syllable next to others is the word */
    if (e && utf8_all_upper(s.s, s.n) && rule_syllable_at(c, t, i, s) &&
        ((i > 0 && caps_word(c, &t[i - 1])) || (i + 1 < n && caps_word(c, &t[i + 1]))))
        e = NULL;
    /* an abbreviation whose every reading needs a cue, with none near, is
     * read as any other word of its letters (CA without công an's cues) */
    const abbr_entry *chosen = e ? choose_abbr(c, t, n, i, e) : NULL;
    if (!chosen)
        return 0;
    a->i++;
    /* TCB (-1,03%), HCM (-0,72%), VRE (-307 tỷ đồng): in a list of shares'
     * changes a code is spelled */
    if (chosen->kind == ABBR_EXPAND && i + 1 < n && i > 0 && utf8_all_upper(s.s, s.n) && change_after(&t[i + 1]) &&
        change_before(t, i - 1)) {
        if (rule_push_simple(a->out, CL_SPELL, s))
            return -1;
        a->out->v[a->out->n - 1].rule = "abbreviation-ticker";
        return 1;
    }
    /* Mã SAB, GAS, CEO: a list of tickers is spelled */
    if (chosen->kind != ABBR_SPELL && ticker_listed(c, t, n, i)) {
        if (rule_push_simple(a->out, CL_SPELL, s))
            return -1;
        a->out->v[a->out->n - 1].rule = "abbreviation-ticker";
        return 1;
    }
    /* Ban Chấp hành (BCH): an acronym in brackets after the words it stands
     * for is not said twice: its letters */
    if (chosen->kind == ABBR_EXPAND && restates(t, i, chosen->reading)) {
        /* vận động viên (VĐV): letters no reader spells aloud are not said */
        int silent = lexicon_word_has(c->lx, s.s, s.n, ROLE_UNSPELLED);
        if (rule_push_simple(a->out, silent ? CL_PUNCT : CL_SPELL, silent ? (slice){s.s, 0} : s))
            return -1;
        a->out->v[a->out->n - 1].rule = "abbreviation-restated";
        return 1;
    }
    /* Gel AG Nano TP Plus: between two foreign words of a name an
     * abbreviation is its letters (not thành phố); a reading its cue
     * words chose stands (Johnson TP London: TP before a city) */
    if (chosen->kind == ABBR_EXPAND && !chosen->context[0] && i > 0 && i + 1 < n && in_foreign_name(c, t, i)) {
        if (rule_push_simple(a->out, CL_SPELL, s))
            return -1;
        a->out->v[a->out->n - 1].rule = "abbreviation-in-name";
        return 1;
    }
    span sp = rule_mk(CL_ABBR, s);
    sp.abbr = before_name(a, e, chosen, s);
    if (i + 1 < n && road_number(&t[i], &t[i + 1]) && (sp.reading = parts_route_reading(c->lx, s)))
        sp.abbr = NULL; /* read as a defined acronym's words */
    return rule_push(a->out, &sp) ? -1 : 1;
}

/* (CAO) Camera hành trình..., (PLO) Ngày 5-6...: a paper's short name in
 * brackets at the start is its byline, spelled even where its letters make
 * a word (CAO, not cao); a name with a row of its own (SGGP) is read by it */
int rule_byline(rule_at *a)
{
    const token *t = &a->t[a->i];
    slice s = t->core;
    if (a->i || t->pre.n != 1 || t->pre.s[0] != '(' || !t->post.n || t->post.s[0] != ')' || a->n < 2 || s.n < 2 ||
        s.n > 5)
        return 0;
    for (size_t k = 0; k < s.n; k++)
        if (s.s[k] < 'A' || s.s[k] > 'Z')
            return 0;
    if (lexicon_abbr(a->c->lx, s.s, s.n))
        return 0;
    a->i++;
    return rule_push_simple(a->out, CL_SPELL, s) ? -1 : 1;
}

/* Hội đồng xét xử (HĐXX): an acronym in brackets after the words whose
 * initials are its letters defines it: the piece remembers the words, so
 * that a later HĐXX, or an acronym of no table (BVĐKTƯ), reads them
 * (defined.h). In the brackets it is read as the words again when no reader
 * spells it (role said-again in context.tsv: HĐXX, NHNN); the others are
 * left to the rules after (their letters, Ban Chấp hành (BCH), or nothing,
 * vận động viên (VĐV): rule_abbreviation). */
RULE_BODY int defined_body(rule_at *a, abbr_defs *d, int bracket)
{
    const classify_ctx *c = a->c;
    size_t i = a->i;
    slice s = a->t[i].core;
    const char *reading = NULL;
    int said = 1; /* 0: defined here, but not said as its words */
    if (bracket) {
        size_t from = acronym_run(c->lx, a->t, i);
        if (from < i) {
            reading = abbr_defs_add(d, s.s, s.n, a->t, from, i);
            said = lexicon_word_has(c->lx, s.s, s.n, ROLE_SAID_AGAIN);
        }
    }
    if (!reading && d->n)
        reading = abbr_defs_find(d, s.s, s.n);
    if (!reading || !said) {
        /* letters rule_known_word left here (XTTN): spelled, as it spells them */
        if (c->facts[a->t + i - c->base].kind != CL_SPELL + 1)
            return 0;
        a->i++;
        if (rule_push_simple(a->out, CL_SPELL, s))
            return -1;
        a->out->v[a->out->n - 1].rule = "word-known";
        return 1;
    }
    span sp = rule_mk(CL_ABBR, s);
    sp.reading = reading;
    a->i++;
    return rule_push(a->out, &sp) ? -1 : 1;
}

int rule_defined(rule_at *a)
{
    const token *tk = &a->t[a->i];
    abbr_defs *d = a->c->defs;
    unsigned char first = (unsigned char)tk->core.s[0]; /* a capital: A-Z, or Đ (C4 90) */
    if (!d || !((first >= 'A' && first <= 'Z') || first == 0xC4))
        return 0;
    int bracket = tk->pre.n && tk->pre.s[tk->pre.n - 1] == '(';
    if (!bracket && !d->n)
        return 0;
    return defined_body(a, d, bracket);
}

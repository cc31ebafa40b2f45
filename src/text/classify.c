/* classify — token classes from the token's form and the cue words before
 * it (lexicon/context.tsv). The recognizers live in the rules_*.c files, one
 * family each; RULES below walks them in order, and that order is the
 * priority. This file keeps the walk, the spans, and the cue lookups the
 * rules share (rules.h). */
#include "classify.h"
#include "compose.h"
#include "foreign.h"
#include "rules.h"
#include "syllable.h"
#include "utf8.h"
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *class_name(tok_class c)
{
    static const char *const NAMES[] = {
#define X(id, name) name,
        CLASS_LIST(X)
#undef X
    };
    return NAMES[c];
}

/* Room for one more span at the end, whose contents the caller writes. */

int rule_push(spanvec *sv, const span *s)
{
    span *d = rule_append(sv);
    if (!d)
        return -1;
    if (span_has_payload(s->cls)) {
        *d = *s;
    } else { /* the value, most of a span's bytes, is read for these alone */
        memcpy(d, s, offsetof(span, val));
        d->val.kind = V_NONE;
    }
    return 0;
}



void spanvec_free(spanvec *sv)
{
    free(sv->v);
    free(sv->parts.v);
    *sv = (spanvec){0};
}



int rule_has_char(slice s, const char *set)
{
    for (size_t i = 0; i < s.n; i++)
        if (strchr(set, s.s[i]))
            return 1;
    return 0;
}

int rule_has_letter(slice s)
{
    for (size_t i = 0; i < s.n; i++)
        if ((s.s[i] >= 'A' && s.s[i] <= 'Z') || (s.s[i] >= 'a' && s.s[i] <= 'z'))
            return 1;
    return 0;
}

/* Phone numbers: 0912 345 678, 0912.345.678, +84 912 345 678, hotline 1900 1234.
 * Returns the tokens used (0: not a phone). */
/* The cue within the clause before token i (up to six words back, not past
 * a sentence-like stop): thắng ... 2-1, tỷ số chung cuộc là 3 - 2. */
int rule_cue_near(const classify_ctx *c, const token *t, size_t i, role_id role)
{
    for (size_t back = 1; back <= 6 && back <= i; back++) {
        if (rule_cue(c, t, i - back + 1, role))
            return 1;
        const slice *p = &t[i - back].post;
        if (p->n && memchr(p->s, '.', p->n))
            break;
    }
    return 0;
}


int rule_value_of(const classify_ctx *c, slice s, int short_date, value *v)
{
    return parse_value(c->lx, s, short_date, v);
}

/* "ngày" before a date unless the text says it; "tháng" before m/y likewise */
static int needs_prefix(const classify_ctx *c, const token *t, size_t i, const value *v)
{
    if (v->kind != V_DATE && v->kind != V_MONTH_YEAR)
        return 0;
    if (i == 0)
        return 1;
    const token *p = &t[i - 1];
    if (v->kind == V_DATE) /* not after ngày, nor after sáng, đêm, và (sáng 15/3, 19 và 20/12) */
        return !rule_word_has(c, p, ROLE_DATE_SAID) &&
               !((int)ROLE_DATE_SAID < MASK_ROLES && rule_cue(c, t, i, ROLE_DATE_SAID)); /* two words: công ty */
    if (v->kind == V_MONTH_YEAR)
        return !rule_word_has(c, p, ROLE_MONTH_WORD);
    return 0;
}

int rule_push_value(const classify_ctx *c, const token *t, size_t i, slice text, const value *v, spanvec *out)
{
    span *s = rule_push_new(out);
    if (!s)
        return -1;
    s->cls = CL_VALUE;
    s->text = text;
    s->val = *v;
    s->add_prefix = needs_prefix(c, t, i, v);
    return 0;
}

int rule_is_dash_token(const token *t)
{
    if (t->core.n)
        return 0;
    slice all = t->pre.n ? t->pre : t->post;
    return all.n == 1 && all.s[0] == '-';
}





/* a capital after the first letter (not all of them: utf8_all_upper) */
static int inner_capital(const char *s, size_t n)
{
    int32_t cp;
    for (size_t k = utf8_next(s, n, &cp); k < n;) {
        k += utf8_next(s + k, n - k, &cp);
        if (utf8_is_upper(cp))
            return 1;
    }
    return 0;
}

/* The class of a word that no context can change, as classify_word would
 * choose it (CL_WORD, CL_UPPERWORD, CL_LOANWORD, CL_SPELL);
 * -1 for any other: letters only, and no abbreviation, Roman numeral or unit
 * (whose readings depend on the words around them). */
static int context_free_class(const lexicon *lx, const char *s, size_t n, int syllable)
{
    for (size_t k = 0; k < n; k++) {
        unsigned char b = (unsigned char)s[k];
        if (b < 0x80 && !((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z')))
            return -1;
    }
    if (!n || lexicon_abbr(lx, s, n) || num_roman_value(s, n) || lexicon_unit(lx, s, n))
        return -1;
    const char *loan = lexicon_loanword(lx, s, n);
    if (loan && syllable && s[0] >= 'a' && s[0] <= 'z') /* the (a gauze) is Vietnamese; The Voice is not */
        loan = NULL;
    if (utf8_all_upper(s, n)) {
        if (syllable_is_word(lx, s, n))
            return CL_UPPERWORD;
        return loan ? CL_LOANWORD : lexicon_exonym(lx, s, n) ? CL_EXONYM : compose_abbr(lx, s, n, NULL) > 0 ? CL_COMPOSED : CL_SPELL;
    }
    if (loan)
        return CL_LOANWORD;
    if (lexicon_exonym(lx, s, n))
        return CL_EXONYM;
    if (!syllable && foreign_looking(s, n)) /* Widodo, Bogor: said in Vietnamese syllables */
        return CL_FOREIGN;
    if (syllable && inner_capital(s, n)) /* TRường, NGuyễn: eSpeak-NG would say the T of TR */
        return CL_UPPERWORD;
    return syllable ? CL_WORD : -1;
}

/* The facts of a word as a cue: its roles, and whether it begins a phrase. */
static void cue_facts(const lexicon *lx, const char *s, size_t n, word_facts *out)
{
    uint64_t all = lexicon_roles_all(lx, s, n);
    out->roles = (unsigned)(all & LEXICON_MASK_LOW);
    out->more = (unsigned char)((all & ~LEXICON_MASK_LOW) != 0);
    out->head = (unsigned char)(lexicon_role_head(lx, s, n) ? WORD_HEAD_CUE : 0);
}

void classify_word_facts(void *lexicon, const char *s, size_t n, word_facts *out)
{
    const struct lexicon *lx = lexicon;
    cue_facts(lx, s, n, out);
    if (lexicon_loan_head(lx, s, n)) /* a word, never a number, begins a loanword phrase */
        out->head |= WORD_HEAD_LOAN;
    out->syllable = (unsigned char)syllable_parse(lx, s, n, NULL);
    out->kind = (unsigned char)(context_free_class(lx, s, n, out->syllable) + 1);
}

/* syllable_parse of s, which is token i's text or a part of it (known
 * already for the whole token) */
int rule_syllable_at(const classify_ctx *c, const token *t, size_t i, slice s)
{
    if (s.s == t[i].core.s && s.n == t[i].core.n)
        return c->facts[t + i - c->base].syllable;
    return syllable_parse(c->lx, s.s, s.n, NULL);
}

/* the bytes from s.s on that a lookup may read */
static size_t readable(const classify_ctx *c, slice s)
{
    return c->end ? (size_t)(c->end - s.s) : s.n;
}

static void facts(const classify_ctx *c, const token *t, word_facts *f)
{
    if (!t->core.n) {
        *f = (word_facts){0};
        return;
    }
    /* numbers are too many to remember, and would push the words out */
    if (c->words && !t->digit) {
        *f = *word_cache_get_hashed(c->words, t->core.s, t->core.n, t->hash, readable(c, t->core));
        return;
    }
    if (t->digit) { /* a digit is no letter: no context-free class, no syllable */
        cue_facts(c->lx, t->core.s, t->core.n, f);
        f->kind = f->syllable = 0;
        return;
    }
    classify_word_facts((void *)c->lx, t->core.s, t->core.n, f);
}
static int classify_all(const classify_ctx *c, const token *t, size_t n, spanvec *out);

/* The recognizers in priority order: the first that applies classifies the
 * token. The punctuation rules come first (a token with no letter nor digit),
 * then the words whose class no context changes, then numbers, codes and
 * dates, and the words that need their context last. */
static const rule RULES[] = {
#define X(fn, name, when) {name, rule_##fn, when},
    RULE_LIST(X)
#undef X
};

#define NRULES (sizeof RULES / sizeof RULES[0])

/* The rules each kind of token may take, in table order (built once): the
 * walk then calls only those, with no test of the others per token. */
static const rule *rules_of[8][NRULES + 1]; /* each list ends with NULL; 4..7: a sentence's first token */
static pthread_once_t rules_once = PTHREAD_ONCE_INIT;

static void index_rules(void)
{
    static const unsigned KIND[4] = {RULE_EMPTY, RULE_WORD, RULE_NUMERAL, RULE_MARKED};
    for (int k = 0; k < 8; k++) {
        size_t m = 0;
        for (size_t r = 0; r < NRULES; r++)
            if ((RULES[r].when & KIND[k % 4]) && (k >= 4 || !(RULES[r].when & RULE_FIRST)))
                rules_of[k][m++] = &RULES[r];
    }
}

static int classify_at(const classify_ctx *c, const token *t, size_t n, size_t *i, spanvec *out)
{
    rule_at a;
    a.c = c;
    a.t = t;
    a.n = n;
    a.i = *i;
    a.out = out;
    a.digit_ready = a.value_ready = 0;
    size_t from = out->n;
    const token *tk = &t[*i];
    int kind = !tk->core.n ? 0 : !tk->digit ? 1 : 2; /* 2 for digits alone, else 3 */
    for (size_t k = 0; kind == 2 && k < tk->core.n; k++)
        if (tk->core.s[k] < '0' || tk->core.s[k] > '9')
            kind = 3;
    a.numeral = kind == 2;
    for (const rule *const *r = rules_of[kind + (*i == 0 ? 4 : 0)]; *r; r++) {
        int rc = (*r)->fn(&a);
        if (rc) {
            if (rc < 0)
                return -1;
            for (size_t m = from; c->name_rules && m < out->n; m++) /* the spans it made (a rule may name some itself) */
                if (!out->v[m].rule)
                    out->v[m].rule = (*r)->name;
            *i = a.i;
            return 0;
        }
    }
    return -1; /* not reached: the last rule takes any token */
}

int classify_sentence(const classify_ctx *cc, const token *t, size_t n, spanvec *out)
{
    /* the roles of every word and two-word phrase, looked up once */
    classify_ctx ctx = *cc, *c = &ctx;
    unsigned small[2][64];
    word_facts smallf[64];
    unsigned *r1 = n <= 64 ? small[0] : malloc(n * sizeof *r1);
    unsigned *r2 = n <= 64 ? small[1] : malloc(n * sizeof *r2);
    word_facts *wf = n <= 64 ? smallf : malloc(n * sizeof *wf);
    if (!r1 || !r2 || !wf) {
        if (n > 64) {
            free(r1);
            free(r2);
            free(wf);
        }
        return -1;
    }
    int head = 0; /* the word before begins a cue phrase */
    for (size_t k = 0; k < n; k++) {
        if (c->words && k + 4 < n && !t[k + 4].digit)
            word_cache_prefetch_hashed(c->words, t[k + 4].core.n, t[k + 4].hash);
        facts(c, &t[k], &wf[k]);
        r1[k] = wf[k].roles;
        r2[k] = 0;
        if (head && t[k].core.n && !t[k - 1].post.n) {
            size_t len = (size_t)(t[k].core.s + t[k].core.n - t[k - 1].core.s);
            /* the two words as one text: remembered like a word (the same
             * few phrases come back), their roles the table's */
            if (c->words && len <= WORD_CACHE_KEY_MAX && !t[k - 1].digit && !t[k].digit)
                r2[k] = word_cache_get_hashed(c->words, t[k - 1].core.s, len, word_hash(t[k - 1].core.s, len),
                                              readable(c, (slice){t[k - 1].core.s, len}))
                            ->roles;
            else if (len < 64)
                r2[k] = lexicon_roles(c->lx, t[k - 1].core.s, len);
        }
        head = wf[k].head & WORD_HEAD_CUE;
    }
    ctx.base = t;
    ctx.count = n;
    ctx.roles1 = r1;
    ctx.roles2 = r2;
    ctx.facts = wf;
    pthread_once(&rules_once, index_rules);
    int rc = classify_all(c, t, n, out);
    if (n > 64) {
        free(r1);
        free(r2);
        free(wf);
    }
    return rc;
}

/* a span of the punctuation around tokens, named for --explain */
static int push_named(spanvec *out, tok_class cls, slice text, const char *rule)
{
    if (rule_push_simple(out, cls, text))
        return -1;
    out->v[out->n - 1].rule = rule;
    return 0;
}

/* 7-6: a set's score, one or two digits each side (its tie-break in brackets
 * after it, 7-6(5), is read, no footnote) */
static int set_score(const token *t)
{
    slice s = t->core;
    const char *d = s.n >= 3 && s.n <= 5 ? memchr(s.s, '-', s.n) : NULL;
    if (!d || d == s.s || d == s.s + s.n - 1 || d - s.s > 2 || s.s + s.n - d - 1 > 2)
        return 0;
    for (size_t k = 0; k < s.n; k++)
        if (s.s + k != d && (s.s[k] < '0' || s.s[k] > '9'))
            return 0;
    return 1;
}

static int classify_all(const classify_ctx *c, const token *t, size_t n, spanvec *out)
{
    size_t i = 0;
    while (i < n) {
        if (t[i].core.n && t[i].pre.n && push_named(out, CL_PUNCT, t[i].pre, "edge"))
            return -1;
        /* 2016[1], 110.764(1): a footnote's number is not read */
        int glued = i > 0 && t[i].pre.s == t[i - 1].post.s + t[i - 1].post.n && t[i - 1].core.n;
        if (t[i].pre.n && t[i].post.n && t[i].core.n <= 3 && is_digits(t[i].core) &&
            ((t[i].pre.s[t[i].pre.n - 1] == '[' && t[i].post.s[0] == ']') ||
             (glued && t[i].pre.n == 1 && t[i].pre.s[0] == '(' && t[i].post.s[0] == ')' && !set_score(&t[i - 1])))) {
            if (push_named(out, CL_PUNCT, t[i].core, "footnote"))
                return -1;
            i++;
            slice after = {t[i - 1].post.s + 1, t[i - 1].post.n - 1}; /* what follows the bracket: 2016[1]. */
            if (after.n && push_named(out, CL_PUNCT, after, "edge"))
                return -1;
            continue;
        }
        /* #1 Việt Nam, #2 Australia: a rank, "số một" */
        if (t[i].pre.n && t[i].pre.s[t[i].pre.n - 1] == '#' && t[i].digit && t[i].core.s[0] >= '0' &&
            t[i].core.s[0] <= '9') {
            span *no = rule_push_new(out);
            if (!no)
                return -1;
            no->cls = CL_LOANWORD;
            no->text = (slice){t[i].pre.s + t[i].pre.n - 1, 1};
            no->reading = "số";
            no->rule = "rank";
        }
        if (classify_at(c, t, n, &i, out))
            return -1;
        if (t[i - 1].core.n && t[i - 1].post.n && push_named(out, CL_PUNCT, t[i - 1].post, "edge"))
            return -1;
    }
    return 0;
}

/* lexicon — loads the lexicon/ TSV files through tsv_load into hash maps. */
#include "lexicon.h"
#include "dict.h"
#include "korean.h"
#include "lexwords.h"
#include "strblock.h"
#include "tsv.h"
#include "utf8.h"
#include "vec.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


struct lexicon {
    char *dir;
    strblock *strings;   /* every string owned by the lexicon (keep) */
    abbr_entry *abbr;
    size_t nabbr, capabbr;
    dict abbr_idx;       /* key -> first entry */
    dict abbr_user, abbr_user_lower; /* the user's table, looked up first */
    dict letters_n, letters_s, loan, unit_exact, unit_lower, roles, rhymes;
    dict loan_heads;     /* lowercase first word of each loanword phrase ("say" of "say hi") */
    dict exonyms;        /* foreign proper name (lowercase) -> index into vals */
    dict symbols;        /* a lone symbol -> index into vals ("-": none) */
    dict parts;          /* abbreviation part -> index into vals, negative for a body (see row_part) */
    dict role_masks;     /* lowercase word or phrase -> index into masks */
    uint64_t *masks;     /* the roles of each key of role_masks (bit r: role r) */
    size_t nmasks, capmasks;
    dict role_heads;     /* lowercase first word of each phrase in role_masks */
    unsigned char role_first[128]; /* ASCII bytes that begin a key of role_masks */
    unsigned char head_first[128]; /* and those that begin a phrase of them (role_heads) */
    unsigned digit_key_lens;       /* bit n: a key of n digits alone has roles (115, 1022) */
    unsigned char unit_first[128]; /* lowered ASCII bytes that begin a unit */
    int role_line[ROLE_COUNT]; /* the first row of each declared role (0: none yet) */
    int role_row;        /* the row of context.tsv being read */
    const char **vals;   /* values of the simple maps */
    size_t nvals, capvals;
    unit_entry *units;
    size_t nunits, capunits;
    int user_pass;       /* loading the user's table */
    lexwords *words;     /* page labels, number and function words (src/lexicon/lexwords.c) */
    korean *korean;      /* Korean syllables and surnames (src/lexicon/korean.c) */
};

static const char *keep(lexicon *lx, const char *s) { return strblock_keep(&lx->strings, s); }

static int add_val(lexicon *lx, const char *s)
{
    const char *k = keep(lx, s);
    if (!k)
        return -1;
    if (VEC_RESERVE(lx->vals, lx->capvals, lx->nvals + 1))
        return -1;
    lx->vals[lx->nvals] = k;
    return (int)lx->nvals++;
}

/* key[0..n) in lower case: into buf (of KEY_BYTES) when it fits, else into
 * *big (which the caller frees); NULL when out of memory */
enum { KEY_BYTES = 256 };
static const char *lowered(const char *key, size_t n, char *buf, strbuf *big, size_t *len)
{
    size_t k = utf8_lower_buf(key, n, buf, KEY_BYTES);
    if (k != (size_t)-1) {
        *len = k;
        return buf;
    }
    if (utf8_lower(key, n, big))
        return NULL;
    *len = big->len;
    return strbuf_str(big);
}

static int put_lower_n(dict *d, const char *key, size_t n, int val)
{
    char buf[KEY_BYTES];
    strbuf b = {0};
    size_t len;
    const char *low = lowered(key, n, buf, &b, &len);
    int rc = !low || dict_put(d, low, len, val);
    strbuf_free(&b);
    return rc ? -1 : 0;
}

static int put_lower(dict *d, const char *key, int val) { return put_lower_n(d, key, strlen(key), val); }

int lexicon_abbr_kind(const char *s, abbr_kind *k)
{
    if (!strcmp(s, "expand")) *k = ABBR_EXPAND;
    else if (!strcmp(s, "spell")) *k = ABBR_SPELL;
    else if (!strcmp(s, "word")) *k = ABBR_WORD;
    else return -1;
    return 0;
}

static int row_abbr(void *user, const char *const *c, char *err, size_t errlen)
{
    lexicon *lx = user;
    abbr_kind kind;
    if (!c[0][0]) {
        snprintf(err, errlen, "empty key");
        return -1;
    }
    if (lexicon_abbr_kind(c[1], &kind)) {
        snprintf(err, errlen, "kind '%s' is not expand, spell or word", c[1]);
        return -1;
    }
    if (kind != ABBR_SPELL && !c[2][0]) {
        snprintf(err, errlen, "'%s' has no reading", c[0]);
        return -1;
    }
    if (VEC_RESERVE(lx->abbr, lx->capabbr, lx->nabbr + 1))
        return -1;
    abbr_entry *e = &lx->abbr[lx->nabbr];
    e->key = keep(lx, c[0]);
    e->reading = keep(lx, c[2]);
    e->context = keep(lx, c[3]);
    e->kind = kind;
    e->next = -1;
    if (!e->key || !e->reading || !e->context)
        return -1;
    dict *idx = lx->user_pass ? &lx->abbr_user : &lx->abbr_idx;
    size_t kn = strlen(e->key);
    int first = dict_get(idx, e->key, kn);
    if (first < 0) {
        if (dict_put(idx, e->key, kn, (int)lx->nabbr))
            return -1;
        if (lx->user_pass && put_lower(&lx->abbr_user_lower, e->key, (int)lx->nabbr))
            return -1;
    } else {
        int i = first;
        while (lx->abbr[i].next >= 0)
            i = lx->abbr[i].next;
        lx->abbr[i].next = (int)lx->nabbr;
    }
    lx->nabbr++;
    return 0;
}

static int row_letter(void *user, const char *const *c, char *err, size_t errlen)
{
    lexicon *lx = user;
    if (!c[0][0] || !c[1][0]) {
        snprintf(err, errlen, "letter and north name are required");
        return -1;
    }
    int n = add_val(lx, c[1]);
    int s = add_val(lx, c[2][0] ? c[2] : c[1]);
    if (n < 0 || s < 0)
        return -1;
    return put_lower(&lx->letters_n, c[0], n) || put_lower(&lx->letters_s, c[0], s);
}

static int row_loan(void *user, const char *const *c, char *err, size_t errlen)
{
    lexicon *lx = user;
    if (!c[0][0] || !c[1][0]) {
        snprintf(err, errlen, "word and reading are required");
        return -1;
    }
    int v = add_val(lx, c[1]);
    if (v < 0 || put_lower(&lx->loan, c[0], v))
        return -1;
    const char *sp = strchr(c[0], ' '); /* a phrase: its first word marks where one may begin */
    if (!sp)
        return 0;
    return put_lower_n(&lx->loan_heads, c[0], (size_t)(sp - c[0]), v);
}

/* A part of a composed abbreviation: its reading kept as a value; a body's
 * index is stored as -(index + 2) (-1 is dict_get's "absent"), so one map
 * says both. */
static int row_part(void *user, const char *const *c, char *err, size_t errlen)
{
    lexicon *lx = user;
    int body = !strcmp(c[2], "body");
    if (!c[0][0] || !c[1][0] || (!body && strcmp(c[2], "title"))) {
        snprintf(err, errlen, "part, reading and kind (title or body) are required");
        return -1;
    }
    int v = add_val(lx, c[1]);
    return v < 0 || dict_put(&lx->parts, c[0], strlen(c[0]), body ? -(v + 2) : v);
}

static int row_exonym(void *user, const char *const *c, char *err, size_t errlen)
{
    lexicon *lx = user;
    if (!c[0][0] || !c[1][0]) {
        snprintf(err, errlen, "word and reading are required");
        return -1;
    }
    int v = add_val(lx, c[1]);
    return v < 0 || put_lower(&lx->exonyms, c[0], v);
}

static int row_symbol(void *user, const char *const *c, char *err, size_t errlen)
{
    lexicon *lx = user;
    if (!c[0][0] || !c[1][0]) {
        snprintf(err, errlen, "symbol and reading are required (\"-\" for none)");
        return -1;
    }
    int v = add_val(lx, c[1]);
    return v < 0 || dict_put(&lx->symbols, c[0], strlen(c[0]), v);
}

static int row_unit(void *user, const char *const *c, char *err, size_t errlen)
{
    lexicon *lx = user;
    unit_kind k;
    if (!strcmp(c[2], "measure")) k = UNIT_MEASURE;
    else if (!strcmp(c[2], "money")) k = UNIT_MONEY;
    else if (!strcmp(c[2], "percent")) k = UNIT_PERCENT;
    else {
        snprintf(err, errlen, "kind '%s' is not measure, money or percent", c[2]);
        return -1;
    }
    if (!c[0][0] || !c[1][0]) {
        snprintf(err, errlen, "unit and reading are required");
        return -1;
    }
    if (VEC_RESERVE(lx->units, lx->capunits, lx->nunits + 1))
        return -1;
    unit_entry *u = &lx->units[lx->nunits];
    u->unit = keep(lx, c[0]);
    u->reading = keep(lx, c[1]);
    u->kind = k;
    if (!u->unit || !u->reading)
        return -1;
    int i = (int)lx->nunits++;
    if (dict_put(&lx->unit_exact, u->unit, strlen(u->unit), i))
        return -1;
    char buf[KEY_BYTES];
    strbuf b = {0};
    size_t len = 0;
    const char *low = lowered(u->unit, strlen(u->unit), buf, &b, &len);
    int rc = low ? 0 : -1;
    if (!rc && dict_get(&lx->unit_lower, low, len) < 0)
        rc = dict_put(&lx->unit_lower, low, len, i);
    unsigned char f = (unsigned char)u->unit[0], lf = low && len ? (unsigned char)low[0] : 0;
    if (f < 128)
        lx->unit_first[f >= 'A' && f <= 'Z' ? f + 32 : f] = 1;
    if (lf && lf < 128) /* what a key lowers to may begin with ASCII too */
        lx->unit_first[lf >= 'A' && lf <= 'Z' ? lf + 32 : lf] = 1;
    strbuf_free(&b);
    return rc;
}

_Static_assert(ROLE_COUNT <= 64, "a 64-bit mask holds every declared role");

static const char *const ROLE_NAMES[ROLE_COUNT] = {
#define X(id, name) [id] = name,
    LEXICON_ROLES(X)
#undef X
};

static int declared_role(const char *name)
{
    for (int r = 0; r < ROLE_COUNT; r++)
        if (!strcmp(ROLE_NAMES[r], name))
            return r;
    return -1;
}

static int all_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return n > 0;
}

/* word or phrase (lowered) gets role r (bit r of its mask) */
static int add_role(lexicon *lx, const char *w, size_t n, int r)
{
    unsigned char f = (unsigned char)w[0];
    if (f < 128)
        lx->role_first[f] = 1;
    if (all_digits(w, n))
        lx->digit_key_lens |= 1u << (n < 31 ? n : 31);
    int have = dict_get(&lx->role_masks, w, n), rc = 0;
    if (have < 0) {
        if (VEC_RESERVE(lx->masks, lx->capmasks, lx->nmasks + 1))
            return -1;
        have = (int)lx->nmasks;
        lx->masks[lx->nmasks++] = 0;
        rc = dict_put(&lx->role_masks, w, n, have);
    }
    lx->masks[have] |= (uint64_t)1 << r;
    const char *space = memchr(w, ' ', n);
    if (!rc && space) {
        rc = dict_put(&lx->role_heads, w, (size_t)(space - w), 1);
        if (f < 128)
            lx->head_first[f] = 1;
    }
    return rc;
}

static int row_role(void *user, const char *const *c, char *err, size_t errlen)
{
    lexicon *lx = user;
    if (!c[0][0] || !c[1][0]) {
        snprintf(err, errlen, "word and role are required");
        return -1;
    }
    int r = declared_role(c[1]);
    if (r < 0) {
        snprintf(err, errlen, "unknown role '%s' (the roles are declared in src/lexicon/lexicon.h, LEXICON_ROLES)",
                 c[1]);
        return -1;
    }
    lx->role_line[r] = 1;
    char buf[KEY_BYTES];
    strbuf b = {0};
    size_t len;
    const char *low = lowered(c[0], strlen(c[0]), buf, &b, &len);
    int rc = !low ? -1 : add_role(lx, low, len, r);
    strbuf_free(&b);
    return rc;
}

/* every declared role has a row: a role no row has is a typo or a stale
 * declaration. 0, or -1 with the error. */
static int roles_all_used(const lexicon *lx, char *err, size_t errlen)
{
    for (int r = 0; r < ROLE_COUNT; r++)
        if (!lx->role_line[r]) {
            snprintf(err, errlen, "%s/context.tsv:1: role '%s' is declared (LEXICON_ROLES) but no row has it",
                     lx->dir, ROLE_NAMES[r]);
            return -1;
        }
    return 0;
}

static int row_rhyme(void *user, const char *const *c, char *err, size_t errlen)
{
    lexicon *lx = user;
    if (!c[0][0]) {
        snprintf(err, errlen, "empty rhyme");
        return -1;
    }
    return dict_put(&lx->rhymes, c[0], strlen(c[0]), 1);
}

static int load(lexicon *lx, const char *name, const char *const *cols, size_t ncols,
                tsv_row_fn fn, char *err, size_t errlen)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", lx->dir, name);
    return tsv_load(path, cols, ncols, fn, lx, err, errlen);
}

lexicon *lexicon_load(const char *dir, const char *user, char *err, size_t errlen)
{
    static const char *const ABBR[] = {"key", "kind", "reading", "context?"};
    static const char *const LETTER[] = {"letter", "north", "south?"};
    static const char *const LOAN[] = {"word", "reading"};
    static const char *const UNIT[] = {"unit", "reading", "kind"};
    static const char *const ROLE[] = {"word", "role"};
    static const char *const RHYME[] = {"rhyme"};
    static const char *const PART[] = {"part", "reading", "kind"};
    static const char *const SYMBOL[] = {"symbol", "reading"};
    lexicon *lx = calloc(1, sizeof *lx);
    if (!lx || !(lx->dir = strdup(dir))) {
        snprintf(err, errlen, "out of memory");
        lexicon_free(lx);
        return NULL;
    }
    if (load(lx, "abbreviations.tsv", ABBR, 4, row_abbr, err, errlen) ||
        load(lx, "letters.tsv", LETTER, 3, row_letter, err, errlen) ||
        load(lx, "loanwords.tsv", LOAN, 2, row_loan, err, errlen) ||
        load(lx, "exonyms.tsv", LOAN, 2, row_exonym, err, errlen) ||
        load(lx, "units.tsv", UNIT, 3, row_unit, err, errlen) ||
        load(lx, "context.tsv", ROLE, 2, row_role, err, errlen) || roles_all_used(lx, err, errlen) ||
        load(lx, "rhymes.tsv", RHYME, 1, row_rhyme, err, errlen) ||
        load(lx, "abbreviation-parts.tsv", PART, 3, row_part, err, errlen) ||
        load(lx, "symbols.tsv", SYMBOL, 2, row_symbol, err, errlen) ||
        !(lx->words = lexwords_load(dir, err, errlen)) || !(lx->korean = korean_load(dir, err, errlen))) {
        lexicon_free(lx);
        return NULL;
    }
    if (user) {
        lx->user_pass = 1;
        if (tsv_load(user, ABBR, 4, row_abbr, lx, err, errlen)) {
            lexicon_free(lx);
            return NULL;
        }
    }
    return lx;
}

void lexicon_free(lexicon *lx)
{
    if (!lx)
        return;
    strblock_free(lx->strings);
    free(lx->abbr);
    free(lx->vals);
    free(lx->units);
    dict_free(&lx->abbr_idx);
    dict_free(&lx->abbr_user);
    dict_free(&lx->abbr_user_lower);
    dict_free(&lx->letters_n);
    dict_free(&lx->letters_s);
    dict_free(&lx->loan);
    dict_free(&lx->loan_heads);
    dict_free(&lx->parts);
    dict_free(&lx->exonyms);
    dict_free(&lx->symbols);
    dict_free(&lx->unit_exact);
    dict_free(&lx->unit_lower);
    dict_free(&lx->roles);
    dict_free(&lx->role_masks);
    free(lx->masks);
    dict_free(&lx->role_heads);
    dict_free(&lx->rhymes);
    lexwords_free(lx->words);
    korean_free(lx->korean);
    free(lx->dir);
    free(lx);
}

const abbr_entry *lexicon_abbr(const lexicon *lx, const char *key, size_t n)
{
    int i = dict_get(&lx->abbr_user, key, n);
    if (i < 0 && lx->abbr_user_lower.count) {
        char low[256];
        size_t ln = utf8_lower_buf(key, n, low, sizeof low);
        if (ln != (size_t)-1)
            i = dict_get(&lx->abbr_user_lower, low, ln);
    }
    if (i < 0)
        i = dict_get(&lx->abbr_idx, key, n);
    return i < 0 ? NULL : &lx->abbr[i];
}

const abbr_entry *lexicon_abbr_at(const lexicon *lx, int index)
{
    return index < 0 || (size_t)index >= lx->nabbr ? NULL : &lx->abbr[index];
}

static const char *lookup_lower(const lexicon *lx, const dict *d, const char *s, size_t n)
{
    char low[256];
    size_t ln = utf8_lower_buf(s, n, low, sizeof low);
    int i = ln == (size_t)-1 ? -1 : dict_get(d, low, ln);
    return i < 0 ? NULL : lx->vals[i];
}

const char *lexicon_letter(const lexicon *lx, const char *letter, size_t n, num_dialect d)
{
    return lookup_lower(lx, d == DIALECT_SOUTH ? &lx->letters_s : &lx->letters_n, letter, n);
}

const char *lexicon_abbr_part(const lexicon *lx, const char *part, size_t n, int *body)
{
    int v = dict_get(&lx->parts, part, n);
    if (v == -1)
        return NULL;
    *body = v < 0;
    return lx->vals[v < 0 ? -(v + 2) : v];
}

const char *lexicon_loanword(const lexicon *lx, const char *word, size_t n)
{
    return lookup_lower(lx, &lx->loan, word, n);
}

int lexicon_loan_head(const lexicon *lx, const char *word, size_t n)
{
    return lx->loan_heads.count && lookup_lower(lx, &lx->loan_heads, word, n) != NULL;
}

const char *lexicon_symbol(const lexicon *lx, const char *sym, size_t n)
{
    int v = dict_get(&lx->symbols, sym, n);
    return v < 0 ? NULL : lx->vals[v];
}

const char *lexicon_exonym(const lexicon *lx, const char *word, size_t n)
{
    return lookup_lower(lx, &lx->exonyms, word, n);
}

const unit_entry *lexicon_unit(const lexicon *lx, const char *unit, size_t n)
{
    /* an ASCII first byte that begins no unit (a digit, most often): none.
     * Lowering keeps an ASCII byte ASCII, so the lowered table decides. */
    unsigned char f = n ? (unsigned char)unit[0] : 0;
    if (!n || (f < 128 && !lx->unit_first[f >= 'A' && f <= 'Z' ? f + 32 : f]))
        return NULL;
    int i = dict_get(&lx->unit_exact, unit, n);
    if (i < 0) {
        char low[256];
        size_t ln = utf8_lower_buf(unit, n, low, sizeof low);
        if (ln != (size_t)-1)
            i = dict_get(&lx->unit_lower, low, ln);
    }
    return i < 0 ? NULL : &lx->units[i];
}

/* 0 when no key can match: an ASCII first byte that begins none (numbers);
 * first is role_first or head_first */
static int may_begin(const unsigned char *first, const char *word, size_t n)
{
    unsigned char f = n ? (unsigned char)word[0] : 0;
    if (f >= 'A' && f <= 'Z')
        f = (unsigned char)(f + 32);
    return n && (f >= 128 || first[f]);
}
static int may_have_role(const lexicon *lx, const char *word, size_t n) { return may_begin(lx->role_first, word, n); }

/* the roles of word (lowered), 0 for none */
static uint64_t mask_in(const lexicon *lx, const char *word, size_t n)
{
    const dict *d = &lx->role_masks;
    if (!may_have_role(lx, word, n))
        return 0;
    int m;
    if (word[0] >= '0' && word[0] <= '9' && all_digits(word, n)) { /* a number is its own lower case */
        if (!((lx->digit_key_lens >> (n < 31 ? n : 31)) & 1))
            return 0; /* no key of its length */
        m = dict_get(d, word, n);
    } else {
        char key[256];
        size_t ln = utf8_lower_buf(word, n, key, sizeof key);
        if (ln == (size_t)-1)
            return 0;
        m = dict_get(d, key, ln);
    }
    return m < 0 ? 0 : lx->masks[m];
}

uint64_t lexicon_roles_all(const lexicon *lx, const char *word, size_t n)
{
    return mask_in(lx, word, n);
}

unsigned lexicon_roles(const lexicon *lx, const char *word, size_t n)
{
    return (unsigned)(mask_in(lx, word, n) & LEXICON_MASK_LOW);
}

int lexicon_word_has(const lexicon *lx, const char *word, size_t n, lexicon_role r)
{
    return r < ROLE_COUNT && ((mask_in(lx, word, n) >> r) & 1u);
}

int lexicon_role_head(const lexicon *lx, const char *word, size_t n)
{
    if (!may_begin(lx->head_first, word, n)) /* a number begins no phrase */
        return 0;
    char key[256];
    size_t ln = utf8_lower_buf(word, n, key, sizeof key);
    return ln != (size_t)-1 && dict_get(&lx->role_heads, key, ln) >= 0;
}

int lexicon_rhyme(const lexicon *lx, const char *rhyme, size_t n)
{
    return dict_get(&lx->rhymes, rhyme, n) >= 0;
}

const char *lexicon_dir(const lexicon *lx) { return lx->dir; }

/* ---- words said or recognized as they are: lexwords.c holds them ---- */

const lexicon_label *lexicon_page_labels(const lexicon *lx, size_t *n)
{
    return lexwords_page_labels(lx->words, n);
}

const num_words *lexicon_number_words(const lexicon *lx, num_dialect d)
{
    return lexwords_number_words(lx->words, d);
}

const char *lexicon_say(const lexicon *lx, say_key w, num_dialect d)
{
    return lexwords_say(lx->words, w, d);
}

const korean *lexicon_korean(const lexicon *lx)
{
    return lx->korean;
}

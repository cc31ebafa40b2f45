/* verbalize — one function per class, reading what classify recognized. */
#include "verbalize.h"
#include "tones.h"
#include "camel.h"
#include "compose.h"
#include "utf8.h"
#include <stdlib.h>
#include <string.h>

/* a word of say-words.tsv in the context's dialect */
#define VB_SAY(c, key) lexicon_say((c)->lx, (key), (c)->dialect)

/* letters one by one (letters.tsv) */
static int vb_spell(const verbalize_ctx *c, slice s, strbuf *out)
{
    int rc = 0;
    for (size_t i = 0; i < s.n && !rc;) {
        int32_t cp;
        size_t k = utf8_next(s.s + i, s.n - i, &cp);
        const char *name = lexicon_letter(c->lx, s.s + i, k, c->dialect);
        if (name)
            rc = strbuf_word(out, name);
        else if (cp >= '0' && cp <= '9')
            rc = num_digits_w(c->nw, s.s + i, 1, out);
        else if (utf8_is_letter(cp))
            rc = strbuf_wordn(out, s.s + i, k);
        else if (cp == '&' && i > 0 && i + k < s.n) /* LĐTB&XH: "và" between the letters */
            rc = strbuf_word(out, VB_SAY(c, SAY_AND));
        i += k;
    }
    return rc;
}

static int lower_word(slice s, strbuf *out)
{
    char low[256];
    size_t n = utf8_lower_buf(s.s, s.n, low, sizeof low);
    if (n != (size_t)-1)
        return strbuf_wordn(out, low, n);
    strbuf b = {0}; /* longer than the buffer */
    int rc = utf8_lower(s.s, s.n, &b) || strbuf_wordn(out, strbuf_str(&b), b.len);
    strbuf_free(&b);
    return rc;
}

/* digits: the decimals are said digit by digit where they end in 0 (an
 * amount in đồng: 10.000,50 đồng "phẩy năm không"); elsewhere two decimals
 * are a number (0,10 USD "không phẩy mười", 10,10 điểm "mười phẩy mười") */
static int read_number_as(const verbalize_ctx *c, const number *n, int digits, strbuf *out)
{
    int rc = 0;
    if (n->neg)
        rc |= strbuf_word(out, VB_SAY(c, SAY_MINUS));
    else if (n->plus) /* a change written with its sign: (+2,91%) */
        rc |= strbuf_word(out, VB_SAY(c, SAY_PLUS));
    rc |= (n->grouped ? num_cardinal_grouped_w : num_cardinal_w)(c->nw, n->digits, n->ndigits, out);
    if (n->form == NUM_DECIMAL && !digits && !n->frac_digits && n->nfrac == 2 && n->frac[0] != '0' && n->frac[1] == '0') {
        rc |= strbuf_word(out, VB_SAY(c, SAY_COMMA));
        rc |= num_cardinal_w(c->nw, n->frac, 2, out);
    } else if (n->form == NUM_DECIMAL) {
        rc |= strbuf_word(out, VB_SAY(c, SAY_COMMA));
        rc |= (n->frac_number && !digits ? num_fraction_number_w : num_fraction_digits_w)(c->nw, n->frac, n->nfrac, out);
    } else if (n->form == NUM_DOTTED) {
        rc |= strbuf_word(out, VB_SAY(c, SAY_DOT));
        rc |= num_fraction_digits_w(c->nw, n->frac, n->nfrac, out);
    }
    return rc;
}

static int read_number(const verbalize_ctx *c, const number *n, strbuf *out)
{
    return read_number_as(c, n, 0, out);
}

static int read_year(const verbalize_ctx *c, slice y, strbuf *out)
{
    /* the short style: 2021 "hai nghìn hai mươi mốt", 2005 "hai nghìn linh năm" */
    if (c->year_short && y.n == 4 && is_digits(y) && y.s[0] != '0' && y.s[1] == '0' && (y.s[2] != '0' || y.s[3] != '0')) {
        int rc = num_cardinal_w(c->nw, y.s, 1, out) || strbuf_word(out, c->nw->scale[1]);
        if (y.s[2] == '0')
            rc = rc || strbuf_word(out, c->nw->odd);
        return rc || num_cardinal_w(c->nw, y.s + 2, 2, out);
    }
    if (y.n == 2) { /* 23/4/21: the year 2021 */
        char full[4] = {'2', '0', y.s[0], y.s[1]};
        return num_cardinal_w(c->nw, full, 4, out);
    }
    return num_cardinal_w(c->nw, y.s, y.n, out);
}

/* the part after a slash: "trên ngày", or "một ki lô gam" for a measure */
static int read_per(const verbalize_ctx *c, const value *v, strbuf *out)
{
    if (v->per_unit) {
        int time = lexicon_word_has(c->lx, v->per_unit->reading, strlen(v->per_unit->reading), ROLE_TIME_UNIT);
        return strbuf_word(out, time ? VB_SAY(c, SAY_PER) : c->nw->digit[1]) || strbuf_word(out, v->per_unit->reading);
    }
    /* a chain (m²/tháng, ha/năm) or a word (người, cp): "một" each, "trên" before a time */
    int rc = 0;
    for (size_t i = 0; i < v->per_word.n && !rc;) {
        const char *p = v->per_word.s + i;
        const char *sl = memchr(p, '/', v->per_word.n - i);
        size_t len = sl ? (size_t)(sl - p) : v->per_word.n - i;
        if (len && p[0] >= '0' && p[0] <= '9') { /* mm/24h, mg/100ml: "trên hai mươi tư giờ" */
            size_t d = 0;
            while (d < len && p[d] >= '0' && p[d] <= '9')
                d++;
            const unit_entry *du = d < len ? lexicon_unit(c->lx, p + d, len - d) : NULL;
            rc = strbuf_word(out, VB_SAY(c, SAY_PER)) || num_cardinal_w(c->nw, p, d, out) ||
                 (du ? strbuf_word(out, du->reading) : d < len ? lower_word((slice){p + d, len - d}, out) : 0);
            i += len + 1;
            continue;
        }
        const unit_entry *u = lexicon_unit(c->lx, p, len);
        const char *reading = u ? u->reading : lexicon_loanword(c->lx, p, len);
        const abbr_entry *e = u ? NULL : lexicon_abbr(c->lx, p, len);
        if (e && e->kind != ABBR_SPELL)
            reading = e->reading;
        int time = (reading ? lexicon_word_has(c->lx, reading, strlen(reading), ROLE_TIME_UNIT)
                            : lexicon_word_has(c->lx, p, len, ROLE_TIME_UNIT)) ||
                   (u && u->kind == UNIT_MONEY && v->unit && v->unit->kind == UNIT_MONEY);
        rc = strbuf_word(out, time && i == 0 ? VB_SAY(c, SAY_PER) : c->nw->digit[1]); /* đồng/ha/năm: "một héc ta một năm" */
        if (!rc)
            rc = reading ? strbuf_word(out, reading) : lower_word((slice){p, len}, out);
        i += len + 1;
    }
    return rc;
}

static int read_value(const verbalize_ctx *c, const value *v, int prefix, strbuf *out)
{
    int rc = 0;
    switch (v->kind) {
    case V_NUMBER:
        if (prefix) /* a year right after "tháng N"; 2: the first day of a range of days (từ 26 - 28/7) */
            rc |= strbuf_word(out, VB_SAY(c, prefix == DAY_PREFIX ? SAY_DAY : SAY_YEAR));
        return rc | read_number(c, &v->num, out);
    case V_PERCENT:
    case V_MEASURE:
        return read_number(c, &v->num, out) || strbuf_word(out, v->unit->reading) || read_per(c, v, out);
    case V_DURATION:
        if (v->min || !v->sec)
            rc |= num_cardinal_u_w(c->nw, v->min, out) || strbuf_word(out, VB_SAY(c, SAY_MINUTE));
        if (v->sec)
            rc |= num_cardinal_u_w(c->nw, v->sec, out) || strbuf_word(out, VB_SAY(c, SAY_SECOND));
        return rc;
    case V_MONEY:
        if (v->num.form == NUM_DECIMAL && v->num.nfrac <= 2 && lexicon_word_has(c->lx, v->unit->reading, strlen(v->unit->reading), ROLE_CENTS)) {
            /* 10,5$ "mười đô la năm mươi xu" */
            char cents[3] = {v->num.frac[0], v->num.nfrac > 1 ? v->num.frac[1] : '0', 0};
            int whole = !(v->num.ndigits == 1 && v->num.digits[0] == '0');
            if (v->num.neg)
                rc |= strbuf_word(out, VB_SAY(c, SAY_MINUS));
            if (whole)
                rc |= num_cardinal_w(c->nw, v->num.digits, v->num.ndigits, out) || strbuf_word(out, v->unit->reading);
            if (strcmp(cents, "00"))
                rc |= num_cardinal_w(c->nw, cents, 2, out) || strbuf_word(out, VB_SAY(c, SAY_CENT));
            return rc;
        }
        rc = read_number_as(c, &v->num, !strcmp(v->unit->reading, "đồng"), out) || strbuf_word(out, v->unit->reading);
        return rc | read_per(c, v, out);
    case V_TIME:
        rc |= num_cardinal_u_w(c->nw, v->h, out) || strbuf_word(out, VB_SAY(c, SAY_HOUR));
        if (v->has_min && v->min)
            rc |= num_cardinal_u_w(c->nw, v->min, out) || (!prefix && strbuf_word(out, VB_SAY(c, SAY_MINUTE)));
        if (v->has_sec && v->sec)
            rc |= num_cardinal_u_w(c->nw, v->sec, out) || strbuf_word(out, VB_SAY(c, SAY_SECOND));
        return rc;
    case V_DATE:
        if (v->d) {
            if (prefix)
                rc |= strbuf_word(out, VB_SAY(c, SAY_DAY));
            rc |= num_cardinal_u_w(c->nw, v->d, out);
        }
        rc |= strbuf_word(out, VB_SAY(c, SAY_MONTH)) || num_month_w(c->nw, v->m, out);
        if (v->year.n)
            rc |= strbuf_word(out, VB_SAY(c, SAY_YEAR)) || read_year(c, v->year, out);
        return rc;
    case V_MONTH_YEAR:
        if (prefix)
            rc |= strbuf_word(out, VB_SAY(c, SAY_MONTH));
        return rc | num_month_w(c->nw, v->m, out) || strbuf_word(out, VB_SAY(c, SAY_YEAR)) ||
               read_year(c, v->year, out);
    case V_SHORT_AMOUNT: {
        rc |= num_cardinal_w(c->nw, v->big.s, v->big.n, out) || strbuf_word(out, c->nw->scale[v->scale]);
        if (v->small.n) {
            /* 1tr5 = 1 triệu 500 nghìn: the small digits are the leading digits of the next group */
            char grp[4] = {'0', '0', '0', 0};
            memcpy(grp, v->small.s, v->small.n);
            rc |= num_cardinal_w(c->nw, grp, 3, out) || strbuf_word(out, c->nw->scale[v->scale == 3 ? 2 : 1]);
        }
        return rc;
    }
    case V_NONE:
        break;
    }
    return rc;
}

/* A foreign word in Vietnamese syllables (Widodo "vi đô đô"); as written with
 * --foreign keep, or when eSpeak-NG gives nothing to map: then spelled, so the
 * Vietnamese voice never switches to another language. */
static int read_foreign(const verbalize_ctx *c, slice s, strbuf *out)
{
    if (c->foreign_keep || !c->tr || !c->fc)
        return strbuf_wordn(out, s.s, s.n);
    char low[16]; /* SUMMER as summer: the engine would spell capitals */
    if (s.n < sizeof low && foreign_caps_word(s.s, s.n)) {
        for (size_t k = 0; k < s.n; k++)
            low[k] = (char)(s.s[k] | 0x20);
        low[s.n] = '\0';
        int lc = foreign_read(c->fc, c->tr, low, s.n, out);
        return lc < 0 ? -1 : lc ? vb_spell(c, s, out) : 0;
    }
    int rc = foreign_read(c->fc, c->tr, s.s, s.n, out);
    return rc < 0 ? -1 : rc ? vb_spell(c, s, out) : 0;
}

/* a consonant letter with a schwa, k as c: H "hơ", K "cơ", Đ "đơ" */
static int read_schwa(slice s, strbuf *out)
{
    char low[8];
    size_t n = utf8_lower_buf(s.s, s.n, low, sizeof low - 3);
    if (n == (size_t)-1)
        return -1;
    if (n == 1 && low[0] == 'k')
        low[0] = 'c';
    memcpy(low + n, "\xC6\xA1", 2); /* ơ */
    return strbuf_wordn(out, low, n + 2);
}

/* the lower-case letters of an address or a hashtag: the likeliest toneless
 * Vietnamese (nguoiviet "người việt"; src/text/tones.c), else foreign */
static int read_toneless(const verbalize_ctx *c, slice s, strbuf *out)
{
    if (c->foreign_keep || !c->tr || !c->fc)
        return read_foreign(c, s, out);
    int rc = foreign_read_toneless(c->fc, c->tr, s.s, s.n, out);
    return rc < 0 ? -1 : rc ? vb_spell(c, s, out) : 0;
}

/* one part of a mixed token, a code, a serial or a URL, as the classifier
 * decided it is read (classify_parts) */
static int read_part(const verbalize_ctx *c, const mixed_part *p, strbuf *out)
{
    number n;
    switch ((part_reading)p->how) {
    case PR_NONE: return 0;
    case PR_NUMBER: return num_cardinal_w(c->nw, p->text.s, p->text.n, out);
    case PR_QUANTITY: return parse_number(p->text, &n) ? read_number(c, &n, out) : -1;
    case PR_DIGITS: return num_digits_w(c->nw, p->text.s, p->text.n, out);
    case PR_SPELL: return vb_spell(c, p->text, out);
    case PR_READING: return strbuf_word(out, p->reading);
    case PR_SAY: return strbuf_word(out, VB_SAY(c, p->say));
    case PR_ONE: return strbuf_word(out, c->nw->digit[1]);
    case PR_ROMAN: return num_cardinal_u_w(c->nw, p->roman, out);
    case PR_LOWER: return lower_word(p->text, out);
    case PR_WRITTEN: return strbuf_wordn(out, p->text.s, p->text.n);
    case PR_FOREIGN: return read_foreign(c, p->text, out);
    case PR_TONELESS: return read_toneless(c, p->text, out);
    case PR_TONED: return camel_restore(p->text.s, p->text.n, out) < 0 ? -1 : 0;
    case PR_SCHWA: return read_schwa(p->text, out);
    }
    return 0;
}

/* the parts in turn, up to the first that fails */
static int read_parts(const verbalize_ctx *c, const mixed_part *v, size_t n, strbuf *out)
{
    int rc = 0;
    for (size_t k = 0; k < n && !rc; k++)
        rc = read_part(c, &v[k], out);
    return rc;
}

static int read_phone(const verbalize_ctx *c, slice s, strbuf *out)
{
    int rc = 0;
    size_t i = 0;
    if (s.n && s.s[0] == '+') {
        rc |= strbuf_word(out, VB_SAY(c, SAY_PLUS));
        i = 1;
    }
    /* digit by digit, a comma between the written groups for a pause */
    for (; i < s.n; i++) {
        char ch = s.s[i];
        if (ch >= '0' && ch <= '9')
            rc |= num_digits_w(c->nw, &s.s[i], 1, out);
        else if ((ch == ' ' || ch == '.' || ch == '-') && out->len && out->s[out->len - 1] != ',')
            rc |= strbuf_putc(out, ',');
    }
    return rc;
}

/* a/b from the parts the classifier read: "a phần b", or "a trên b" for an
 * address or a ratio */
static int read_fraction(const verbalize_ctx *c, const fraction *f, int address, strbuf *out)
{
    int rc = f->neg ? strbuf_word(out, VB_SAY(c, SAY_MINUS)) : 0;
    rc |= num_cardinal_w(c->nw, f->num.s, f->num.n, out);
    rc |= strbuf_word(out, VB_SAY(c, address ? SAY_PER : SAY_PART));
    if (!address && f->den.n == 1 && f->den.s[0] == '4')
        rc |= strbuf_word(out, c->nw->fourth);
    else
        rc |= num_cardinal_w(c->nw, f->den.s, f->den.n, out);
    if (f->unit)
        rc |= strbuf_word(out, f->unit->reading);
    return rc;
}

static int read_punct(slice s, strbuf *out)
{
    /* keep what shapes prosody, as one mark */
    char mark = 0;
    for (size_t i = 0; i < s.n; i++) {
        char ch = s.s[i];
        if (ch == '.' || ch == '!' || ch == '?')
            mark = ch == '.' && mark && mark != ',' ? mark : ch;
        else if ((ch == ',' || ch == ';' || ch == ':' || ch == '-' || ch == '(' || ch == ')' || ch == '|') && !mark)
            mark = ',';
    }
    if (!mark || !out->len)
        return 0;
    if (out->s[out->len - 1] == ' ')
        out->len--;
    char last = out->s[out->len - 1];
    if (last == ',' || last == '.' || last == '!' || last == '?') {
        if (mark != ',')
            out->s[out->len - 1] = mark;
        return 0;
    }
    return strbuf_putc(out, mark);
}

/* t.ử: the syllable without the dot typed in it (rule_censored) */
static int read_joined(slice text, strbuf *out)
{
    const char *dot = memchr(text.s, '.', text.n);
    size_t k = dot ? (size_t)(dot - text.s) : text.n;
    return strbuf_wordn(out, text.s, k) || strbuf_append(out, text.s + k + (dot != NULL), text.n - k - (dot != NULL));
}

/* Sang: its foreign onset, then the rest lowercased (xang) */
static int read_name_syllable(const span *s, strbuf *out)
{
    if (strbuf_word(out, s->reading))
        return -1;
    for (size_t k = 1; k < s->text.n; k++)
        if (strbuf_putc(out, (char)(s->text.s[k] | 0x20)))
            return -1;
    return 0;
}

int verbalize_span(const verbalize_ctx *c, const span *s, strbuf *out)
{
    switch (s->cls) {
    case CL_WORD:
        return strbuf_wordn(out, s->text.s, s->text.n);
    case CL_UPPERWORD:
        return lower_word(s->text, out);
    case CL_JOINED:
        return read_joined(s->text, out);
    case CL_PUNCT:
        return read_punct(s->text, out);
    case CL_ABBR:
        if (!s->abbr) /* an acronym the text defined: its words (rule_defined) */
            return strbuf_word(out, s->reading);
        if (s->abbr->kind == ABBR_SPELL && !s->abbr->reading[0])
            return vb_spell(c, s->text, out);
        return strbuf_word(out, s->abbr->reading);
    case CL_SPELL:
        return vb_spell(c, s->text, out);
    case CL_FOREIGN:
        return s->toneless ? read_toneless(c, s->text, out) : read_foreign(c, s->text, out);
    case CL_NAME_SYLLABLE:
        return read_name_syllable(s, out);
    case CL_COMPOSED:
        return compose_abbr(c->lx, s->text.s, s->text.n, out) < 0;
    case CL_LOANWORD:
    case CL_EXONYM:
        return strbuf_word(out, s->reading);
    case CL_UNIT:
        return strbuf_word(out, s->val.unit->reading) || read_per(c, &s->val, out);
    case CL_VALUE:
        if (s->as_year && s->val.kind == V_NUMBER && is_digits(s->text))
            return (s->add_prefix && strbuf_word(out, VB_SAY(c, SAY_YEAR))) || read_year(c, s->text, out);
        if (s->as_month)
            return num_month_w(c->nw,
                               s->val.num.digits[0] == '1' && s->val.num.ndigits == 2 ? 10u + (unsigned)(s->val.num.digits[1] - '0')
                                                                                        : (unsigned)(s->val.num.digits[s->val.num.ndigits - 1] - '0'),
                               out);
        return read_value(c, &s->val, s->add_prefix, out);
    case CL_TO:
        return strbuf_word(out, VB_SAY(c, SAY_TO));
    case CL_AND:
        return strbuf_word(out, VB_SAY(c, SAY_AND));
    case CL_TIMES:
        return strbuf_word(out, VB_SAY(c, SAY_TIMES));
    case CL_HEIGHT: /* 1m75: "một mét bảy mươi lăm" */
        return num_cardinal_w(c->nw, s->height.metres.s, s->height.metres.n, out) ||
               strbuf_word(out, VB_SAY(c, SAY_METRE)) || num_cardinal_w(c->nw, s->height.cm.s, s->height.cm.n, out);
    case CL_ORDINAL:
        return num_ordinal_w(c->nw, s->text.s, s->text.n, out);
    case CL_ROMAN: {
        int rc;
        if (s->ordinal && (s->roman == 1 || s->roman == 4))
            rc = strbuf_word(out, s->roman == 1 ? c->nw->first : c->nw->fourth);
        else
            rc = num_cardinal_u_w(c->nw, s->roman, out);
        if (s->year.n)
            rc |= strbuf_word(out, VB_SAY(c, SAY_YEAR)) || read_year(c, s->year, out);
        return rc;
    }
    case CL_FRACTION:
        return read_fraction(c, &s->frac, 0, out);
    case CL_ADDRESS:
    case CL_RATIO:
        return read_fraction(c, &s->frac, 1, out);
    case CL_PHONE:
        return read_phone(c, s->text, out);
    case CL_URL:
    case CL_CODE:
    case CL_MIXED:
    case CL_SERIAL:
        return read_parts(c, span_parts(s), s->parts.n, out);
    }
    return 0;
}

int verbalize_fallback(const verbalize_ctx *c, slice text, strbuf *out)
{
    size_t before = out->len;
    partvec parts = {0};
    int rc = classify_parts(c->lx, text, CL_CODE, &parts) || read_parts(c, parts.v, parts.n, out);
    free(parts.v);
    if (!rc)
        return 0;
    strbuf_truncate(out, before);
    return vb_spell(c, text, out);
}

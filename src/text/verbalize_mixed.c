/* verbalize_mixed — the words of mixed tokens, codes, serials and URLs
 * (COVID-19, QH1521, 11/2017/QĐ-TTg, P.5, vnEdu, vov.vn): the text is cut
 * into parts at separators, digits and case changes, and each part is read
 * (a number, letters spelled, a word the lexicon knows, a separator said).
 * Takes a span's text and class; appends words to a strbuf. */
#include "verbalize_parts.h"
#include "camel.h"
#include "utf8.h"
#include <string.h>

/* what one mixed text is read as */
typedef struct mixed {
    const verbalize_ctx *c;
    slice s;
    tok_class cls;
    int code, url;
    strbuf *out;
} mixed;

static int is_letter_at(slice s, size_t i)
{
    int32_t cp;
    utf8_next(s.s + i, s.n - i, &cp);
    return utf8_is_letter(cp);
}

/* a year (19xx, 20xx) at s[i], ending the text or followed by / or - */
static int year_at(slice s, size_t i)
{
    if (i + 4 > s.n || !((s.s[i] == '1' && s.s[i + 1] == '9') || (s.s[i] == '2' && s.s[i + 1] == '0')))
        return 0;
    for (size_t k = i + 2; k < i + 4; k++)
        if (s.s[k] < '0' || s.s[k] > '9')
            return 0;
    return i + 4 == s.n || s.s[i + 4] == '/' || s.s[i + 4] == '-';
}

/* an abbreviation said as a word (RON rôn): not spelled when digits follow it (RON95) */
static int is_word_abbr(const verbalize_ctx *c, slice s)
{
    const abbr_entry *e = lexicon_abbr(c->lx, s.s, s.n);
    return e && e->kind == ABBR_WORD && !e->context[0];
}

/* the end of the letters from i on */
static size_t letters_end(slice s, size_t i, size_t end)
{
    while (i < end && is_letter_at(s, i)) {
        int32_t cp;
        i += utf8_next(s.s + i, s.n - i, &cp);
    }
    return i;
}

/* a serial: its digits one by one, its letters spelled. -2: not a serial part */
static int serial_part(const mixed *m, size_t *i)
{
    slice s = m->s;
    size_t j = *i;
    if (m->cls != CL_SERIAL)
        return -2;
    if (s.s[j] >= '0' && s.s[j] <= '9') {
        while (j < s.n && s.s[j] >= '0' && s.s[j] <= '9')
            j++;
        int rc = num_digits_w(m->c->nw, s.s + *i, j - *i, m->out);
        *i = j;
        return rc;
    }
    if (!is_letter_at(s, j))
        return -2;
    j = letters_end(s, j, s.n);
    int rc = vb_spell(m->c, (slice){s.s + *i, j - *i}, m->out);
    *i = j;
    return rc;
}

/* digits, with the dots and commas between them: a number (or digit by
 * digit in a URL, and with a leading zero) */
static int digits_part(const mixed *m, size_t *i)
{
    slice s = m->s;
    size_t j = *i;
    while (j < s.n && ((s.s[j] >= '0' && s.s[j] <= '9') || (!m->url && (s.s[j] == '.' || s.s[j] == ',') &&
                                                             j + 1 < s.n && s.s[j + 1] >= '0' && s.s[j + 1] <= '9')))
        j++;
    slice d = {s.s + *i, j - *i};
    *i = j;
    return (m->url || (d.n > 1 && d.s[0] == '0')) && is_digits(d) ? num_digits_w(m->c->nw, d.s, d.n, m->out)
                                                                   : vb_read_slice_number(m->c, d, m->out);
}

/* an address prefix glued to a name or number: P.5, Q.Bình Thạnh, TP.Thủ Đức, H.Củ Chi */
static int address_prefix(const mixed *m, size_t i, size_t end, size_t *next)
{
    slice s = m->s, part = {s.s + i, end - i};
    if (m->url || end >= s.n || s.s[end] != '.' || end + 1 >= s.n || part.n > 3)
        return -2;
    const abbr_entry *e = lexicon_abbr(m->c->lx, part.s, part.n + 1);
    while (e && e->kind != ABBR_EXPAND)
        e = lexicon_abbr_at(m->c->lx, e->next);
    if (!e)
        return -2;
    *next = end + 1;
    return strbuf_word(m->out, e->reading);
}

/* capitals glued to two or more digits are a code, spelled: VN30, QH1521, PA03 */
static int code_letters(const mixed *m, size_t i, size_t end, size_t *next)
{
    slice s = m->s;
    size_t lend = letters_end(s, i, end);
    slice letters = {s.s + i, lend - i};
    if (m->url || lend == i || !utf8_all_upper(letters.s, letters.n) || lend + 1 >= s.n || s.s[lend] < '0' ||
        s.s[lend] > '9' || s.s[lend + 1] < '0' || s.s[lend + 1] > '9' || utf8_len(letters.s, letters.n) > 3 ||
        lexicon_has_role(m->c->lx, letters.s, letters.n, "route") || is_word_abbr(m->c, letters))
        return -2;
    *next = lend;
    return vb_spell(m->c, letters, m->out);
}

/* a Roman numeral after a dash in a grade (RON 95-III, 0,05S-II); the second
 * part of a hyphenated name stays a word (Kim Jong-un, Sang-sik) */
static int after_dash(const mixed *m, size_t i, size_t end)
{
    slice s = m->s, part = {s.s + i, end - i};
    if (i == 0 || s.s[i - 1] != '-')
        return -2;
    if (part.n == strspn(part.s, "IVX") && num_roman_value(part.s, part.n) &&
        (part.n > 1 || part.s[0] == 'I' || part.s[0] == 'V'))
        return num_cardinal_u_w(m->c->nw, num_roman_value(part.s, part.n), m->out);
    if (m->code || m->url || !utf8_is_upper((int32_t)(unsigned char)s.s[0]) || utf8_all_upper(s.s, i - 1) ||
        utf8_all_upper(part.s, part.n))
        return -2;
    int32_t f0;
    utf8_next(part.s, part.n, &f0);
    if (!utf8_is_lower(f0) || lexicon_loanword(m->c->lx, part.s, part.n) || lexicon_abbr(m->c->lx, part.s, part.n))
        return -2;
    return strbuf_wordn(m->out, part.s, part.n);
}

/* a lone i or e before a capital: the i of iPhone, the e of eGov */
static int lone_prefix(const mixed *m, size_t *i)
{
    slice s = m->s;
    int32_t first, second;
    size_t k1 = utf8_next(s.s + *i, s.n - *i, &first);
    if (m->code || !(first == 'i' || first == 'e') || *i + k1 >= s.n)
        return -2;
    utf8_next(s.s + *i + k1, s.n - *i - k1, &second);
    if (!utf8_is_upper(second))
        return -2;
    char key[3] = {(char)first, '-', 0};
    const char *pre = lexicon_loanword(m->c->lx, key, 2);
    *i += k1;
    return strbuf_word(m->out, pre ? pre : VB_SAY(m->c, first == 'i' ? SAY_I_PREFIX : SAY_E_PREFIX));
}

/* a run of letters, cut where lower case turns upper (VTVcab: VTV, then cab) */
static size_t letter_run(slice s, size_t i, size_t end)
{
    size_t j = i;
    int seen_lower = 0, uppers = 0;
    while (j < end) {
        int32_t cp;
        size_t k = utf8_next(s.s + j, s.n - j, &cp);
        if (!utf8_is_letter(cp) || (utf8_is_upper(cp) && seen_lower) || (utf8_is_lower(cp) && uppers >= 2))
            break;
        if (utf8_is_lower(cp))
            seen_lower = 1;
        else
            uppers++;
        j += k;
    }
    return j == i ? i + 1 : j;
}

/* letters: a whole part up to the next separator, if the lexicon knows it,
 * else its runs */
static int letters_part(const mixed *m, size_t *i)
{
    const verbalize_ctx *c = m->c;
    slice s = m->s;
    size_t end = *i;
    while (end < s.n && !strchr("-/&.@_:+", s.s[end]))
        end++;
    slice part = {s.s + *i, end - *i};
    int rc;
    size_t next = end;
    if ((rc = address_prefix(m, *i, end, &next)) != -2 || (rc = code_letters(m, *i, end, &next)) != -2 ||
        (rc = after_dash(m, *i, end)) != -2) {
        *i = next;
        return rc;
    }
    const abbr_entry *pa = m->code ? NULL : lexicon_abbr(c->lx, part.s, part.n);
    if (!m->code && ((pa && (!m->url || pa->kind != ABBR_EXPAND)) || lexicon_loanword(c->lx, part.s, part.n) ||
                     lexicon_exonym(c->lx, part.s, part.n))) {
        *i = end;
        return vb_read_run(c, part, 0, m->url, m->out);
    }
    if ((rc = lone_prefix(m, i)) != -2)
        return rc;
    long k = m->code || m->url ? 0 : camel_restore(s.s + *i, end - *i, m->out); /* #ONhaLamDep */
    if (k) {
        *i += k > 0 ? (size_t)k : 0;
        return k < 0 ? -1 : 0;
    }
    size_t j = letter_run(s, *i, end);
    rc = vb_read_run(c, (slice){s.s + *i, j - *i}, m->code, m->url, m->out);
    *i = j;
    return rc;
}

/* a rate after a word: lượt khách/ngày, gạo/tháng, yên/USD ("một");
 * huyện/thành phố stays silent; USD/VND, EUR/USD: between currencies "trên" */
static const char *rate_slash(const mixed *m, size_t i)
{
    slice s = m->s;
    size_t e2 = i + 1;
    while (e2 < s.n && !strchr("-/&.@_:+", s.s[e2]))
        e2++;
    const char *w = s.s + i + 1;
    size_t wl = e2 - i - 1;
    const unit_entry *wu = lexicon_unit(m->c->lx, w, wl);
    if (!wu && !lexicon_has_role(m->c->lx, w, wl, "time-unit") && !lexicon_has_role(m->c->lx, w, wl, "per"))
        return NULL;
    size_t b0 = i;
    while (b0 > 0 && !strchr("-/&.@_:+ ", s.s[b0 - 1]))
        b0--;
    const unit_entry *lu = lexicon_unit(m->c->lx, s.s + b0, i - b0);
    return wu && wu->kind == UNIT_MONEY && lu && lu->kind == UNIT_MONEY ? VB_SAY(m->c, SAY_PER) : m->c->nw->digit[1];
}

static const char *url_separator(const verbalize_ctx *c, char ch)
{
    switch (ch) {
    case '.': return VB_SAY(c, SAY_DOT);
    case '@': return VB_SAY(c, SAY_AT);
    case '/': return VB_SAY(c, SAY_SLASH);
    case '-': return VB_SAY(c, SAY_HYPHEN);
    case '_': return VB_SAY(c, SAY_UNDERSCORE);
    case ':': return VB_SAY(c, SAY_COLON);
    default: return NULL;
    }
}

/* what a separator says, if anything */
static const char *separator(const mixed *m, size_t i)
{
    slice s = m->s;
    char ch = s.s[i];
    int digits_around = i > 0 && i + 1 < s.n && s.s[i - 1] >= '0' && s.s[i - 1] <= '9' && s.s[i + 1] >= '0' &&
                        s.s[i + 1] <= '9';
    if (ch == '&')
        return VB_SAY(m->c, SAY_AND);
    if (m->url)
        return url_separator(m->c, ch);
    if (ch == '/' && digits_around) /* a document's number and year: 11/2017/QĐ-TTg "mười một năm hai nghìn…" */
        return VB_SAY(m->c, m->cls == CL_CODE && year_at(s, i + 1) ? SAY_YEAR : SAY_PER);
    if (ch == '/' && !m->code && i > 0 && i + 1 < s.n && is_letter_at(s, i + 1))
        return rate_slash(m, i);
    /* 59 ca tử vong/119 ca nhiễm: a count over a count, "trên" */
    if (ch == '/' && !m->code && i > 0 && i + 1 < s.n && s.s[i + 1] >= '0' && s.s[i + 1] <= '9' &&
        !year_at(s, i + 1) &&
        ((unsigned char)s.s[i - 1] >= 0x80 || ((s.s[i - 1] | 0x20) >= 'a' && (s.s[i - 1] | 0x20) <= 'z')))
        return VB_SAY(m->c, SAY_PER);
    if (ch == '+')
        return VB_SAY(m->c, SAY_PLUS);
    if (ch == ':' && digits_around)
        return VB_SAY(m->c, SAY_PER); /* a scale or ratio: 1:500 */
    return NULL;
}

int verbalize_mixed(const verbalize_ctx *c, slice s, tok_class cls, strbuf *out)
{
    mixed m = {c, s, cls, cls == CL_CODE, cls == CL_URL, out};
    int rc = 0;
    size_t i = 0;
    while (i < s.n && !rc) {
        char ch = s.s[i];
        if ((rc = serial_part(&m, &i)) != -2)
            continue;
        rc = 0;
        if (ch >= '0' && ch <= '9') {
            rc = digits_part(&m, &i);
        } else if (is_letter_at(s, i)) {
            rc = letters_part(&m, &i);
        } else {
            const char *say = separator(&m, i);
            if (say)
                rc = strbuf_word(out, say);
            i++;
        }
    }
    return rc;
}

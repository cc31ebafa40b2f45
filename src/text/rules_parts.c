/* rules_parts — the parts of mixed tokens, codes, serials and URLs
 * (COVID-19, QH1521, 11/2017/QĐ-TTg, P.5, vnEdu, vov.vn), cut once by the
 * classifier: the text is cut at separators, digits and case changes, and
 * each part gets its reading (a number, digit by digit, letters spelled, a
 * word the lexicon knows, a separator said or not). The verbalizer says the
 * parts in turn (span.parts) and reads no text again.
 * Takes a text and its class; appends parts to a partvec (classify.h). */
#include "camel.h"
#include "parts_int.h"
#include "parts_read.h"
#include "rules.h"
#include "syllable.h"
#include "url_words.h"
#include "utf8.h"
#include <stdlib.h>
#include <string.h>


/* a new part s[from..to): NULL on out of memory */
static inline mixed_part *add(cutter *m, size_t from, size_t to, part_kind kind, part_reading how)
{
    partvec *pv = m->out;
    if (VEC_RESERVE(pv->v, pv->cap, pv->n + 1))
        return NULL;
    mixed_part *p = &pv->v[pv->n++];
    p->text = (slice){m->s.s + from, to - from};
    p->kind = (unsigned char)kind;
    p->how = (unsigned char)how;
    p->reading = NULL;
    return p;
}

static int add_plain(cutter *m, size_t from, size_t to, part_kind kind, part_reading how)
{
    return add(m, from, to, kind, how) ? 0 : -1;
}

static int add_reading(cutter *m, size_t from, size_t to, part_reading how, const char *reading)
{
    mixed_part *p = add(m, from, to, PART_LETTERS, how);
    if (!p)
        return -1;
    p->reading = reading;
    return 0;
}

static int add_say(cutter *m, size_t from, size_t to, part_kind kind, say_key say)
{
    mixed_part *p = add(m, from, to, kind, PR_SAY);
    if (!p)
        return -1;
    p->say = say;
    return 0;
}

/* an abbreviation said as a word (RON rôn): not spelled when digits follow it (RON95) */
static int is_word_abbr(const lexicon *lx, slice s)
{
    const abbr_entry *e = lexicon_abbr(lx, s.s, s.n);
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
static int serial_part(cutter *m, size_t *i)
{
    slice s = m->s;
    size_t j = *i;
    if (m->cls != CL_SERIAL)
        return -2;
    if (is_digit_at(s, j)) {
        while (is_digit_at(s, j))
            j++;
    } else if (is_letter_at(s, j)) {
        j = letters_end(s, j, s.n);
    } else {
        return -2;
    }
    int rc = add_plain(m, *i, j, is_digit_at(s, *i) ? PART_DIGITS : PART_LETTERS,
                       is_digit_at(s, *i) ? PR_DIGITS : PR_SPELL);
    *i = j;
    return rc;
}

/* Bắc-108.235 Kinh Đông: a coordinate glued to the word before it, its one
 * dotted group of three a decimal point (a degree is at most 180), when a
 * word of role latlong follows the token */
static int coordinate_part(const cutter *m, slice d)
{
    return d.n >= 5 && d.n <= 7 && d.s[d.n - 4] == '.' && is_digits((slice){d.s, d.n - 4}) &&
           is_digits((slice){d.s + d.n - 3, 3}) && atoi(d.s) <= 180 && m->next.n &&
           lexicon_word_has(m->lx, m->next.s, m->next.n, ROLE_LATLONG);
}

/* a number written in s[from..to): its leading zeros said, then a number,
 * or (12.18.3136, no number's form) each run of digits with "chấm" and
 * "phẩy" between */
static int number_parts(cutter *m, size_t from, size_t to)
{
    slice s = m->s;
    size_t i = from;
    while (to - i > 1 && s.s[i] == '0' && is_digit_at(s, i + 1)) /* biển số 51B-012.34 */
        i++;
    if (i > from && add_plain(m, from, i, PART_DIGITS, PR_DIGITS))
        return -1;
    slice d = {s.s + i, to - i};
    number n;
    if (is_digits(d))
        return add_plain(m, i, to, PART_DIGITS, PR_NUMBER);
    if (coordinate_part(m, d))
        return add_plain(m, i, i + d.n - 4, PART_DIGITS, PR_NUMBER) || add_say(m, i + d.n - 4, i + d.n - 3, PART_SEP, SAY_COMMA) ||
               add_plain(m, i + d.n - 3, to, PART_DIGITS, d.s[d.n - 3] == '0' ? PR_DIGITS : PR_NUMBER);
    if (parse_number(d, &n))
        return add_plain(m, i, to, PART_DIGITS, PR_QUANTITY);
    for (size_t j; i < to; i = j) {
        j = i;
        while (j < to && is_digit_at(s, j))
            j++;
        int rc = j > i ? add_plain(m, i, j, PART_DIGITS, j - i > 1 && s.s[i] == '0' ? PR_DIGITS : PR_NUMBER)
                       : add_say(m, i, j = i + 1, PART_SEP, s.s[i] == ',' ? SAY_COMMA : SAY_DOT);
        if (rc)
            return -1;
    }
    return 0;
}

/* digits, with the dots and commas between them: a number (or digit by
 * digit in a URL, and with a leading zero) */
static int digits_part(cutter *m, size_t *i)
{
    slice s = m->s;
    size_t from = *i, j = *i;
    while (is_digit_at(s, j) || (!m->url && j < s.n && (s.s[j] == '.' || s.s[j] == ',') && is_digit_at(s, j + 1)))
        j++;
    slice d = {s.s + from, j - from};
    *i = j;
    if ((m->url || (d.n > 1 && d.s[0] == '0')) && is_digits(d))
        return add_plain(m, from, j, PART_DIGITS, PR_DIGITS);
    return number_parts(m, from, j);
}

/* an address prefix glued to a name or number: P.5, Q.Bình Thạnh, TP.Thủ Đức, H.Củ Chi */
static int address_prefix(cutter *m, size_t i, size_t end, size_t *next)
{
    slice s = m->s, part = {s.s + i, end - i};
    if (m->url || end >= s.n || s.s[end] != '.' || end + 1 >= s.n || part.n > 3)
        return -2;
    const abbr_entry *e = lexicon_abbr(m->lx, part.s, part.n + 1);
    while (e && e->kind != ABBR_EXPAND)
        e = lexicon_abbr_at(m->lx, e->next);
    if (!e)
        return -2;
    *next = end + 1;
    return add_reading(m, i, end + 1, PR_READING, e->reading);
}

/* capitals glued to two or more digits (or two or more capitals to a last digit) are a code, spelled:
 * VN30, QH1521, PA03, SE1 */
static int code_letters(cutter *m, size_t i, size_t end, size_t *next)
{
    slice s = m->s;
    size_t lend = letters_end(s, i, end);
    slice letters = {s.s + i, lend - i};
    const char *road = lend > i && lend < s.n && is_digit_at(s, lend) ? parts_route_reading(m->lx, letters) : NULL;
    if (road && !m->url) { /* ĐT743: the road, đường tỉnh */
        *next = lend;
        return add_reading(m, i, lend, PR_READING, road);
    }
    /* SE1, SE9: two capitals and a last digit, a train's number (not the syllable se) */
    int one = lend + 1 == s.n && lend > i + 1 && is_digit_at(s, lend) && !lexicon_abbr(m->lx, letters.s, letters.n);
    if (m->url || lend == i || !utf8_all_upper(letters.s, letters.n) || !is_digit_at(s, lend) ||
        (!one && (lend + 1 >= s.n || !is_digit_at(s, lend + 1))) || utf8_len(letters.s, letters.n) > 3 ||
        lexicon_word_has(m->lx, letters.s, letters.n, ROLE_ROUTE) || is_word_abbr(m->lx, letters))
        return -2;
    *next = lend;
    /* J97: a lone letter with a name of its own (abbreviations.tsv: J "giê") */
    const abbr_entry *e = lend == i + 1 && !m->code ? lexicon_abbr(m->lx, letters.s, letters.n) : NULL;
    if (e && e->kind == ABBR_SPELL && e->reading[0])
        return add_reading(m, i, lend, PR_READING, e->reading);
    return add_plain(m, i, lend, PART_LETTERS, PR_SPELL);
}

/* a Roman numeral after a dash in a grade (RON 95-III, 0,05S-II); the second
 * part of a hyphenated name stays a word (Kim Jong-un, Sang-sik) */
static int after_dash(cutter *m, size_t i, size_t end)
{
    slice s = m->s, part = {s.s + i, end - i};
    if (i == 0 || s.s[i - 1] != '-')
        return -2;
    unsigned roman = parts_dash_roman(s, i, end);
    if (roman) {
        mixed_part *p = add(m, i, end, PART_LETTERS, PR_ROMAN);
        if (!p)
            return -1;
        p->roman = roman;
        return 0;
    }
    if (m->code || m->url || !utf8_is_upper((int32_t)(unsigned char)s.s[0]) || utf8_all_upper(s.s, i - 1) ||
        utf8_all_upper(part.s, part.n))
        return -2;
    int32_t f0;
    utf8_next(part.s, part.n, &f0);
    /* a word of the language as written (Nghĩa-lộ); anything else, English
     * or a loanword (Hot-news), is read as such a word alone is */
    if (!utf8_is_lower(f0) || lexicon_loanword(m->lx, part.s, part.n) || lexicon_abbr(m->lx, part.s, part.n) ||
        !syllable_parse(m->lx, part.s, part.n, NULL))
        return -2;
    return add_plain(m, i, end, PART_LETTERS, PR_WRITTEN);
}

/* a lone i or e before a capital: the i of iPhone, the e of eGov; or before
 * a dash and a foreign word: the e of e-book, E-visa, the Y of Y-Concert */
static int lone_prefix(cutter *m, size_t *i)
{
    slice s = m->s;
    int32_t first, second;
    size_t k1 = utf8_next(s.s + *i, s.n - *i, &first);
    if (m->code || m->url || *i + k1 >= s.n)
        return -2;
    utf8_next(s.s + *i + k1, s.n - *i - k1, &second);
    if (!((first == 'i' || first == 'e') && utf8_is_upper(second)) && !(!*i && parts_dash_prefix(m->lx, s, k1)))
        return -2;
    first |= 0x20; /* E-visa */
    char key[3] = {(char)first, '-', 0};
    const char *pre = lexicon_loanword(m->lx, key, 2);
    size_t from = *i;
    *i += k1;
    return pre ? add_reading(m, from, *i, PR_READING, pre)
               : add_say(m, from, *i, PART_LETTERS,
                       first == 'i' ? SAY_I_PREFIX : first == 'y' ? SAY_Y_PREFIX : SAY_E_PREFIX);
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

/* PANews: an upper-case run whose last capital begins a word the lexicon
 * knows (News) ends before that capital, as CamelCase after an acronym
 * does (VTVgo keeps its three letters: Vgo is no word); j the run's end */
static size_t acronym_then_word(const cutter *m, size_t i, size_t j, size_t end)
{
    slice s = m->s;
    if (m->code || j - i < 3 || j >= end || !(s.s[j] >= 'a' && s.s[j] <= 'z') || !utf8_all_upper(s.s + i, j - i))
        return j;
    size_t k = j - 1, w = j;
    while (w < end && s.s[w] >= 'a' && s.s[w] <= 'z')
        w++;
    if (s.s[k] < 'A' || s.s[k] > 'Z' || w < end)
        return j;
    return lexicon_loanword(m->lx, s.s + k, w - k) || lexicon_exonym(m->lx, s.s + k, w - k) ? k : j;
}

static int run_part(cutter *m, size_t from, size_t to, int code)
{
    const char *reading = NULL;
    int piece = code || m->url ? 0 : parts_dash_vietnamized(m->lx, m->s, from, to) ? 2 : parts_dash_word(m->s, from, to);
    part_reading how = parts_run_reading(m->lx, (slice){m->s.s + from, to - from}, code, m->url, piece, &reading);
    return how == PR_READING ? add_reading(m, from, to, how, reading) : add_plain(m, from, to, PART_LETTERS, how);
}

/* toneless Vietnamese in CamelCase (#ONhaLamDep "ở nhà làm đẹp"): its
 * syllables are a part when their tones are restored with confidence. 1 for
 * a part, 0 for none, -1 on out of memory */
static int camel_part(cutter *m, size_t *i, size_t end)
{
    if (m->code || m->url)
        return 0;
    strbuf_truncate(&m->scratch, 0);
    long k = camel_restore(m->s.s + *i, end - *i, &m->scratch);
    if (k <= 0)
        return (int)k;
    if (add_plain(m, *i, *i + (size_t)k, PART_LETTERS, PR_TONED))
        return -1;
    *i += (size_t)k;
    return 1;
}

/* a run of a web address made of words (thuonggia + online, fpt + play):
 * each piece read as a run is. 1 for parts, 0 for none, -1 on out of memory */
static int url_words_part(cutter *m, size_t *i, size_t end)
{
    size_t ends[3];
    int k = m->url ? url_words_cut(m->lx, m->s.s + *i, end - *i, ends) : 0;
    for (int p = 0; p < k; p++)
        if (run_part(m, *i + (p ? ends[p - 1] : 0), *i + ends[p], 0))
            return -1;
    if (k > 0)
        *i = end;
    return k < 0 ? -1 : k > 0;
}

/* letters: a whole part up to the next separator, if the lexicon knows it,
 * else its runs */
static int letters_part(cutter *m, size_t *i)
{
    slice s = m->s;
    size_t end = *i;
    while (end < s.n && !strchr("-/&.@_:+", s.s[end]))
        end++;
    slice part = {s.s + *i, end - *i};
    int rc;
    size_t next = end, from = *i;
    if ((rc = address_prefix(m, *i, end, &next)) != -2 || (rc = code_letters(m, *i, end, &next)) != -2 ||
        (rc = after_dash(m, *i, end)) != -2) {
        *i = next;
        return rc;
    }
    const abbr_entry *pa = m->code ? NULL : lexicon_abbr(m->lx, part.s, part.n);
    if (!m->code && ((pa && (!m->url || pa->kind != ABBR_EXPAND)) || lexicon_loanword(m->lx, part.s, part.n) ||
                     lexicon_exonym(m->lx, part.s, part.n))) {
        *i = end;
        return run_part(m, from, end, 0);
    }
    if ((rc = lone_prefix(m, i)) != -2)
        return rc;
    if ((rc = camel_part(m, i, end)) || (rc = url_words_part(m, i, end)))
        return rc < 0 ? -1 : 0;
    size_t j0 = letter_run(s, *i, end), j = acronym_then_word(m, *i, j0, end);
    const abbr_entry *ab = j < j0 ? parts_run_abbr(m->lx, (slice){s.s + *i, j - *i}, m->url) : NULL;
    if (j < j0 && !(ab && ab->reading[0])) /* the acronym before a word: spelled (PA of PANews), not a syllable */
        rc = add_plain(m, *i, j, PART_LETTERS, PR_SPELL);
    else
        rc = run_part(m, *i, j, m->code);
    *i = j;
    return rc;
}

/* the separator at s[i]; one unsaid part for a run of unsaid bytes (a sign
 * of several bytes: –) */
static int separator_part(cutter *m, size_t first, size_t i)
{
    say_key say = SAY_DOT;
    part_reading how = parts_separator(m, i, &say);
    mixed_part *last = m->out->n > first ? &m->out->v[m->out->n - 1] : NULL;
    if (how == PR_NONE && last && last->how == PR_NONE && last->text.s + last->text.n == m->s.s + i) {
        last->text.n++;
        return 0;
    }
    return how == PR_SAY ? add_say(m, i, i + 1, PART_SEP, say) : add_plain(m, i, i + 1, PART_SEP, how);
}

/* a web address's scheme is not read, nor a slash ending it */
static slice url_read(slice s)
{
    static const char *const SCHEMES[] = {"https://", "http://"};
    for (size_t k = 0; k < 2; k++) {
        size_t l = strlen(SCHEMES[k]);
        if (s.n > l && !memcmp(s.s, SCHEMES[k], l)) {
            s.s += l;
            s.n -= l;
            break;
        }
    }
    if (s.n && s.s[s.n - 1] == '/')
        s.n--;
    return s;
}

/* classify_parts, with the word after the token (next, or empty) */
static int cut_parts(const lexicon *lx, slice s, tok_class cls, slice next, partvec *out)
{
    cutter m = {lx, cls == CL_URL ? url_read(s) : s, cls, cls == CL_CODE, cls == CL_URL, out, {0}, next};
    size_t first = out->n;
    int rc = 0;
    for (size_t i = 0; i < m.s.n && !rc;) {
        rc = serial_part(&m, &i);
        if (rc == -2)
            rc = is_digit_at(m.s, i)         ? digits_part(&m, &i)
                 : is_letter_at(m.s, i)      ? letters_part(&m, &i)
                 : separator_part(&m, first, i++);
    }
    strbuf_free(&m.scratch);
    return rc ? -1 : 0;
}

int classify_parts(const lexicon *lx, slice s, tok_class cls, partvec *out)
{
    return cut_parts(lx, s, cls, (slice){s.s, 0}, out);
}

/* the serial of a licence plate, s[i..] after its dash: each group a
 * number after its leading zeros (024.30 "không hai mươi tư chấm ba mươi"),
 * the dot said, masked digits spelled (048.xx "... chấm ích ích") */
static int plate_serial(cutter *m, size_t i)
{
    slice s = m->s;
    int rc = 0;
    while (i < s.n && !rc) {
        size_t j = i;
        if (s.s[i] == '.') {
            rc = add_say(m, i, i + 1, PART_SEP, SAY_DOT);
            j = i + 1;
        } else if (is_digit_at(s, i)) {
            while (is_digit_at(s, j))
                j++;
            rc = number_parts(m, i, j);
        } else {
            while (j < s.n && s.s[j] != '.')
                j++;
            rc = add_plain(m, i, j, PART_LETTERS, PR_SPELL);
        }
        i = j;
    }
    return rc;
}

/* the span of a part list made from out->parts[first..] */
int rule_push_parts_from(rule_at *a, tok_class cls, slice text, size_t first)
{
    spanvec *out = a->out;
    span *sp = rule_push_new(out);
    if (!sp)
        return -1;
    sp->cls = cls;
    sp->text = text;
    sp->parts.all = &out->parts;
    sp->parts.first = (unsigned)first;
    sp->parts.n = (unsigned)(out->parts.n - first);
    a->i++;
    return 1;
}

int rule_push_plate(rule_at *a, slice text, size_t dash)
{
    partvec *pv = &a->out->parts;
    size_t first = pv->n;
    cutter m = {a->c->lx, text, CL_CODE, 1, 0, pv, {0}, {text.s, 0}};
    if (classify_parts(a->c->lx, (slice){text.s, dash}, CL_CODE, pv) || add_plain(&m, dash, dash + 1, PART_SEP, PR_NONE) ||
        plate_serial(&m, dash + 1))
        return -1;
    return rule_push_parts_from(a, CL_CODE, text, first);
}

int rule_push_parts(rule_at *a, tok_class cls, slice text)
{
    size_t first = a->out->parts.n;
    const token *t = &a->t[a->i];
    slice next = a->i + 1 < a->n && !t->post.n && !t[1].pre.n && !t[1].digit ? t[1].core : (slice){t->core.s, 0};
    if (cut_parts(a->c->lx, text, cls, next, &a->out->parts))
        return -1;
    return rule_push_parts_from(a, cls, text, first);
}

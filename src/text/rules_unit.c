/* rules_unit — the recognizers of units: after a number (100 km/h, 3-5 km,
 * written with a space after its slash: km/ giờ), after a scale word (200
 * triệu €), after a number word (một kg, mỗi km), a distance marker
 * before one (km 32), and the shapes of tech specs: a zoom's 5x "năm lần", a
 * lens's f/1.8, a frame rate 4K@60fps. Takes a rule_at (rules.h); appends
 * spans. */
#include "rules.h"
#include "utf8.h"
#include "vec.h"
#include <string.h>


/* đồng/ lượng, km/ giờ: a rate written with a space after its slash (the
 * slash stays on the unit's token). When token i is a unit and "/" and a word
 * follows, that word is the "per" part of v and u the unit's text. Returns
 * the tokens used (2), or 0. */
size_t rule_spaced_per(const classify_ctx *c, const token *t, size_t n, size_t i, value *v, slice *u)
{
    slice s = t[i].core;
    if (s.n < 2 || s.s[s.n - 1] != '/' || t[i].post.n || i + 1 >= n || t[i + 1].pre.n || !t[i + 1].core.n ||
        t[i + 1].digit)
        return 0;
    value uv;
    memset(&uv, 0, sizeof uv);
    if (!parse_unit(c->lx, (slice){s.s, s.n - 1}, 1, &uv) || uv.per_unit || uv.per_word.n)
        return 0;
    slice w = t[i + 1].core;
    uv.per_unit = lexicon_unit(c->lx, w.s, w.n);
    if (!uv.per_unit)
        uv.per_word = w;
    *v = uv;
    *u = (slice){s.s, s.n - 1};
    return 2;
}

/* A unit as the word after a number, spelled exactly as in the table:
 * 100 km/h, 35 ha, 3-5 km, 7.200 - 7.400 đồng/kg. Returns tokens used. */
size_t rule_unit_after(const classify_ctx *c, const token *t, size_t n, size_t i, spanvec *out)
{
    if (i == 0 || i >= n || t[i - 1].post.n || !t[i].core.n || t[i].pre.n || !out->n)
        return 0;
    const span *last = &out->v[out->n - 1];
    if (last->cls != CL_VALUE || (last->val.kind != V_NUMBER && last->val.kind != V_SHORT_AMOUNT) || last->as_year)
        return 0;
    value uv;
    memset(&uv, 0, sizeof uv);
    slice text = t[i].core;
    size_t used = rule_spaced_per(c, t, n, i, &uv, &text);
    if (!used && !parse_unit(c->lx, t[i].core, 1, &uv))
        return 0;
    span sp = rule_mk(CL_UNIT, text);
    sp.val = uv;
    sp.rule = "unit-after";
    if (uv.unit && !strcmp(uv.unit->reading, "đồng")) /* 10.000,50 đồng "phẩy năm không" */
        out->v[out->n - 1].val.num.frac_digits = 1;
    if (rule_push(out, &sp))
        return 0;
    used = used ? used : 1;
    /* 12 GB/512 GB, 50.000 đồng/1 kg: the number after the slash has its
     * unit in the next token, said after it (not spelled: giê bê) */
    size_t k = 0, j = i + used;
    while (k < uv.per_word.n && uv.per_word.s[k] >= '0' && uv.per_word.s[k] <= '9')
        k++;
    value nv;
    memset(&nv, 0, sizeof nv);
    if (!k || k != uv.per_word.n || j >= n || t[j - 1].post.n || t[j].pre.n || !parse_unit(c->lx, t[j].core, 1, &nv) ||
        nv.per_unit || nv.per_word.n)
        return used;
    span nu = rule_mk(CL_UNIT, t[j].core);
    nu.val = nv;
    nu.rule = "unit-after";
    return rule_push(out, &nu) ? 0 : used + 1;
}

/* a unit after a scale word: 200 triệu €, 2 triệu m3, 8,5 triệu đồng/tháng */
RULE_BODY int unit_after_scale_rest(rule_at *a)
{
    const classify_ctx *c = a->c;
    const token *t = a->t, *tk = &t[a->i];
    spanvec *out = a->out;
    if (!(a->i >= 2 && rule_is_scale(c, &t[a->i - 1]) && !t[a->i - 1].post.n && out->n >= 1))
        return 0;
    value uv;
    memset(&uv, 0, sizeof uv);
    const span *before = out->n >= 2 ? &out->v[out->n - 2] : NULL;
    slice text = tk->core;
    size_t used = before && before->cls == CL_VALUE ? rule_spaced_per(c, t, a->n, a->i, &uv, &text) : 0;
    if (!(before && before->cls == CL_VALUE && (used || parse_unit(c->lx, tk->core, 1, &uv)) &&
          !lexicon_abbr(c->lx, tk->core.s, tk->core.n)))
        return 0;
    a->i += used ? used : 1;
    span sp = rule_mk(CL_UNIT, text);
    sp.val = uv;
    return rule_push(out, &sp) ? -1 : 1;
}

/* its first test: after a scale word */
int rule_unit_after_scale(rule_at *a)
{
    return a->i >= 2 && rule_is_scale(a->c, &a->t[a->i - 1]) ? unit_after_scale_rest(a) : 0;
}

/* km 32, Km 15+500, km số 4: a distance marker before the number */
RULE_BODY int km_marker_rest(rule_at *a)
{
    const token *t = a->t, *tk = &t[a->i];
    if (!(rule_word_has(a->c, tk, ROLE_KM_MARKER) && a->i + 1 < a->n && !tk->post.n && t[a->i + 1].core.n &&
          ((t[a->i + 1].core.s[0] >= '0' && t[a->i + 1].core.s[0] <= '9') || rule_word_has(a->c, &t[a->i + 1], ROLE_NUMBER_WORD))))
        return 0;
    span sp = rule_mk(CL_UNIT, tk->core);
    sp.val.unit = lexicon_unit(a->c->lx, "km", 2);
    if (!sp.val.unit)
        return 0;
    a->i++;
    return rule_push(a->out, &sp) ? -1 : 1;
}

/* its first test: a km marker word */
int rule_km_marker(rule_at *a)
{
    return rule_word_has(a->c, &a->t[a->i], ROLE_KM_MARKER) ? km_marker_rest(a) : 0;
}

/* nặng hơn một kg, mỗi km: a unit after a number word */
int rule_counted_unit(rule_at *a)
{
    const classify_ctx *c = a->c;
    const token *t = a->t;
    size_t i = a->i;
    slice s = t[i].core;
    const unit_entry *cu =
        s.n >= 2 && rule_cue(c, t, i, ROLE_COUNT_WORD) && !t[i - 1].post.n ? lexicon_unit(c->lx, s.s, s.n) : NULL;
    if (!(cu && strlen(cu->unit) == s.n && !memcmp(cu->unit, s.s, s.n) && !rule_syllable_at(c, t, i, s)))
        return 0;
    span sp = rule_mk(CL_UNIT, s);
    sp.val.unit = cu;
    a->i++;
    return rule_push(a->out, &sp) ? -1 : 1;
}

/* the length of the number before a glued x (3x, 2,9x, 100×), or 0 */
static size_t fold_number(slice s)
{
    size_t k = 0, x = s.n >= 2 && !memcmp(s.s + s.n - 2, "×", 2) ? 2 : 1;
    while (k < s.n && s.s[k] >= '0' && s.s[k] <= '9')
        k++;
    if (k && k + 2 < s.n && s.s[k] == ',' && s.s[k + 1] >= '0' && s.s[k + 1] <= '9')
        for (k++; k < s.n && s.s[k] >= '0' && s.s[k] <= '9';)
            k++;
    return k && k <= 12 && k + x == s.n && (x == 2 || s.s[k] == 'x' || s.s[k] == 'X') ? k : 0;
}

/* a zoom's word (role zoom: zoom, quang học, tiêu cự), one word or two,
 * within four tokens either side of token i */
static int zoom_near(const classify_ctx *c, const token *t, size_t n, size_t i)
{
    size_t lo = i >= 4 ? i - 4 : 0, hi = i + 5 < n ? i + 5 : n;
    char low[64];
    for (size_t j = lo; j < hi; j++)
        for (size_t w = 1; w <= 2 && j + w <= hi && j != i && t[j].core.n && !t[j].digit; w++) {
            if (w == 2 && (j + 1 == i || t[j].post.n || t[j + 1].pre.n))
                break;
            const char *from = t[j].core.s, *end = t[j + w - 1].core.s + t[j + w - 1].core.n;
            size_t len = utf8_lower_buf(from, (size_t)(end - from), low, sizeof low);
            if (len != (size_t)-1 && lexicon_word_has(c->lx, low, len, ROLE_ZOOM))
                return 1;
        }
    return 0;
}

/* zoom quang học 5x, tiêu cự 3x và 10x: a number glued to x among a zoom's
 * words is a magnification, "năm lần" (say-words.tsv fold); elsewhere (thế
 * hệ 9x) the x is the letter */
int rule_zoom_times(rule_at *a)
{
    const token *t = &a->t[a->i];
    size_t k = fold_number(t->core);
    if (!k || !zoom_near(a->c, a->t, a->n, a->i))
        return 0;
    partvec *pv = &a->out->parts;
    size_t first = pv->n;
    if (VEC_RESERVE(pv->v, pv->cap, pv->n + 2))
        return -1;
    pv->v[pv->n++] = (mixed_part){.text = {t->core.s, k}, .kind = PART_DIGITS, .how = PR_QUANTITY};
    pv->v[pv->n++] = (mixed_part){.text = {t->core.s + k, t->core.n - k}, .kind = PART_LETTERS, .how = PR_SAY, .say = SAY_FOLD};
    if (rule_push_parts_from(a, CL_MIXED, t->core, first) < 0)
        return -1;
    /* 5x - 8x: a range of them, the dash "đến" */
    const token *d = &a->t[a->i];
    if (a->i + 1 < a->n && !d->core.n && rule_is_dash_token(d) && fold_number(d[1].core)) {
        span sp = rule_mk(CL_TO, d->pre.n ? d->pre : d->post);
        a->i++;
        return rule_push(a->out, &sp) ? -1 : 1;
    }
    return 1;
}

/* the length of a number at s[k..] (digits, a decimal mark and digits; 12
 * characters at most, what a spec writes), or 0 */
static size_t decimal_at(slice s, size_t k)
{
    size_t j = k;
    while (j < s.n && s.s[j] >= '0' && s.s[j] <= '9')
        j++;
    if (j > k && j + 1 < s.n && (s.s[j] == '.' || s.s[j] == ',') && s.s[j + 1] >= '0' && s.s[j + 1] <= '9')
        for (j++; j < s.n && s.s[j] >= '0' && s.s[j] <= '9';)
            j++;
    return j - k <= 12 ? j - k : 0;
}

/* khẩu độ f/1.8, f/1.4-4.0: a lens's aperture, the f said as its letter and
 * the number as a dotted number is ("ép một chấm tám"), a dash between two
 * of them "đến" */
int rule_aperture(rule_at *a)
{
    slice s = a->t[a->i].core;
    if (s.n < 3 || (s.s[0] != 'f' && s.s[0] != 'F') || s.s[1] != '/')
        return 0;
    size_t n1 = decimal_at(s, 2), k = 2 + n1, n2 = 0;
    if (n1 && k + 1 < s.n && s.s[k] == '-')
        n2 = decimal_at(s, k + 1);
    if (!n1 || (k != s.n && k + 1 + n2 != s.n) || (k != s.n && !n2))
        return 0;
    partvec *pv = &a->out->parts;
    size_t first = pv->n;
    if (VEC_RESERVE(pv->v, pv->cap, pv->n + 4))
        return -1;
    pv->v[pv->n++] = (mixed_part){.text = {s.s, 1}, .kind = PART_LETTERS, .how = PR_SPELL};
    pv->v[pv->n++] = (mixed_part){.text = {s.s + 2, n1}, .kind = PART_DIGITS, .how = PR_QUANTITY};
    if (n2) {
        pv->v[pv->n++] = (mixed_part){.text = {s.s + k, 1}, .kind = PART_SEP, .how = PR_SAY, .say = SAY_TO};
        pv->v[pv->n++] = (mixed_part){.text = {s.s + k + 1, n2}, .kind = PART_DIGITS, .how = PR_QUANTITY};
    }
    return rule_push_parts_from(a, CL_MIXED, s, first);
}

/* quay video 4K@60fps, 8K@30fps: a screen's resolution at a frame rate, the
 * K its letter ("ca", units.tsv), the @ not said, fps spelled: "bốn ca sáu
 * mươi ép pê ét" (not an address's "a còng") */
int rule_frame_rate(rule_at *a)
{
    slice s = a->t[a->i].core;
    size_t k = decimal_at(s, 0), r;
    if (!k || k + 3 > s.n || (s.s[k] != 'K' && s.s[k] != 'k') || s.s[k + 1] != '@' || !(r = decimal_at(s, k + 2)))
        return 0;
    size_t end = k + 2 + r;
    if (end != s.n && !(end + 3 == s.n && !memcmp(s.s + end, "fps", 3)))
        return 0;
    const unit_entry *ku = lexicon_unit(a->c->lx, "K", 1);
    partvec *pv = &a->out->parts;
    size_t first = pv->n;
    if (!ku || VEC_RESERVE(pv->v, pv->cap, pv->n + 5))
        return !ku ? 0 : -1;
    pv->v[pv->n++] = (mixed_part){.text = {s.s, k}, .kind = PART_DIGITS, .how = PR_QUANTITY};
    pv->v[pv->n++] = (mixed_part){.text = {s.s + k, 1}, .kind = PART_LETTERS, .how = PR_READING, .reading = ku->reading};
    pv->v[pv->n++] = (mixed_part){.text = {s.s + k + 1, 1}, .kind = PART_SEP, .how = PR_NONE};
    pv->v[pv->n++] = (mixed_part){.text = {s.s + k + 2, r}, .kind = PART_DIGITS, .how = PR_QUANTITY};
    if (end < s.n)
        pv->v[pv->n++] = (mixed_part){.text = {s.s + end, 3}, .kind = PART_LETTERS, .how = PR_SPELL};
    return rule_push_parts_from(a, CL_MIXED, s, first);
}

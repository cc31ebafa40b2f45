/* test_parts — the typed readings of codes, serials, URLs, mixed tokens and
 * heights: the span the classifier makes for a token carries the parts it
 * cut (their kind: D digits, L letters, S a separator) and how each is said,
 * so the verbalizer cuts no text again. Run from the project root. */
#include "check.h"
#include "check_lexicon.h"
#include "classify.h"
#include "lexicon.h"
#include "token.h"
#include <stdlib.h>
#include <string.h>

static const lexicon *LX;

static const char *const HOW[] = {
    [PR_NONE] = "none",       [PR_NUMBER] = "number",   [PR_QUANTITY] = "quantity", [PR_DIGITS] = "digits",
    [PR_SPELL] = "spell",     [PR_READING] = "reading", [PR_SAY] = "say",           [PR_ONE] = "one",
    [PR_ROMAN] = "roman",     [PR_LOWER] = "lower",     [PR_WRITTEN] = "written",   [PR_FOREIGN] = "foreign",
    [PR_TONED] = "toned",
};

/* one part as text:what=how, with the reading, the word or the number it carries */
static void describe_part(const mixed_part *p, char *buf, size_t len)
{
    int n = snprintf(buf, len, "%.*s:%c=%s", (int)p->text.n, p->text.s, "DLS"[p->kind], HOW[p->how]);
    if (p->how == PR_READING)
        snprintf(buf + n, len - (size_t)n, "(%s)", p->reading);
    else if (p->how == PR_SAY)
        snprintf(buf + n, len - (size_t)n, "(%s)", lexicon_say(LX, p->say, DIALECT_NORTH));
    else if (p->how == PR_ROMAN)
        snprintf(buf + n, len - (size_t)n, "(%u)", p->roman);
}

/* the class and the parts of the span of `text` in `line`, as one string */
static void describe(const char *line, const char *text, char *out, size_t len)
{
    tokvec tv = {0};
    spanvec sv = {0};
    classify_ctx cc = {.lx = LX};
    snprintf(out, len, "(no span %s)", text);
    if (tokenize(LX, line, strlen(line), &tv) || classify_sentence(&cc, tv.v, tv.n, &sv)) {
        snprintf(out, len, "(out of memory)");
        return;
    }
    for (size_t k = 0; k < sv.n; k++) {
        const span *s = &sv.v[k];
        if (s->text.n != strlen(text) || memcmp(s->text.s, text, s->text.n))
            continue;
        size_t used = (size_t)snprintf(out, len, "%s", class_name(s->cls));
        if (s->cls == CL_HEIGHT)
            snprintf(out + used, len - used, " %.*s|%.*s", (int)s->height.metres.n, s->height.metres.s,
                     (int)s->height.cm.n, s->height.cm.s);
        else if (s->cls == CL_CODE || s->cls == CL_MIXED || s->cls == CL_SERIAL || s->cls == CL_URL)
            for (unsigned j = 0; j < s->parts.n && used < len; j++) {
                char part[128];
                describe_part(&span_parts(s)[j], part, sizeof part);
                used += (size_t)snprintf(out + used, len - used, " %s", part);
            }
        break;
    }
    spanvec_free(&sv);
    tokvec_free(&tv);
}

static void check_parts(const char *line, const char *text, const char *want)
{
    char got[1024], what[256];
    describe(line, text, got, sizeof got);
    snprintf(what, sizeof what, "the parts of '%s' in: %s", text, line);
    CHECK_STR(got, want, what);
}

static void test_mixed(void)
{
    check_parts("Đội tuyển U23 thắng.", "U23", "mixed U:L=spell 23:D=number");
    check_parts("Ca mắc Covid-19 mới.", "Covid-19", "mixed Covid:L=reading(cô vít) -:S=none 19:D=number");
    check_parts("Máy bay A320 hạ cánh.", "A320", "mixed A:L=spell 320:D=number");
    check_parts("Mạng 4G phủ sóng.", "4G", "mixed 4:D=number G:L=spell");
    check_parts("Cúm H5N1 lây lan.", "H5N1", "mixed H:L=spell 5:D=number N:L=spell 1:D=number");
    check_parts("Xăng RON 95-III tăng giá.", "95-III", "code 95:D=number -:S=none III:L=roman(3)");
    check_parts("Đón 40 lượt khách/ngày.", "khách/ngày", "mixed khách:L=written /:S=one ngày:L=written");
    /* a period of two words, the second the next token: "một học kỳ"; a word of none: silent */
    check_parts("Tối đa 18 tín chỉ/học kỳ.", "chỉ/học", "mixed chỉ:L=written /:S=one học:L=written");
    check_parts("Có 10 người/nhóm.", "người/nhóm", "mixed người:L=written /:S=none nhóm:L=written");
    check_parts("Ứng dụng eGov ra mắt.", "eGov", "mixed e:L=say(i) Gov:L=reading(gốp)");
    check_parts("Trào lưu #ONhaLamDep lan rộng.", "ONhaLamDep", "mixed ONhaLamDep:L=toned");
}

/* the pieces of a hyphenated word of words are words, however short (big,
 * add); a lone letter stays a letter; a lone capital after a code of
 * capitals is the code's letter, a Roman numeral after a number or a word */
static void test_dashes(void)
{
    check_parts("Ứng dụng big-data mới.", "big-data", "mixed big:L=foreign -:S=none data:L=reading(đa ta)");
    check_parts("Tiện ích add-on mới.", "add-on", "mixed add:L=foreign -:S=none on:L=written");
    check_parts("Chụp x-quang phổi.", "x-quang", "mixed x:L=spell -:S=none quang:L=written");
    check_parts("Nhóm nhảy B-boy nổi tiếng.", "B-boy", "mixed B:L=spell -:S=none boy:L=foreign");
    check_parts("Xin E-visa qua mạng.", "E-visa", "mixed E:L=say(i) -:S=none visa:L=reading(vi da)");
    check_parts("Dân tộc Ê-đê.", "Ê-đê", "mixed Ê:L=lower -:S=none đê:L=written");
    /* a name in Vietnamese syllables, one with a cluster the press prints */
    check_parts("Đến Mát-xcơ-va.", "Mát-xcơ-va", "mixed Mát:L=written -:S=none xcơ:L=written -:S=none va:L=written");
    check_parts("Xe Honda CR-V mới.", "CR-V", "mixed CR:L=spell -:S=none V:L=spell");
    check_parts("Xăng RON 95-V tăng giá.", "95-V", "code 95:D=number -:S=none V:L=roman(5)");
    check_parts("Tiêu chuẩn Euro-V áp dụng.", "Euro-V", "mixed Euro:L=reading(ơ rô) -:S=none V:L=roman(5)");
}

static void test_codes(void)
{
    check_parts("Theo Nghị định 15/2021/NĐ-CP của Chính phủ.", "15/2021/NĐ-CP",
                "code 15:D=number /:S=say(năm) 2021:D=number /:S=none NĐ:L=spell -:S=none CP:L=spell");
    check_parts("Công văn 222-CV/TU đã nêu.", "222-CV/TU", "code 222:D=number -:S=none CV:L=spell /:S=none TU:L=spell");
    check_parts("Xe biển số 51B-012.34 bị phạt.", "51B-012.34",
                "code 51:D=number B:L=spell -:S=none 0:D=digits 12:D=number .:S=say(chấm) 34:D=number");
    check_parts("Xe máy biển số 37H-048.xx bỏ chạy.", "37H-048.xx",
                "code 37:D=number H:L=spell -:S=none 0:D=digits 48:D=number .:S=say(chấm) xx:L=spell");
    check_parts("Chuyến bay QH1521 cất cánh.", "QH1521", "serial QH:L=spell 1521:D=digits");
    check_parts("Phiên bản v12.18.3136 mới.", "v12.18.3136",
                "mixed v:L=spell 12:D=number .:S=say(chấm) 18:D=number .:S=say(chấm) 3136:D=number");
    check_parts("Xem tại https://vov.vn/ nhé.", "https://vov.vn/", "url vov:L=reading(vê o vê) .:S=say(chấm) vn:L=spell");
}

static void test_heights(void)
{
    check_parts("Anh cao 1m76 và nặng 70 kg.", "1m76", "height 1|76");
    check_parts("Cô cao 1m62.", "1m62", "height 1|62");
}

int main(void)
{
    lexicon *lx = check_lexicon();
    if (!lx)
        return check_done();
    LX = lx;
    test_mixed();
    test_dashes();
    test_codes();
    test_heights();
    lexicon_free(lx);
    return check_done();
}

/* test_defined — acronyms a text defines in brackets (src/text/defined.c):
 * the run of words whose initials are the acronym's letters, and the store
 * of a piece's definitions. Run from the project root. */
#include "check.h"
#include "check_lexicon.h"
#include "defined.h"
#include "lexicon.h"
#include "token.h"
#include <string.h>

static const lexicon *LX;

/* the words acronym_run finds before `acronym` in `line`, or "-" for none */
static void check_run(const char *line, const char *acronym, const char *want)
{
    tokvec tv = {0};
    char got[256] = "(no token)";
    if (!tokenize(LX, line, strlen(line), &tv)) {
        for (size_t i = 0; i < tv.n; i++) {
            if (tv.v[i].core.n != strlen(acronym) || memcmp(tv.v[i].core.s, acronym, tv.v[i].core.n))
                continue;
            size_t from = acronym_run(LX, tv.v, i);
            abbr_defs d;
            abbr_defs_clear(&d);
            const char *r = from < i ? abbr_defs_add(&d, acronym, strlen(acronym), tv.v, from, i) : NULL;
            snprintf(got, sizeof got, "%s", r ? r : "-");
            break;
        }
    }
    tokvec_free(&tv);
    char what[300];
    snprintf(what, sizeof what, "%s in: %s", acronym, line);
    CHECK_STR(got, want, what);
}

static void test_runs(void)
{
    check_run("Hội đồng xét xử (HĐXX) tuyên án.", "HĐXX", "hội đồng xét xử");
    check_run("các trường đại học (ĐH) công bố", "ĐH", "đại học");
    check_run("Bệnh viện Đa khoa Trung ương (BVĐKTƯ) Cần Thơ", "BVĐKTƯ", "bệnh viện đa khoa trung ương");
    check_run("Bộ Văn hóa và Du lịch (VHDL) cho biết", "VHDL", "văn hóa và du lịch");
    check_run("Tổng thống (TT) Trump", "TT", "tổng thống");
    /* Đ is not D; letters that are no initials; no bracket; punctuation between */
    check_run("các trường dại học (ĐH) công bố", "ĐH", "-");
    check_run("Quỹ Tiền tệ Quốc tế (IMF) dự báo", "IMF", "-");
    check_run("Hội đồng xét xử HĐXX tuyên án.", "HĐXX", "-");
    check_run("Hội đồng, xét xử (HĐXX) tuyên án.", "HĐXX", "-");
    check_run("ở Hà Nội (HN2) có", "HN2", "-");
}

static void test_store(void)
{
    tokvec tv = {0};
    const char *line = "Ngân hàng Nhà nước";
    CHECK(!tokenize(LX, line, strlen(line), &tv), "tokenize");
    abbr_defs d;
    abbr_defs_clear(&d);
    CHECK(abbr_defs_find(&d, "NHNN", 4) == NULL, "an empty store knows nothing");
    const char *r = abbr_defs_add(&d, "NHNN", 4, tv.v, 0, tv.n);
    CHECK_STR(r, "ngân hàng nhà nước", "added");
    CHECK_STR(abbr_defs_find(&d, "NHNN", 4), "ngân hàng nhà nước", "found");
    CHECK(abbr_defs_find(&d, "NHN", 3) == NULL, "a prefix is not the key");
    /* the latest definition wins, and the earlier reading stays valid */
    const char *r2 = abbr_defs_add(&d, "NHNN", 4, tv.v, 2, tv.n);
    CHECK_STR(abbr_defs_find(&d, "NHNN", 4), "nhà nước", "latest");
    CHECK_STR(r, "ngân hàng nhà nước", "earlier kept");
    CHECK(r2 != r, "a new slot");
    /* full: nothing more is stored */
    for (size_t k = d.n; k < ABBR_DEFS_MAX; k++)
        CHECK(abbr_defs_add(&d, "AB", 2, tv.v, 0, 1) != NULL, "room");
    CHECK(abbr_defs_add(&d, "CD", 2, tv.v, 0, 1) == NULL, "full");
    CHECK(abbr_defs_find(&d, "CD", 2) == NULL, "not stored when full");
    abbr_defs_clear(&d);
    CHECK(abbr_defs_find(&d, "NHNN", 4) == NULL, "cleared");
    tokvec_free(&tv);
}

int main(void)
{
    lexicon *lx = check_lexicon();
    if (!lx)
        return check_done();
    LX = lx;
    test_runs();
    test_store();
    lexicon_free(lx);
    return check_done();
}

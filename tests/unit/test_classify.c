/* test_classify — the classify stage against tests/golden/classify.tsv (a
 * token in its line → the class and the name of the rule that made its
 * span, as --explain shows them), and the load errors of context.tsv's roles
 * (a role no code declares, a declared role no row has). Run from the
 * project root. */
#include "check.h"
#include "docbao.h"
#include "lexicon.h"
#include "tsv.h"
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* the spans of one line, as the explain callback gives them */
typedef struct seen {
    char text[128][64];
    char label[128][64];
    size_t n;
} seen;

static void on_span(void *user, const char *cls, size_t off, const char *w, size_t wl, const char *words, size_t len)
{
    seen *s = user;
    (void)off, (void)words, (void)len;
    if (s->n < 128 && wl < sizeof s->text[0]) {
        memcpy(s->text[s->n], w, wl);
        s->text[s->n][wl] = '\0';
        snprintf(s->label[s->n], sizeof s->label[0], "%s", cls);
        s->n++;
    }
}

static int ignore(void *user, const docbao_sentence *s)
{
    (void)user, (void)s;
    return 0;
}

typedef struct golden {
    docbao *db;
    int rows;
} golden;

/* one row: input, span (the first span with that text), class/rule */
static int golden_row(void *user, const char *const *c, char *err, size_t errlen)
{
    golden *g = user;
    (void)err, (void)errlen;
    seen s;
    s.n = 0;
    docbao_set_explain(g->db, on_span, &s);
    docbao_normalize(g->db, c[0], strlen(c[0]), ignore, NULL);
    const char *got = NULL;
    for (size_t k = 0; k < s.n && !got; k++)
        if (!strcmp(s.text[k], c[1]))
            got = s.label[k];
    char what[512];
    snprintf(what, sizeof what, "classify.tsv: '%s' in: %s", c[1], c[0]);
    CHECK_STR(got ? got : "(no such span)", c[2], what);
    g->rows++;
    return 0;
}

static void test_golden(void)
{
    docbao_config cfg;
    char err[512];
    docbao_config_defaults(&cfg);
    cfg.data_dir = ".";
    golden g = {docbao_new(&cfg), 0};
    CHECK(g.db != NULL, docbao_last_error(NULL));
    if (!g.db)
        return;
    docbao_set_explain_rules(g.db, 1);
    static const char *const COLS[] = {"input", "span", "class/rule"};
    CHECK(tsv_load("tests/golden/classify.tsv", COLS, 3, golden_row, &g, err, sizeof err) == 0, err);
    CHECK(g.rows >= 60, "classify.tsv has at least 60 rows");
    docbao_free(g.db);
}

/* a copy of lexicon/ in a new folder, its context.tsv given by edit
 * (which writes the new file from the old one). NULL on failure. */
static char *lexicon_copy(char *dir, void (*edit)(FILE *in, FILE *out))
{
    if (!mkdtemp(dir))
        return NULL;
    char cmd[512];
    snprintf(cmd, sizeof cmd, "cp lexicon/*.tsv '%s'/", dir);
    if (system(cmd))
        return NULL;
    char path[512];
    snprintf(path, sizeof path, "%s/context.tsv", dir);
    FILE *in = fopen("lexicon/context.tsv", "r"), *out = fopen(path, "w");
    if (in && out)
        edit(in, out);
    if (in)
        fclose(in);
    if (out)
        fclose(out);
    return in && out ? dir : NULL;
}

static void remove_copy(const char *dir)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd))
        printf("could not remove %s\n", dir);
}

static int unknown_line; /* the line of the row add_unknown wrote */

static void add_unknown(FILE *in, FILE *out)
{
    char line[1024];
    int n = 0;
    while (fgets(line, sizeof line, in)) {
        fputs(line, out);
        n++;
    }
    fputs("xyz\tno-such-role\n", out);
    unknown_line = n + 1;
}

/* the only row of the role "among" left out */
static void drop_among(FILE *in, FILE *out)
{
    char line[1024];
    while (fgets(line, sizeof line, in))
        if (strcmp(line, "trong\tamong\n"))
            fputs(line, out);
}

static void keep(FILE *in, FILE *out)
{
    char line[1024];
    while (fgets(line, sizeof line, in))
        fputs(line, out);
}

static void test_roles(void)
{
    char err[512], dir[64], want[128];
    strcpy(dir, "/tmp/docbao-roles-XXXXXX");
    CHECK(lexicon_copy(dir, keep) != NULL, "copy of lexicon/");
    lexicon *lx = lexicon_load(dir, NULL, err, sizeof err);
    CHECK(lx != NULL, err);
    CHECK(lx && lexicon_word_has(lx, "Tháng", 6, ROLE_MONTH_WORD), "tháng is the month word (any case)");
    CHECK(lx && !lexicon_word_has(lx, "tháng", 6, ROLE_YEAR_WORD), "tháng is no year word");
    CHECK(lx && lexicon_word_has(lx, "Trong", 5, ROLE_AMONG), "a role past the mask (any case)");
    lexicon_free(lx);
    remove_copy(dir);

    strcpy(dir, "/tmp/docbao-roles-XXXXXX");
    CHECK(lexicon_copy(dir, add_unknown) != NULL, "copy of lexicon/");
    lx = lexicon_load(dir, NULL, err, sizeof err);
    CHECK(lx == NULL, "a row with an undeclared role is a load error");
    snprintf(want, sizeof want, "context.tsv:%d: unknown role 'no-such-role'", unknown_line);
    CHECK(!lx && strstr(err, want), err);
    lexicon_free(lx);
    remove_copy(dir);

    strcpy(dir, "/tmp/docbao-roles-XXXXXX");
    CHECK(lexicon_copy(dir, drop_among) != NULL, "copy of lexicon/");
    lx = lexicon_load(dir, NULL, err, sizeof err);
    CHECK(lx == NULL, "a declared role that no row has is a load error");
    CHECK(!lx && strstr(err, "context.tsv:1: role 'among' is declared"), err);
    lexicon_free(lx);
    remove_copy(dir);
}

int main(void)
{
    test_roles();
    test_golden();
    return check_done();
}

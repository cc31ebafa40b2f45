/* test_respell — checks src/speech/respell.c against tests/golden/respell.tsv and edge cases.
 * Run from the repository root. Prints one line per failure with both values, then
 * "N passed, M failed"; exits non-zero on any failure. */
#define _POSIX_C_SOURCE 200809L   /* mkstemp */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "respell.h"
#include "syllable.h"
#include "tsv.h"

#define RULES "lexicon/respell.tsv"

static lexicon *LX;   /* the rhymes of the one syllable grammar, loaded by main */
#define GOLDEN "tests/golden/respell.tsv"

typedef struct {
    int passed, failed;
} tally;

static void check_str(tally *t, const char *what, const char *input, const char *want,
                      const char *got)
{
    if (!strcmp(want, got)) {
        t->passed++;
        return;
    }
    t->failed++;
    printf("FAIL %s: input \"%s\": expected \"%s\", got \"%s\"\n", what, input, want, got);
}

static void check(tally *t, const char *what, int ok, const char *detail)
{
    if (ok) {
        t->passed++;
        return;
    }
    t->failed++;
    printf("FAIL %s: %s\n", what, detail);
}

/* respells input with r and compares the result with want */
static void expect(tally *t, const respell *r, const char *what, const char *input,
                   const char *want)
{
    strbuf out = {0};
    if (respell_text(r, input, strlen(input), &out))
        check(t, what, 0, "respell_text returned -1");
    else
        check_str(t, what, input, want, strbuf_str(&out));
    strbuf_free(&out);
}

typedef struct {
    tally *t;
    const respell *r;
    int rows;
} golden;

static int golden_row(void *user, const char *const *cells, char *err, size_t errlen)
{
    golden *g = user;
    (void)err, (void)errlen;
    g->rows++;
    expect(g->t, g->r, "golden", cells[0], cells[1]);
    return 0;
}

/* writes text to a new temporary file; returns its path in buf */
static int temp_file(char *buf, size_t n, const char *text)
{
    snprintf(buf, n, "/tmp/test_respell_XXXXXX");
    int fd = mkstemp(buf);
    if (fd < 0)
        return -1;
    FILE *f = fdopen(fd, "w");
    if (!f)
        return -1;
    fputs(text, f);
    fclose(f);
    return 0;
}

/* a bad rules file must fail with "path:line: message" naming the given line */
static void expect_load_error(tally *t, const char *what, const char *text, int line)
{
    char path[64], err[512] = "", want[96];
    if (temp_file(path, sizeof path, text)) {
        check(t, what, 0, "cannot write a temporary file");
        return;
    }
    respell *r = respell_load(path, LX, "vi", err, sizeof err);
    snprintf(want, sizeof want, "%s:%d: ", path, line);
    char detail[700];
    snprintf(detail, sizeof detail, "expected an error starting \"%s\", got \"%s\"%s", want, err,
             r ? " and a handle" : "");
    check(t, what, !r && !strncmp(err, want, strlen(want)), detail);
    respell_free(r);
    remove(path);
}

static void test_voices(tally *t)
{
    static const struct { const char *voice, *input, *want; } cases[] = {
        {"vi", "hung", "hung"},
        {"vi", "giết", "giết"},
        {"vi", "trừu", "[[tS'y2w]]"},
        {"vi-vn-x-south", "hung", "[[h'u-N]]"},
        {"vi-vn-x-south", "Hun", "[[h'u-N]]"},
        {"vi-vn-x-south", "hùng", "hùng"},
        {"vi-vn-x-south", "huống", "[[h'u@3N]]"},
        {"vi-vn-x-south", "huy", "huy"},
        {"vi-vn-x-south", "lúc", "[[l,u-3k]]"},
        {"vi-vn-x-south", "trừu", "[[c'y2w]]"},
        {"vi-vn-x-south", "vưu", "[[J^'yw]]"},
        {"vi-vn-x-south", "giết", "[[J^'iE3kh]]"},
        {"vi-vn-x-south", "nước", "nướq"},
        {"vi-vn-x-south", "x", "ích xì"},
        {"vi-vn-x-south", "J", "di"},
        {"vi", "S", "ét"},
        {"vi-vn-x-central", "trừu", "[[cr'y2w]]"},
        {"vi-vn-x-central", "giệt", "[[J^'iE6kh]]"},
        {"vi-vn-x-central", "hung", "hung"},
        {"vi-vn-x-central", "lúc", "[[l,u3k]]"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char err[512], what[64];
        respell *r = respell_load(RULES, LX, cases[i].voice, err, sizeof err);
        snprintf(what, sizeof what, "voice %s", cases[i].voice);
        if (!r) {
            check(t, what, 0, err);
            continue;
        }
        expect(t, r, what, cases[i].input, cases[i].want);
        respell_free(r);
    }
}

static void test_edges(tally *t, const respell *r)
{
    expect(t, r, "empty input", "", "");
    expect(t, r, "punctuation only", "..., !? -- (\"\") ;:", "..., !? -- (\"\") ;:");
    expect(t, r, "spaces kept", "  các\t nước  ", "  [[k,a:3k]]\t nướq  ");
    expect(t, r, "non-Vietnamese words", "Facebook Google email Windows Microsoft",
           "Facebook Google email Windows Microsoft");
    expect(t, r, "digits", "2024 3,5 10%", "2024 3,5 10%");
    expect(t, r, "phonemes already there", "[[k'a:3k]] các", "[[k'a:3k]] [[k,a:3k]]");
    expect(t, r, "invalid UTF-8 kept", "\xff\xfe nước", "\xff\xfe nướq");
    expect(t, r, "word too long to be a syllable",
           "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaac",
           "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaac");
    expect(t, r, "two tone marks: no syllable", "ắấc", "ắấc");
    expect(t, r, "toneless stop final is not Vietnamese", "mac loc thuoc", "mac loc thuoc");
    expect(t, r, "hyphen between phonemes", "được-cứu", "[[d_,y@6k]] [[k'y3w]]");
    expect(t, r, "[[ after a bracket", "(các)", "( [[k,a:3k]] )");

    /* appends to what out already holds */
    strbuf out = {0};
    strbuf_puts(&out, "X ");
    respell_text(r, "các", strlen("các"), &out);
    check_str(t, "appends", "các", "X [[k,a:3k]]", strbuf_str(&out));
    strbuf_clear(&out);
    respell_text(r, "các nước", 4, &out);   /* only text[0..len) is read */
    check_str(t, "length respected", "các nước (4 bytes)", "[[k,a:3k]]", strbuf_str(&out));

    /* long input: 3000 sentences */
    strbuf in = {0}, want = {0};
    for (int i = 0; i < 3000; i++) {
        strbuf_puts(&in, "Các nước được cứu, quốc họa. ");
        strbuf_puts(&want, "[[k,a:3k]] nướq [[d_,y@6k]] [[k'y3w]], coốc hoạ. ");
    }
    strbuf_clear(&out);
    int rc = respell_text(r, in.s, in.len, &out);
    check(t, "long input", rc == 0 && !strcmp(strbuf_str(&out), strbuf_str(&want)),
          "the long input was not respelled as 3000 copies of the short one");
    strbuf_free(&in);
    strbuf_free(&want);
    strbuf_free(&out);
}

static void test_load(tally *t)
{
    char err[512] = "";
    respell *r = respell_load("no/such/file.tsv", LX, "vi", err, sizeof err);
    check(t, "missing file", !r && strstr(err, "no/such/file.tsv"), err);
    respell_free(r);
    respell_free(NULL);
    const char *head = "# comment\nkind\tvoice\tmatch\ttone\toutput\n";
    char text[512];
    static const struct { const char *what, *rows; int line; } BAD[] = {
        {"unknown kind", "bogus\t\tx\t\ty\n", 3},
        {"bad tone", "syllable\t\t*+ac\tfoo\t*+aq\n", 3},
        {"syllable rule without +", "# ok\nsyllable\t\tac\t\t*+aq\n", 4},
        {"star in output, none in pattern", "syllable\t\t*+ac\t\t*+a*\n", 3},
        {"unclosed phonemes", "word\t\tcác\t\t[[k,a:3k\n", 3},
        {"missing cells", "word\t\tcác\n", 3},
        {"not NFC", "word\t\tca\xcc\x81\t\tx\n", 3},
    };
    for (size_t k = 0; k < sizeof BAD / sizeof BAD[0]; k++) {
        snprintf(text, sizeof text, "%s%s", head, BAD[k].rows);
        expect_load_error(t, BAD[k].what, text, BAD[k].line);
    }
    /* a rule for another voice is skipped */
    char path[64];
    snprintf(text, sizeof text, "%sword\tvi-vn-x-south\tcác\t\tX\n", head);
    if (!temp_file(path, sizeof path, text)) {
        r = respell_load(path, LX, "vi", err, sizeof err);
        check(t, "load with other-voice rule", r != NULL, err);
        if (r)
            expect(t, r, "other-voice rule skipped", "các", "các");
        respell_free(r);
        remove(path);
    }
}

/* respell parses words with the classifier's syllable grammar, so a word that
 * grammar rejects ("ka", "cép": k before a, c before e) is no syllable here
 * either and passes through untouched, while its well-spelled twins are
 * rewritten by the same syllable rows. */
static void test_one_grammar(tally *t)
{
    static const struct { const char *word; int syllable; } cases[] = {
        {"ka", 0}, {"cép", 0}, {"ngha", 0}, {"ké", 1}, {"ca", 1}, {"trừu", 1}, {"giết", 1},
    };
    char err[512];
    respell *r = respell_load(RULES, LX, "vi-vn-x-south", err, sizeof err);
    if (!r) {
        check(t, "one grammar: load", 0, err);
        return;
    }
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *w = cases[i].word;
        int syl = syllable_parse(LX, w, strlen(w), NULL);
        char what[64];
        snprintf(what, sizeof what, "one grammar: %s", w);
        check(t, what, syl == cases[i].syllable, "syllable_parse disagrees with the expectation");
        if (!syl)
            expect(t, r, what, w, w);   /* no syllable: copied as is */
    }
    /* the Northern voice rewrites final -c after é (béc -> béq); "céc" (c before e) is no
     * syllable of the grammar, so it is left alone, as the classifier would see it */
    respell *n = respell_load(RULES, LX, "vi", err, sizeof err);
    if (n) {
        expect(t, n, "one grammar: kéc rewritten", "kéc", "kéq");
        expect(t, n, "one grammar: céc not a syllable", "céc", "céc");
        expect(t, n, "one grammar: ghúc not split as a cluster", "ghúc", "ghúc");
    }
    respell_free(n);
    respell_free(r);
}

int main(void)
{
    tally t = {0, 0};
    char err[512];
    if (!(LX = lexicon_load("lexicon", NULL, err, sizeof err))) {
        printf("FAIL load lexicon: %s\n0 passed, 1 failed\n", err);
        return 1;
    }
    respell *r = respell_load(RULES, LX, "vi", err, sizeof err);
    if (!r) {
        printf("FAIL load %s: %s\n0 passed, 1 failed\n", RULES, err);
        return 1;
    }
    golden g = {&t, r, 0};
    const char *const cols[] = {"input", "expected"};
    if (tsv_load(GOLDEN, cols, 2, golden_row, &g, err, sizeof err))
        check(&t, "golden file", 0, err);
    char detail[64];
    snprintf(detail, sizeof detail, "only %d golden cases (want at least 60)", g.rows);
    check(&t, "golden size", g.rows >= 60, detail);
    test_edges(&t, r);
    respell_free(r);
    test_voices(&t);
    test_load(&t);
    test_one_grammar(&t);
    lexicon_free(LX);
    printf("%d passed, %d failed\n", t.passed, t.failed);
    return t.failed != 0;
}

/* fuzz_lexicon — the fuzz input as the user lexicon: lexicon_load over the
 * bundled tables (cut short, see make_small) with it as the user file, a
 * few lookups on what loaded, and lexicon_check on the same file. */
#include "fuzz_common.h"
#include "lexicon.h"

static char lexdir[1024];
static char smalldir[64];

static const char *const TABLES[] = {"abbreviations.tsv", "letters.tsv", "loanwords.tsv", "exonyms.tsv",
                                     "units.tsv",         "context.tsv", "rhymes.tsv",   "abbreviation-parts.tsv",
                                     "symbols.tsv",       "page-labels.tsv", "number-words.tsv", "say-words.tsv",
                                     "korean.tsv"};

static void remove_small(void)
{
    char path[128];
    for (size_t i = 0; i < sizeof TABLES / sizeof TABLES[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", smalldir, TABLES[i]);
        unlink(path);
    }
    rmdir(smalldir);
}

/* A copy of the bundled tables cut to their first 40 lines (comments,
 * header, some rows; context.tsv, number-words.tsv and say-words.tsv whole,
 * as each declared role and key must have a row): loading the whole lexicon per input would make the
 * harness ~10 times slower, and the user table is what is fuzzed.
 * $FUZZ_FULL_LEXICON keeps the whole tables. */
static void make_small(void)
{
    snprintf(smalldir, sizeof smalldir, "/tmp/docbao-fuzz-lex-XXXXXX");
    if (!mkdtemp(smalldir)) {
        perror("mkdtemp");
        abort();
    }
    atexit(remove_small);
    for (size_t i = 0; i < sizeof TABLES / sizeof TABLES[0]; i++) {
        char from[1200], to[128], line[4096];
        snprintf(from, sizeof from, "%s/%s", lexdir, TABLES[i]);
        snprintf(to, sizeof to, "%s/%s", smalldir, TABLES[i]);
        FILE *in = fopen(from, "r"), *out = fopen(to, "w");
        if (!in || !out) {
            perror(in ? to : from);
            abort();
        }
        int whole = !strcmp(TABLES[i], "context.tsv") || !strcmp(TABLES[i], "number-words.tsv") ||
                    !strcmp(TABLES[i], "say-words.tsv"); /* every declared role and key needs its row */
        for (int n = 0; (whole || n < 40) && fgets(line, sizeof line, in); n++)
            fputs(line, out);
        fclose(in);
        if (fclose(out)) {
            perror(to);
            abort();
        }
    }
    snprintf(lexdir, sizeof lexdir, "%s", smalldir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    snprintf(lexdir, sizeof lexdir, "%s/lexicon", fuzz_data_dir());
    if (!getenv("FUZZ_FULL_LEXICON"))
        make_small();
    char err[512];
    lexicon *lx = lexicon_load(lexdir, NULL, err, sizeof err);
    if (!lx) {
        fprintf(stderr, "fuzz_lexicon: cannot load %s: %s\n", lexdir, err);
        abort();
    }
    lexicon_free(lx);
    return 0;
}

static void report(void *user, const char *message)
{
    int *n = user;
    fuzz_touch(message, strlen(message));
    ++*n;
}

/* The first field of the first few rows, as lookup keys. */
static void lookups(const lexicon *lx, const uint8_t *data, size_t size)
{
    size_t i = 0;
    for (int row = 0; row < 8 && i < size; row++) {
        size_t j = i;
        while (j < size && data[j] != '\t' && data[j] != '\n')
            j++;
        const char *key = (const char *)data + i;
        size_t n = j - i;
        for (const abbr_entry *e = lexicon_abbr(lx, key, n); e; e = lexicon_abbr_at(lx, e->next)) {
            fuzz_touch(e->key, strlen(e->key));
            fuzz_touch(e->reading, strlen(e->reading));
            fuzz_touch(e->context, strlen(e->context));
            if (e->next < 0)
                break;
        }
        const char *s = lexicon_loanword(lx, key, n);
        if (s)
            fuzz_touch(s, strlen(s));
        const unit_entry *u = lexicon_unit(lx, key, n);
        if (u)
            fuzz_touch(u->reading, strlen(u->reading));
        s = lexicon_letter(lx, key, n, DIALECT_NORTH);
        if (s)
            fuzz_touch(s, strlen(s));
        (void)lexicon_word_has(lx, key, n, ROLE_ROMAN);
        (void)lexicon_rhyme(lx, key, n);
        while (j < size && data[j] != '\n')
            j++;
        i = j + 1;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_tmp_write(data, size, ".tsv");
    char err[512];
    err[0] = '\0';
    lexicon *lx = lexicon_load(lexdir, path, err, sizeof err);
    if (lx) {
        lookups(lx, data, size);
        lexicon_free(lx);
    } else if (!err[0]) {
        fprintf(stderr, "fuzz_lexicon: lexicon_load failed with no message\n");
        abort();
    }
    fuzz_touch(err, strlen(err));
    int n = 0;
    int problems = lexicon_check(path, report, &n);
    if (problems != n && problems != -1) {
        fprintf(stderr, "fuzz_lexicon: lexicon_check returned %d but reported %d problems\n", problems, n);
        abort();
    }
    return 0;
}

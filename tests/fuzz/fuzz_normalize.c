/* fuzz_normalize — arbitrary bytes through the normalizer: docbao_normalize
 * on the bytes in memory (Northern handle, explain on) and
 * docbao_normalize_file on the same bytes through fmemopen (Southern handle,
 * so both dialects are read). Only normalization: eSpeak-NG is never started.
 * Checks: every byte handed to a callback is readable, no NUL inside a
 * spoken string, and the status is a known one. */
#include "fuzz_common.h"
#include "docbao.h"

static docbao *north, *south;
static FILE *quiet;

static void on_exit_free(void)
{
    docbao_free(north);
    docbao_free(south);
    if (quiet)
        fclose(quiet);
}

static docbao *open_handle(const char *voice, int dialect)
{
    docbao_config cfg = {fuzz_data_dir(), voice, NULL, 0, dialect, -1, -1};
    docbao *db = docbao_new(&cfg);
    if (!db) {
        fprintf(stderr, "fuzz_normalize: docbao_new(%s) in %s: %s\n", voice, cfg.data_dir, docbao_last_error(NULL));
        abort();
    }
    return db;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    setenv("DOCBAO_STRICT", "1", 1); /* a span no rule can read fails the run: that is what we look for */
    north = open_handle("north", 0);
    south = open_handle("south", 1);
    if (!getenv("FUZZ_VERBOSE"))
        quiet = fopen("/dev/null", "w");
    atexit(on_exit_free);
    return 0;
}

static int on_sentence(void *user, const docbao_sentence *s)
{
    size_t *count = user;
    fuzz_touch(s->written, s->written_len);
    fuzz_touch(s->spoken, s->spoken_len);
    if (memchr(s->spoken, '\0', s->spoken_len)) {
        fprintf(stderr, "fuzz_normalize: NUL byte inside a spoken sentence\n");
        abort();
    }
    ++*count;
    return 0;
}

static void on_explain(void *user, const char *cls, size_t offset, const char *written, size_t wlen,
                       const char *words, size_t len)
{
    (void)user;
    (void)offset;
    fuzz_touch(cls, strlen(cls));
    fuzz_touch(written, wlen);
    fuzz_touch(words, len);
}

static void check_status(const char *what, int rc, int einput_ok)
{
    if (rc == DOCBAO_OK || (einput_ok && rc == DOCBAO_EINPUT))
        return;
    fprintf(stderr, "fuzz_normalize: %s returned %d (%s)\n", what, rc, docbao_strerror(rc));
    abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t count = 0;
    /* in memory, from a heap copy of exactly size bytes (no terminator) */
    char *text = malloc(size ? size : 1);
    if (!text)
        return 0;
    if (size)
        memcpy(text, data, size);
    docbao_set_explain(north, on_explain, NULL);
    check_status("docbao_normalize", docbao_normalize(north, text, size, on_sentence, &count), 0);

    /* streamed, as a file; the reader's warnings about invalid UTF-8 go to
     * /dev/null unless $FUZZ_VERBOSE is set (swapping the stdio stream only:
     * sanitizer reports write to fd 2 directly and still show) */
    if (size) {
        FILE *f = fmemopen(text, size, "rb");
        if (f) {
            FILE *saved = stderr;
            if (quiet)
                stderr = quiet;
            int rc = docbao_normalize_file(south, f, "<fuzz>", on_sentence, &count);
            stderr = saved;
            check_status("docbao_normalize_file", rc, 1);
            fclose(f);
        }
    }
    free(text);
    return 0;
}

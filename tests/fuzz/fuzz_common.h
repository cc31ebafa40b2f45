/* fuzz_common.h — shared helpers of the libFuzzer harnesses (tests/fuzz/).
 * The data folder (lexicon/, voices/) comes from $DOCBAO_DATA, else from
 * DOCBAO_DATADIR given at build time (tests/fuzz.sh passes the repo root). */
#ifndef DOCBAO_FUZZ_COMMON_H
#define DOCBAO_FUZZ_COMMON_H
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef DOCBAO_DATADIR
#define DOCBAO_DATADIR "."
#endif

static inline const char *fuzz_data_dir(void)
{
    const char *d = getenv("DOCBAO_DATA");
    return d && *d ? d : DOCBAO_DATADIR;
}

/* Touches every byte so AddressSanitizer sees a read past a buffer; the
 * volatile sink keeps the loop from being optimized away. */
static volatile unsigned fuzz_sink;
static inline void fuzz_touch(const char *p, size_t n)
{
    unsigned h = 0;
    for (size_t i = 0; i < n; i++)
        h = h * 31u + (unsigned char)p[i];
    fuzz_sink += h;
}

/* One temporary file per process, rewritten for each input and removed at exit. */
static char fuzz_tmp_path[64];
static inline void fuzz_tmp_remove(void)
{
    if (fuzz_tmp_path[0])
        unlink(fuzz_tmp_path);
}
static inline const char *fuzz_tmp_write(const uint8_t *data, size_t size, const char *suffix)
{
    if (!fuzz_tmp_path[0]) {
        snprintf(fuzz_tmp_path, sizeof fuzz_tmp_path, "/tmp/docbao-fuzz-XXXXXX%s", suffix);
        int fd = mkstemps(fuzz_tmp_path, (int)strlen(suffix));
        if (fd < 0) {
            perror("mkstemps");
            abort();
        }
        close(fd);
        atexit(fuzz_tmp_remove);
    }
    FILE *f = fopen(fuzz_tmp_path, "wb");
    if (!f) {
        perror(fuzz_tmp_path);
        abort();
    }
    if (size && fwrite(data, 1, size, f) != size) {
        perror(fuzz_tmp_path);
        abort();
    }
    if (fclose(f)) {
        perror(fuzz_tmp_path);
        abort();
    }
    return fuzz_tmp_path;
}

#endif

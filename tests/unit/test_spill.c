/* test_spill — what goes into a spill comes back, from memory and, past the
 * memory limit, from its file; reads outside what was written are refused. */
#include "check.h"
#include "spill.h"
#include <stdlib.h>

static short frame(unsigned long long k) { return (short)((k * 7919u) % 65536u - 32768); }

/* Writes total frames in chunks of 1, 2, 3, ... and reads them back in
 * windows of every size up to 97 at a stride of 41. */
static int round_trip(size_t mem_bytes, unsigned long long total, int *disk)
{
    spill *s = spill_new(mem_bytes);
    if (!s)
        return 0;
    short chunk[300], buf[97];
    int ok = 1;
    for (unsigned long long at = 0, step = 1; at < total; step = step % 299 + 1) {
        size_t n = total - at < step ? (size_t)(total - at) : (size_t)step;
        for (size_t i = 0; i < n; i++)
            chunk[i] = frame(at + i);
        ok &= spill_write(s, chunk, n) == 0;
        at += n;
    }
    ok &= spill_flush(s) == 0;
    for (unsigned long long at = 0; at < total; at += 41) {
        size_t n = (size_t)(at % 97) + 1;
        if (at + n > total)
            n = (size_t)(total - at);
        const short *x = spill_read(s, at, n, buf);
        ok &= x != NULL;
        for (size_t i = 0; x && i < n; i++)
            ok &= x[i] == frame(at + i);
    }
    ok &= spill_read(s, total - 1, 2, buf) == NULL; /* past the end */
    ok &= spill_read(s, total + 5, 1, buf) == NULL;
    *disk = spill_on_disk(s);
    spill_free(s);
    return ok;
}

int main(void)
{
    int disk;
    CHECK(round_trip(1 << 20, 100000, &disk), "in memory: every frame back");
    CHECK(!disk, "100,000 frames fit in 1 MB: no file");
    CHECK(round_trip(1000, 100000, &disk), "past 1000 bytes: every frame back from the file");
    CHECK(disk, "past the limit the spill is a file");
    CHECK(round_trip(0, 5000, &disk), "no memory at all: all in the file");
    CHECK(disk, "a zero limit goes to the file at once");

    spill *s = spill_new(1 << 16);
    short buf[4];
    CHECK(s && spill_write(s, buf, 0) == 0 && spill_read(s, 0, 0, buf) == buf, "nothing written, nothing read");
    CHECK(spill_read(s, 0, 1, buf) == NULL, "an empty spill has no frame 0");
    spill_free(s);
    spill_free(NULL);
    return check_done();
}

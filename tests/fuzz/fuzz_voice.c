/* fuzz_voice — the fuzz input as a voice profile file through voice_load.
 * Checks: a failure has a message, a success leaves every setting in its
 * documented range and the strings terminated. */
#include "fuzz_common.h"
#include "voice.h"

static void fail(const char *what)
{
    fprintf(stderr, "fuzz_voice: %s\n", what);
    abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_tmp_write(data, size, ".voice");
    voice_profile v;
    voice_defaults(&v);
    char err[512];
    err[0] = '\0';
    if (voice_load(path, &v, err, sizeof err)) {
        if (!err[0])
            fail("voice_load failed with no message");
        fuzz_touch(err, strlen(err));
        return 0;
    }
    if (!memchr(v.name, '\0', sizeof v.name) || !memchr(v.description, '\0', sizeof v.description) ||
        !memchr(v.espeak_voice, '\0', sizeof v.espeak_voice))
        fail("unterminated string in the profile");
    if (v.rate < 80 || v.rate > 450 || v.pitch < 0 || v.pitch > 100 || v.range < 0 || v.range > 100 ||
        v.volume < 0 || v.volume > 200 || v.pause_sentence_ms < 0 || v.pause_sentence_ms > 5000 ||
        v.pause_paragraph_ms < 0 || v.pause_paragraph_ms > 5000 || v.pause_headline_ms < 0 ||
        v.pause_headline_ms > 5000 || (v.dialect != DIALECT_NORTH && v.dialect != DIALECT_SOUTH))
        fail("a setting out of range after a successful load");
    return 0;
}

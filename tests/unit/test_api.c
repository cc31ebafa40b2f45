/* test_api — libdocbao as a caller sees it, through docbao.h alone: several
 * handles in one process (each speaks with its own voice, freeing one leaves
 * the others working, new/synthesize/free again does not hang), handles in
 * two threads at once, the defaults initializer, NULL handles. */
#include "check.h"
#include <docbao.h>
#include <pthread.h>
#include <stdlib.h>

static const char TEXT[] = "ủy ban nhân dân tỉnh họp phiên thường kỳ tháng tư";

static int count(void *user, const short *pcm, size_t frames)
{
    long *n = user;
    for (size_t i = 0; i < frames; i++)
        n[1] += pcm[i] != 0;
    n[0] += (long)frames;
    return 0;
}

/* frames of TEXT spoken by db (and, in n[1], how many are not silent) */
static long speak(docbao *db, long *voiced)
{
    long n[2] = {0, 0};
    if (docbao_synthesize(db, TEXT, strlen(TEXT), count, n) != DOCBAO_OK)
        return -1;
    if (voiced)
        *voiced = n[1];
    return n[0];
}

static docbao *handle(int rate, const char *voice)
{
    docbao_config cfg;
    docbao_config_defaults(&cfg);
    cfg.rate = rate;
    cfg.voice = voice;
    docbao *db = docbao_new(&cfg);
    if (!db)
        printf("docbao_new: %s\n", docbao_last_error(NULL));
    return db;
}

static int near(long a, long b) { return labs(a - b) * 50 <= b; } /* within 2% */

static void test_two_handles(void)
{
    docbao *slow = handle(120, "north");
    CHECK(slow != NULL, "a slow handle");
    long s1 = speak(slow, NULL);
    docbao *fast = handle(400, "south");
    CHECK(fast != NULL, "a fast handle with another voice");
    long f1 = speak(fast, NULL);
    long s2 = speak(slow, NULL);
    CHECK(s1 > 0 && f1 > 0 && f1 * 2 < s1, "the fast handle speaks faster");
    CHECK(near(s2, s1), "the slow handle keeps its own rate after the other spoke");
    docbao_free(fast);
    long s3 = speak(slow, NULL);
    CHECK(near(s3, s1), "freeing one handle leaves the other speaking");
    CHECK(docbao_sample_rate(slow) > 0, "... and its sample rate");
    docbao_free(slow);
    for (int round = 0; round < 2; round++) { /* new, speak, free twice: no hang */
        docbao *db = handle(0, NULL);
        CHECK(db && speak(db, NULL) > 0, "new, synthesize, free again");
        docbao_free(db);
    }
}

struct job {
    int rate;
    long frames[3];
};

static void *speak_thrice(void *arg)
{
    struct job *j = arg;
    docbao *db = handle(j->rate, "north");
    for (int k = 0; k < 3; k++)
        j->frames[k] = db ? speak(db, NULL) : -1;
    docbao_free(db);
    return NULL;
}

static void test_threads(void)
{
    struct job a = {130, {0}}, b = {380, {0}};
    pthread_t ta, tb;
    pthread_create(&ta, NULL, speak_thrice, &a);
    pthread_create(&tb, NULL, speak_thrice, &b);
    pthread_join(ta, NULL);
    pthread_join(tb, NULL);
    int ok = 1;
    for (int k = 0; k < 3; k++)
        ok &= a.frames[k] > 0 && b.frames[k] > 0 && near(a.frames[k], a.frames[0]) && near(b.frames[k], b.frames[0]);
    CHECK(ok && b.frames[0] * 2 < a.frames[0], "two threads, a handle each: each at its own rate, every time");
}

static void test_defaults(void)
{
    docbao_config cfg;
    docbao_config_defaults(&cfg);
    CHECK(cfg.pitch == -1 && cfg.volume == -1 && cfg.dialect == -1 && cfg.rate == 0, "defaults: the voice's settings");
    docbao *db = docbao_new(&cfg);
    long voiced = 0;
    CHECK(db && speak(db, &voiced) > 0 && voiced > 1000, "a handle from the defaults is not silent");
    docbao_free(db);
    CHECK(docbao_data_dir(NULL) == NULL, "docbao_data_dir(NULL) is NULL");
    docbao_free(NULL);
}

int main(void)
{
    setenv("DOCBAO_DATA", DOCBAO_DATADIR, 0);
    test_defaults();
    test_two_handles();
    test_threads();
    return check_done();
}

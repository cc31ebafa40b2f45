/* tones_process — the process's own table of tones.h: words.tsv and its
 * companions of the lexicon folder given to tones_use_dir, loaded once, on
 * the first toneless string (pthread_once), and the tones_* functions that
 * use it. */
#include "tones.h"
#include <pthread.h>
#include <stdio.h>

static char g_dir[4096] = "lexicon";
static tones_table *g_table;
static pthread_once_t g_once = PTHREAD_ONCE_INIT;

void tones_use_dir(const char *lexicon_dir)
{
    if (lexicon_dir)
        snprintf(g_dir, sizeof g_dir, "%s", lexicon_dir);
}

static void load_once(void)
{
    char err[512];
    g_table = tones_table_load(g_dir, err, sizeof err);
}

/* the table, loaded by the first caller (NULL when it could not be) */
static const tones_table *table(void)
{
    pthread_once(&g_once, load_once);
    return g_table;
}

int tones_restore(const char *s, size_t n, strbuf *out)
{
    return tones_restore_with(table(), s, n, out);
}

int tones_syllable(const char *s, size_t n)
{
    return tones_syllable_with(table(), s, n);
}

int tones_english(const char *s, size_t n)
{
    return tones_english_with(table(), s, n);
}

int tones_toneless_run(const char *s, size_t n)
{
    for (size_t k = 0; k < n; k++) /* a first capital too: #Songxanh */
        if ((k ? s[k] : s[k] | 0x20) < 'a' || (k ? s[k] : s[k] | 0x20) > 'z')
            return 0;
    return n >= 6;
}

int tones_last_resort(const char *s, size_t n, strbuf *out)
{
    return tones_last_resort_with(table(), s, n, out);
}

int tones_one_syllable(const char *s, size_t n, strbuf *out)
{
    return tones_one_syllable_with(table(), s, n, out);
}

int tones_guess(const char *s, size_t n, strbuf *out)
{
    return tones_guess_with(table(), s, n, out);
}

unsigned tones_count(const char *s, size_t n)
{
    return tones_count_with(table(), s, n);
}

int tones_name(const char *s, size_t n, strbuf *out)
{
    return tones_name_with(table(), s, n, out);
}

int tones_word(const char *s, size_t n)
{
    return tones_word_with(table(), s, n);
}

/* camel — see camel.h: ONhaLamDep → "ở nhà làm đẹp". */
#include "camel.h"
#include "tones.h"

static int is_upper(char ch) { return ch >= 'A' && ch <= 'Z'; }
static int is_lower(char ch) { return ch >= 'a' && ch <= 'z'; }

/* the end of the piece starting at i: its first letter and the lower-case
 * letters after it */
static size_t piece_end(const char *s, size_t n, size_t i)
{
    size_t j = i + 1;
    while (j < n && is_lower(s[j]))
        j++;
    return j;
}

long camel_restore(const char *s, size_t n, strbuf *out)
{
    /* the pieces after the first begin with a capital: piece_end stops at one */
    size_t end = 0, pieces = 0;
    while (end < n && (is_upper(s[end]) || is_lower(s[end]))) {
        size_t j = piece_end(s, n, end);
        if (!tones_syllable(s + end, j - end) && !tones_word(s + end, j - end))
            break; /* a piece is a syllable, or a word of a few (ThanhnienThudo) */
        pieces++;
        end = j;
    }
    /* two syllables at least: a lower-case word alone (hanoi) is the word
     * reader's; tones_guess leaves out unchanged when it refuses (and refuses
     * more than TONES_MAX_LETTERS) */
    if (pieces < 2)
        return 0;
    int rc = tones_guess(s, end, out);
    return rc < 0 ? -1 : rc ? 0 : (long)end;
}

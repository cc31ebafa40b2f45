/* compose — a title abbreviation split into the parts of a table by the
 * fewest parts (a shortest path over the byte positions). */
#include "compose.h"
#include <string.h>

enum { COMPOSE_MAX = 48, PART_MAX = 8 };

/* best[i]: the fewest parts that cover s[0..i), from[i] where the last
 * began, body[i] whether any part of that cover is a body. */
typedef struct cover {
    unsigned char best[COMPOSE_MAX + 1], from[COMPOSE_MAX + 1], body[COMPOSE_MAX + 1];
} cover;

static void split(const lexicon *lx, const char *s, size_t n, cover *c)
{
    memset(c->best, 0xFF, sizeof c->best);
    c->best[0] = 0;
    c->body[0] = 0;
    for (size_t i = 0; i < n; i++) {
        if (c->best[i] == 0xFF)
            continue;
        for (size_t len = 2; len <= PART_MAX && i + len <= n; len++) {
            int body;
            if (!lexicon_abbr_part(lx, s + i, len, &body))
                continue;
            unsigned char parts = (unsigned char)(c->best[i] + 1);
            if (parts < c->best[i + len] || (parts == c->best[i + len] && body && !c->body[i + len])) {
                c->best[i + len] = parts;
                c->from[i + len] = (unsigned char)i;
                c->body[i + len] = (unsigned char)(c->body[i] || body);
            }
        }
    }
}

static int say(const lexicon *lx, const char *s, const cover *c, size_t end, strbuf *out)
{
    if (!end)
        return 0;
    size_t at = c->from[end];
    int body;
    const char *reading = lexicon_abbr_part(lx, s + at, end - at, &body);
    return say(lx, s, c, at, out) || strbuf_word(out, reading);
}

int compose_abbr(const lexicon *lx, const char *s, size_t n, strbuf *out)
{
    if (n < 4 || n > COMPOSE_MAX)
        return 0;
    cover c;
    split(lx, s, n, &c);
    if (c.best[n] == 0xFF || c.best[n] < 2 || !c.body[n])
        return 0;
    if (out && say(lx, s, &c, n, out))
        return -1;
    return 1;
}

/* voice — parses voice profile files. */
#include "voice.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <stddef.h>
#include <string.h>

void voice_defaults(voice_profile *v)
{
    memset(v, 0, sizeof *v);
    snprintf(v->name, sizeof v->name, "north");
    snprintf(v->espeak_voice, sizeof v->espeak_voice, "vi");
    v->rate = 165;
    v->pitch = 50;
    v->range = 50;
    v->volume = 100;
    v->pause_sentence_ms = 250;
    v->pause_paragraph_ms = 600;
    v->pause_headline_ms = 900;
    v->dialect = DIALECT_NORTH;
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    char *e = s + strlen(s);
    while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' || e[-1] == '\r'))
        *--e = '\0';
    return s;
}

static int int_in(const char *s, int lo, int hi, int *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi)
        return -1;
    *out = (int)v;
    return 0;
}

int voice_load(const char *path, voice_profile *v, char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    static const struct { const char *key; int lo, hi; size_t off; } INTS[] = {
        {"rate", 80, 450, offsetof(voice_profile, rate)},
        {"pitch", 0, 100, offsetof(voice_profile, pitch)},
        {"range", 0, 100, offsetof(voice_profile, range)},
        {"volume", 0, 200, offsetof(voice_profile, volume)},
        {"pause_sentence", 0, 5000, offsetof(voice_profile, pause_sentence_ms)},
        {"pause_paragraph", 0, 5000, offsetof(voice_profile, pause_paragraph_ms)},
        {"pause_headline", 0, 5000, offsetof(voice_profile, pause_headline_ms)},
    };
    char line[512];
    int lineno = 0, rc = 0;
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    snprintf(v->name, sizeof v->name, "%.*s", (int)strcspn(base, "."), base);
    while (!rc && fgets(line, sizeof line, f)) {
        lineno++;
        char *s = trim(lineno == 1 && !strncmp(line, "\xEF\xBB\xBF", 3) ? line + 3 : line);
        if (!*s || *s == '#')
            continue;
        char *eq = strchr(s, '=');
        if (!eq) {
            snprintf(err, errlen, "%s:%d: expected 'key = value'", path, lineno);
            rc = -1;
            break;
        }
        *eq = '\0';
        char *key = trim(s), *val = trim(eq + 1);
        size_t k;
        for (k = 0; k < sizeof INTS / sizeof INTS[0]; k++)
            if (!strcmp(key, INTS[k].key))
                break;
        if (k < sizeof INTS / sizeof INTS[0]) {
            if (int_in(val, INTS[k].lo, INTS[k].hi, (int *)((char *)v + INTS[k].off))) {
                snprintf(err, errlen, "%s:%d: %s must be a whole number from %d to %d", path, lineno,
                         key, INTS[k].lo, INTS[k].hi);
                rc = -1;
            }
        } else if (!strcmp(key, "espeak_voice")) {
            snprintf(v->espeak_voice, sizeof v->espeak_voice, "%s", val);
        } else if (!strcmp(key, "description")) {
            snprintf(v->description, sizeof v->description, "%s", val);
        } else if (!strcmp(key, "dialect")) {
            if (!strcmp(val, "north"))
                v->dialect = DIALECT_NORTH;
            else if (!strcmp(val, "south"))
                v->dialect = DIALECT_SOUTH;
            else {
                snprintf(err, errlen, "%s:%d: dialect must be north or south", path, lineno);
                rc = -1;
            }
        } else {
            snprintf(err, errlen, "%s:%d: unknown setting '%s'", path, lineno, key);
            rc = -1;
        }
    }
    fclose(f);
    return rc;
}

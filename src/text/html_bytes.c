/* html_bytes — see html_bytes.h; html_sniff (html.h) lives here too. */
#include "html.h"
#include "html_bytes.h"
#include "utf8.h"
#include <stdint.h>
#include <string.h>
#include <strings.h>

static int is_space(const unsigned char *s) { return *s == ' ' || (*s >= '\t' && *s <= '\r'); }
static int is_alnum(char ch) { return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9'); }

const char *html_charset(const char *s, size_t len, char *buf, size_t cap)
{
    if (len >= 2 && ((s[0] == '\xFF' && s[1] == '\xFE') || (s[0] == '\xFE' && s[1] == '\xFF'))) return NULL;
    size_t n = len < 4096 ? len : 4096, l = 0;
    for (size_t i = 0; i + 8 < n; i++) {
        if (strncasecmp(s + i, "charset", 7)) continue;
        size_t j = i + 7;
        while (j < n && strchr(" =\"'", s[j]) && s[j])
            j++;
        while (j < n && l + 1 < cap && s[j] && (strchr("-_.:", s[j]) || is_alnum((char)(s[j] | 32))))
            buf[l++] = s[j++];
        buf[l] = '\0';
        return l && strcasecmp(buf, "utf-8") && strcasecmp(buf, "utf8") ? buf : "UTF-8";
    }
    return "UTF-8";
}

int html_clean_utf8(const char *s, size_t len, strbuf *b)
{
    if (len >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3)) s += 3, len -= 3;
    for (size_t i = 0, k; i < len; i += k) {
        int32_t cp;
        k = utf8_next(s + i, len - i, &cp);
        if (strbuf_append(b, cp < 0 ? "\xEF\xBF\xBD" : cp ? s + i : " ", cp < 0 ? 3 : cp ? k : 1)) return -1;
    }
    return strbuf_putc(b, '\n'); /* never empty */
}

int html_sniff(const char *buf, size_t len)
{
    static const char *const tags[] = {"<!doctype html", "<html", "<head", "<body", "<p>", "<p ", "<div",
                                       "<article", "<table", "<meta", "<title", NULL};
    size_t i = 0, n = buf ? (len < 1024 ? len : 1024) : 0;
    if (n >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3)) i = 3;
    while (i < n && is_space((const unsigned char *)buf + i))
        i++;
    if (i >= n || buf[i] != '<') return 0;
    if (n - i >= 4 && !memcmp(buf + i, "<!--", 4)) return 1;
    for (size_t j = i; j < n; j++)
        for (int t = 0; tags[t]; t++)
            if (j + strlen(tags[t]) <= n && !strncasecmp(buf + j, tags[t], strlen(tags[t]))) return 1;
    return 0;
}

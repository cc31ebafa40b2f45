/* example — the README's library example: normalize a line with libdocbao. */
#include <docbao.h>
#include <stdio.h>
#include <string.h>

static int print(void *user, const docbao_sentence *s)
{
    (void)user;
    if (s->spoken_len)
        printf("%.*s\n", (int)s->spoken_len, s->spoken);
    return 0;
}

int main(void)
{
    docbao *db = docbao_new(NULL); /* defaults: the Northern voice */
    if (!db) {
        fprintf(stderr, "%s\n", docbao_last_error(NULL));
        return 1;
    }
    const char *text = "Đại hội XIII diễn ra từ 25/1 đến 1/2/2021.";
    int rc = docbao_normalize(db, text, strlen(text), print, NULL);
    docbao_free(db);
    return rc;
}

/* replace — a file written whole or not at all: it is written under a
 * temporary name beside its place, then put in that place in one step, so
 * that a reader (or a crash) never meets a half-written file. */
#ifndef DOCBAO_REPLACE_H
#define DOCBAO_REPLACE_H

/* Creates "<path>.tmp-XXXXXX" with the mode a new file gets (0666 less the
 * umask: mkstemp alone would give 0600, which other users of a shared
 * folder cannot read). Returns its descriptor and its name in *tmp (to
 * free), or -1 with errno set. */
int replace_open(const char *path, char **tmp);

/* Puts the finished file tmp in the place of path. 0, or -1 with errno. */
int replace_commit(const char *tmp, const char *path);

#endif

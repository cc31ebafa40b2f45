/* replace — temporary file, then an atomic swap into place. */
#define _GNU_SOURCE /* renameat2 */
#include "replace.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The umask, read without changing it (umask() sets it, a race with any
 * thread creating a file meanwhile); 022 where /proc does not say. */
static mode_t current_umask(void)
{
    unsigned m = 022;
    char line[128];
    FILE *f = fopen("/proc/self/status", "r");
    while (f && fgets(line, sizeof line, f))
        if (sscanf(line, "Umask: %o", &m) == 1)
            break;
    if (f)
        fclose(f);
    return (mode_t)m;
}

int replace_open(const char *path, char **tmp)
{
    size_t n = strlen(path) + 16;
    if (!(*tmp = malloc(n))) {
        errno = ENOMEM;
        return -1;
    }
    snprintf(*tmp, n, "%s.tmp-XXXXXX", path);
    int fd = mkstemp(*tmp);
    if (fd < 0 || fchmod(fd, 0666 & ~current_umask())) {
        int e = errno;
        if (fd >= 0) {
            close(fd);
            unlink(*tmp);
        }
        free(*tmp);
        *tmp = NULL;
        errno = e;
        return -1;
    }
    return fd;
}

/* When an old regular file is there, the two are swapped and the old one
 * removed, rather than renamed over: ext4 flushes a file renamed over
 * another before the rename returns, which costs more than the rest of
 * writing a long WAV (38 ms for 19 MB here), and a batch replaces many. */
int replace_commit(const char *tmp, const char *path)
{
#ifdef RENAME_EXCHANGE
    struct stat st;
    if (!lstat(path, &st) && S_ISREG(st.st_mode) && !renameat2(AT_FDCWD, tmp, AT_FDCWD, path, RENAME_EXCHANGE)) {
        if (!unlink(tmp)) /* the old file, under the temporary name now */
            return 0;
        /* it could not go (or was no file by then): both back as they were */
        int e = errno;
        renameat2(AT_FDCWD, tmp, AT_FDCWD, path, RENAME_EXCHANGE);
        errno = e;
        return -1;
    }
#endif
    return rename(tmp, path);
}

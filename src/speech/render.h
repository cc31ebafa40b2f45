/* render — what the parts of docbao_render (render.c, input.c) need from the
 * handle in docbao.c. Internal: the public calls are in docbao.h. */
#ifndef DOCBAO_RENDER_H
#define DOCBAO_RENDER_H
#include "docbao.h"

/* Sets docbao_last_error(db) (printf format; "%s", "" clears it). */
void api_set_error(docbao *db, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif

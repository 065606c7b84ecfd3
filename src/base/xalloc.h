/*
 * xalloc.h: allocation that cannot fail quietly.
 *
 * dyad has no way to code a document without memory, so running out is fatal:
 * these print one line and abort rather than return NULL.  Used by the offline
 * paths (compiler, trainer, readers' line buffers); the per-token path uses the
 * arena, which calls them only to add blocks.
 */
#ifndef DYAD_XALLOC_H
#define DYAD_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
/* Owned copies of a string, and of its first n bytes. */
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

#endif

/*
 * import_out.h: what import_out.c lends the other import modules (private to
 * src/knowledge/import_*.c; the public surface is import.h).
 *
 * Small helpers the modules share (owned string lists, opening a foreign file
 * with the one message, creating a folder), named import_*, and the two
 * hooks TABARI's .verbs reader needs beyond import.h's.  Invariants: as in
 * import_out.c; nothing here keeps state of its own.
 */
#ifndef DYAD_IMPORT_OUT_H
#define DYAD_IMPORT_OUT_H

#include <stddef.h>
#include <stdio.h>

#include "import.h"

/* A growable list of owned strings. */
typedef struct ImportList {
    char **v;   /* items */
    size_t n;   /* used */
    size_t cap; /* allocated */
} ImportList;

void import_list_push(ImportList *l, char *s);
void import_list_free(ImportList *l);
/* qsort comparison of two char pointers by strcmp. */
int import_cmp_str(const void *a, const void *b);

/* fopen for reading; on failure "PATH: cannot open: REASON" on errors (may be
 * NULL) and NULL.  Every foreign file is opened this way so the message is one. */
FILE *import_open(const char *path, FILE *errors);
/* mkdir -p: 0, or -1 with errno set. */
int import_mkdir_p(const char *dir);

/* Open a foreign dictionary; one that cannot be opened is reported and counted
 * as a bad line, and the import goes on without it. */
FILE *iout_fopen(ImportOut *o, const char *path);
/* A phrase whose sentences are discarded (TABARI's <TIME> [###]/[+++] lines):
 * expanded like an agent phrase and added to the discards. */
void iout_discard_phrase(ImportOut *o, const char *raw);
/* Replace the irregular forms of the last head added ("{BROKE_ BROKEN_}" on the
 * line after it); nothing when there is no head yet. */
void iout_head_forms(ImportOut *o, const char *forms);

#endif

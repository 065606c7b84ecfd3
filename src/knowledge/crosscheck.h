/*
 * crosscheck.h: `dyad kb crosscheck`, our people's dated roles against another
 * dictionary's (see crosscheck.c for what counts as agreement).
 */
#ifndef DYAD_CROSSCHECK_H
#define DYAD_CROSSCHECK_H

#include <stdio.h>

#include "kb.h"

typedef struct CrossStats {
    int people_shared;  /* people both know by the same full name */
    int roles_shared;   /* dated offices both cover */
    int uncovered;      /* reference offices in years where we record no office */
    int roles_agree;    /* of which agree */
    int disagreements;  /* of which disagree */
    int explained;      /* disagreements our entry comments on ("crosscheck: ...") */
    int list_uncovered; /* in: also list the reference offices we record nothing for */
} CrossStats;

/* Compare against each reference file; every disagreement is written to out as
 * "file:line: person-id: reference ..., ours ...: why".  Returns 0, or -1 when a
 * reference file cannot be read. */
int kb_crosscheck(const Kb *kb, const char *people_dir, const char *const *refs, int n_refs, FILE *out,
                  CrossStats *st);

#endif

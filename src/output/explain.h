/*
 * explain.h: `dyad explain`, the coder's reasoning laid out for a person.
 */
#ifndef DYAD_EXPLAIN_H
#define DYAD_EXPLAIN_H

#include <stdio.h>

#include "dyad.h"

/* Code text as one document, printing every stage of every sentence to out.
 * Returns 0, or -1 when the text is not valid UTF-8 (message on out). */
int explain_text(const DyadCoder *coder, DyadWorker *worker, const char *text, const char *date,
                 FILE *out);

#endif

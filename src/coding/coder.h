/*
 * coder.h: the coder's internal surface, for the command line and `explain`.
 * The public API is include/dyad.h; this adds what a front end of this project
 * needs beyond it: coding a TxtDoc as the readers produce it, and the stages one
 * by one so that `dyad explain` can show each.
 */
#ifndef DYAD_CODER_H
#define DYAD_CODER_H

#include <stdio.h>

#include "dyad.h"

#include "../text/text.h"
#include "analysis.h"

/* What event assembly needs to know about the document. */
typedef struct DocCtx {
    const Kb *kb;          /* knowledge base */
    const TxtNorm *norm;   /* normalized text and its map */
    const char *raw;       /* original bytes */
    const char *doc_id;    /* document id */
    const char *date;      /* document date */
    int sentence_index;    /* sentence being coded */
    DyadEmit emit;         /* callback */
    void *ctx;             /* its context */
} DocCtx;

const Kb *coder_kb(const DyadCoder *c);
Arena *worker_arena(DyadWorker *w);
/* Documents this worker found to be sport, entertainment or markets, and dropped. */
long worker_discarded(const DyadWorker *w);

/* Code a document as read; the caller resets the worker's arena between documents.
 * Returns sentences coded, or -1 with err set (invalid UTF-8, NUL byte). */
long coder_code_doc(DyadWorker *w, const TxtDoc *doc, DyadEmit emit, void *ctx, char *err,
                    size_t errlen);

void coder_memory_init(DocMemory *mem, const char *date);
void coder_prepare(const DyadCoder *c, Sentence *s, const char *text, TxtSpan span, Arena *a);
void coder_analyze(const DyadCoder *c, Sentence *s, DocMemory *mem, Arena *a, FILE *trace);
/* Emit the events of an analyzed sentence; returns how many, -1 when emit stopped. */
int coder_emit_events(const DocCtx *d, const Sentence *s);

#endif

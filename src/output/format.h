/*
 * format.h: events as text, JSON Lines or TSV (docs/output.md has the fields).
 * Each function appends exactly one line, newline included, to a Buf, so a
 * writer can emit it with one fwrite and a reader of a pipe never sees half.
 */
#ifndef DYAD_FORMAT_H
#define DYAD_FORMAT_H

#include "dyad.h"

#include "../base/buf.h"

void format_json(Buf *b, const DyadEvent *ev);
void format_tsv(Buf *b, const DyadEvent *ev);

#endif

/*
 * tagger.h: an averaged-perceptron part-of-speech tagger and its trainer.
 *
 * The trainer (tagger_train) and the tagger (tagger_tag) share one model format:
 * a flat little-endian image with a versioned header and a checksum, mapped
 * read-only with mmap, so one loaded Tagger is shared by every thread.  Tagging
 * allocates nothing: features are hashed into an open-addressing table of
 * weights stored in the image.
 */
#ifndef DYAD_TAGGER_H
#define DYAD_TAGGER_H

#include <stddef.h>
#include <stdint.h>

#include "../text/text.h"
#include "tagset.h"

typedef struct Tagger Tagger;

/* Map a model file.  Returns NULL and writes a message naming the file into err
 * when it is missing, truncated, of another version, or fails its checksum. */
Tagger *tagger_load(const char *path, char *err, size_t errlen);
void tagger_free(Tagger *t);

/* Tag the n tokens of one sentence of `text`; tags_out has room for n. */
void tagger_tag(const Tagger *t, const char *text, const TxtToken *toks, size_t n,
                uint8_t *tags_out);

#endif

/*
 * paths.h: where the command finds its data.  $DYAD_DATA if set, else the
 * data/ folder beside the executable, else ./data.
 */
#ifndef DYAD_PATHS_H
#define DYAD_PATHS_H

#include <stddef.h>

/* Write the path of a file under the data folder ("kb.img", "model/tagger.bin"). */
void data_path(const char *name, char *out, size_t cap);

struct Kb;
/* For the default image: refuse it, with a message on stderr, when the text
 * files under data/kb/ changed since it was compiled.  Returns 0 when fresh. */
int data_kb_fresh(const struct Kb *kb);

#endif

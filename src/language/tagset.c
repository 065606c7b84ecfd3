/*
 * tagset.c: names of the Penn Treebank tags declared in tagset.h.
 *
 * The table is generated from the TAGSET X-macro, so names and enum values
 * cannot drift apart; index i of the table is the name of tag i.
 */
#include "tagset.h"

#include <string.h>

static const char *const tag_names[TAG_COUNT] = {
#define X(id, name) name,
    TAGSET(X)
#undef X
};

const char *tag_name(uint8_t tag)
{
    return tag < TAG_COUNT ? tag_names[tag] : "NONE";
}

uint8_t tag_from_name(const char *name)
{
    if (!name)
        return TAG_NONE;
    /* A linear scan of 46 short strings: called when reading files, never
     * per token, so a table would buy nothing. */
    for (uint8_t t = 1; t < TAG_COUNT; t++)
        if (strcmp(tag_names[t], name) == 0)
            return t;
    return TAG_NONE;
}

/*
 * fuzz_parse_words.c: libFuzzer target for the reader of a Penn Treebank parse's
 * words (foreign_parse_words in src/knowledge/foreign.c), which `dyad validate`
 * uses on PETRARCH's records.
 *
 * The input is a parse, not NUL-terminated.  Reading it must not crash or read
 * past it; the words written back never outgrow the parse (each leaf
 * "(TAG word)" is longer than the word and the space before it), and the result
 * is NULL or a string no longer than the parse.
 */
#include "knowledge/foreign.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 65536)
        return 0;
    /* an exact-size copy, so ASan sees any read past the end */
    char *parse = malloc(size ? size : 1);
    if (!parse)
        return 0;
    memcpy(parse, data, size);
    char *words = foreign_parse_words(parse, size);
    if (words && strlen(words) > size)
        __builtin_trap();
    free(words);
    free(parse);
    return 0;
}

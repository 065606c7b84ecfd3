/*
 * fuzz_tabari_options.c: libFuzzer target for TABARI's option lines
 * (src/knowledge/tabari_options.c).
 *
 * The input, cut at its first NUL, is one option line.  Applying it must not
 * crash or read past it; a line reported as not an option must leave the
 * options unchanged; the default and target codes must stay terminated within
 * their fields.
 */
#include "knowledge/tabari_options.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 4096)
        return 0;
    char *line = malloc(size + 1);
    if (!line)
        return 0;
    memcpy(line, data, size);
    line[size] = '\0';
    DyadTabariOptions o, before;
    dyad_tabari_defaults(&o);
    before = o;
    if (!tabari_option_line(&o, line) && memcmp(&o, &before, sizeof o) != 0)
        __builtin_trap();
    if (memchr(o.default_source, '\0', sizeof o.default_source) == NULL ||
        memchr(o.default_target, '\0', sizeof o.default_target) == NULL)
        __builtin_trap();
    /* a second line on top of the first */
    before = o;
    if (!tabari_option_line(&o, line + size / 2) && memcmp(&o, &before, sizeof o) != 0)
        __builtin_trap();
    free(line);
    return 0;
}

/*
 * testfiles.h: small files for tests that write their own inputs (the importer
 * tests write tiny dictionaries), under a folder made with mkdtemp.  Include
 * once per test binary, after check.h; the folder is the binary's `dir`.
 */
#ifndef DYAD_TESTFILES_H
#define DYAD_TESTFILES_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char dir[64]; /* the test's scratch folder, filled by mkdtemp in main */

/* Write text to dir/name, replacing it. */
__attribute__((unused)) static void write_file(const char *name, const char *text)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    if (!f)
        return;
    fputs(text, f);
    fclose(f);
}

/* The whole file (up to 64 KiB), owned by the caller; "" when it cannot be read. */
__attribute__((unused)) static char *slurp(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return strdup("");
    static char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    return strdup(buf);
}

/* 1 when needle is in hay; else says which line is missing, for the failure. */
__attribute__((unused)) static int contains(const char *hay, const char *needle)
{
    if (strstr(hay, needle))
        return 1;
    fprintf(stderr, "  missing \"%s\"\n", needle);
    return 0;
}

#endif

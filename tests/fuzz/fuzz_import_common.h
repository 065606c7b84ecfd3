/*
 * fuzz_import_common.h: the body shared by the importer fuzz targets
 * (fuzz_import_tabari.c, fuzz_import_petrarch.c).
 *
 * Both targets split the input at lines "%%" into a verbs, an actors and an
 * agents file (for PETRARCH, also read as an issue file), write them to a private directory made once under /tmp, run one
 * importer, compile its translation with the real codebook (data/cameo/codebook.tsv
 * and data/kb/sets.txt: run from the repository root) and load the image.  Only
 * the dialect, the file names and the importer differ, so each target passes
 * those in; the invariants (no crash, leak or hang; the translation always
 * compiles; the image loads) are the same and are checked here, once.
 *
 * Included by exactly one translation unit per fuzz binary: the state below is
 * static and belongs to that target.
 */
#ifndef DYAD_FUZZ_IMPORT_COMMON_H
#define DYAD_FUZZ_IMPORT_COMMON_H

#include "knowledge/import.h"
#include "knowledge/kb.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* kb_import_tabari or kb_import_petrarch. */
typedef int (*FuzzImporter)(const ImportSources *src, const char *out_dir, FILE *errors,
                            ImportStats *st);

static char dir[64];
static const char *fuzz_name; /* the target's name, for messages */
static FILE *devnull;

static void cleanup(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "%s: could not remove %s\n", fuzz_name, dir);
}

/* Make the private directory from dir_template ("/tmp/...-XXXXXX", it must fit
 * in dir) and open /dev/null for the importer's warnings.  Aborts on failure:
 * nothing can be fuzzed without them. */
static void fuzz_import_init(const char *name, const char *dir_template)
{
    fuzz_name = name;
    if (access("data/cameo/codebook.tsv", R_OK) != 0) {
        fprintf(stderr, "%s: run from the repository root\n", name);
        abort();
    }
    strcpy(dir, dir_template);
    if (!mkdtemp(dir)) {
        fprintf(stderr, "%s: mkdtemp: ", name);
        perror(NULL);
        abort();
    }
    devnull = fopen("/dev/null", "w");
    if (!devnull)
        abort();
    atexit(cleanup);
}

static void write_part(const char *name, const uint8_t *p, size_t n, char *path, size_t cap)
{
    snprintf(path, cap, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f || (n && fwrite(p, 1, n, f) != n) || fclose(f) != 0)
        abort();
}

/* One input: names are the verbs, actors and agents file names (their suffixes
 * tell the importer's classifier nothing here: the kinds are given). */
static int fuzz_import_one(const uint8_t *data, size_t size, int dialect,
                           const char *const names[3], FuzzImporter import)
{
    /* split at "\n%%\n" into up to three parts */
    const uint8_t *part[3] = {data, NULL, NULL};
    size_t len[3] = {size, 0, 0};
    int k = 0;
    for (size_t i = 0; i + 3 < size && k < 2; i++)
        if (data[i] == '\n' && data[i + 1] == '%' && data[i + 2] == '%' && data[i + 3] == '\n') {
            len[k] = (size_t)(data + i - part[k]);
            part[k + 1] = data + i + 4;
            len[k + 1] = size - (i + 4);
            k++;
            i += 3;
        }
    static const int kinds[3] = {IMPORT_VERBS, IMPORT_ACTORS, IMPORT_AGENTS};
    ImportSources src;
    import_sources_init(&src, dialect);
    src.codebook = strdup("data/cameo/codebook.tsv");
    src.grammar = strdup("data/kb/sets.txt");
    src.no_wordnet = 1;
    for (int i = 0; i < 3; i++) {
        char path[128];
        write_part(names[i], part[i] ? part[i] : data, part[i] ? len[i] : 0, path, sizeof path);
        import_sources_add_as(&src, kinds[i], path);
        /* PETRARCH: the third part is read as an issue file too */
        if (dialect == IMPORT_PETRARCH && kinds[i] == IMPORT_AGENTS)
            import_sources_add_as(&src, IMPORT_ISSUES, path);
    }
    import_sources_add_as(&src, IMPORT_LEXICON, src.files[IMPORT_VERBS][0]);
    char out[128], codebook[160], img[160];
    snprintf(out, sizeof out, "%s/out", dir);
    ImportStats st;
    if (import(&src, out, devnull, &st) != 0)
        __builtin_trap(); /* the folder is writable and a verbs file was given */
    snprintf(codebook, sizeof codebook, "%s/codebook.tsv", out);
    snprintf(img, sizeof img, "%s/kb.img", out);
    KbStats ks;
    if (kb_compile(out, codebook, img, stderr, &ks) != 0)
        __builtin_trap(); /* the translation must always compile */
    char err[256];
    Kb *kb = kb_load(img, err, sizeof err);
    if (!kb)
        __builtin_trap();
    kb_free(kb);
    unlink(img);
    import_sources_free(&src);
    return 0;
}

#endif

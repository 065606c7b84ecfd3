/*
 * fuzz_import_tabari.c: libFuzzer target for the tabari importer (src/knowledge/import.h).
 *
 * The input is split at lines "%%" into a verbs, an actors and an agents file in
 * tabari's syntax, written to a private directory made once under /tmp; the
 * importer translates them into our format and kb_compile() compiles the result
 * with the real codebook (data/cameo/codebook.tsv and data/kb/sets.txt: run from
 * the repository root).  Invariants checked: no crash, leak or hang on any input,
 * and the translation always compiles without errors (the importer warns and
 * skips what it cannot express; it must never write a line the compiler
 * rejects), and the image it writes loads.
 */
#include "knowledge/import.h"
#include "knowledge/kb.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[64];
static FILE *devnull;

static void cleanup(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "fuzz_import_tabari: could not remove %s\n", dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    if (access("data/cameo/codebook.tsv", R_OK) != 0) {
        fprintf(stderr, "fuzz_import_tabari: run from the repository root\n");
        abort();
    }
    strcpy(dir, "/tmp/dyad-fuzz-import-tabari-XXXXXX");
    if (!mkdtemp(dir)) {
        perror("fuzz_import_tabari: mkdtemp");
        abort();
    }
    devnull = fopen("/dev/null", "w");
    if (!devnull)
        abort();
    atexit(cleanup);
    return 0;
}

static void write_part(const char *name, const uint8_t *p, size_t n, char *path, size_t cap)
{
    snprintf(path, cap, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f || (n && fwrite(p, 1, n, f) != n) || fclose(f) != 0)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
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
    static const char *names[3] = {"t.verbs", "t.actors", "t.agents"};
    static const int kinds[3] = {IMPORT_VERBS, IMPORT_ACTORS, IMPORT_AGENTS};
    ImportSources src;
    import_sources_init(&src, IMPORT_TABARI);
    src.codebook = strdup("data/cameo/codebook.tsv");
    src.grammar = strdup("data/kb/sets.txt");
    src.no_wordnet = 1;
    for (int i = 0; i < 3; i++) {
        char path[128];
        write_part(names[i], part[i] ? part[i] : data, part[i] ? len[i] : 0, path, sizeof path);
        import_sources_add_as(&src, kinds[i], path);
    }
    import_sources_add_as(&src, IMPORT_LEXICON, src.files[IMPORT_VERBS][0]);
    char out[128], codebook[160], img[160];
    snprintf(out, sizeof out, "%s/out", dir);
    ImportStats st;
    if (kb_import_tabari(&src, out, devnull, &st) != 0)
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

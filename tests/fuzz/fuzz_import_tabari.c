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
 *
 * The shared body is in fuzz_import_common.h; this file names the dialect,
 * the file names and the importer.
 */
#include "fuzz_import_common.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_import_init("fuzz_import_tabari", "/tmp/dyad-fuzz-import-tabari-XXXXXX");
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const names[3] = {"t.verbs", "t.actors", "t.agents"};
    return fuzz_import_one(data, size, IMPORT_TABARI, names, kb_import_tabari);
}

/*
 * test_petrarch.c: PETRARCH dictionary semantics that the importer and the
 * coder carry over (src/knowledge/import_petrarch.c, src/coding/petrarch.c),
 * on tiny dictionaries this test writes itself with invented actors (Veldra,
 * Ostmark, Brunland) and our own wire-copy sentences.  Runs from the
 * repository root (it reads data/cameo/codebook.tsv, data/kb/sets.txt and the
 * tagger model).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "testfiles.h"
#include "dyad.h"
#include "knowledge/foreign.h"
#include "knowledge/import.h"
#include "knowledge/kb.h"

/* A "<! -- note -->" line (a blank after "<!") is a comment, not a section
 * opener that would hide the entries after it. */
static void test_loose_comment(void)
{
    int in_comment = 0;
    char a[] = "<! -- NEW ACTORS -->\n", b[] = "BRUNLAND [BRN]\n", c[] = "<NOUN>\n";
    CHECK(foreign_line_start(a, &in_comment, 0) == NULL);
    CHECK_INT(in_comment, 0);
    CHECK(foreign_line_start(b, &in_comment, 0) == b);
    CHECK(foreign_line_start(c, &in_comment, 0) == c); /* sections still open */
}

/* Translate the dictionaries written under dir; the output folder's actors.txt. */
static char *import_actors(void)
{
    ImportSources s;
    import_sources_init(&s, IMPORT_PETRARCH);
    s.codebook = strdup("data/cameo/codebook.tsv");
    s.grammar = strdup("data/kb/sets.txt");
    char path[256], out[128];
    snprintf(path, sizeof path, "%s/t.verbs.txt", dir);
    import_sources_add_as(&s, IMPORT_VERBS, path);
    snprintf(path, sizeof path, "%s/t.actors.txt", dir);
    import_sources_add_as(&s, IMPORT_ACTORS, path);
    snprintf(out, sizeof out, "%s/out", dir);
    ImportStats st;
    FILE *devnull = fopen("/dev/null", "w");
    CHECK_INT(kb_import_petrarch(&s, out, devnull, &st), 0);
    fclose(devnull);
    import_sources_free(&s);
    snprintf(path, sizeof path, "%s/actors.txt", out);
    return slurp(path);
}

/* Overlapping dated codes: the one listed first holds its days; a later one
 * keeps the days before and after it. */
static void test_role_priority(void)
{
    write_file("t.verbs.txt", "--- MEET [040] ---\nMEET\n");
    write_file("t.actors.txt",
               "<! -- people -->\n"
               "LUDO_VELDRA [VLD]\n"
               "\t[VLDREB 20100109-20100112]\n"
               "\t[VLDMIL 20080120-20121109]\n");
    char *actors = import_actors();
    CHECK(contains(actors, "role VLDMIL 2008-01-20 2010-01-08"));
    CHECK(contains(actors, "role VLDREB 2010-01-09 2010-01-12"));
    CHECK(contains(actors, "role VLDMIL 2010-01-13 2012-11-09"));
    CHECK(contains(actors, "role VLD 2012-11-10 -"));
    free(actors);
}

int main(void)
{
    snprintf(dir, sizeof dir, "/tmp/dyad-test-petrarch-XXXXXX");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    test_loose_comment();
    test_role_priority();
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (getenv("KEEP") == NULL && system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    return check_summary();
}

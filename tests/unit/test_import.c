/*
 * test_import.c: the TABARI and PETRARCH importers (src/knowledge/import.h) on
 * tiny dictionaries this test writes itself, in both syntaxes, with invented
 * actors (Veldra, Ostmark) and words.  It checks the translation (the text files
 * written) and that the translation compiles, and that bad lines are warned
 * and skipped rather than fatal.  Runs from the repository root (it reads
 * data/cameo/codebook.tsv and data/kb/sets.txt).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "testfiles.h"
#include "knowledge/foreign.h"
#include "knowledge/import.h"
#include "knowledge/kb.h"

static void sources(ImportSources *s, int dialect)
{
    import_sources_init(s, dialect);
    s->codebook = strdup("data/cameo/codebook.tsv");
    s->grammar = strdup("data/kb/sets.txt");
}

/* A file of a translation folder, read whole. */
static char *slurp_in(const char *folder, const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", folder, name);
    return slurp(path);
}

/* Sources from one file of the test folder (a project or configuration). */
static void sources_named(ImportSources *s, int dialect, const char *name)
{
    sources(s, dialect);
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    CHECK_INT(import_sources_add(s, path, NULL), 0);
}

static void compile_ok(const char *out)
{
    char codebook[256], img[256];
    snprintf(codebook, sizeof codebook, "%s/codebook.tsv", out);
    snprintf(img, sizeof img, "%s/x.img", out);
    KbStats ks;
    CHECK_INT(kb_compile(out, codebook, img, stderr, &ks), 0);
    char err[256];
    Kb *kb = kb_load(img, err, sizeof err);
    CHECK(kb != NULL);
    if (kb) {
        CHECK(kb_word(kb, "veldra", 6) != 0);
        kb_free(kb);
    }
}

static void test_tabari(void)
{
    write_file("t.actors",
               "VELDRA  [VLD]  ; a country\n"
               "OSTMARK_ [OST] [+++]\n"
               "KORVAN\n"
               "+KORVAN_THE_TALL\n"
               "\t[VLDGOV 900101-951231]\n"
               "\t[VLDGOV 950601 - 991231] ; overlaps the role above\n"
               "\t[VLDELI]\n"
               "BADCODE [ABCD]\n"
               "<NOUN>\nWIDGETS\n</NOUN>\n"
               "\t[ORPHAN]\n");
    write_file("t.agents",
               "ENVOY_ [~GOV]\n"
               "WATCH_GROUP_ [NGO~]\n"
               "no code here\n");
    write_file("t.verbs",
               "<SYNSETS>\n&GIFTS\n+PRESENTS\n+FINE_WINE\n&BIGGIFTS\n+LARGE &GIFTS\n</SYNSETS>\n"
               "<TIME>\nNEXT_WEEK [+7]\nIN_DAYS_OF_YORE_ [###]\n</TIME>\n"
               "GREET [042] ;note\n"
               "- * WARMLY_+ [051]\n"
               "- * { QUIETLY | LOUDLY } [043]\n"
               "- * &BIGGIFTS [071]\n"
               "- % ^ * [043:044]\n"
               "- * NOTHING [---]\n"
               "- * BROKEN [99999]\n"
               "RESTOR [064] ; a stem: the verb restore\n"
               "SHUNNED [111]\n"
               "{ SHUNNED_ }\n"
               "GO_AWAY [190]\n"
               "stray line without a code\n");
    ImportSources s;
    sources(&s, IMPORT_TABARI);
    char path[256];
    snprintf(path, sizeof path, "%s/t.actors", dir);
    CHECK_INT(import_sources_add(&s, path, NULL), 0);
    snprintf(path, sizeof path, "%s/t.agents", dir);
    CHECK_INT(import_sources_add(&s, path, NULL), 0);
    snprintf(path, sizeof path, "%s/t.verbs", dir);
    CHECK_INT(import_sources_add(&s, path, NULL), 0);
    CHECK_INT(s.n[IMPORT_VERBS], 1);
    char out[128];
    snprintf(out, sizeof out, "%s/tab", dir);
    ImportStats st;
    FILE *devnull = fopen("/dev/null", "w");
    CHECK_INT(kb_import_tabari(&s, out, devnull, &st), 0);
    fclose(devnull);
    CHECK(st.skipped > 0);
    snprintf(path, sizeof path, "%s/options.txt", out);
    char *opts = slurp(path);
    CHECK(contains(opts, "option target = first-actor")); /* TABARI's target rule */
    free(opts);
    snprintf(path, sizeof path, "%s/actors.txt", out);
    char *actors = slurp(path);
    CHECK(contains(actors, "country a1 VLD = veldra")); /* agents combine with it */
    CHECK(contains(actors, "person a"));
    CHECK(contains(actors, "korvan | korvan the tall"));
    CHECK(contains(actors, "role VLDGOV 1990-01-01 1995-12-31"));
    CHECK(contains(actors, "role VLDGOV 1996-01-01 1999-12-31")); /* overlap clipped */
    CHECK(contains(actors, "role VLDELI 2000-01-01 -"));          /* default fills after */
    CHECK(strstr(actors, "ostmark") == NULL);                      /* [+++]: a discard */
    CHECK(strstr(actors, "widgets") == NULL);                      /* <NOUN> section skipped */
    free(actors);
    snprintf(path, sizeof path, "%s/discards.txt", out);
    char *disc = slurp(path);
    CHECK(contains(disc, "ostmark"));
    CHECK(contains(disc, "in days of yore")); /* a discard of the <TIME> section */
    CHECK(strstr(disc, "next week") == NULL); /* time shifts are not used */
    free(disc);
    snprintf(path, sizeof path, "%s/agents.txt", out);
    char *agents = slurp(path);
    CHECK(contains(agents, "GOV = envoy | envoys"));
    CHECK(contains(agents, "NGO~ = watch group | watch groups")); /* written before the country */
    free(agents);
    snprintf(path, sizeof path, "%s/sets.txt", out);
    char *sets = slurp(path);
    CHECK(contains(sets, "set t_GIFTS = presents | fine wine"));
    /* TABARI's blank is a gap ("..."), its '_' a join */
    CHECK(contains(sets, "set t_BIGGIFTS = large ... presents | large ... fine wine"));
    CHECK(contains(sets, "set MODAL"));              /* grammar sets that build verb groups */
    CHECK(strstr(sets, "set NEGATION") == NULL);    /* negation is spelt out in patterns */
    free(sets);
    snprintf(path, sizeof path, "%s/verbs/verbs.txt", out);
    char *verbs = slurp(path);
    CHECK(contains(verbs, "verb greet"));
    CHECK(contains(verbs, "  042 [nointent] *\n"));
    CHECK(contains(verbs, "  051 [nointent] * warmly +\n"));
    CHECK(contains(verbs, "  043 [nointent] * quietly~\n"));
    CHECK(contains(verbs, "  043 [nointent] * loudly~\n"));
    CHECK(contains(verbs, "  071 [nointent] * &t_BIGGIFTS\n"));
    CHECK(contains(verbs, "  043 [nointent,rev=044] % ^ *\n")); /* compound and skip marks, paired code */
    CHECK(contains(verbs, "  --- [nointent] * nothing")); /* null code kept, dropped by front ends */
    CHECK(contains(verbs, "verb restore"));
    CHECK(strstr(verbs, "99999") == NULL);
    CHECK(contains(verbs, "verb shun = shunned"));
    CHECK(contains(verbs, "verb go_away"));
    free(verbs);
    compile_ok(out);
    import_sources_free(&s);
}

static void test_petrarch(void)
{
    write_file("p.verbs.txt",
               "<!-- a comment\n spanning lines -->\n"
               "&ROADS\n+HIGHWAY\n+TOLL_ROAD\n\n"
               "--- PAVE [---] ---\n"
               "PAVE {PAVES PAVED PAVING}\n"
               "SURFACE\n"
               "+LAY_ASPHALT {+LAID_ASPHALT}\n"
               "- * &ROADS (TO +)   [073]   # roads\n"
               "- * {NEW BRIDGE}    [074:074]\n"
               "- * (FOR $)         [:075]\n"
               "~ a (a b PAVE) SAY = a b 010\n");
    write_file("p.actors.txt",
               "# Phoenix-style\n"
               "VELDRA_\n+VELDRAN_\n\t[VLD]\n"
               "OSTMARK_PRIME_MINISTER_LUDO_\n"
               "\t[OSTGOV 20010101-20051231]\n"
               "\t[OSTGOV 20030101-20041231]\n");
    write_file("p.agents.txt",
               "!PERSON! = MAN, WOMAN\n"
               "ROAD!PERSON! [~BUS]\n"
               "GUARD {GUARDS} [~MIL]\n");
    write_file("p.discards.txt", "+ROAD RACE\nSPEED TRIAL   # sport\n");
    write_file("p.ini",
               "[Dictionaries]\n"
               "verbfile_name = p.verbs.txt\n"
               "actorfile_list = p.actors.txt\n"
               "agentfile_name = p.agents.txt\n"
               "discardfile_name = p.discards.txt\n");
    ImportSources s;
    sources(&s, IMPORT_PETRARCH);
    char path[256];
    snprintf(path, sizeof path, "%s/p.ini", dir);
    CHECK_INT(import_sources_add(&s, path, NULL), 0);
    CHECK_INT(s.n[IMPORT_VERBS], 1);
    CHECK_INT(s.n[IMPORT_ACTORS], 1);
    CHECK_INT(s.n[IMPORT_AGENTS], 1);
    CHECK_INT(s.n[IMPORT_DISCARDS], 1);
    char out[128];
    snprintf(out, sizeof out, "%s/pet", dir);
    ImportStats st;
    FILE *devnull = fopen("/dev/null", "w");
    CHECK_INT(kb_import_petrarch(&s, out, devnull, &st), 0);
    fclose(devnull);
    snprintf(path, sizeof path, "%s/verbs/verbs.txt", out);
    char *verbs = slurp(path);
    CHECK(contains(verbs, "verb pave = paves | paved | paving"));
    CHECK(contains(verbs, "verb surface"));
    CHECK(contains(verbs, "verb lay_asphalt = laid"));
    CHECK(contains(verbs, "  073 [nointent] * &t_ROADS to +\n"));
    CHECK(contains(verbs, "  074 [nointent,sym] * new bridge\n"));
    CHECK(strstr(verbs, "075") == NULL);  /* reverse-only code: skipped */
    free(verbs);
    snprintf(path, sizeof path, "%s/actors.txt", out);
    char *actors = slurp(path);
    CHECK(contains(actors, "VLD = veldra | veldran"));
    CHECK(contains(actors, "role OSTGOV 2001-01-01 2005-12-31"));
    CHECK(strstr(actors, "2003-01-01") == NULL);  /* contained role dropped */
    free(actors);
    snprintf(path, sizeof path, "%s/agents.txt", out);
    char *agents = slurp(path);
    CHECK(contains(agents, "BUS = roadman"));
    CHECK(contains(agents, "roadwoman"));
    CHECK(contains(agents, "MIL = guard"));
    free(agents);
    snprintf(path, sizeof path, "%s/discards.txt", out);
    char *disc = slurp(path);
    CHECK(contains(disc, "road race | speed trial"));
    free(disc);
    compile_ok(out);
    /* the cached image: a second call reuses it */
    char cache[256], img[4200];
    snprintf(cache, sizeof cache, "%s/cache", dir);
    int cached = -1;
    CHECK_INT(kb_import_image(&s, cache, img, sizeof img, NULL, &st, &cached), 0);
    CHECK_INT(cached, 0);
    CHECK_INT(kb_import_image(&s, cache, img, sizeof img, NULL, &st, &cached), 0);
    CHECK_INT(cached, 1);
    import_sources_free(&s);
}

/* PETRARCH issue files: markers expanded, one record per code, exclusions kept. */
static void test_petrarch_issues(void)
{
    write_file("q.verbs.txt", "--- MEET [040] ---\nMEET {MET}\n- * +  [040]\n");
    write_file("q.issues.txt",
               "# comment\n"
               "<ISSUE CATEGORY=\"WATER\" TYPE=\"ALL\">\n"
               "n:dam [DAMS]\n"
               "water+n:way [WATERWAYS]\n"
               "v:divert river [DAMS]\n"
               "irrigation\n"
               "~beaver dam\n"
               "n:dam [WATERWAYS]\n"          /* claimed already: kept for DAMS */
               "</ISSUE>\n"
               "stray line\n");               /* outside a block: warned */
    write_file("q.actors.txt", "VELDRA_\n\t[VLD]\n");
    write_file("q.ini", "verbfile_name = q.verbs.txt\nactorfile_list = q.actors.txt\n"
                        "issuefile_name = q.issues.txt\n");
    ImportSources s;
    sources_named(&s, IMPORT_PETRARCH, "q.ini");
    CHECK_INT(s.n[IMPORT_ISSUES], 1);
    char out[128];
    snprintf(out, sizeof out, "%s/qet", dir);
    ImportStats st;
    memset(&st, 0, sizeof st);
    FILE *warnings = tmpfile();
    CHECK_INT(kb_import_petrarch(&s, out, warnings, &st), 0);
    CHECK_INT(st.issues, 3);
    rewind(warnings);
    char w[2048] = "";
    w[fread(w, 1, sizeof w - 1, warnings)] = '\0';
    fclose(warnings);
    CHECK(contains(w, "q.issues.txt:10: warning: phrase outside an issue block"));
    char *issues = slurp_in(out, "issues.txt");
    CHECK(contains(issues, "issue dams DAMS = dam | divert river | diverts river | diverted river"));
    CHECK(contains(issues, "issue waterways WATERWAYS = water way | water-way | waterway\n"));
    CHECK(contains(issues, "issue water WATER = irrigation\n"));
    CHECK(contains(issues, "  not = beaver dam\n"));
    free(issues);
    compile_ok(out);
    import_sources_free(&s);
}

static void test_foreign_dates(void)
{
    /* days that do not exist are clamped into their month */
    CHECK_INT(foreign_parse_date("040931", 6), kb_parse_day("2004-09-30"));
    CHECK_INT(foreign_parse_date("19990229", 8), kb_parse_day("1999-02-28"));
    CHECK_INT(foreign_parse_date("9501x1", 6), INT32_MIN);
    CHECK_INT(import_code_is_null("---"), 1);
    CHECK_INT(import_code_is_null("+++"), 3);
    CHECK_INT(import_code_is_null("042"), 0);
}

int main(void)
{
    snprintf(dir, sizeof dir, "/tmp/dyad-test-import-XXXXXX");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    test_foreign_dates();
    test_tabari();
    test_petrarch();
    test_petrarch_issues();
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (getenv("KEEP") == NULL && system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    return check_summary();
}

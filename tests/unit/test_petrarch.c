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

/* ---- coding with a tiny translated dictionary ---- */

static DyadCoder *coder;

/* Translate and compile the dictionaries t.*.txt under dir; open a coder on them. */
static DyadCoder *open_coder(void)
{
    ImportSources s;
    import_sources_init(&s, IMPORT_PETRARCH);
    s.codebook = strdup("data/cameo/codebook.tsv");
    s.grammar = strdup("data/kb/sets.txt");
    static const struct { const char *name; int kind; } files[] = {
        {"t.verbs.txt", IMPORT_VERBS}, {"t.actors.txt", IMPORT_ACTORS},
        {"t.agents.txt", IMPORT_AGENTS}};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char path[256];
        snprintf(path, sizeof path, "%s/%s", dir, files[i].name);
        import_sources_add_as(&s, files[i].kind, path);
    }
    char cache[256], img[4200], err[256];
    snprintf(cache, sizeof cache, "%s/cache", dir);
    ImportStats st;
    int cached;
    FILE *devnull = fopen("/dev/null", "w");
    int rc = kb_import_image(&s, cache, img, sizeof img, devnull, &st, &cached);
    fclose(devnull);
    import_sources_free(&s);
    CHECK_INT(rc, 0);
    DyadCoder *c = rc == 0 ? dyad_open(img, "data/model/tagger.bin", err, sizeof err) : NULL;
    CHECK(c != NULL);
    return c;
}

/* Events of one sentence, "SOURCE TARGET CODE" joined by " | " ("-" for a
 * missing side), in the order coded. */
typedef struct Events {
    char text[512]; /* the list */
} Events;

static int collect(const DyadEvent *ev, void *ctx)
{
    Events *e = ctx;
    size_t n = strlen(e->text);
    snprintf(e->text + n, sizeof e->text - n, "%s%s %s %s", n ? " | " : "",
             ev->source.present ? ev->source.code : "-", ev->target.present ? ev->target.code : "-",
             ev->code);
    return 0;
}

/* Events of one sentence coded with new_actor_length set to new_actors. */
static const char *code_new_actors(const char *text, int new_actors)
{
    static Events e;
    memset(&e, 0, sizeof e);
    if (!coder)
        return "";
    DyadWorker *w = dyad_worker_new(coder);
    dyad_worker_set_new_actor_length(w, new_actors);
    char err[256];
    long n = dyad_code_text(w, "t", "2014-03-02", text, strlen(text), 0, collect, &e, err, sizeof err);
    CHECK(n >= 0);
    dyad_worker_free(w);
    return e.text;
}

static const char *code(const char *text) { return code_new_actors(text, 0); }

static const char test_actors[] =
    "VELDRA_ [VLD]\n"
    "OSTMARK_ [OST]\n"
    "BRUNLAND_ [BRN]\n"
    "THE_MARCHES [VLD/OST]\n";

/* Write a verbs and an agents dictionary (actors: test_actors) and open the
 * coder on them; stop_coder() closes it. */
static void start_coder(const char *verbs, const char *agents)
{
    write_file("t.verbs.txt", verbs);
    write_file("t.actors.txt", test_actors);
    write_file("t.agents.txt", agents);
    coder = open_coder();
}

static void stop_coder(void)
{
    if (coder)
        dyad_close(coder);
    coder = NULL;
}

/* Code each sentence cases[i][0], expecting cases[i][1]; then close the coder. */
static void check_and_stop(const char *const cases[][2], size_t n)
{
    for (size_t i = 0; i < n; i++)
        CHECK_STR(code(cases[i][0]), cases[i][1]);
    stop_coder();
}

/* Words before '*' may be the verb's auxiliaries; a '_' join holds beside a
 * set too; a modal is the pattern's business, not a reason to drop the verb. */
static void test_auxiliaries(void)
{
    start_coder(
        "&NEGAUX\n+DID NOT\n+WILL NOT\n\n"
        "--- PROTEST [140] ---\n"
        "PROTEST\n"
        "- &NEGAUX * AGAINST  [141]\n"
        "- FIRMLY_&NEGAUX_EVER * AGAINST  [142]\n",
        "GUARD [~MIL]\n");
    CHECK_STR(code("Veldra did not protest against Ostmark on Sunday."), "VLD OST 141");
    CHECK_STR(code("Veldra firmly will not ever protest against Ostmark."), "VLD OST 142");
    CHECK_STR(code("Veldra firmly will not even ever protest against Ostmark."), "VLD OST 141");
    CHECK_STR(code("Veldra should protest against Ostmark."), "VLD OST 140");
    /* an infinitive after a noun is still no deed */
    CHECK_STR(code("Veldra has no reason to protest against Ostmark."), "");
    stop_coder();
}

/* '%' before '*': a compound source; with no target its members act among
 * themselves, both ways for a paired code. */
static void test_compound_among(void)
{
    start_coder(
        "--- CONCUR [081] ---\n"
        "CONCUR\n"
        "- % *  [030:030]\n"
        "--- CLASH [190] ---\n"
        "CLASH\n"
        "- % HAVE *  [191]\n",
        "GUARD [~MIL]\n");
    CHECK_STR(code("Veldra and Ostmark concur that the border should be reopened."),
              "VLD OST 030 | OST VLD 030");
    CHECK_STR(code("Veldra and Ostmark (both neighbours) concur that the border should be reopened."),
              "VLD OST 030 | OST VLD 030");
    CHECK_STR(code("Veldra concurs that the border should be reopened."), "VLD - 081");
    /* the slot stands before the auxiliaries */
    CHECK_STR(code("Veldra and Ostmark have concurred that the border should be reopened."),
              "VLD OST 030 | OST VLD 030");
    /* a target found: the compound acts on it */
    CHECK_STR(code("Veldra and Ostmark have clashed again after Brunland protested."),
              "VLD BRN 191 | OST BRN 191");
    /* the tagger's noun after "will not even ever" is read as the verb */
    CHECK_STR(code("Veldra will not even ever clash with Brunland."), "VLD BRN 190");
    stop_coder();
}

/* A role with no country in its phrase is "---" + sector, never the story's
 * country; a noun phrase is coded by any actor word in it; with no '+', the
 * target is the first actor after the verb itself, before the pattern's words. */
static void test_noun_phrases(void)
{
    start_coder(
        "--- CONDEMN [122] ---\n"
        "CONDEMN\n"
        "--- PRAISE [051] ---\n"
        "PRAISE\n"
        "- * TRADE POLICY  [052]\n",
        "OFFICIAL [~GOV]\nGUARD [~MIL]\n");
    CHECK_STR(code("Veldra officials condemned Ostmark."), "VLDGOV OST 122");
    CHECK_STR(code("Officials condemned Ostmark on Monday."), "---GOV OST 122");
    CHECK_STR(code("The official news agency VNA condemned Ostmark."), "---GOV OST 122");
    CHECK_STR(code("Veldra praised Brunland for its trade policy."), "VLD BRN 052");
    /* the target is not looked for past a comma: the reporting clause is its own */
    CHECK_STR(code("Veldra condemned the plan, a Brunland official said."), "VLD - 122");
    /* a possessed noun phrase is its possessor's */
    CHECK_STR(code("Veldra's new defence minister condemned Ostmark."), "VLD OST 122");
    CHECK_STR(code("Veldra's press and television condemned Ostmark."), "VLD OST 122");
    /* a possessor's role past adjectives and "and" */
    CHECK_STR(code("Veldra's brave and loyal guards condemned Ostmark."), "VLDMIL OST 122");
    /* an aside between commas does not hide the subject */
    CHECK_STR(code("Veldra's defence minister, in remarks published on Monday, condemned Ostmark."),
              "VLD OST 122");
    /* "A's B and C of D": two phrases, A's and D's, acting together */
    CHECK_STR(code("Veldra's envoys and delegates of Ostmark condemned Brunland."),
              "VLD BRN 122 | OST BRN 122");
    CHECK_STR(code("Veldra's envoys and delegates condemned Brunland."), "VLD BRN 122");
    /* "neither A nor B" is a compound; "A and B, and C" two lists */
    CHECK_STR(code("Neither Veldra nor Ostmark condemned Brunland."), "VLD BRN 122 | OST BRN 122");
    CHECK_STR(code("Brunland condemned Veldra and Ostmark, and Ostmark and Veldra ."),
              "BRN VLD 122 | BRN OST 122");
    stop_coder();
}

/* A head written in an inflected form is a block of its own: "left" codes
 * LEFT's patterns, "leaves" LEAVE's. */
static void test_form_heads(void)
{
    start_coder(
        "--- LEAVE [012] ---\n"
        "LEAVE\n"
        "--- LEFT [032:033] ---\n"
        "LEFT\n",
        "GUARD [~MIL]\n");
    CHECK_STR(code("Veldra left for Ostmark on Monday."), "VLD OST 032 | OST VLD 033");
    CHECK_STR(code("Veldra leaves for Ostmark on Monday."), "VLD OST 012");
    stop_coder();
}

/* An entry with several codes is several actors acting together; a [SEC~]
 * agent goes before the country. */
static void test_codes_and_prefixes(void)
{
    start_coder(
        "--- CONDEMN [122] ---\n"
        "CONDEMN\n",
        "RELIEF_CORPS {} [NGO~]\nOFFICIAL [~GOV]\nGUARD [~MIL]\n");
    CHECK_STR(code("The Marches condemned Brunland."), "VLD BRN 122 | OST BRN 122");
    CHECK_STR(code("Brunland and the Marches condemned Ostmark."), "BRN OST 122 | VLD OST 122");
    CHECK_STR(code("Relief Corps Veldra condemned Brunland."), "NGOVLD BRN 122");
    CHECK_STR(code("A Relief Corps Veldra official condemned Brunland."), "NGOVLDGOV BRN 122");
    /* roles alone, then "in" and countries: each role of each country */
    CHECK_STR(code("Officials in Veldra and Ostmark condemned Brunland."),
              "VLDGOV BRN 122 | OSTGOV BRN 122");
    CHECK_STR(code("Officials and guards in Veldra condemned Brunland."),
              "VLDGOV BRN 122 | VLDMIL BRN 122");
    /* a role of the first country of a list is each one's */
    CHECK_STR(code("The officials of Veldra and Ostmark condemned Brunland."),
              "VLDGOV BRN 122 | OSTGOV BRN 122");
    CHECK_STR(code("The officials of Veldra and Ostmark guards condemned Brunland."),
              "VLDGOV BRN 122 | OSTMIL BRN 122");
    /* "{}": no plural */
    CHECK_STR(code("Veldra condemned relief corpses in Ostmark."), "VLD OST 122");
    stop_coder();
}

/* Slots take the next actor across prepositions; '^' passes an actor over;
 * a passive without "by" reads as active; pattern words are word forms. */
static void test_slots(void)
{
    start_coder(
        "--- RECEIVE [033] ---\n"
        "RECEIVE\n"
        "- + * GRAIN $  [071]\n"
        "--- FEAST [181] ---\n"
        "FEAST\n"
        "- * IN ^ +  [045]\n"
        "--- CRITICIZE [121] ---\n"
        "CRITICIZE\n"
        "--- ADOPT [081] ---\n"
        "ADOPT\n"
        "- * RESOLUTION  [102]\n"
        "--- URGE [102] ---\n"
        "URGE\n"
        "--- HELP [210] ---\n"
        "HELP\n",
        "GUARD [~MIL]\n");
    CHECK_STR(code("Veldra received grain from Ostmark on Friday."), "OST VLD 071");
    CHECK_STR(code("Veldra feasted in Ostmark with Brunland."), "VLD BRN 045");
    /* a passive is one only with a "by" phrase */
    CHECK_STR(code("Veldra was criticized over its quarrel with Ostmark."), "VLD OST 121");
    CHECK_STR(code("Veldra was criticized by Ostmark."), "OST VLD 121");
    /* pattern words are word forms */
    CHECK_STR(code("Veldra adopted a resolution with Ostmark."), "VLD OST 102");
    CHECK_STR(code("Veldra adopted two resolutions with Ostmark."), "VLD OST 081");
    /* an infinitive under a verb that matched is part of its phrase */
    CHECK_STR(code("Veldra urged Ostmark on Monday to help end the feud."), "VLD OST 102");
    CHECK_STR(code("Veldra will help Ostmark."), "VLD OST 210");
    /* no target inside an infinitive right after the verb; after an object,
     * the infinitive is that noun's */
    CHECK_STR(code("Veldra urged to help settle the feud with Ostmark."), "VLD - 102");
    CHECK_STR(code("Veldra urged an effort to help Ostmark."), "VLD OST 102");
    stop_coder();
}

/* An underscore in the text is a word break, as in the dictionaries; '^' after
 * a pattern word that began a noun phrase passes over the rest of it; words
 * before the verb may stand in the clause that governs its "that" clause. */
static void test_underscores_and_skips(void)
{
    write_file("t.verbs.txt",
        "--- WARN [160] ---\n"
        "WARN\n"
        "- * THEIR ^ ABOUT +  [162]\n"
        "--- REGRET [111] ---\n"
        "REGRET\n"
        "- NOTED + *  [115]\n");
    write_file("t.actors.txt", "VELDRA_ [VLD]\nOSTMARK_ [OST]\nHIGH MARSHAL OF BRUNLAND [BRN]\n");
    write_file("t.agents.txt", "GUARD [~MIL]\n");
    coder = open_coder();
    static const char *const cases[][2] = {
        {"Veldra warned Ostmark about the High Marshal of Brunland.", "VLD OST 160"},
        {"Veldra warned the High_Marshal of Brunland.", "VLD BRN 160"},
        {"Veldra warned the High Marshal of Brun_land.", ""},
        {"Veldra warned their Ostmark garrisons about the High_Marshal of Brunland.", "VLD BRN 162"},
        {"Veldra warned their Ostmark garrisons about the High Marshal of_Brunland .", "VLD BRN 162"},
        /* underscores alone or doubled are no words and break nothing else */
        {"Veldra __ warned Ostmark about __High__Marshal_ of Brunland_.", "VLD OST 160"},
        /* words before the verb reach back over "that"; the subject they made
         * the target leaves the source to the governing clause */
        {"Veldra noted that Ostmark regretted Brunland's refusal to talk.", "VLD OST 115"},
        {"Veldra said that Ostmark regretted the talks.", "OST - 111"},
    };
    check_and_stop(cases, sizeof cases / sizeof cases[0]);
}

/* new_actor_length: noun phrases no entry codes, of so many words at most,
 * are actors coded by their words; a phrase whose preposition leads to an
 * actor is that actor's; a possessed noun's conjunct is a phrase of its own. */
static void test_new_actors(void)
{
    write_file("t.verbs.txt",
        "--- LEFT [032:033] ---\n"
        "LEFT\n"
        "--- RISEN [---] ---\n"
        "RISEN\n"
        "- DEATH TOLL *  [223]\n");
    write_file("t.actors.txt", test_actors);
    write_file("t.agents.txt", "GUARD [~MIL]\n");
    coder = open_coder();
    static const struct { const char *text; int words; const char *want; } cases[] = {
        {"Harbour master Tomas Arlen left for the Hall of Records.", 4,
         "HARBOURMASTERTOMASARLEN THEHALLOFRECORDS 032 | THEHALLOFRECORDS HARBOURMASTERTOMASARLEN 033"},
        {"Harbour master Tomas Arlen left for Veldra.", 4,
         "HARBOURMASTERTOMASARLEN VLD 032 | VLD HARBOURMASTERTOMASARLEN 033"},
        {"Harbour master Tomas Arlen left for Veldra.", 3, "VLD - 033"},
        {"Harbour master Tomas Arlen left for Veldra.", 0, "VLD - 033"},
        {"Veldra's death and injury toll has risen in the quarrel with Ostmark.", 4,
         "VLD OST 223 | INJURYTOLL OST 223"},
        {"Veldra's death and injury toll has risen in the quarrel with Ostmark.", 0, "VLD OST 223"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        CHECK_STR(code_new_actors(cases[i].text, cases[i].words), cases[i].want);
    stop_coder();
}

/* A head with words before its verb ("WIRE_+TAP") codes only with them, and
 * its block's patterns take them before the verb. */
static void test_prefixed_heads(void)
{
    start_coder(
        "--- SEIZE [171] ---\n"
        "SEIZE\n"
        "WIRE_+TAP {WIRE_+TAPPED WIRE_+TAPPING}\n"
        "- * PHONES OF +  [081]\n",
        "GUARD [~MIL]\n");
    static const char *const cases[][2] = {
        {"Veldra wire tapped Ostmark on Monday.", "VLD OST 171"},
        {"Veldra tapped Ostmark on Monday.", ""},
        {"Veldra wire tapped phones of Ostmark.", "VLD OST 081"},
        {"Veldra seized Ostmark on Monday.", "VLD OST 171"},
        {"Veldra seized phones of Ostmark.", "VLD OST 081"},
    };
    check_and_stop(cases, sizeof cases / sizeof cases[0]);
}

/* PETRARCH tries agent phrases at every word: one inside a longer one adds
 * its code too, unless that code is there already. */
static void test_agents_inside_agents(void)
{
    start_coder(
        "--- CONDEMN [122] ---\n"
        "CONDEMN\n",
        "HIGH_TRADE_COUNCIL [~HTC]\nTRADE_COUNCIL [~TRC]\nBORDER_WARDEN [~MIL]\nWARDEN [~MIL]\n");
    static const char *const cases[][2] = {
        {"Veldra's high trade council condemned Brunland.", "VLDHTCTRC BRN 122"},
        {"The Veldra trade council condemned Brunland.", "VLDTRC BRN 122"},
        {"Veldra border wardens condemned Brunland.", "VLDMIL BRN 122"},
    };
    check_and_stop(cases, sizeof cases / sizeof cases[0]);
}

/* "the council of Brunland" is one actor (BRNLEG), but two noun phrases to a
 * pattern: '^' passes over the role's words alone and '+' reaches Brunland. */
static void test_role_of_parts(void)
{
    start_coder(
        "--- HOST [042] ---\n"
        "HOST\n"
        "- * FEAST AT ^ ^ + [044]\n"
        "- * BANQUET WITH + [045]\n",
        "COUNCIL [~LEG]\n");
    static const char *const cases[][2] = {
        {"Veldra hosted a feast at Ostmark with the council of Brunland in Ostmark.", "VLD BRN 044"},
        {"Veldra hosted a banquet with the council of Brunland.", "VLD BRNLEG 045"},
        {"The council of Brunland hosted Veldra.", "BRNLEG VLD 042"},
    };
    check_and_stop(cases, sizeof cases / sizeof cases[0]);
}

/* PETRARCH codes the words of a record's parse: they come back as text,
 * clitics and punctuation joined to the word before. */
static void test_parse_words(void)
{
    const char parse[] =
        "(ROOT (S (NP (NNP Veldra)) (VP (VBZ is) (RB n't)\n"
        "  (ADJP (JJ pleased) (PP (IN with) (NP (NP (NNP Ostmark) (POS 's)) (NNS envoys)\n"
        "  (-LRB- -LRB-) (NNS wardens) (-RRB- -RRB-))))) (. .)))";
    char *w = foreign_parse_words(parse, sizeof parse - 1);
    CHECK_STR(w, "Veldra isn't pleased with Ostmark's envoys (wardens).");
    free(w);
    CHECK(foreign_parse_words("(ROOT )", 7) == NULL);
    /* a leaf written with a tab or a line break, and square brackets */
    const char tabbed[] = "(S (NNP\tVeldra) (VBD\nsigned) (-LSB- -LSB-) (NN pact)\r(-RSB- -RSB-))";
    w = foreign_parse_words(tabbed, sizeof tabbed - 1);
    CHECK_STR(w, "Veldra signed [pact]");
    free(w);
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
    test_auxiliaries();
    test_compound_among();
    test_noun_phrases();
    test_form_heads();
    test_codes_and_prefixes();
    test_slots();
    test_underscores_and_skips();
    test_new_actors();
    test_prefixed_heads();
    test_agents_inside_agents();
    test_parse_words();
    test_role_of_parts();
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (getenv("KEEP") == NULL && system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    return check_summary();
}

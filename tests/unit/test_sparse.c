/*
 * test_sparse.c: TABARI's sparse-coding conventions (src/coding/sparse.c, the
 * knowledge-base option `coding = sparse` that the TABARI importer sets), end
 * to end: tiny TABARI dictionaries of our own (invented states Veldra,
 * Ostmark, Korvania, Lundar) are imported and compiled into a temporary
 * image, and our own wire-style sentences are coded with it.  Each case names
 * the convention it holds.  Runs from the repository root (it reads
 * data/cameo/codebook.tsv, data/kb/sets.txt and data/model/tagger.bin).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "dyad.h"
#include "knowledge/import.h"
#include "testfiles.h"

typedef struct Got {
    char lines[32][64]; /* "source target code" per event */
    int n;              /* events */
} Got;

static int collect(const DyadEvent *ev, void *ctx)
{
    Got *g = ctx;
    if (g->n < 32)
        snprintf(g->lines[g->n++], 64, "%s %s %s", ev->source.present ? ev->source.code : "-",
                 ev->target.present ? ev->target.code : "-", ev->code);
    return 0;
}

static DyadCoder *coder;

static DyadTabariOptions opts; /* the options the next sentences are coded with */

static Got code(const char *text)
{
    Got g;
    memset(&g, 0, sizeof g);
    DyadWorker *w = dyad_worker_new(coder);
    dyad_worker_set_tabari(w, &opts);
    char err[256];
    CHECK(dyad_code_text(w, "t", "2003-05-01", text, strlen(text), 0, collect, &g, err,
                         sizeof err) >= 0);
    dyad_worker_free(w);
    return g;
}

/* The events, in order, joined by " | ", are exactly want. */
static int events_are(const char *text, const char *want)
{
    Got g = code(text);
    char all[1024] = "";
    for (int i = 0; i < g.n; i++)
        snprintf(all + strlen(all), sizeof all - strlen(all), "%s%s", i ? " | " : "", g.lines[i]);
    if (strcmp(all, want) == 0)
        return 1;
    fprintf(stderr, "  \"%s\":\n    got  \"%s\"\n    want \"%s\"\n", text, all, want);
    return 0;
}

static void test_sparse(void)
{
    /* one coded verb a conjunct clause: "shelled" after "condemned" is not an
     * event of its own; "and" starts a new clause whose source carries over */
    CHECK(events_are("Veldra condemned the shelling of Ostmark towns and promised aid to Korvania.",
                     "VLD OST 122 | VLD KOR 050"));
    /* a compound's "and" does not cut the clause */
    CHECK(events_are("Veldra and Lundar condemned Ostmark on Monday.", "VLD OST 122 | LUN OST 122"));
    /* a pattern's words are read anywhere in the clause, auxiliaries included */
    CHECK(events_are("Veldra said it would soon mediate between Ostmark and Korvania.",
                     "VLD OST 043 | VLD KOR 043"));
    /* a subordinate code ("said", 023?) only when no other verb codes */
    CHECK(events_are("Veldra said Ostmark was wrong.", "VLD OST 023"));
    /* no event without both a source and a target */
    CHECK(events_are("Veldra condemned the decision on Monday.", ""));
    /* '%': the events are among the members of the compound, each way */
    CHECK(events_are("Veldra and Ostmark have met in Lundar.", "VLD OST 036 | OST VLD 036"));
    /* '^': an actor passed over, neither source nor target */
    CHECK(events_are("Veldra warned at the Lundar talks of Ostmark.", "VLD OST 162"));
    /* a head written exact (LEFT_) fires on that form only, over its lemma's
     * (LEAVE) patterns */
    CHECK(events_are("Veldra left for Ostmark on Monday.", "VLD OST 032 | OST VLD 033"));
    CHECK(events_are("Veldra will leave Ostmark soon.", "VLD OST 012"));
    /* a determiner or a capital inside the sentence makes the verb a noun */
    CHECK(events_are("Veldra reported an attack on Ostmark.", ""));
    CHECK(events_are("Veldra reported that Attack Ostmark is a film.", ""));
    /* a pattern word is a stem unless '_' ends it, and '_' joins the verb too */
    CHECK(events_are("Veldra condemned the bombings of Ostmark.", "VLD OST 183"));
    CHECK(events_are("Veldra condemned the raids on Ostmark.", "VLD OST 122"));
    CHECK(events_are("Veldra swiftly condemned Ostmark.", "VLD OST 123"));
    CHECK(events_are("Veldra swiftly and loudly condemned Ostmark.", "VLD OST 122"));
    /* a discard pattern ("###", "+++") drops the sentence, whatever else matched */
    CHECK(events_are("Veldra condemned Ostmark for its season of raids.", ""));
    /* text in capitals: "and" between two names is a compound, not one name */
    CHECK(events_are("VELDRA AND OSTMARK HAVE MET IN LUNDAR.", "VLD OST 036 | OST VLD 036"));
    /* "neither A nor B" is a compound; a plural ending is read off an actor */
    CHECK(events_are("Neither Veldra nor Lundar condemned Ostmark.", "VLD OST 122 | LUN OST 122"));
    CHECK(events_are("Veldras condemned Ostmark.", "VLD OST 122"));
    /* and off the last word of a longer actor's name, known word or not */
    CHECK(events_are("Veldra condemned the Ostmark border guards.", "VLD OSTMIL 122"));
    CHECK(events_are("Veldra condemned the Korvania civil zomboids.", "VLD KORCVL 122"));
    CHECK(events_are("Lundars condemned Ostmark.", "")); /* "LUNDAR=": no ending */
    /* a head written without endings ("BAN=") fires on that form only */
    CHECK(events_are("Veldra will ban Ostmark from the talks.", "VLD OST 191"));
    CHECK(events_are("Veldra is banning Ostmark from the talks.", ""));
    /* a role that repeats its actor's code adds nothing */
    CHECK(events_are("Rights activists Freedom Watch condemned Ostmark.", "NGO OST 122"));
    /* with no actor after the verb, the target is one between the source and it */
    CHECK(events_are("Veldra said Ostmark troops shelled its towns.", "VLD OST 195"));
    /* a pronoun is the sentence's first actor */
    CHECK(events_are("Veldra condemned Ostmark on Monday and Lundar condemned it too.",
                     "VLD OST 122 | LUN VLD 122"));
    /* a pronoun before any actor of its sentence is the country of the sentence
     * before's first actor */
    CHECK(events_are("The Veldra envoy arrived in the capital on Monday. He then condemned Ostmark.",
                     "VLD OST 122"));
    /* the target passes over the source named again ("its") */
    CHECK(events_are("Veldra condemned its old rival Ostmark.", "VLD OST 122"));
    CHECK(events_are("Veldra and Lundar condemned their old rival Ostmark.", "VLD OST 122 | LUN OST 122"));
    /* a pronoun has its actor's code without the text's roles: not the source
     * again when the source has roles; a single actor never acts on itself, a
     * compound acts among its members */
    CHECK(events_are("The Veldra envoy condemned its old rival Ostmark.", "VLDGOV OST 122"));
    CHECK(events_are("The envoys of Veldra, Ostmark and Lundar condemned their old record.",
                     "VLDGOV OST 122 | VLDGOV LUN 122 | OST VLDGOV 122 | OST LUN 122 | LUN VLDGOV 122 | "
                     "LUN OST 122"));
    /* a dominant code ("031!") is the sentence's only event */
    CHECK(events_are("Veldra left for Ostmark on Monday and attended talks with Korvania.",
                     "VLD KOR 031"));
    /* a verb written as a stem fires on every word it begins */
    CHECK(events_are("Veldra welcomed resumptions of trade with Ostmark.", "VLD OST 065"));
    /* a pattern that names only the target: the source is the next actor */
    CHECK(events_are("An Ostmark envoy was shot dead in Veldra.", "VLD OSTGOV 224"));
    /* a passive verb: the actor after "by" is the source */
    CHECK(events_are("Ostmark was condemned by Veldra.", "VLD OST 122"));
    /* ... and without one the verb reads as active */
    CHECK(events_are("Ostmark was condemned on Monday in Veldra.", "OST VLD 122"));
    /* TABARI's codes are strings: a five-letter code is kept whole */
    CHECK(events_are("Veldra condemned South Lundar on Monday.", "VLD LUNSO 122"));
    /* TABARI reads a hyphen as a blank */
    CHECK(events_are("Veldra condemned South-Lundar on Monday.", "VLD LUNSO 122"));
    /* TABARI's blank in an actor phrase: other words may stand in between,
     * the actor is where its first words are; its later words are spent */
    CHECK(events_are("Veldra condemned the Hill Tribes of Zebro on Monday.", "VLD ZEB 122"));
    CHECK(events_are("The Hill Tribes said on Monday that rebels in Zebro condemned Ostmark.", "ZEB OST 122"));
    /* ... and they stand where they are: before the verb of the next clause,
     * that actor's later words are its target */
    CHECK(events_are("Veldra shelled the Hill Tribes villages and a Zebro leader condemned the move.",
                     "VLD ZEB 195 | VLD ZEB 122"));
    /* the same words written without the blank are another entry, found when
     * they stand together */
    CHECK(events_are("Veldra condemned the Hill Tribes Zebro on Monday.", "VLD ZEBTRB 122"));
    /* ... and text may join with '_' what the dictionary joins */
    CHECK(events_are("Veldra condemned the Hill_Tribes of Zebro on Monday.", "VLD ZEB 122"));
    /* the gap does not reach past a comma: no actor here, "Zebro" alone is none */
    CHECK(events_are("Veldra condemned the Hill Tribes, not Zebro.", ""));
    /* TABARI's noun and adjective lists: "and" between two of a list joins
     * words, not clauses; between other words it starts a clause */
    CHECK(events_are("Veldra's sheep and goats of Lundar condemned Ostmark.", "VLD OST 122"));
    CHECK(events_are("Veldra's sheep and pigs of Lundar condemned Ostmark.", "LUN OST 122"));
    CHECK(events_are("Veldra's awful and evil envoys of Lundar condemned Ostmark.", "VLD OST 122"));
    CHECK(events_are("Veldra's sheep and evil awful goats of Lundar condemned Ostmark.", "VLD OST 122"));
    /* TABARI reads text in capitals: a one-word name need not be capitalised */
    CHECK(events_are("Veldra condemned ostmark on Monday.", "VLD OST 122"));
    /* "former" anywhere in the actor's phrase: out of office (ELI) */
    CHECK(events_are("Veldra former envoys condemned Ostmark.", "VLDELI OST 122"));
    /* an entry with several codes stands for a compound of them */
    CHECK(events_are("Lundar condemned the Twin Cities on Monday.", "LUN VLD 122 | LUN OST 122"));
    /* a set member written "KRONA_" is exact, one without '_' a stem */
    CHECK(events_are("Veldra will give a million kronaren to Ostmark.", "VLD OST 070"));
    CHECK(events_are("Veldra will give a million krona to Ostmark.", "VLD OST 903"));
    CHECK(events_are("Veldra will give a million ducats to Ostmark.", "VLD OST 903"));
    /* a blank in a set member: other words may stand in between */
    CHECK(events_are("Veldra will give a million silver old marks to Ostmark.", "VLD OST 903"));
    /* a pronoun stands for the previous sentence's first actor named there,
     * not for what that sentence's own pronoun stood for */
    CHECK(events_are("Veldra condemned Ostmark. It then promised aid to Korvania. It condemned Ostmark.",
                     "VLD OST 122 | VLD KOR 050 | KOR OST 122"));
    /* a country right after a country is another actor, in the same list */
    CHECK(events_are("Lundar and the evil Veldra awful Ostmark condemned Korvania.",
                     "LUN KOR 122 | VLD KOR 122 | OST KOR 122"));
    /* ... but not one that opens a list of its own: two lists */
    CHECK(events_are("Lundar condemned Ostmark and Veldra Korvania, Merida and Talvor on Monday.",
                     "LUN OST 122 | LUN VLD 122"));
    /* another country after a country's role is another actor, the role its
     * own; a name of the same country names the role's holder */
    CHECK(events_are("Veldra and Ostmark envoys Veldra and Ostmark condemned Korvania.",
                     "VLD KOR 122 | OST KOR 122"));
    CHECK(events_are("Ostmark envoys Veldra condemned Korvania on Monday.", "OST KOR 122"));
    CHECK(events_are("The Veldra envoy Aldric condemned Korvania on Monday.", "VLDGOV KOR 122"));
    /* ... and so does one after a list member's "'s" */
    CHECK(events_are("Lundar condemned Korvania and Veldra's Ostmark on Monday.",
                     "LUN KOR 122 | LUN VLD 122 | LUN OST 122"));
    /* no heads: a role before a common noun still counts ("envoy delegation") */
    CHECK(events_are("The Veldra envoy delegation condemned Ostmark.", "VLDGOV OST 122"));
    /* a blank in a verb's head: other words may stand between its words */
    CHECK(events_are("Veldra closed the long border with Ostmark on Monday.", "VLD OST 191"));
    /* with no actor after the verb, the target is the nearest one before it,
     * not the members of its list before that */
    CHECK(events_are("Among them was Veldra, allied with Ostmark and Lundar, and Korvania the chief "
                     "of shelling units.", "VLD KOR 195"));
    /* a clause with no actor before its verb shares the source of the clause
     * before, unless the verb there found no event ("promised" has no target):
     * then its source is the first actor after the verb, the target the next */
    CHECK(events_are("Veldra promised and condemned the attack by Ostmark in Korvania.", "OST KOR 122"));
    /* a verb's phrase may hold "and" ("BEAT_AND_ROB"): no clause starts there,
     * and its last word, not ended by '_', is a stem ("robbed") */
    CHECK(events_are("Veldra beat and robbed Ostmark on Monday.", "VLD OST 180"));
    /* a dated null code: no actor on those days (the sentences are of 2003) */
    CHECK(events_are("Veldra condemned the Prince of Marvo on Monday.", ""));
    /* a set member of several words before the verb is found as a phrase of
     * its own, across the '_' joining it to the word after it; a one-word
     * member keeps the join, and the pattern with a blank there codes */
    CHECK(events_are("Veldra surely will not again quarrel with Ostmark.", "VLD OST 112"));
    CHECK(events_are("Veldra surely will not soon again quarrel with Ostmark.", "VLD OST 112"));
    CHECK(events_are("Veldra surely never again quarrel with Ostmark.", "VLD OST 112"));
    CHECK(events_are("Veldra surely never soon again quarrel with Ostmark.", "VLD OST 114"));
    /* '$' in a set member: the actor after it is the source, and the target
     * the next actor after the verb that is not the source again */
    CHECK(events_are("Veldra will give a thousand guilder Lundar to Ostmark.", "LUN OST 903"));
    /* ... through sets that name each other (and themselves): each set looked
     * at once, the mark found two sets down */
    CHECK(events_are("Veldra will give a pledge Lundar to Ostmark.", "LUN OST 904"));
    CHECK(events_are("Veldra will give a medal to Ostmark.", "VLD OST 904"));
    /* a verb's form-list word without '_' is a stem, one with '_' exact */
    CHECK(events_are("Veldra parleyances with Ostmark on Monday.", "VLD OST 031"));
    CHECK(events_are("Veldra parlayeds with Ostmark on Monday.", ""));
    /* a dated discard code: on those days a sentence naming the actor is not
     * coded, wherever the actor stands; on other days the actor is coded */
    CHECK(events_are("Veldra condemned Ostmark on Monday near Blackmoor.", ""));
    /* ... and only that sentence: two of them do not drop the story */
    CHECK(events_are("Veldra condemned Ostmark on Monday near Blackmoor. Lundar condemned Ostmark "
                     "near Blackmoor. Korvania condemned Ostmark on Monday.", "KOR OST 122"));
    CHECK(events_are("Veldra condemned Greymoor on Monday.", "VLD GRM 122"));
    /* an agent written "SEC~" goes before the actor's code, the actor after it
     * or after "in" */
    CHECK(events_are("Watchdog activists in Lundar condemned Ostmark.", "NGMLUN OST 122"));
    CHECK(events_are("Veldra condemned watchdog activists Ostmark.", "VLD NGMOST 122"));
    CHECK(events_are("Envoys in Lundar condemned Ostmark.", "LUNGOV OST 122"));
    /* ... but a role with its own country keeps it, and the place is another actor */
    CHECK(events_are("Veldra envoys in Lundar condemned the decision.", "VLDGOV LUN 122"));
    /* agents go on an organisation's whole code too, unless it holds them at a
     * three-letter boundary (NGM inside KONGMU does not count) */
    CHECK(events_are("Grey Council envoys condemned Ostmark.", "OSTLEGGOV OST 122"));
    CHECK(events_are("Watchdog activists of the Marsh Guard condemned Ostmark.", "NGMKONGMU OST 122"));
    CHECK(events_are("Watchdog activists Open Eye condemned Ostmark.", "VLDNGM OST 122"));
    CHECK(events_are("Envoys Ostmark Cabinet condemned Veldra.", "OSTGOV VLD 122"));
    /* ... each three-letter code on its own: GOV is there already, EDU is not */
    CHECK(events_are("Schools ministers of the Ostmark Cabinet condemned Veldra.", "OSTGOVEDU VLD 122"));
    /* "former" makes the agents ELI, on whatever code the actor has */
    CHECK(events_are("Former envoys in Lundar condemned Ostmark.", "LUNELI OST 122"));
    CHECK(events_are("Former envoys of the Grey Council condemned Ostmark.", "OSTLEGELI OST 122"));
}

static void test_options(void)
{
    /* TABARI's defaults leave out an inner comma clause of 2 to 10 words, and a
     * last one ("..., Ostmark officials said") */
    dyad_tabari_defaults(&opts);
    /* MINIMUM WORDS: by default no sentence of fewer than five words ("Veldra's" is one) */
    CHECK(events_are("Veldra's envoys condemned Ostmark.", ""));
    CHECK(events_are("Veldra's envoys condemned Ostmark today.", "VLDGOV OST 122"));
    opts.min_words = 0; /* the sentences below are short */
    CHECK(events_are("Veldra's envoys condemned Ostmark.", "VLDGOV OST 122"));
    CHECK(events_are("Veldra, long a rival of Ostmark, condemned Korvania on Monday for its "
                     "raids across the disputed border.", "VLD KOR 122"));
    CHECK(events_are("Veldra condemned the decision, Ostmark officials said.", ""));
    DyadTabariOptions keep = opts;
    opts.comma_min = opts.comma_emin = 255; /* COMMA: OFF */
    opts.comma_max = opts.comma_emax = 0;
    CHECK(events_are("Veldra condemned the decision, Ostmark officials said.", "VLD OST 122"));
    opts = keep;
    /* CODE BY SENTENCE: one verb a sentence; CODE ALL: every verb */
    opts.code_by = 1;
    CHECK(events_are("Veldra condemned Ostmark and promised aid to Korvania.", "VLD OST 122"));
    opts.code_by = 2;
    CHECK(events_are("Veldra condemned Ostmark for shelling Korvania.",
                     "VLD OST 122 | VLD KOR 195"));
    opts = keep;
    /* COMPLEX: too many clause conjunctions, or no actor before the verb */
    opts.complex_conj = 2;
    CHECK(events_are("Veldra condemned Ostmark and promised aid to Korvania but not Lundar.", ""));
    /* "A, B, and C": the comma's "and" joins the list, no clause conjunction */
    opts.complex_conj = 1;
    CHECK(events_are("Veldra, Lundar, and Korvania condemned Ostmark on Monday.",
                     "VLD OST 122 | LUN OST 122 | KOR OST 122"));
    opts.complex_conj = 2;
    /* ... counted over each sentence by default: one clause conjunction each */
    CHECK(events_are("Veldra condemned Ostmark and promised aid to Korvania.",
                     "VLD OST 122 | VLD KOR 050"));
    CHECK(events_are("Veldra condemned Ostmark and promised aid to Korvania. Lundar condemned "
                     "Ostmark on Monday and promised aid to Veldra.",
                     "VLD OST 122 | VLD KOR 050 | LUN OST 122 | LUN VLD 050"));
    /* ... or over a paragraph, TABARI's record in its validation suite: two */
    opts.record_is_paragraph = 1;
    CHECK(events_are("Veldra condemned Ostmark and promised aid to Korvania. Lundar condemned "
                     "Ostmark on Monday and promised aid to Veldra.", ""));
    CHECK(events_are("Veldra condemned Ostmark and promised aid to Korvania.\n\nLundar condemned "
                     "Ostmark on Monday and promised aid to Veldra.",
                     "VLD OST 122 | VLD KOR 050 | LUN OST 122 | LUN VLD 050"));
    opts = keep;
    /* DEFAULT: codes where no source or no target is found; without PRIOR the
     * source may follow the verb, without AFTER the target may precede it */
    strcpy(opts.default_source, "DEFSRC");
    strcpy(opts.default_target, "DEFTGT");
    opts.default_prior = opts.default_after = 1;
    CHECK(events_are("Officials condemned Ostmark and Lundar.", "DEFSRC OST 122 | DEFSRC LUN 122"));
    CHECK(events_are("Veldra condemned the decision.", "VLD DEFTGT 122"));
    opts.default_prior = opts.default_after = 0;
    CHECK(events_are("Officials condemned Ostmark and Lundar.", "OST LUN 122"));
    CHECK(events_are("Veldra and Lundar condemned the decision.", "VLD LUN 122"));
    opts = keep;
    /* CONVERT AGENT: a role with no actor of its own is coded "~" and its code */
    CHECK(events_are("Rebels condemned Ostmark.", ""));
    opts.convert_agent = 1;
    CHECK(events_are("Rebels condemned Ostmark.", "~REB OST 122"));
    opts = keep;
    opts.no_actor_prior = 1;
    CHECK(events_are("Veldra, condemned by many, promised new aid to the people of Korvania "
                     "during the long winter months.", "VLD KOR 050"));
    CHECK(events_are("Yesterday it condemned Ostmark.", ""));
    opts = keep;
}

int main(void)
{
    dyad_tabari_defaults(&opts);
    opts.min_words = 0; /* our sentences are short; MINIMUM WORDS is tested in test_options */
    snprintf(dir, sizeof dir, "/tmp/dyad-test-sparse-XXXXXX");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    write_file("t.actors", "<NOUN>\nSHEEP\nGOATS\n</NOUN>\n<ADJECTIVE>\nAWFUL\nEVIL\n</ADJECTIVE>\n"
                           "VELDRA [VLD]\nOSTMARK [OST]\nKORVANIA [KOR]\nLUNDAR= [LUN]\n"
                           "FREEDOM_WATCH [NGO]\nOSTMARK_BORDER_GUARD [OSTMIL]\nKORVANIA_CIVIL_ZOMBOID [KORCVL]\n"
                           "SOUTH_LUNDAR [LUNSO]\n"
                           "HILL_TRIBES_ZEBRO [ZEBTRB]\n"
                           "HILL_TRIBES ZEBRO [ZEB]\n"
                           "PRINCE MARVO [--- <040101] [MRV]\n"
                           "TWIN_CITIES [VLD/OST]\n"
                           "BLACKMOOR [BKM <020101] [###]\nGREYMOOR [### <020101] [GRM]\n"
                           "GREY_COUNCIL [OSTLEG]\nMARSH_GUARD [KONGMU]\nOPEN_EYE [VLDNGM]\n"
                           "OSTMARK_CABINET [OSTGOV]\n"
                           "MERIDA [MER]\nTALVOR [TAL]\nALDRIC [VLD]\n");
    write_file("t.agents", "ENVOY_ [~GOV]\nRIGHTS_ACTIVISTS [~NGO]\nREBEL [~REB]\n"
                           "WATCHDOG_ACTIVISTS [NGM~]\nSCHOOLS_MINISTER [~GOVEDU]\n");
    write_file("t.verbs",
               "<SYNSETS>\n&COIN\n+KRONA_\n+DUCAT\n+SILVER MARK\n+GUILDER_$\n"
               "&REFUSAL\n+NEVER\n+WILL_NOT\n"
               "&TOKEN\n+&TOKEN\n+&TOKENS\n+PLEDGE_$\n&TOKENS\n+&TOKEN\n+MEDAL\n</SYNSETS>\n"
               "QUARREL [110]\n"
               "- SURELY_&REFUSAL_AGAIN * WITH [112]\n"
               "- &REFUSAL AGAIN * WITH [114]\n"
               "PARLEY_ [031]\n"
               "{ PARLAYED_ PARLEYANCE }\n"
               "GIVE [070]\n"
               "- * &COIN [903]\n"
               "- * &TOKENS [904]\n"
               "CLOSE BORDER [191]\n"
               "CONDEMN [122]\n"
               "- * BOMB [183]\n"
               "- * RAID_ [121]\n"
               "- SWIFTLY_* [123]\n"
               "- * SEASON [###]\n"
               "SHELL [195]\n"
               "PROMISE [050]\n"
               "MEDIATE [---]\n"
               "- SAID WOULD * BETWEEN [043]\n"
               "SAID [023?]\n"
               "MET_ [---]\n"
               "- % * [036:036]\n"
               "WARN [160]\n"
               "- * AT ^ OF + [162]\n"
               "LEAVE [012]\n"
               "LEFT_ [032:033]\n"
               "ATTACK [190]\n"
               "BAN= [191]\n"
               "SHOOT [190]\n"
               "- + WAS * DEAD [224]\n"
               "RESUM [065]\n"
               "ATTEND [031!]\n"
               "BEAT_AND_ROB [180]\n");
    ImportSources s;
    import_sources_init(&s, IMPORT_TABARI);
    s.codebook = strdup("data/cameo/codebook.tsv");
    s.grammar = strdup("data/kb/sets.txt");
    const char *files[] = {"t.actors", "t.agents", "t.verbs"};
    for (int i = 0; i < 3; i++) {
        char path[256];
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        CHECK_INT(import_sources_add(&s, path, NULL), 0);
    }
    char img[512], err[256];
    ImportStats st;
    int cached = 0;
    FILE *devnull = fopen("/dev/null", "w");
    CHECK_INT(kb_import_image(&s, dir, img, sizeof img, devnull, &st, &cached), 0);
    fclose(devnull);
    import_sources_free(&s);
    coder = dyad_open(img, "data/model/tagger.bin", err, sizeof err);
    CHECK(coder != NULL);
    if (coder) {
        test_sparse();
        test_options();
        dyad_close(coder);
    } else {
        fprintf(stderr, "%s\n", err);
    }
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (getenv("KEEP") == NULL && system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    return check_summary();
}

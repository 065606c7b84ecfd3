/*
 * test_kb.c: the knowledge-base compiler and image: a small knowledge base of
 * our own is written to a temporary folder, compiled, loaded and queried; then
 * broken inputs must be reported with file:line, and broken images refused.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "knowledge/crosscheck.h"
#include "knowledge/kb.h"

static char dir[256];

static void write_file(const char *name, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    fputs(text, f);
    fclose(f);
}

static uint32_t word(const Kb *kb, const char *w) { return kb_word(kb, w, strlen(w)); }

static void test_dates(void)
{
    CHECK_INT(kb_parse_day("1970-01-01"), 0);
    CHECK_INT(kb_parse_day("2024-01-03"), 19725);
    CHECK(kb_parse_day("2023-02-29") == INT32_MIN);
    CHECK(kb_parse_day("2024-13-01") == INT32_MIN);
    CHECK(kb_parse_day("yesterday") == INT32_MIN);
    char out[11];
    kb_format_day(kb_parse_day("2024-02-29"), out);
    CHECK_STR(out, "2024-02-29");
}

/* One reference range for Ahmet Davutoglu against ours (one TURGOV span,
 * 2009-05-01 to 2016-05-22): 1 when it agrees, 0 when it is compared and
 * disagrees, -1 when it is not compared at all. */
static int crosscheck_agrees(const Kb *kb, const char *range)
{
    char ref[512], text[128];
    snprintf(ref, sizeof ref, "%s/ref.actors", dir);
    snprintf(text, sizeof text, "AHMET_DAVUTOGLU_\n\t[%s]\n", range);
    write_file("ref.actors", text);
    const char *refs[1] = {ref};
    CrossStats st = {0};
    FILE *out = tmpfile();
    int rc = kb_crosscheck(kb, dir, refs, 1, out, &st);
    fclose(out);
    if (rc != 0 || st.roles_shared != 1)
        return -1;
    return st.roles_agree == 1;
}

/* The key that rules patterns out under sparse coding: a stem and the words it
 * begins share it, whatever their case; a one-letter word has none. */
static void test_pair_keys(void)
{
    CHECK(kb_pair_key("parley", 6) == kb_pair_key("PARLEYANCES", 11));
    CHECK(kb_pair_key("Veldra", 6) == kb_pair_key("veldra's", 8));
    CHECK(kb_pair_key("parley", 6) != kb_pair_key("quarrel", 7));
    CHECK(kb_pair_key("a", 1) == -1 && kb_pair_key("", 0) == -1);
    CHECK(kb_pair_key("zz", 2) >= 0 && kb_pair_key("zz", 2) < KB_PAIR_KEYS);
    CHECK(kb_pair_key("\xc3\xa9t\xc3\xa9", 6) < KB_PAIR_KEYS);
}

static void test_crosscheck(const Kb *kb)
{
    CHECK_INT(crosscheck_agrees(kb, "TURGOV 090501-160522"), 1);
    /* the references date to the month: "-160630" is some day in June 2016,
     * within 31 days of our 22 May */
    CHECK_INT(crosscheck_agrees(kb, "TURGOV 090501-160630"), 1);
    /* a day, not a month: 34 days after ours */
    CHECK_INT(crosscheck_agrees(kb, "TURGOV 090501-160625"), 0);
    /* July 2016 begins 40 days after ours */
    CHECK_INT(crosscheck_agrees(kb, "TURGOV 090501-160731"), 0);
    /* another sector */
    CHECK_INT(crosscheck_agrees(kb, "TURMIL 090501-160522"), 0);
}

static void test_compile_and_lookup(void)
{
    write_file("countries.txt",
               "country tur TUR = Turkey | Turkiye\n"
               "  adjective = Turkish | Turks\n"
               "  capital = Ankara\n"
               "  seat = Presidential Complex\n"
               "  city = Istanbul\n"
               "country lun LUN = Lundar ... Hill Tribes\n" /* a gap after "lundar" */
               "country lht LHT = Lundar Hill Tribes\n");   /* the same words, no gap */
    write_file("people.txt",
               "person davutoglu = Ahmet Davutoglu | Davutoglu\n"
               "  role TURGOV 2009-05-01 2014-08-28  # foreign minister\n"
               "  role TURGOV 2014-08-29 2016-05-22  # prime minister\n");
    write_file("agents.txt", "agent president GOV = president | presidents\nagent hon - = Mr.\n");
    write_file("sets.txt", "set NEGATION = not | never\nset TALKS = talks | negotiations\n");
    write_file("issues.txt", "issue nuke NUCLEAR = nuclear programme | enrichment\n"
                             "  not = nuclear programme review\n"
                             "issue refugees REFUGEES = refugee\n"
                             "issue teaching EDUCATION = teacher\n"
                             "issue pay LABOUR = teachers\n"); /* takes the plural from "teacher" */
    char verbs[512];
    snprintf(verbs, sizeof verbs, "%s/verbs", dir);
    if (access(verbs, F_OK) != 0) {
        char cmd[600];
        snprintf(cmd, sizeof cmd, "mkdir -p %s", verbs);
        CHECK(system(cmd) == 0);
    }
    write_file("verbs/04.txt",
               "verb hold = held\n"
               "  041 [sym] * phone &TALKS with +\n"
               "  040 * &TALKS with +\n"
               "verb carry_out\n"
               "  180 * attack on +\n");
    char img[300];
    snprintf(img, sizeof img, "%s/kb.img", dir);
    KbStats st;
    FILE *errs = tmpfile();
    int n = kb_compile(dir, "data/cameo/codebook.tsv", img, errs, &st);
    CHECK_INT(n, 0);
    CHECK_INT(st.countries, 3);
    CHECK_INT(st.people, 1);
    CHECK_INT(st.roles, 2);
    CHECK_INT(st.patterns, 3);
    fclose(errs);
    char err[512];
    Kb *kb = kb_load(img, err, sizeof err);
    CHECK(kb != NULL);
    if (!kb)
        return;
    /* inflected forms lead to their lemma */
    CHECK(word(kb, "held") && kb->words[word(kb, "held")].lemma == word(kb, "hold"));
    CHECK(word(kb, "holding") && kb->words[word(kb, "holding")].lemma == word(kb, "hold"));
    CHECK(word(kb, "carried") && kb->words[word(kb, "carried")].lemma == word(kb, "carry"));
    CHECK(kb->words[word(kb, "hold")].n_patterns == 2);
    CHECK(kb->words[word(kb, "never")].gram & KB_G_NEGATION);
    /* phrases */
    uint32_t ids[2] = {word(kb, "turkey")};
    const KbPhrase *p = kb_phrase(kb, ids, 1);
    CHECK(p && p->kind == KB_COUNTRY);
    if (p)
        CHECK_STR(kb_str(kb, kb->entities[p->entity].code), "TUR");
    ids[0] = word(kb, "presidential");
    ids[1] = word(kb, "complex");
    p = kb_phrase(kb, ids, 2);
    CHECK(p && p->kind == KB_SEAT);
    if (p)
        CHECK_STR(kb_str(kb, kb->entities[p->entity].code), "TURGOV");
    CHECK(kb->words[word(kb, "presidential")].max_phrase == 2);
    CHECK(kb->words[word(kb, "presidential")].max_gapped == 0);
    /* "...": a gap, not a word; the phrase is found by its words */
    uint32_t gapped[3] = {word(kb, "lundar"), word(kb, "hill"), word(kb, "tribes")};
    p = kb_phrase(kb, gapped, 3);
    CHECK(p && p->gaps == 1);
    /* both kept: the first by its words, the other by its gap */
    p = kb_phrase_gapped(kb, gapped, 3, 0);
    CHECK(p && p->gaps == 1);
    CHECK(kb_phrase_gapped(kb, gapped, 3, 1) == NULL);
    CHECK_INT(kb->words[word(kb, "lundar")].max_gapped, 3);
    CHECK(word(kb, "...") == 0);
    /* dated roles: foreign minister, then prime minister, then out of office */
    ids[0] = word(kb, "davutoglu");
    p = kb_phrase(kb, ids, 1);
    CHECK(p && p->kind == KB_PERSON);
    if (p) {
        const KbEntity *e = &kb->entities[p->entity];
        const char *nearest = NULL;
        CHECK(kb_person_code(kb, e, kb_parse_day("2008-01-01"), &nearest) == NULL);
        CHECK_STR(kb_person_code(kb, e, kb_parse_day("2012-06-01"), NULL), "TURGOV");
        CHECK_STR(kb_person_code(kb, e, kb_parse_day("2015-06-01"), NULL), "TURGOV");
        CHECK(kb_person_code(kb, e, kb_parse_day("2020-01-01"), &nearest) == NULL);
        CHECK_STR(nearest, "TURGOV");
    }
    /* issue phrases: plurals generated, kept apart from actor phrases */
    ids[0] = word(kb, "refugees");
    p = kb_issue_phrase(kb, ids, 1);
    CHECK(p && p->kind == KB_ISSUE);
    if (p)
        CHECK_STR(kb_str(kb, kb->entities[p->entity].code), "REFUGEES");
    CHECK(kb_phrase(kb, ids, 1) == NULL);
    uint32_t three[3] = {word(kb, "nuclear"), word(kb, "programme"), word(kb, "review")};
    p = kb_issue_phrase(kb, three, 3);
    CHECK(p && p->kind == KB_ISSUE_NOT);
    CHECK_INT(kb->words[word(kb, "nuclear")].max_issue, 3);
    ids[0] = word(kb, "teachers");
    p = kb_issue_phrase(kb, ids, 1);
    CHECK(p && strcmp(kb_str(kb, kb->entities[p->entity].code), "LABOUR") == 0);
    CHECK(kb_code_index(kb, "041") >= 0);
    CHECK(kb_code_index(kb, "1834") >= 0);
    CHECK(kb_code_index(kb, "999") < 0);
    CHECK(kb_set_index(kb, "TALKS") >= 0);
    test_crosscheck(kb);
    kb_free(kb);

    /* a corrupt image is refused */
    FILE *f = fopen(img, "r+b");
    fseek(f, 200, SEEK_SET);
    fputc('X', f);
    fclose(f);
    kb = kb_load(img, err, sizeof err);
    CHECK(kb == NULL);
    CHECK(strstr(err, "checksum") != NULL);
    /* a truncated one too */
    CHECK(truncate(img, 100) == 0);
    kb = kb_load(img, err, sizeof err);
    CHECK(kb == NULL);
    CHECK(strstr(err, "kb.img") != NULL);
    kb = kb_load("/nonexistent/kb.img", err, sizeof err);
    CHECK(kb == NULL && strstr(err, "/nonexistent/kb.img") != NULL);
}

static void test_errors(void)
{
    write_file("people.txt",
               "person davutoglu = Ahmet Davutoglu\n"
               "  role TURGOV 2009-05-01 2014-08-28\n"
               "  role TURGOV 2014-08-01 2016-05-22\n"   /* overlaps */
               "  role TURGOV 2016-05-22 2015-01-01\n"   /* inverted */
               "person davutoglu = Someone Else\n");     /* duplicate id */
    write_file("verbs/04.txt",
               "verb meet = met\n"
               "  999 * with +\n"           /* unknown code */
               "  040 with +\n"             /* no anchor */
               "  040 * &NOSUCHSET with +\n"); /* unknown set */
    write_file("issues.txt", "issue drone DRONE = drone strike\n"
                             "issue air AIRSTRIKE = airstrike | drone strike\n" /* claimed twice */
                             "issue bad bad = x\n");                     /* category not in capitals */
    /* a code not in three-letter parts: only TABARI's sparse coding has them */
    write_file("orgs.txt", "org lunso LUNSO = south lundar\n");
    FILE *errs = tmpfile();
    KbStats st;
    int n = kb_compile(dir, "data/cameo/codebook.tsv", NULL, errs, &st);
    CHECK(n >= 8);
    rewind(errs);
    char all[4096] = "";
    size_t got = fread(all, 1, sizeof all - 1, errs);
    all[got] = '\0';
    fclose(errs);
    CHECK(strstr(all, "people.txt:3: role") != NULL);
    CHECK(strstr(all, "people.txt:4: role ends") != NULL);
    CHECK(strstr(all, "people.txt:5: duplicate id") != NULL);
    CHECK(strstr(all, "04.txt:2: unknown CAMEO code") != NULL);
    CHECK(strstr(all, "04.txt:3: a pattern needs exactly one") != NULL);
    CHECK(strstr(all, "04.txt:4: unknown set &NOSUCHSET") != NULL);
    CHECK(strstr(all, "issues.txt:2: \"drone strike\" already names issue \"drone\"") != NULL);
    CHECK(strstr(all, "issues.txt:3: bad issue category") != NULL);
    CHECK(strstr(all, "orgs.txt:1: bad code") != NULL);
}

int main(void)
{
    snprintf(dir, sizeof dir, "/tmp/dyad-test-kb-XXXXXX");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    test_dates();
    test_pair_keys();
    test_compile_and_lookup();
    test_errors();
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    return check_summary();
}

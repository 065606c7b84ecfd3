/*
 * cmd_kb.c: `dyad kb check|compile|stats|lookup|crosscheck`, the knowledge-base
 * tools.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "../coding/analysis.h"
#include "../text/text.h"
#include "../knowledge/crosscheck.h"
#include "../knowledge/kb.h"
#include "commands.h"
#include "paths.h"

static void usage(FILE *f)
{
    fputs("usage: dyad kb check   [--dir DIR]              report every error as file:line\n"
          "       dyad kb compile [--dir DIR] [--out FILE] write the image (default data/kb.img)\n"
          "       dyad kb stats   [--dir DIR]              count what the knowledge base holds\n"
          "       dyad kb stats --image [--kb FILE]        size and load time of the compiled image\n"
          "       dyad kb lookup PHRASE [--date D] [--kb FILE]  what a phrase resolves to\n"
          "       dyad kb crosscheck [--ref FILE]... [--min-agree PCT] [--require-explained]\n"
          "                          dated roles against\n"
          "                          TABARI's and PETRARCH's country actors (default: ../shared)\n",
          f);
}

static void print_stats(const KbStats *s)
{
    printf("countries            %u\n"
           "people               %u (with %u dated roles)\n"
           "organisations        %u\n"
           "agents               %u (%u role nouns and phrases)\n"
           "places               %u\n"
           "synonym sets         %u\n"
           "verbs                %u\n"
           "nouns                %u\n"
           "patterns             %u\n"
           "event codes          %u (%u with at least 3 patterns)\n"
           "discard records      %u (%u phrases)\n"
           "issues               %u (%u phrases, plurals included)\n"
           "words                %u\n"
           "phrases              %u\n",
           s->countries, s->people, s->roles, s->orgs, s->agents, s->agent_phrases, s->places, s->sets,
           s->verbs, s->nouns, s->patterns, s->codes, s->codes_covered, s->discards, s->discard_phrases,
           s->issues, s->issue_phrases,
           s->words, s->phrases);
}

/* Map the image, refusing the default one when data/kb/ changed since it was
 * compiled; NULL (with a message) when it cannot be used. */
static Kb *open_image(const char *kb_path, int default_kb)
{
    char err[1024];
    Kb *kb = kb_load(kb_path, err, sizeof err);
    if (!kb) {
        fprintf(stderr, "dyad: %s\n", err);
        return NULL;
    }
    if (default_kb && data_kb_fresh(kb) != 0) {
        kb_free(kb);
        return NULL;
    }
    return kb;
}

static int lookup(const char *kb_path, int default_kb, const char *phrase, const char *date)
{
    Kb *kb = open_image(kb_path, default_kb);
    if (!kb)
        return 1;
    int32_t day = date ? kb_parse_day(date) : INT32_MIN;
    if (date && day == INT32_MIN) {
        fprintf(stderr, "dyad kb lookup: bad date '%s' (want YYYY-MM-DD)\n", date);
        kb_free(kb);
        return 2;
    }
    if (!date) {
        time_t now = time(NULL);
        day = (int32_t)(now / 86400);
    }
    /* the coder's own normalization and tokenization: "Iran's", "U.S." */
    uint32_t ids[KB_MAX_PHRASE];
    size_t n = 0;
    int unknown = 0;
    Arena a;
    arena_init(&a, 4096);
    TxtNorm norm;
    TxtError terr;
    if (txt_normalize(phrase, strlen(phrase), &a, &norm, &terr) == 0) {
        size_t nt;
        TxtToken *t = txt_tokenize(norm.text, (TxtSpan){0, (uint32_t)norm.len}, &a, &nt);
        size_t first = nt > 1 && t[0].end - t[0].start == 3 && strncasecmp(norm.text, "the", 3) == 0;
        for (size_t i = first; i < nt && n < KB_MAX_PHRASE; i++) {
            ids[n] = kb_word_fold(kb, norm.text + t[i].start, t[i].end - t[i].start);
            unknown |= ids[n] == 0;
            n++;
        }
    } else {
        unknown = 1;
    }
    arena_free(&a);
    const KbPhrase *ph = unknown ? NULL : kb_phrase(kb, ids, n);
    if (!ph && !unknown)
        ph = kb_issue_phrase(kb, ids, n);
    if (!ph) {
        printf("%s: not in the knowledge base\n", phrase);
        kb_free(kb);
        return 1;
    }
    const KbEntity *e = &kb->entities[ph->entity];
    static const char *const kinds[] = {"", "country", "adjective", "capital", "seat", "city",
                                        "person", "org", "agent", "honorific", "discard", "set", "issue"};
    printf("%s: %s %s", phrase, kinds[e->kind], kb_str(kb, e->id));
    if (e->kind == KB_PERSON || e->n_roles) {
        const char *nearest = NULL;
        const char *code = kb_person_code(kb, e, day, &nearest);
        if (!code && e->kind != KB_PERSON) {
            /* an organisation outside its dated codes has its usual one */
            code = kb_str(kb, e->code);
            nearest = NULL;
        }
        char day_s[11];
        kb_format_day(day, day_s);
        if (code)
            printf(" -> %s on %s\n", code, day_s);
        else if (nearest)
            printf(" -> %.3sELI on %s (out of office)\n", nearest, day_s);
        else
            printf(" -> no role\n");
        for (uint32_t i = 0; i < e->n_roles; i++) {
            const KbRole *r = &kb->roles[e->first_role + i];
            char from[11], to[11];
            kb_format_day(r->from, from);
            if (r->to == INT32_MAX)
                snprintf(to, sizeof to, "-");
            else
                kb_format_day(r->to, to);
            printf("  role %s %s %s\n", kb_str(kb, r->code), from, to);
        }
    } else if (ph->kind == KB_ISSUE_NOT) {
        printf(" -> not %s (a phrase that does not name the issue)\n", kb_str(kb, e->code));
    } else {
        printf(" -> %s\n", kb_str(kb, e->code));
    }
    kb_free(kb);
    return 0;
}

/* Load the compiled image the way `dyad code` does, timed: best of 50 loads. */
static int image_stats(const char *kb_path)
{
    double best = 1e9;
    char err[1024];
    Kb *kb = NULL;
    for (int i = 0; i < 50; i++) {
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        kb = kb_load(kb_path, err, sizeof err);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        if (!kb) {
            fprintf(stderr, "dyad: %s\n", err);
            return 1;
        }
        double ms = ((double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9) * 1e3;
        if (ms < best)
            best = ms;
        if (i < 49)
            kb_free(kb);
    }
    printf("image %s: %.1f MB, %u words, %u phrases, %u entities, %u patterns\n", kb_path,
           (double)kb->map_len / 1e6, kb->n_words - 1, kb->n_phrases, kb->n_entities, kb->n_patterns);
    printf("load (map and verify the checksum): %.2f ms, best of 50\n", best);
    kb_free(kb);
    return 0;
}

static int crosscheck(const char *kb_path, int default_kb, const char *dir, int argc, char **argv)
{
    const char *refs[8];
    int n_refs = 0;
    double min_agree = 90.0;
    int require_explained = 0, list_uncovered = 0;
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--ref") == 0 && i + 1 < argc && n_refs < 8)
            refs[n_refs++] = argv[++i];
        else if (strcmp(argv[i], "--min-agree") == 0 && i + 1 < argc)
            min_agree = atof(argv[++i]);
        else if (strcmp(argv[i], "--require-explained") == 0)
            require_explained = 1;
        else if (strcmp(argv[i], "--uncovered") == 0)
            list_uncovered = 1;
    }
    if (n_refs == 0) {
        refs[n_refs++] = "../shared/reference/tabari/production/CountryInfo.120116.actors";
        refs[n_refs++] = "../shared/reference/petrarch/Phoenix.Countries.actors.txt";
    }
    Kb *kb = open_image(kb_path, default_kb);
    if (!kb)
        return 1;
    char people[4200];
    snprintf(people, sizeof people, "%s/people", dir);
    CrossStats st = {0};
    st.list_uncovered = list_uncovered;
    int rc = kb_crosscheck(kb, people, refs, n_refs, stdout, &st);
    kb_free(kb);
    double pct = st.roles_shared ? 100.0 * st.roles_agree / st.roles_shared : 100.0;
    printf("crosscheck: %d people shared, %d roles shared, %d agree (%.1f%%), %d disagree, %d of them "
           "explained; %d reference offices fall in years where we record none\n",
           st.people_shared, st.roles_shared, st.roles_agree, pct, st.disagreements, st.explained,
           st.uncovered);
    if (rc != 0)
        return 1;
    if (require_explained && st.explained < st.disagreements) {
        printf("crosscheck: %d disagreements carry no 'crosscheck' comment on our entry\n",
               st.disagreements - st.explained);
        return 1;
    }
    return pct >= min_agree ? 0 : 1;
}

int cli_kb(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    const char *sub = argv[1];
    char dir[4096], out[4096], codebook[4096], kb_path[4096];
    data_path("kb", dir, sizeof dir);
    data_path("kb.img", out, sizeof out);
    data_path("kb.img", kb_path, sizeof kb_path);
    const char *phrase = NULL, *date = NULL;
    int default_kb = 1; /* only the default image is checked against data/kb/ */
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--dir") == 0 && i + 1 < argc)
            snprintf(dir, sizeof dir, "%s", argv[++i]);
        else if (strcmp(argv[i], "--out") == 0 && i + 1 < argc)
            snprintf(out, sizeof out, "%s", argv[++i]);
        else if (strcmp(argv[i], "--kb") == 0 && i + 1 < argc) {
            snprintf(kb_path, sizeof kb_path, "%s", argv[++i]);
            default_kb = 0;
        }
        else if (strcmp(argv[i], "--date") == 0 && i + 1 < argc)
            date = argv[++i];
        else if ((strcmp(argv[i], "--ref") == 0 || strcmp(argv[i], "--min-agree") == 0) && i + 1 < argc)
            i++; /* crosscheck's own options */
        else if (strcmp(argv[i], "--image") == 0 || strcmp(argv[i], "--require-explained") == 0 ||
                 strcmp(argv[i], "--uncovered") == 0)
            continue;
        else if (argv[i][0] != '-')
            phrase = argv[i];
        else {
            usage(stderr);
            return 2;
        }
    }
    /* the codebook sits beside the kb folder: data/cameo/codebook.tsv */
    snprintf(codebook, sizeof codebook, "%.*s/cameo/codebook.tsv",
             (int)(strrchr(dir, '/') ? strrchr(dir, '/') - dir : 1), strrchr(dir, '/') ? dir : ".");
    KbStats st;
    if (strcmp(sub, "stats") == 0 && argc > 2 && strcmp(argv[2], "--image") == 0)
        return image_stats(kb_path);
    if (strcmp(sub, "check") == 0 || strcmp(sub, "stats") == 0) {
        int n = kb_compile(dir, codebook, NULL, stderr, &st);
        if (strcmp(sub, "stats") == 0)
            print_stats(&st);
        if (n)
            fprintf(stderr, "dyad kb: %d error%s\n", n, n == 1 ? "" : "s");
        else if (strcmp(sub, "check") == 0)
            printf("%s: no errors (%u patterns, %u people, %u countries)\n", dir, st.patterns, st.people,
                   st.countries);
        return n ? 1 : 0;
    }
    if (strcmp(sub, "compile") == 0) {
        int n = kb_compile(dir, codebook, out, stderr, &st);
        if (n) {
            fprintf(stderr, "dyad kb: %d error%s; %s not written\n", n, n == 1 ? "" : "s", out);
            return 1;
        }
        printf("%s: %u words, %u phrases, %u patterns\n", out, st.words, st.phrases, st.patterns);
        return 0;
    }
    if (strcmp(sub, "crosscheck") == 0)
        return crosscheck(kb_path, default_kb, dir, argc, argv);
    if (strcmp(sub, "lookup") == 0) {
        if (!phrase) {
            usage(stderr);
            return 2;
        }
        return lookup(kb_path, default_kb, phrase, date);
    }
    usage(stderr);
    return 2;
}

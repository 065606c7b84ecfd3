/*
 * fuzz_kb.c: libFuzzer target for the knowledge-base compiler, and for the
 * loader and lookups on the images it writes.
 *
 * The input is one knowledge-base file in a private directory made once under
 * /tmp: <dir>/verbs/x.txt when the first byte is even, <dir>/x.txt when odd.
 * kb_compile() reads it with the real codebook (data/cameo/codebook.tsv, so run
 * from the repository root); errors are expected and go to /dev/null.  It must
 * not crash, leak memory or file descriptors, or hang.  When bit 1 of the first
 * byte is set the image is also written (<dir>/kb.img); a compile that reports
 * no errors must then give an image that kb_load() accepts and whose tables are
 * consistent (indices in range, words found under their own text), and lookups
 * of the input's own words and phrases must stay inside it.
 */
#include "knowledge/kb.h"

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CODEBOOK "data/cameo/codebook.tsv"

static char dir[64];
static char top_file[128], verb_file[128], img[128], img_tmp[160], verbs_dir[96];
static FILE *devnull;

static void cleanup(void)
{
    unlink(top_file);
    unlink(verb_file);
    unlink(img);
    unlink(img_tmp);
    rmdir(verbs_dir);
    rmdir(dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    if (access(CODEBOOK, R_OK) != 0) {
        fprintf(stderr, "fuzz_kb: %s not found: run from the repository root\n", CODEBOOK);
        abort();
    }
    strcpy(dir, "/tmp/dyad-fuzz-kb-XXXXXX");
    if (!mkdtemp(dir)) {
        perror("fuzz_kb: mkdtemp");
        abort();
    }
    snprintf(verbs_dir, sizeof verbs_dir, "%s/verbs", dir);
    snprintf(top_file, sizeof top_file, "%s/x.txt", dir);
    snprintf(verb_file, sizeof verb_file, "%s/x.txt", verbs_dir);
    snprintf(img, sizeof img, "%s/kb.img", dir);
    snprintf(img_tmp, sizeof img_tmp, "%s.tmp", img);
    if (mkdir(verbs_dir, 0700) != 0) {
        perror("fuzz_kb: mkdir");
        abort();
    }
    devnull = fopen("/dev/null", "w");
    if (!devnull) {
        perror("fuzz_kb: /dev/null");
        abort();
    }
    atexit(cleanup);
    return 0;
}

static void write_input(const char *path, const uint8_t *data, size_t size)
{
    FILE *f = fopen(path, "wb");
    if (!f || (size && fwrite(data, 1, size, f) != size) || fclose(f) != 0) {
        perror("fuzz_kb: cannot write the input");
        abort();
    }
}

/* No descriptor left open on anything the compiler reads or writes: the
 * directory, the input, the image, the codebook or WordNet's lists. */
static void check_fds(void)
{
    DIR *dp = opendir("/proc/self/fd");
    if (!dp)
        return;
    struct dirent *de;
    while ((de = readdir(dp))) {
        if (de->d_name[0] == '.' || atoi(de->d_name) == dirfd(dp))
            continue;
        char link[64], to[4096];
        snprintf(link, sizeof link, "/proc/self/fd/%s", de->d_name);
        ssize_t n = readlink(link, to, sizeof to - 1);
        if (n <= 0)
            continue;
        to[n] = '\0';
        if (strncmp(to, dir, strlen(dir)) == 0 || strstr(to, "codebook.tsv") || strstr(to, "/wordnet/")) {
            fprintf(stderr, "fuzz_kb: descriptor %s left open on %s\n", de->d_name, to);
            __builtin_trap();
        }
    }
    closedir(dp);
}

/* The image's tables refer to each other only by indices inside them. */
static void check_image(const Kb *kb)
{
    if (kb->n_words == 0 || kb->n_codes == 0)
        __builtin_trap();
    for (uint32_t i = 1; i < kb->n_words; i++) {
        const KbWord *w = &kb->words[i];
        if (w->lemma == 0 || w->lemma >= kb->n_words ||
            (uint64_t)w->first_pattern + w->n_patterns > kb->n_patterns || w->max_phrase > KB_MAX_PHRASE)
            __builtin_trap();
        const char *t = kb_str(kb, w->text);
        if (kb_word(kb, t, strlen(t)) != i)
            __builtin_trap(); /* every word is found under its own text */
    }
    for (uint32_t i = 0; i < kb->n_phrases; i++) {
        const KbPhrase *p = &kb->phrases[i];
        if (p->len == 0 || p->len > KB_MAX_PHRASE)
            __builtin_trap();
        for (uint32_t k = 0; k < p->len; k++)
            if (kb->ids[p->words + k] == 0 || kb->ids[p->words + k] >= kb->n_words)
                __builtin_trap();
        if (p->kind == KB_SET_MEMBER ? p->entity >= kb->n_sets : p->entity >= kb->n_entities)
            __builtin_trap();
        if (p->kind != KB_SET_MEMBER) {
            const KbPhrase *q = kb_phrase(kb, kb->ids + p->words, p->len);
            if (!q || q->len != p->len) /* found, maybe as an earlier duplicate */
                __builtin_trap();
        }
    }
    for (uint32_t i = 0; i < kb->n_patterns; i++) {
        const KbPattern *p = &kb->patterns[i];
        if (p->code >= kb->n_codes || p->n_elems == 0 || p->n_elems > KB_MAX_ELEMS ||
            p->anchor_at >= p->n_elems || kb->elems[p->first_elem + p->anchor_at].type != KB_E_ANCHOR)
            __builtin_trap();
        for (uint32_t k = 0; k < p->n_elems; k++) {
            const KbElem *e = &kb->elems[p->first_elem + k];
            if ((e->type == KB_E_WORD || e->type == KB_E_ANCHOR) && (e->value == 0 || e->value >= kb->n_words))
                __builtin_trap();
            if (e->type == KB_E_SET && e->value >= kb->n_sets)
                __builtin_trap();
        }
    }
    for (uint32_t i = 0; i < kb->n_entities; i++) {
        const KbEntity *e = &kb->entities[i];
        if (e->kind < KB_COUNTRY || e->kind > KB_DISCARD)
            __builtin_trap();
        if (e->kind == KB_PERSON && e->n_roles) {
            const char *near = NULL;
            const char *code = kb_person_code(kb, e, kb_parse_day("2024-01-03"), &near);
            if (!code && !near)
                __builtin_trap(); /* a person with roles always has a nearest one */
        }
    }
    for (uint32_t i = 0; i < kb->n_sets; i++) {
        const KbSet *s = &kb->sets[i];
        if (kb_set_index(kb, kb_str(kb, s->name)) != (int)i)
            __builtin_trap();
        for (uint32_t k = 0; k < s->n_phrases; k++)
            if (kb->set_phrases[s->first_phrase + k] >= kb->n_phrases)
                __builtin_trap();
    }
    for (uint32_t i = 0; i < kb->n_codes; i++)
        if (kb_code_index(kb, kb->codes[i].code) != (int)i)
            __builtin_trap();
}

/* Look up every run of the input's words, as words and as phrases. */
static void lookups(const Kb *kb, const uint8_t *data, size_t size)
{
    uint32_t ids[KB_MAX_PHRASE];
    size_t n = 0;
    size_t i = 0;
    while (i < size) {
        while (i < size && (data[i] == ' ' || data[i] == '\n' || data[i] == '\t' || data[i] == '|' || data[i] == '\0'))
            i++;
        size_t s = i;
        while (i < size && !(data[i] == ' ' || data[i] == '\n' || data[i] == '\t' || data[i] == '|' || data[i] == '\0'))
            i++;
        if (i == s)
            break;
        char w[64], low[64];
        size_t len = i - s < sizeof w - 1 ? i - s : sizeof w - 1;
        memcpy(w, data + s, len);
        w[len] = '\0';
        for (size_t k = 0; k <= len; k++)
            low[k] = (char)(w[k] >= 'A' && w[k] <= 'Z' ? w[k] + 32 : w[k]);
        uint32_t id = kb_word(kb, low, len);
        if (id >= kb->n_words || kb_word_fold(kb, w, len) != id)
            __builtin_trap();
        if (id && strcmp(kb_str(kb, kb->words[id].text), low) != 0)
            __builtin_trap(); /* a hit is the word itself */
        if (n == KB_MAX_PHRASE) {
            memmove(ids, ids + 1, (KB_MAX_PHRASE - 1) * sizeof *ids);
            n--;
        }
        ids[n++] = id;
        for (size_t k = 0; k < n; k++) {
            const KbPhrase *p = kb_phrase(kb, ids + k, n - k);
            if (p && (p->len != n - k || memcmp(kb->ids + p->words, ids + k, p->len * sizeof *ids) != 0))
                __builtin_trap();
        }
    }
    (void)kb_code_index(kb, "0211");
    (void)kb_code_index(kb, "");
    (void)kb_set_index(kb, "NEGATION");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int in_verbs = size > 0 && !(data[0] & 1);
    int write = size > 0 && (data[0] & 2);
    unlink(top_file);
    unlink(verb_file);
    unlink(img);
    write_input(in_verbs ? verb_file : top_file, data, size);

    KbStats stats;
    int rc = kb_compile(dir, CODEBOOK, write ? img : NULL, devnull, &stats);
    if (rc < 0)
        __builtin_trap();
    if (rc == 0 && write) {
        if (stats.codes == 0)
            __builtin_trap(); /* the codebook was read */
        char err[512];
        Kb *kb = kb_load(img, err, sizeof err);
        if (!kb) {
            fprintf(stderr, "fuzz_kb: a clean compile gave an image kb_load rejects: %s\n", err);
            __builtin_trap();
        }
        check_image(kb);
        lookups(kb, data, size);
        kb_free(kb);
    } else if (access(img, F_OK) == 0 || access(img_tmp, F_OK) == 0) {
        __builtin_trap(); /* nothing is written unless asked and clean */
    }

    check_fds();
    return 0;
}

/*
 * cmd_tagger.c: `dyad tagger train|eval|tag`, the command line of the
 * part-of-speech tagger.
 *
 *   dyad tagger train --brown DIR --out FILE [--iterations N]
 *   dyad tagger eval  --brown DIR [--model FILE]
 *   dyad tagger tag   [--model FILE] WORD...
 *
 * train and eval split Brown the same way (every 10th file held out, see
 * tagger_brown_load), so eval reproduces the accuracy train printed.  Exit
 * status: 0 done, 1 failed (message on stderr), 2 usage error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "../language/tagger.h"
#include "../language/tagger_train.h"

#define DEFAULT_MODEL "data/model/tagger.bin"

static int usage(void)
{
    fputs("usage: dyad tagger train --brown DIR --out FILE [--iterations N]\n"
          "       dyad tagger eval --brown DIR [--model FILE]\n"
          "       dyad tagger tag [--model FILE] WORD...\n",
          stderr);
    return 2;
}

/* Flags shared by the subcommands; unset ones stay NULL / 0. */
typedef struct TaggerArgs {
    const char *brown;  /* --brown DIR */
    const char *out;    /* --out FILE */
    const char *model;  /* --model FILE */
    int iterations;     /* --iterations N, 0 when not given */
    int first_word;     /* index in argv of the first non-flag argument */
} TaggerArgs;

/* Parse flags from argv[2] on; stops at the first word that is not a flag.
 * Returns 0, or -1 after printing what is wrong. */
static int parse_args(int argc, char **argv, TaggerArgs *a)
{
    memset(a, 0, sizeof *a);
    int i = 2;
    for (; i < argc; i++) {
        const char *f = argv[i];
        if (strcmp(f, "--") == 0) {
            i++;
            break;
        }
        if (strncmp(f, "--", 2) != 0)
            break;
        if (i + 1 >= argc) {
            fprintf(stderr, "dyad tagger: %s needs a value\n", f);
            return -1;
        }
        const char *v = argv[++i];
        if (strcmp(f, "--brown") == 0)
            a->brown = v;
        else if (strcmp(f, "--out") == 0)
            a->out = v;
        else if (strcmp(f, "--model") == 0)
            a->model = v;
        else if (strcmp(f, "--iterations") == 0) {
            char *end;
            long n = strtol(v, &end, 10);
            if (*end || n < 1 || n > 100) {
                fprintf(stderr, "dyad tagger: --iterations wants 1..100, not \"%s\"\n", v);
                return -1;
            }
            a->iterations = (int)n;
        } else {
            fprintf(stderr, "dyad tagger: unknown flag %s\n", f);
            return -1;
        }
    }
    a->first_word = i;
    return 0;
}

static void print_accuracy(const char *what, const TaggerEval *e)
{
    printf("tagger %s: held-out accuracy %.2f%% (%zu of %zu tokens)\n", what,
           e->tokens ? 100.0 * (double)e->correct / (double)e->tokens : 0.0, e->correct,
           e->tokens);
}

static int cmd_train(const TaggerArgs *a)
{
    if (!a->brown || !a->out)
        return usage();
    char err[512];
    TagCorpus *train = tag_corpus_new(), *held = tag_corpus_new();
    int rc = 1;
    Tagger *t = NULL;
    if (tagger_brown_load(a->brown, train, held, err, sizeof err) != 0) {
        fprintf(stderr, "dyad tagger train: %s\n", err);
        goto done;
    }
    TaggerTrainOptions opt = tagger_train_defaults();
    if (a->iterations)
        opt.iterations = a->iterations;
    TaggerTrainStats st;
    if (tagger_train(train, &opt, a->out, &st, err, sizeof err) != 0) {
        fprintf(stderr, "dyad tagger train: %s\n", err);
        goto done;
    }
    printf("tagger train: %zu tokens in %zu sentences (%zu held out), %d iterations, %.1f s\n",
           st.tokens, st.sentences, tag_corpus_tokens(held), opt.iterations, st.seconds);
    printf("tagger train: wrote %s: %.1f MB, %zu features, %zu weights, %zu dictionary words\n",
           a->out, (double)st.file_bytes / 1e6, st.features, st.pairs, st.dict_words);
    t = tagger_load(a->out, err, sizeof err);
    if (!t) {
        fprintf(stderr, "dyad tagger train: %s\n", err);
        goto done;
    }
    TaggerEval ev;
    tagger_evaluate(t, held, 0.0, &ev);
    print_accuracy("train", &ev);
    rc = 0;
done:
    tagger_free(t);
    tag_corpus_free(train);
    tag_corpus_free(held);
    return rc;
}

static int cmd_eval(const TaggerArgs *a)
{
    if (!a->brown)
        return usage();
    char err[512];
    const char *model = a->model ? a->model : DEFAULT_MODEL;
    Tagger *t = tagger_load(model, err, sizeof err);
    if (!t) {
        fprintf(stderr, "dyad tagger eval: %s\n", err);
        return 1;
    }
    TagCorpus *held = tag_corpus_new();
    int rc = 1;
    if (tagger_brown_load(a->brown, NULL, held, err, sizeof err) != 0) {
        fprintf(stderr, "dyad tagger eval: %s\n", err);
    } else {
        TaggerEval ev;
        tagger_evaluate(t, held, 2.0, &ev);
        print_accuracy("eval", &ev);
        printf("tagger eval: %.0f tokens/s on one thread\n", ev.tokens_per_s);
        rc = 0;
    }
    tag_corpus_free(held);
    tagger_free(t);
    return rc;
}

static int cmd_tag(const TaggerArgs *a, int argc, char **argv)
{
    size_t n = argc > a->first_word ? (size_t)(argc - a->first_word) : 0;
    if (!n)
        return usage();
    char err[512];
    const char *model = a->model ? a->model : DEFAULT_MODEL;
    Tagger *t = tagger_load(model, err, sizeof err);
    if (!t) {
        fprintf(stderr, "dyad tagger tag: %s\n", err);
        return 1;
    }
    /* The words as one text with token spans, the way the coder calls the tagger. */
    size_t len = 0;
    for (size_t i = 0; i < n; i++)
        len += strlen(argv[a->first_word + i]) + 1;
    char *text = malloc(len + 1);
    TxtToken *toks = malloc(n * sizeof *toks);
    uint8_t *tags = malloc(n);
    if (!text || !toks || !tags) {
        fputs("dyad tagger tag: out of memory\n", stderr);
        free(text);
        free(toks);
        free(tags);
        tagger_free(t);
        return 1;
    }
    size_t pos = 0;
    for (size_t i = 0; i < n; i++) {
        const char *w = argv[a->first_word + i];
        size_t wl = strlen(w);
        memcpy(text + pos, w, wl);
        toks[i] = (TxtToken){(uint32_t)pos, (uint32_t)(pos + wl), 0};
        pos += wl;
        text[pos++] = ' ';
    }
    text[pos] = 0;
    tagger_tag(t, text, toks, n, tags);
    for (size_t i = 0; i < n; i++)
        printf("%s%.*s/%s", i ? " " : "", (int)(toks[i].end - toks[i].start),
               text + toks[i].start, tag_name(tags[i]));
    putchar('\n');
    free(text);
    free(toks);
    free(tags);
    tagger_free(t);
    return 0;
}

int cli_tagger(int argc, char **argv)
{
    if (argc < 2)
        return usage();
    TaggerArgs a;
    if (parse_args(argc, argv, &a) != 0)
        return 2;
    const char *sub = argv[1];
    if (strcmp(sub, "train") == 0)
        return cmd_train(&a);
    if (strcmp(sub, "eval") == 0)
        return cmd_eval(&a);
    if (strcmp(sub, "tag") == 0)
        return cmd_tag(&a, argc, argv);
    fprintf(stderr, "dyad tagger: unknown command \"%s\"\n", sub);
    return usage();
}

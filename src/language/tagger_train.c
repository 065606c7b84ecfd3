/*
 * tagger_train.c: the Brown corpus reader, the averaged-perceptron trainer that
 * writes the model image tagger.c maps, and the held-out evaluation.
 *
 * Brown tags are mapped to Penn tags token by token, and tokens are split the
 * way dyad's tokenizer splits text ("Iran's" -> "Iran" "'s", "can't" -> "ca"
 * "n't", "$5" -> "$" "5"), so the tagger learns from what it will be given.
 * Brown's `` and '' both become the word '"' (dyad folds quotes to ASCII), keeping
 * their tags `` and '': the tagger tells opening from closing by spacing and by
 * how many quotes came before (TAGGER_SHAPE_Q*).
 *
 * Training follows Honnibal's tagger: greedy left to right, the tags of earlier
 * words are the model's own guesses, words in the tag dictionary are tagged
 * directly and teach nothing.  It is reproducible: sentences are shuffled by a
 * seeded generator, and the image is written from insertion-ordered tables, so
 * the same corpus and options give a byte-identical file.
 */
#include "tagger_train.h"

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "../base/xalloc.h"

/* Grow *p (of *cap elements of size sz) to hold at least need elements. */
static void grow(void **p, size_t *cap, size_t need, size_t sz)
{
    if (need <= *cap)
        return;
    size_t c = *cap ? *cap : 16;
    while (c < need)
        c *= 2;
    *p = xrealloc(*p, c * sz);
    *cap = c;
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* ------------------------------------------------------------------------- */
/* The corpus.                                                               */

struct TagCorpus {
    char *text;       /* the words, separated by spaces (quotes hug their words) */
    size_t text_len;  /* bytes used in text */
    size_t text_cap;  /* bytes allocated for text */
    TxtToken *toks;   /* token spans into text */
    uint8_t *tags;    /* gold tag of each token */
    size_t n_toks;    /* tokens */
    size_t tok_cap;   /* room in toks and tags */
    size_t *sent;     /* sent[k] = first token of sentence k; sent[n_sent] = n_toks */
    size_t n_sent;    /* sentences */
    size_t sent_cap;  /* room in sent */
    size_t quotes;    /* '"' tokens added so far: every 5th is left spaced */
    int glue;         /* the last token was an attached opening quote: no space after it */
};

TagCorpus *tag_corpus_new(void)
{
    TagCorpus *c = xcalloc(1, sizeof *c);
    grow((void **)&c->sent, &c->sent_cap, 1, sizeof *c->sent);
    c->sent[0] = 0;
    return c;
}

void tag_corpus_free(TagCorpus *c)
{
    if (!c)
        return;
    free(c->text);
    free(c->toks);
    free(c->tags);
    free(c->sent);
    free(c);
}

size_t tag_corpus_tokens(const TagCorpus *c) { return c->n_toks; }
size_t tag_corpus_sentences(const TagCorpus *c) { return c->n_sent; }

size_t tag_corpus_sentence(const TagCorpus *c, size_t k, const char **text,
                           const TxtToken **toks, const uint8_t **tags)
{
    *text = c->text;
    *toks = c->toks + c->sent[k];
    *tags = c->tags + c->sent[k];
    return c->sent[k + 1] - c->sent[k];
}

static void corpus_add_word(TagCorpus *c, const char *w, size_t n, uint8_t tag)
{
    if (c->text_len + n + 1 >= UINT32_MAX) {
        fputs("dyad: tagger corpus larger than 4 GB\n", stderr);
        abort();
    }
    grow((void **)&c->text, &c->text_cap, c->text_len + n + 1, 1);
    size_t tok_cap = c->tok_cap;
    grow((void **)&c->toks, &c->tok_cap, c->n_toks + 1, sizeof *c->toks);
    if (c->tok_cap != tok_cap)
        c->tags = xrealloc(c->tags, c->tok_cap);
    /* Write quotation marks the way text has them, against their words, so the
     * tagger learns from spacing which is which; a fifth of them stay spaced, so
     * it also learns to do without (quotes spaced out, words given one by one). */
    int quote = n == 1 && w[0] == '"' && (tag == TAG_LQUOTE || tag == TAG_RQUOTE);
    int attach = quote && ++c->quotes % 5 != 0;
    int in_sentence = c->n_toks > c->sent[c->n_sent];
    if (in_sentence && ((attach && tag == TAG_RQUOTE) || c->glue) && c->text_len &&
        c->text[c->text_len - 1] == ' ')
        c->text_len--;
    c->glue = attach && tag == TAG_LQUOTE;
    memcpy(c->text + c->text_len, w, n);
    c->toks[c->n_toks] = (TxtToken){(uint32_t)c->text_len, (uint32_t)(c->text_len + n), 0};
    c->tags[c->n_toks++] = tag;
    c->text_len += n;
    c->text[c->text_len++] = ' ';
}

static void corpus_end_sentence(TagCorpus *c)
{
    c->glue = 0;
    if (c->n_toks == c->sent[c->n_sent])
        return;  /* nothing since the last sentence */
    grow((void **)&c->sent, &c->sent_cap, c->n_sent + 2, sizeof *c->sent);
    c->sent[++c->n_sent] = c->n_toks;
}

void tag_corpus_add(TagCorpus *c, const char *const *words, const uint8_t *tags, size_t n)
{
    for (size_t i = 0; i < n; i++)
        corpus_add_word(c, words[i], strlen(words[i]), tags[i]);
    corpus_end_sentence(c);
}

/* ------------------------------------------------------------------------- */
/* Brown tags to Penn tags.                                                  */

/* Word-dependent refinements of a Brown tag. */
enum { R_NONE, R_AP, R_ABN, R_ABL, R_QL, R_PUNCT, R_NR };

typedef struct BrownBase {
    const char *name; /* Brown tag without -hl/-tl/-nc, fw-, $ or * */
    uint8_t tag;      /* its Penn tag */
    uint8_t flags;    /* TAGGER_BROWN_* */
    uint8_t rule;     /* R_*: refinement by the word */
    uint8_t title;    /* in a title (-tl) and capitalised: 1 -> NNP, 2 -> NNPS */
} BrownBase;

#define BF TAGGER_BROWN_BASEFORM
#define AUX TAGGER_BROWN_AUX
#define SUBJ TAGGER_BROWN_SUBJ
#define SKIP TAGGER_BROWN_SKIP
static const BrownBase brown_bases[] = {
    {"nn", TAG_NN, SUBJ, R_NONE, 1},      {"nns", TAG_NNS, SUBJ, R_NONE, 2},
    {"np", TAG_NNP, SUBJ, R_NONE, 0},     {"nps", TAG_NNPS, SUBJ, R_NONE, 0},
    {"nr", TAG_NN, 0, R_NR, 1},           {"nrs", TAG_NNS, 0, R_NR, 2},
    {"pn", TAG_NN, SUBJ, R_NONE, 0},      {"vb", TAG_VB, BF, R_NONE, 0},
    {"vbd", TAG_VBD, 0, R_NONE, 0},       {"vbn", TAG_VBN, 0, R_NONE, 1},
    {"vbg", TAG_VBG, 0, R_NONE, 0},       {"vbz", TAG_VBZ, 0, R_NONE, 0},
    {"be", TAG_VB, 0, R_NONE, 0},         {"bed", TAG_VBD, 0, R_NONE, 0},
    {"bedz", TAG_VBD, 0, R_NONE, 0},      {"bez", TAG_VBZ, 0, R_NONE, 0},
    {"ber", TAG_VBP, 0, R_NONE, 0},       {"bem", TAG_VBP, 0, R_NONE, 0},
    {"ben", TAG_VBN, 0, R_NONE, 0},       {"beg", TAG_VBG, 0, R_NONE, 0},
    {"hv", TAG_VB, BF, R_NONE, 0},        {"hvd", TAG_VBD, 0, R_NONE, 0},
    {"hvz", TAG_VBZ, 0, R_NONE, 0},       {"hvg", TAG_VBG, 0, R_NONE, 0},
    {"hvn", TAG_VBN, 0, R_NONE, 0},       {"do", TAG_VB, BF | AUX, R_NONE, 0},
    {"dod", TAG_VBD, AUX, R_NONE, 0},     {"doz", TAG_VBZ, AUX, R_NONE, 0},
    {"md", TAG_MD, AUX, R_NONE, 0},       {"jj", TAG_JJ, 0, R_NONE, 1},
    {"jjr", TAG_JJR, 0, R_NONE, 0},       {"jjs", TAG_JJS, 0, R_NONE, 0},
    {"jjt", TAG_JJS, 0, R_NONE, 0},       {"rb", TAG_RB, SKIP, R_NONE, 0},
    {"rbr", TAG_RBR, SKIP, R_NONE, 0},    {"rbt", TAG_RBS, SKIP, R_NONE, 0},
    {"rn", TAG_RB, SKIP, R_NONE, 0},      {"rp", TAG_RP, 0, R_NONE, 0},
    {"in", TAG_IN, 0, R_NONE, 0},         {"cs", TAG_IN, 0, R_NONE, 0},
    {"cc", TAG_CC, 0, R_NONE, 0},         {"cd", TAG_CD, SUBJ, R_NONE, 0},
    {"od", TAG_JJ, 0, R_NONE, 0},         {"at", TAG_DT, 0, R_NONE, 0},
    {"ap", TAG_JJ, 0, R_AP, 0},           {"abn", TAG_DT, 0, R_ABN, 0},
    {"abl", TAG_RB, 0, R_ABL, 0},         {"abx", TAG_DT, 0, R_NONE, 0},
    {"dt", TAG_DT, SUBJ, R_NONE, 0},      {"dti", TAG_DT, 0, R_NONE, 0},
    {"dts", TAG_DT, SUBJ, R_NONE, 0},     {"dtx", TAG_DT, 0, R_NONE, 0},
    {"pp$", TAG_PRPS, 0, R_NONE, 0},      {"pp$$", TAG_PRP, 0, R_NONE, 0},
    {"pps", TAG_PRP, SUBJ, R_NONE, 0},    {"ppss", TAG_PRP, SUBJ, R_NONE, 0},
    {"ppo", TAG_PRP, 0, R_NONE, 0},       {"ppl", TAG_PRP, 0, R_NONE, 0},
    {"ppls", TAG_PRP, 0, R_NONE, 0},      {"wdt", TAG_WDT, SUBJ, R_NONE, 0},
    {"wps", TAG_WP, SUBJ, R_NONE, 0},     {"wpo", TAG_WP, 0, R_NONE, 0},
    {"wp$", TAG_WPS, 0, R_NONE, 0},       {"wrb", TAG_WRB, 0, R_NONE, 0},
    {"wql", TAG_WRB, 0, R_NONE, 0},       {"to", TAG_TO, AUX, R_NONE, 0},
    {"ex", TAG_EX, SUBJ, R_NONE, 0},      {"uh", TAG_UH, 0, R_NONE, 0},
    {"ql", TAG_RB, SKIP, R_QL, 0},        {"qlp", TAG_RB, SKIP, R_NONE, 0},
    {"*", TAG_RB, SKIP, R_NONE, 0},       {".", TAG_PUNCT, 0, R_PUNCT, 0},
    {",", TAG_COMMA, 0, R_NONE, 0},       {":", TAG_COLON, 0, R_NONE, 0},
    {"--", TAG_COLON, 0, R_NONE, 0},      {"(", TAG_LPAREN, 0, R_NONE, 0},
    {")", TAG_RPAREN, 0, R_NONE, 0},      {"'", TAG_RQUOTE, SKIP, R_NONE, 0},
};
#undef BF
#undef AUX
#undef SUBJ
#undef SKIP

static const BrownBase *brown_base(const char *s, size_t n)
{
    for (size_t i = 0; i < sizeof brown_bases / sizeof brown_bases[0]; i++) {
        const char *b = brown_bases[i].name;
        if (b[0] == s[0] && strlen(b) == n && memcmp(b, s, n) == 0)
            return &brown_bases[i];
    }
    return NULL;
}

/* Case-insensitive: is w[0..n) the lower-case word s? */
static int word_is(const char *w, size_t n, const char *s)
{
    size_t k = 0;
    for (; k < n && s[k]; k++)
        if (tagger_lower((unsigned char)w[k]) != (unsigned char)s[k])
            return 0;
    return k == n && !s[k];
}

/* Case-insensitive suffix test; the word must be longer than the suffix. */
static int ends_with(const char *w, size_t n, const char *s)
{
    size_t m = strlen(s);
    return n > m && word_is(w + n - m, m, s);
}

/* Penn tag of one Brown base tag for this word. */
static uint8_t map_base(const BrownBase *b, const char *w, size_t wn, int title, uint8_t *flags)
{
    uint8_t tag = b->tag;
    int cap = wn && w[0] >= 'A' && w[0] <= 'Z';
    *flags = b->flags;
    switch (b->rule) {
    case R_AP:  /* many/few/other JJ, more/less JJR, most/least JJS */
        if (word_is(w, wn, "more") || word_is(w, wn, "less"))
            tag = TAG_JJR;
        else if (word_is(w, wn, "most") || word_is(w, wn, "least"))
            tag = TAG_JJS;
        break;
    case R_ABN:
        if (word_is(w, wn, "many"))
            tag = TAG_JJ;
        break;
    case R_ABL:
        if (word_is(w, wn, "such"))
            tag = TAG_JJ;
        break;
    case R_QL:
        if (word_is(w, wn, "more") || word_is(w, wn, "less"))
            tag = TAG_RBR;
        else if (word_is(w, wn, "most") || word_is(w, wn, "least"))
            tag = TAG_RBS;
        break;
    case R_PUNCT:  /* Brown's "." covers ; and :, which Penn calls ":" */
        if (wn == 1 && (w[0] == ';' || w[0] == ':'))
            tag = TAG_COLON;
        break;
    case R_NR:  /* days and months are proper nouns in Penn; "home", "today" are not */
        if (cap)
            tag = tag == TAG_NNS ? TAG_NNPS : TAG_NNP;
        break;
    }
    /* A capitalised noun, adjective or participle inside a name ("Fulton County
     * Grand Jury", "United States") is what Penn calls a proper noun. */
    if (title && cap && b->title)
        tag = b->title == 2 ? TAG_NNPS : TAG_NNP;
    return tag;
}

/* Look up one part of a (possibly compound) tag, noting $ and * markers. */
static const BrownBase *brown_part(const char *s, size_t n, int *poss, int *neg)
{
    *poss = *neg = 0;
    if (!n)
        return NULL;
    const BrownBase *b = brown_base(s, n);
    if (b)
        return b;
    if (n > 1 && s[n - 1] == '$') {
        *poss = 1;
        return brown_base(s, n - 1);
    }
    if (n > 1 && s[n - 1] == '*') {
        *neg = 1;
        return brown_base(s, n - 1);
    }
    return NULL;
}

static TaggerBrownTok btok(const char *w, size_t n, uint8_t tag, uint8_t flags)
{
    return (TaggerBrownTok){w, n, tag, flags};
}

size_t tagger_brown_map(const char *word, size_t wlen, const char *btag, size_t tlen,
                        TaggerBrownTok out[3])
{
    if (!wlen || !tlen || tlen >= 64)
        return 0;
    char tag[64];
    for (size_t i = 0; i < tlen; i++)
        tag[i] = (char)tagger_lower((unsigned char)btag[i]);
    const char *t = tag;
    size_t tn = tlen;
    int fw = 0, title = 0;
    if (tn > 3 && memcmp(t, "fw-", 3) == 0) {
        fw = 1;
        t += 3;
        tn -= 3;
    }
    for (;;) {  /* -hl headline, -tl title, -nc cited: in any order, any number */
        if (tn > 3 && t[tn - 3] == '-' &&
            (memcmp(t + tn - 2, "hl", 2) == 0 || memcmp(t + tn - 2, "tl", 2) == 0 ||
             memcmp(t + tn - 2, "nc", 2) == 0)) {
            if (t[tn - 2] == 't')
                title = 1;
            tn -= 3;
        } else {
            break;
        }
    }
    if (tn == 2 && (memcmp(t, "``", 2) == 0 || memcmp(t, "''", 2) == 0)) {
        out[0] = btok("\"", 1, t[0] == '`' ? TAG_LQUOTE : TAG_RQUOTE, TAGGER_BROWN_SKIP);
        return 1;
    }

    /* A compound tag "ppss+md" is split into its first two parts. */
    const char *plus = memchr(t, '+', tn);
    size_t n0 = plus ? (size_t)(plus - t) : tn;
    int poss, neg, poss1, neg1;
    const BrownBase *b0 = brown_part(t, n0, &poss, &neg);
    uint8_t f0 = 0, f1 = 0;
    if (!b0) {
        if (!fw)
            return 0;
        out[0] = btok(word, wlen, TAG_FW, 0);  /* a foreign word of no English class */
        return 1;
    }
    uint8_t tag0 = map_base(b0, word, wlen, title, &f0);

    if (plus) {
        const char *p1 = plus + 1;
        const char *plus2 = memchr(p1, '+', tn - n0 - 1);
        size_t n1 = plus2 ? (size_t)(plus2 - p1) : tn - n0 - 1;
        const BrownBase *b1 = brown_part(p1, n1, &poss1, &neg1);
        const char *apo = NULL;
        for (size_t i = wlen; i-- > 1;)
            if (word[i] == '\'') {
                apo = word + i;
                break;
            }
        if (b1 && apo) {  /* "I'm" -> "I" "'m", "let's" -> "let" "'s" */
            size_t k = (size_t)(apo - word);
            uint8_t tag1 = map_base(b1, apo, wlen - k, 0, &f1);
            out[0] = btok(word, k, tag0, f0);
            out[1] = btok(apo, wlen - k, tag1, f1);
            return 2;
        }
        out[0] = btok(word, wlen, tag0, f0);  /* "gonna": one token, first tag */
        return 1;
    }
    if (neg) {
        if (ends_with(word, wlen, "n't")) {  /* "can't" -> "ca" "n't" */
            out[0] = btok(word, wlen - 3, tag0, f0);
            out[1] = btok(word + wlen - 3, 3, TAG_RB, TAGGER_BROWN_SKIP);
            return 2;
        }
        if (word_is(word, wlen, "cannot")) {  /* "cannot" -> "can" "not" */
            out[0] = btok(word, 3, tag0, f0);
            out[1] = btok(word + 3, 3, TAG_RB, TAGGER_BROWN_SKIP);
            return 2;
        }
    }
    if (poss) {
        if (ends_with(word, wlen, "'s")) {  /* "Iran's" -> "Iran" "'s" */
            out[0] = btok(word, wlen - 2, tag0, f0);
            out[1] = btok(word + wlen - 2, 2, TAG_POS, 0);
            return 2;
        }
        if (wlen > 1 && word[wlen - 1] == '\'') {  /* "Roberts'" -> "Roberts" "'" */
            out[0] = btok(word, wlen - 1, tag0, f0);
            out[1] = btok(word + wlen - 1, 1, TAG_POS, 0);
            return 2;
        }
    }
    if (wlen > 1 && word[0] == '$' && word[1] >= '0' && word[1] <= '9') {  /* "$5" */
        out[0] = btok(word, 1, TAG_DOLLAR, 0);
        out[1] = btok(word + 1, wlen - 1, TAG_CD, 0);
        return 2;
    }
    out[0] = btok(word, wlen, tag0, f0);
    return 1;
}

/* Brown's vb, hv and do are both Penn's VB (base form) and VBP (present, not
 * third person).  Decide from what comes before, looking through adverbs and
 * quotes: after a modal, "to" or "do", VB; right after a subject, VBP, unless an
 * auxiliary precedes the subject ("did you go"); anything else (imperatives) VB. */
static uint8_t resolve_baseform(const TaggerBrownTok *t, size_t k)
{
    size_t j = k;
    while (j > 0 && (t[j - 1].flags & TAGGER_BROWN_SKIP))
        j--;
    if (j == 0)
        return TAG_VB;
    j--;
    if (t[j].flags & TAGGER_BROWN_AUX)
        return TAG_VB;
    if (!(t[j].flags & TAGGER_BROWN_SUBJ))
        return TAG_VB;
    while (j > 0 && (t[j - 1].flags & TAGGER_BROWN_SKIP))
        j--;
    if (j > 0 && (t[j - 1].flags & TAGGER_BROWN_AUX))
        return TAG_VB;
    return TAG_VBP;
}

/* One sentence line into c, with a caller-owned scratch array. */
static size_t brown_sentence(TagCorpus *c, const char *line, size_t len, TaggerBrownTok **buf,
                             size_t *cap)
{
    size_t n = 0, i = 0;
    while (i < len) {
        while (i < len && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r'))
            i++;
        size_t s = i;
        while (i < len && line[i] != ' ' && line[i] != '\t' && line[i] != '\r')
            i++;
        if (s == i)
            break;
        size_t slash = i;  /* one past the last '/': the tag starts there */
        while (slash > s && line[slash - 1] != '/')
            slash--;
        if (slash <= s + 1 || slash == i)
            return 0;  /* not "word/tag": drop the sentence */
        grow((void **)buf, cap, n + 3, sizeof **buf);
        size_t m = tagger_brown_map(line + s, slash - 1 - s, line + slash, i - slash, *buf + n);
        if (!m)
            return 0;  /* an unknown tag (Brown's "nil"): drop the sentence */
        n += m;
    }
    for (size_t k = 0; k < n; k++)
        if ((*buf)[k].flags & TAGGER_BROWN_BASEFORM)
            (*buf)[k].tag = resolve_baseform(*buf, k);
    for (size_t k = 0; k < n; k++)
        corpus_add_word(c, (*buf)[k].word, (*buf)[k].len, (*buf)[k].tag);
    corpus_end_sentence(c);
    return n;
}

size_t tagger_brown_sentence(TagCorpus *c, const char *line, size_t len)
{
    TaggerBrownTok *buf = NULL;
    size_t cap = 0;
    size_t n = brown_sentence(c, line, len, &buf, &cap);
    free(buf);
    return n;
}

static int is_brown_name(const char *s)
{
    return s[0] == 'c' && s[1] >= 'a' && s[1] <= 'r' && s[2] >= '0' && s[2] <= '9' &&
           s[3] >= '0' && s[3] <= '9' && s[4] == 0;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int tagger_brown_load(const char *dir, TagCorpus *train, TagCorpus *heldout, char *err,
                      size_t errlen)
{
    DIR *d = opendir(dir);
    if (!d) {
        snprintf(err, errlen, "Brown corpus %s: %s", dir, strerror(errno));
        return -1;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!is_brown_name(e->d_name))
            continue;
        grow((void **)&names, &cap, n + 1, sizeof *names);
        names[n] = xrealloc(NULL, 5);
        memcpy(names[n++], e->d_name, 5);
    }
    closedir(d);
    if (!n) {
        snprintf(err, errlen, "Brown corpus %s: no files named ca01..cr09", dir);
        free(names);
        return -1;
    }
    qsort(names, n, sizeof *names, cmp_names);  /* readdir order is the file system's */
    int rc = 0;
    char *data = NULL;
    size_t data_cap = 0;
    TaggerBrownTok *buf = NULL;
    size_t buf_cap = 0;
    for (size_t k = 0; k < n && rc == 0; k++) {
        TagCorpus *dst = (k % 10 == 9) ? heldout : train;
        if (!dst)
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, names[k]);
        FILE *f = fopen(path, "rb");
        if (!f) {
            snprintf(err, errlen, "Brown corpus %s: %s", path, strerror(errno));
            rc = -1;
            break;
        }
        size_t len = 0, got;
        do {
            grow((void **)&data, &data_cap, len + 65536, 1);
            got = fread(data + len, 1, data_cap - len, f);
            len += got;
        } while (got > 0);
        if (ferror(f)) {
            snprintf(err, errlen, "Brown corpus %s: read error", path);
            rc = -1;
        }
        fclose(f);
        for (size_t i = 0; i < len && rc == 0;) {
            size_t j = i;
            while (j < len && data[j] != '\n')
                j++;
            brown_sentence(dst, data + i, j - i, &buf, &buf_cap);
            i = j + 1;
        }
    }
    for (size_t k = 0; k < n; k++)
        free(names[k]);
    free(names);
    free(data);
    free(buf);
    return rc;
}

/* ------------------------------------------------------------------------- */
/* The averaged perceptron.                                                  */

typedef struct TrainPair {
    int64_t total;  /* sum of w over all instances up to ts (for averaging) */
    int32_t w;      /* current weight */
    int32_t ts;     /* instance at which total was last brought up to date */
    uint8_t tag;    /* the tag this weight votes for */
} TrainPair;

typedef struct TrainFeat {
    uint32_t off;  /* first pair in the pool */
    uint8_t n;     /* pairs in use */
    uint8_t cap;   /* pairs reserved at off */
} TrainFeat;

typedef struct Perceptron {
    uint64_t *keys;    /* open-addressing table: feature hash, 0 = empty */
    uint32_t *ids;     /* index into feats for each occupied key */
    size_t slots;      /* table size, a power of two, load <= 0.5 */
    TrainFeat *feats;  /* features in order of first update */
    size_t n_feats;    /* features in use */
    size_t feat_cap;   /* room in feats */
    TrainPair *pairs;  /* pool of pairs; a feature that outgrows its run moves to the end */
    size_t n_pairs;    /* pairs used in the pool */
    size_t pair_cap;   /* room in pairs */
    int64_t i;         /* instances seen: the clock of the averaging */
} Perceptron;

static int64_t feat_find(const Perceptron *p, uint64_t key)
{
    size_t mask = p->slots - 1;
    for (size_t s = key & mask;; s = (s + 1) & mask) {
        if (p->keys[s] == key)
            return p->ids[s];
        if (!p->keys[s])
            return -1;
    }
}

static void table_rehash(Perceptron *p)
{
    size_t old = p->slots;
    uint64_t *ok = p->keys;
    uint32_t *oi = p->ids;
    p->slots = old ? old * 2 : 1u << 16;
    p->keys = xcalloc(p->slots, sizeof *p->keys);
    p->ids = xcalloc(p->slots, sizeof *p->ids);
    size_t mask = p->slots - 1;
    for (size_t s = 0; s < old; s++) {
        if (!ok[s])
            continue;
        size_t t = ok[s] & mask;
        while (p->keys[t])
            t = (t + 1) & mask;
        p->keys[t] = ok[s];
        p->ids[t] = oi[s];
    }
    free(ok);
    free(oi);
}

static uint32_t feat_get(Perceptron *p, uint64_t key)
{
    int64_t id = feat_find(p, key);
    if (id >= 0)
        return (uint32_t)id;
    if ((p->n_feats + 1) * 2 > p->slots)
        table_rehash(p);
    size_t mask = p->slots - 1, s = key & mask;
    while (p->keys[s])
        s = (s + 1) & mask;
    grow((void **)&p->feats, &p->feat_cap, p->n_feats + 1, sizeof *p->feats);
    p->keys[s] = key;
    p->ids[s] = (uint32_t)p->n_feats;
    p->feats[p->n_feats] = (TrainFeat){0, 0, 0};
    return (uint32_t)p->n_feats++;
}

static void feat_update(Perceptron *p, uint32_t id, uint8_t tag, int32_t delta)
{
    TrainFeat *f = &p->feats[id];
    TrainPair *q = p->pairs + f->off;
    for (uint8_t k = 0; k < f->n; k++) {
        if (q[k].tag == tag) {
            q[k].total += (p->i - q[k].ts) * (int64_t)q[k].w;
            q[k].w += delta;
            q[k].ts = (int32_t)p->i;
            return;
        }
    }
    if (f->n == f->cap) {  /* move the run to the end of the pool, twice as large */
        size_t cap = f->cap ? (size_t)f->cap * 2 : 2;
        if (cap > TAG_COUNT)
            cap = TAG_COUNT;
        grow((void **)&p->pairs, &p->pair_cap, p->n_pairs + cap, sizeof *p->pairs);
        if (f->n)
            memcpy(p->pairs + p->n_pairs, p->pairs + f->off, f->n * sizeof *p->pairs);
        f->off = (uint32_t)p->n_pairs;
        f->cap = (uint8_t)cap;
        p->n_pairs += cap;
    }
    /* A new weight was 0 until now, so its running total starts at 0 too. */
    p->pairs[f->off + f->n++] = (TrainPair){0, delta, (int32_t)p->i, tag};
}

static uint8_t perceptron_predict(const Perceptron *p, const uint64_t *keys)
{
    int32_t scores[TAG_COUNT] = {0};
    for (int k = 0; k < TAGGER_NFEAT; k++) {
        int64_t id = feat_find(p, keys[k]);
        if (id < 0)
            continue;
        const TrainFeat *f = &p->feats[id];
        for (uint8_t j = 0; j < f->n; j++)
            scores[p->pairs[f->off + j].tag] += p->pairs[f->off + j].w;
    }
    uint8_t best = 1;  /* the same tie-breaking as best_tag() in tagger.c */
    for (uint8_t t = 2; t < TAG_COUNT; t++)
        if (scores[t] > scores[best])
            best = t;
    return best;
}

static void perceptron_update(Perceptron *p, uint8_t truth, uint8_t guess, const uint64_t *keys)
{
    p->i++;
    if (truth == guess)
        return;
    for (int k = 0; k < TAGGER_NFEAT; k++) {
        uint32_t id = feat_get(p, keys[k]);
        feat_update(p, id, truth, 1);
        feat_update(p, id, guess, -1);
    }
}

static void perceptron_free(Perceptron *p)
{
    free(p->keys);
    free(p->ids);
    free(p->feats);
    free(p->pairs);
}

/* ------------------------------------------------------------------------- */
/* The tag dictionary.                                                       */

typedef struct DictBuild {
    TaggerDictSlot *slots;  /* the table as it goes into the image */
    size_t n_slots;         /* a power of two, load <= 0.5 */
    size_t n_words;         /* occupied slots */
} DictBuild;

static uint8_t dict_get(const DictBuild *d, uint64_t key)
{
    size_t mask = d->n_slots - 1;
    for (size_t s = key & mask;; s = (s + 1) & mask) {
        if (d->slots[s].key == key)
            return (uint8_t)d->slots[s].tag;
        if (!d->slots[s].key)
            return TAG_NONE;
    }
}

/* The most frequent tag of count row r, if the word qualifies for the dictionary. */
static uint8_t dict_choice(const uint32_t *row, const TaggerTrainOptions *opt)
{
    uint32_t total = 0, best = 0;
    uint8_t tag = TAG_NONE;
    for (int k = 0; k < TAG_COUNT; k++) {
        total += row[k];
        if (row[k] > best) {
            best = row[k];
            tag = (uint8_t)k;
        }
    }
    if (total < (uint32_t)opt->dict_min_count || best < opt->dict_min_share * total)
        return TAG_NONE;
    return tag;
}

/* Words seen at least min_count times with one tag at least min_share of the time. */
static void dict_build(DictBuild *d, const TagCorpus *c, const TaggerWord *words,
                       const TaggerTrainOptions *opt)
{
    size_t slots = 64;
    while (slots < c->n_toks * 2 + 1)
        slots *= 2;
    /* Count (word, tag) in a temporary table of word -> row of TAG_COUNT counts. */
    uint64_t *keys = xcalloc(slots, sizeof *keys);
    uint32_t *rows = xcalloc(slots, sizeof *rows);
    uint32_t *counts = NULL;
    uint64_t *row_key = NULL;
    size_t n_rows = 0, counts_cap = 0, row_key_cap = 0, mask = slots - 1;
    for (size_t t = 0; t < c->n_toks; t++) {
        uint64_t key = words[t].exact;
        size_t s = key & mask;
        while (keys[s] && keys[s] != key)
            s = (s + 1) & mask;
        if (!keys[s]) {
            keys[s] = key;
            rows[s] = (uint32_t)n_rows;
            size_t old = counts_cap;
            grow((void **)&counts, &counts_cap, (n_rows + 1) * TAG_COUNT, sizeof *counts);
            memset(counts + old, 0, (counts_cap - old) * sizeof *counts);
            grow((void **)&row_key, &row_key_cap, n_rows + 1, sizeof *row_key);
            row_key[n_rows++] = key;
        }
        counts[(size_t)rows[s] * TAG_COUNT + c->tags[t]]++;
    }
    size_t n_dict = 0;
    for (size_t r = 0; r < n_rows; r++)
        n_dict += dict_choice(counts + r * TAG_COUNT, opt) != TAG_NONE;
    d->n_slots = 64;
    while (d->n_slots < n_dict * 2 + 1)
        d->n_slots *= 2;
    d->slots = xcalloc(d->n_slots, sizeof *d->slots);
    d->n_words = 0;
    size_t dmask = d->n_slots - 1;
    for (size_t r = 0; r < n_rows; r++) {
        uint8_t tag = dict_choice(counts + r * TAG_COUNT, opt);
        if (tag == TAG_NONE)
            continue;
        size_t s = row_key[r] & dmask;
        while (d->slots[s].key)
            s = (s + 1) & dmask;
        d->slots[s] = (TaggerDictSlot){row_key[r], tag, 0};
        d->n_words++;
    }
    free(keys);
    free(rows);
    free(counts);
    free(row_key);
}

/* ------------------------------------------------------------------------- */
/* Writing the image.                                                        */

static size_t align_up(size_t x) { return (x + TAGGER_ALIGN - 1) & ~(size_t)(TAGGER_ALIGN - 1); }

static int write_image(const Perceptron *p, const DictBuild *d, const char *path,
                       TaggerTrainStats *st, char *err, size_t errlen)
{
    /* Final averages, and the largest magnitude, which sets the int16 scale. */
    double *avg = xcalloc(p->n_pairs, sizeof *avg);
    double maxabs = 0;
    for (size_t f = 0; f < p->n_feats; f++) {
        const TrainFeat *tf = &p->feats[f];
        for (uint8_t k = 0; k < tf->n; k++) {
            const TrainPair *q = &p->pairs[tf->off + k];
            double total = (double)(q->total + (p->i - q->ts) * (int64_t)q->w);
            double a = p->i ? total / (double)p->i : 0;
            avg[tf->off + k] = a;
            if (fabs(a) > maxabs)
                maxabs = fabs(a);
        }
    }
    /* 32000 leaves headroom below INT16_MAX for rounding. */
    float scale = maxabs > 0 ? (float)(32000.0 / maxabs) : 1.0f;

    /* Count what survives quantisation: weights that round to 0 say nothing.
     * Features with few weights keep them in their slot, not in the pairs. */
    size_t n_feat = 0, n_pairs = 0;
    for (size_t f = 0; f < p->n_feats; f++) {
        const TrainFeat *tf = &p->feats[f];
        size_t kept = 0;
        for (uint8_t k = 0; k < tf->n; k++)
            kept += lrint(avg[tf->off + k] * scale) != 0;
        n_feat += kept > 0;
        n_pairs += kept > TAGGER_INLINE_PAIRS ? kept : 0;
    }
    size_t feat_slots = 64;
    while (feat_slots < n_feat * 2 + 1)
        feat_slots *= 2;

    size_t feat_off = align_up(sizeof(TaggerHeader));
    size_t pairs_off = align_up(feat_off + feat_slots * sizeof(TaggerFeatSlot));
    size_t dict_off = align_up(pairs_off + n_pairs * sizeof(TaggerPair));
    size_t size = dict_off + d->n_slots * sizeof(TaggerDictSlot);
    unsigned char *img = xcalloc(size, 1);
    TaggerFeatSlot *fs = (TaggerFeatSlot *)(img + feat_off);
    TaggerPair *pairs = (TaggerPair *)(img + pairs_off);
    size_t mask = feat_slots - 1, np = 0, n_inline = 0;
    /* Walk the training table in slot order to find each feature's key. */
    for (size_t s = 0; s < p->slots; s++) {
        if (!p->keys[s])
            continue;
        const TrainFeat *tf = &p->feats[p->ids[s]];
        TaggerPair kept[TAG_COUNT];
        size_t n = 0;
        for (uint8_t k = 0; k < tf->n; k++) {
            long q = lrint(avg[tf->off + k] * scale);
            if (q != 0)
                kept[n++] = (TaggerPair){p->pairs[tf->off + k].tag, 0, (int16_t)q};
        }
        if (!n)
            continue;
        size_t t = p->keys[s] & mask;
        while (fs[t].key)
            t = (t + 1) & mask;
        fs[t].key = p->keys[s];
        fs[t].n = (uint8_t)n;
        if (n <= TAGGER_INLINE_PAIRS) {
            for (size_t k = 0; k < n; k++) {
                fs[t].tag[k] = kept[k].tag;
                fs[t].u.w[k] = kept[k].w;
            }
        } else {
            fs[t].u.off = (uint32_t)np;
            memcpy(pairs + np, kept, n * sizeof *kept);
            np += n;
        }
        n_inline += n <= TAGGER_INLINE_PAIRS ? n : 0;
    }
    free(avg);
    memcpy(img + dict_off, d->slots, d->n_slots * sizeof(TaggerDictSlot));

    TaggerHeader h;
    memset(&h, 0, sizeof h);
    memcpy(h.magic, TAGGER_MAGIC, 8);
    h.version = TAGGER_FORMAT_VERSION;
    h.endian = TAGGER_ENDIAN_MARK;
    h.header_size = sizeof h;
    h.tag_count = TAG_COUNT;
    h.feat_slots = (uint32_t)feat_slots;
    h.dict_slots = (uint32_t)d->n_slots;
    h.n_pairs = np;
    h.feat_off = feat_off;
    h.pairs_off = pairs_off;
    h.dict_off = dict_off;
    h.file_size = size;
    h.scale = scale;
    h.n_features = (uint32_t)n_feat;
    h.checksum = hash_bytes(img + sizeof h, size - sizeof h);
    memcpy(img, &h, sizeof h);

    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *f = fopen(tmp, "wb");
    int ok = f && fwrite(img, 1, size, f) == size;
    if (f && fclose(f) != 0)
        ok = 0;
    if (ok && rename(tmp, path) != 0)
        ok = 0;
    if (!ok) {
        snprintf(err, errlen, "tagger model %s: cannot write: %s", path, strerror(errno));
        remove(tmp);
    }
    free(img);
    if (st) {
        st->features = n_feat;
        st->pairs = np + n_inline;
        st->file_bytes = size;
    }
    return ok ? 0 : -1;
}

/* ------------------------------------------------------------------------- */
/* Training.                                                                 */

TaggerTrainOptions tagger_train_defaults(void)
{
    return (TaggerTrainOptions){5, 0x64796164u /* "dyad" */, 20, 0.97};
}

/* splitmix64: a tiny generator whose sequence is fixed by its seed. */
static uint64_t next_random(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

int tagger_train(const TagCorpus *c, const TaggerTrainOptions *opt, const char *out_path,
                 TaggerTrainStats *stats, char *err, size_t errlen)
{
    double t0 = now_seconds();
    TaggerTrainOptions o = opt ? *opt : tagger_train_defaults();
    if (o.iterations < 1)
        o.iterations = 1;

    /* Every token's summary once; the features only recombine them. */
    TaggerWord *words = xcalloc(c->n_toks, sizeof *words);
    for (size_t s = 0; s < c->n_sent; s++) {
        unsigned quotes = 0;
        size_t first = c->sent[s], n = c->sent[s + 1] - first;
        for (size_t j = 0; j < n; j++)
            tagger_token(c->text, c->toks + first, j, n, &quotes, &words[first + j]);
    }
    TaggerWord edge[4];
    for (int k = 0; k < 4; k++)
        tagger_word_edge(k, &edge[k]);

    DictBuild dict;
    dict_build(&dict, c, words, &o);

    size_t *order = xcalloc(c->n_sent, sizeof *order);
    for (size_t s = 0; s < c->n_sent; s++)
        order[s] = s;
    uint64_t rng = o.seed;
    Perceptron p;
    memset(&p, 0, sizeof p);
    table_rehash(&p);

    for (int it = 0; it < o.iterations; it++) {
        for (size_t s = c->n_sent; s > 1; s--) {  /* Fisher-Yates */
            size_t r = (size_t)(next_random(&rng) % s);
            size_t tmp = order[s - 1];
            order[s - 1] = order[r];
            order[r] = tmp;
        }
        for (size_t k = 0; k < c->n_sent; k++) {
            size_t s = order[k], first = c->sent[s], n = c->sent[s + 1] - first;
            const TaggerWord *w = words + first;
            uint8_t prev = TAG_NONE, prev2 = TAG_NONE;
            for (size_t i = 0; i < n; i++) {
                uint8_t guess = dict_get(&dict, w[i].exact);
                if (guess == TAG_NONE)
                    guess = tagger_quote_rule(&w[i]);
                if (guess == TAG_NONE) {
                    const TaggerWord *ctx[5];
                    uint64_t keys[TAGGER_NFEAT];
                    tagger_context(w, SIZE_MAX, edge, i, n, ctx);
                    tagger_features(ctx, prev, prev2, keys);
                    guess = perceptron_predict(&p, keys);
                    perceptron_update(&p, c->tags[first + i], guess, keys);
                }
                prev2 = prev;
                prev = guess;
            }
        }
    }

    int rc = write_image(&p, &dict, out_path, stats, err, errlen);
    if (stats) {
        stats->tokens = c->n_toks;
        stats->sentences = c->n_sent;
        stats->dict_words = dict.n_words;
        stats->seconds = now_seconds() - t0;
    }
    perceptron_free(&p);
    free(dict.slots);
    free(order);
    free(words);
    return rc;
}

/* ------------------------------------------------------------------------- */
/* Evaluation.                                                               */

void tagger_evaluate(const Tagger *t, const TagCorpus *c, double min_seconds, TaggerEval *out)
{
    size_t maxlen = 1;
    for (size_t s = 0; s < c->n_sent; s++)
        if (c->sent[s + 1] - c->sent[s] > maxlen)
            maxlen = c->sent[s + 1] - c->sent[s];
    uint8_t *tags = xcalloc(maxlen, 1);
    memset(out, 0, sizeof *out);
    /* One pass for accuracy, then timed passes with nothing else in the loop. */
    for (size_t s = 0; s < c->n_sent; s++) {
        size_t first = c->sent[s], n = c->sent[s + 1] - first;
        tagger_tag(t, c->text, c->toks + first, n, tags);
        for (size_t i = 0; i < n; i++)
            out->correct += tags[i] == c->tags[first + i];
        out->tokens += n;
    }
    double t0 = now_seconds(), elapsed = 0;
    size_t tagged = 0;
    do {
        for (size_t s = 0; s < c->n_sent; s++) {
            size_t first = c->sent[s], n = c->sent[s + 1] - first;
            tagger_tag(t, c->text, c->toks + first, n, tags);
            tagged += n;
        }
        elapsed = now_seconds() - t0;
    } while (elapsed < min_seconds && c->n_toks);
    out->tokens_per_s = elapsed > 0 ? (double)tagged / elapsed : 0;
    free(tags);
}

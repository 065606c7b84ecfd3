/*
 * tagger_train.h: training the part-of-speech tagger, and the parts of the model
 * that the trainer (tagger_train.c) and the tagger (tagger.c) must agree on.
 *
 * Two halves:
 *   1. The model image and the features.  The image layout and the feature
 *      extraction live here, as types and static inline functions, so the two
 *      files compile the same code: a feature the trainer hashed one way and the
 *      tagger another would silently cost accuracy.  Any change to either bumps
 *      TAGGER_FORMAT_VERSION, and tagger_load() refuses older images.
 *   2. The offline API: a corpus of tagged sentences, the Brown reader that maps
 *      Brown tags to Penn tags, the averaged-perceptron trainer and evaluation.
 *      Training allocates freely; it runs once, in `make`.
 */
#ifndef DYAD_TAGGER_TRAIN_H
#define DYAD_TAGGER_TRAIN_H

#include <stddef.h>
#include <stdint.h>

#include "../base/hash.h"
#include "tagger.h"

/* ---------------------------------------------------------------------------
 * 1. The model image.
 *
 * Layout (little-endian, every section 64-byte aligned):
 *   TaggerHeader
 *   feature table: feat_slots x TaggerFeatSlot, open addressing, linear probing,
 *                  key 0 = empty, load <= 0.5
 *   weights:       n_pairs x TaggerPair; a feature with more than
 *                  TAGGER_INLINE_PAIRS weights has its pairs at [off, off+n)
 *   tag dictionary: dict_slots x TaggerDictSlot, same probing as the features
 * The checksum is hash_bytes() over every byte after the header.
 * ------------------------------------------------------------------------- */

#define TAGGER_MAGIC "DYADTAG"          /* 7 letters and a NUL fill magic[8] */
#define TAGGER_FORMAT_VERSION 1u        /* bump with any change to layout or features */
#define TAGGER_ENDIAN_MARK 0x01020304u  /* reads back differently on a big-endian host */
#define TAGGER_ALIGN 64u                /* section alignment: one cache line */

typedef struct TaggerHeader {
    char magic[8];         /* TAGGER_MAGIC */
    uint32_t version;      /* TAGGER_FORMAT_VERSION */
    uint32_t endian;       /* TAGGER_ENDIAN_MARK */
    uint32_t header_size;  /* sizeof(TaggerHeader), a second guard on the layout */
    uint32_t tag_count;    /* TAG_COUNT of the tag set the model was trained with */
    uint32_t feat_slots;   /* feature table size, a power of two */
    uint32_t dict_slots;   /* tag dictionary size, a power of two */
    uint64_t n_pairs;      /* number of TaggerPair weights */
    uint64_t feat_off;     /* byte offset of the feature table */
    uint64_t pairs_off;    /* byte offset of the weights */
    uint64_t dict_off;     /* byte offset of the tag dictionary */
    uint64_t file_size;    /* exact size of the file; anything else is truncation */
    float scale;           /* a stored weight w means w / scale; scores only compare */
    uint32_t n_features;   /* occupied feature slots, for stats */
    uint64_t checksum;     /* hash_bytes() of bytes [header_size, file_size) */
} TaggerHeader;

/* Most features carry one or two weights; those sit in the slot itself, so
 * looking them up touches one cache line instead of two. */
#define TAGGER_INLINE_PAIRS 2

typedef struct TaggerFeatSlot {
    uint64_t key;     /* feature hash, 0 for an empty slot */
    uint8_t n;        /* number of weights, 1..TAG_COUNT */
    uint8_t tag[TAGGER_INLINE_PAIRS]; /* n <= TAGGER_INLINE_PAIRS: the tags, inline */
    uint8_t pad;      /* zero */
    union {
        int16_t w[TAGGER_INLINE_PAIRS]; /* n <= TAGGER_INLINE_PAIRS: the weights, inline */
        uint32_t off;                   /* otherwise: the first of n TaggerPairs */
    } u;              /* which member is live depends on n */
} TaggerFeatSlot;

typedef struct TaggerPair {
    uint8_t tag;   /* tag this weight votes for, < TAG_COUNT */
    uint8_t pad;   /* zero; keeps w aligned */
    int16_t w;     /* averaged weight times scale, rounded */
} TaggerPair;

typedef struct TaggerDictSlot {
    uint64_t key;  /* hash_bytes() of the word exactly as written, 0 = empty */
    uint32_t tag;  /* the tag the word always (>= 97%) has in training */
    uint32_t pad;  /* zero */
} TaggerDictSlot;

/* ---------------------------------------------------------------------------
 * Features.  A token is reduced once to a TaggerWord of hashes; the features of
 * position i combine the TaggerWords of i-2..i+2 with the two previous tags.
 * ------------------------------------------------------------------------- */

enum {
    TAGGER_SHAPE_CAP = 1 << 0,     /* first byte is A-Z */
    TAGGER_SHAPE_ALLCAPS = 1 << 1, /* two or more letters, none lower case */
    TAGGER_SHAPE_DIGIT = 1 << 2,   /* contains a digit */
    TAGGER_SHAPE_HYPHEN = 1 << 3,  /* a hyphen inside the word */
    TAGGER_SHAPE_FIRST = 1 << 4,   /* first token of the sentence (added per position) */
    /* Only on a '"' token: dyad folds both quotation marks to '"', and these tell
     * an opening one (``) from a closing one (''). */
    TAGGER_SHAPE_QODD = 1 << 5,    /* an odd number of '"' precede it in the sentence */
    TAGGER_SHAPE_QPREV = 1 << 6,   /* no space between it and the token before */
    TAGGER_SHAPE_QNEXT = 1 << 7,   /* no space between it and the token after */
    TAGGER_SHAPE_QUOTE = 1 << 8    /* it is a '"' */
};

/* Longest prefix of a word that its word feature looks at; longer words are
 * hashed on their first TAGGER_WORD_MAX bytes (their suffix is still exact). */
#define TAGGER_WORD_MAX 64

typedef struct TaggerWord {
    uint64_t word;   /* lower-cased word, or "!YEAR" / "!DIGITS" for numbers */
    uint64_t suffix; /* last three bytes, lower-cased */
    uint64_t prefix; /* first byte as written (carries its case) */
    uint64_t exact;  /* the bytes as written: the tag dictionary's key */
    uint32_t shape;  /* TAGGER_SHAPE_* bits */
} TaggerWord;

static inline unsigned char tagger_lower(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
}

static inline void tagger_word(const char *s, size_t n, TaggerWord *w)
{
    const unsigned char *u = (const unsigned char *)s;
    unsigned char low[TAGGER_WORD_MAX];
    size_t m = n < TAGGER_WORD_MAX ? n : TAGGER_WORD_MAX;
    int digits = 0, upper = 0, lower = 0, all_digits = n > 0;
    uint32_t shape = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = u[i];
        if (c >= '0' && c <= '9')
            digits++;
        else
            all_digits = 0;
        if (c >= 'A' && c <= 'Z')
            upper++;
        else if (c >= 'a' && c <= 'z')
            lower++;
        if (c == '-' && i > 0 && i + 1 < n)
            shape |= TAGGER_SHAPE_HYPHEN;
        if (i < m)
            low[i] = tagger_lower(c);
    }
    if (n && u[0] >= 'A' && u[0] <= 'Z')
        shape |= TAGGER_SHAPE_CAP;
    if (upper >= 2 && lower == 0)
        shape |= TAGGER_SHAPE_ALLCAPS;
    if (digits)
        shape |= TAGGER_SHAPE_DIGIT;
    w->shape = shape;
    if (all_digits && n == 4)
        w->word = hash_bytes("!YEAR", 5);
    else if (n && u[0] >= '0' && u[0] <= '9')
        w->word = hash_bytes("!DIGITS", 7);
    else
        w->word = hash_bytes(low, m);
    size_t sn = n < 3 ? n : 3;
    unsigned char suf[3];
    for (size_t i = 0; i < sn; i++)
        suf[i] = tagger_lower(u[n - sn + i]);
    w->suffix = hash_mix(hash_bytes(suf, sn), 0x5u);
    w->prefix = n ? (uint64_t)u[0] + 1 : 0;
    w->exact = hash_bytes(s, n);
}

/* tagger_word() of token j of an n-token sentence, plus the quotation-mark
 * bits, which look at the neighbours' spans.  Call it for j = 0, 1, 2, ... in
 * order with *quotes = 0 before j = 0: it counts the '"' seen so far. */
static inline void tagger_token(const char *text, const TxtToken *toks, size_t j, size_t n,
                                unsigned *quotes, TaggerWord *w)
{
    uint32_t start = toks[j].start, end = toks[j].end > start ? toks[j].end : start;
    tagger_word(text + start, end - start, w);
    if (end - start == 1 && text[start] == '"') {
        if (*quotes & 1)
            w->shape |= TAGGER_SHAPE_QODD;
        if (j > 0 && toks[j - 1].end == start)
            w->shape |= TAGGER_SHAPE_QPREV;
        if (j + 1 < n && toks[j + 1].start == end)
            w->shape |= TAGGER_SHAPE_QNEXT;
        w->shape |= TAGGER_SHAPE_QUOTE;
        ++*quotes;
    }
}

/* The tag of a '"' when spacing or count settles it: hugging the word before
 * it, a closing quote; hugging the word after, an opening one; after an odd
 * number of quotes, closing (99% in Brown).  TAG_NONE leaves it to the model
 * (a spaced-out quote after an even number: usually opening, but a sentence can
 * start inside a quotation).  Applied before the model, in training too. */
static inline uint8_t tagger_quote_rule(const TaggerWord *w)
{
    uint32_t s = w->shape;
    if (!(s & TAGGER_SHAPE_QUOTE))
        return TAG_NONE;
    if ((s & TAGGER_SHAPE_QPREV) && !(s & TAGGER_SHAPE_QNEXT))
        return TAG_RQUOTE;
    if ((s & TAGGER_SHAPE_QNEXT) && !(s & TAGGER_SHAPE_QPREV))
        return TAG_LQUOTE;
    if (s & TAGGER_SHAPE_QODD)
        return TAG_RQUOTE;
    return TAG_NONE;
}

/* The words beyond the ends of a sentence: -2, -1 before it, n, n+1 after. */
static inline void tagger_word_edge(int which, TaggerWord *w)
{
    static const char *const names[4] = {"-START2-", "-START-", "-END-", "-END2-"};
    const char *s = names[which & 3];
    size_t n = 0;
    while (s[n])
        n++;
    w->word = hash_bytes(s, n);
    w->suffix = w->word;
    w->prefix = 0;
    w->exact = 0;
    w->shape = 0;
}

/* Point ctx[0..4] at the words i-2..i+2 of an n-word sentence: word j is
 * words[j & mask] (mask SIZE_MAX for a flat array, 7 for a ring of 8), and
 * positions outside the sentence are the edge words of tagger_word_edge(). */
static inline void tagger_context(const TaggerWord *words, size_t mask, const TaggerWord edge[4],
                                  size_t i, size_t n, const TaggerWord *ctx[5])
{
    ctx[0] = i >= 2 ? &words[(i - 2) & mask] : &edge[i];
    ctx[1] = i >= 1 ? &words[(i - 1) & mask] : &edge[1];
    ctx[2] = &words[i & mask];
    ctx[3] = i + 1 < n ? &words[(i + 1) & mask] : &edge[2];
    ctx[4] = i + 2 < n ? &words[(i + 2) & mask] : &edge[i + 1 < n ? 2 : 3];
}

enum {
    TAGGER_F_BIAS, TAGGER_F_SUF3, TAGGER_F_PRE1, TAGGER_F_PREV, TAGGER_F_PREV2,
    TAGGER_F_PREV_PREV2, TAGGER_F_WORD, TAGGER_F_PREV_WORD, TAGGER_F_WM1,
    TAGGER_F_SUFM1, TAGGER_F_WP1, TAGGER_F_SUFP1, TAGGER_F_WP2, TAGGER_F_WM2,
    TAGGER_F_SHAPE, TAGGER_F_SHAPE_PREV, TAGGER_NFEAT
};

/* Key of template t with value v: the template id is mixed in first so equal
 * values under different templates are different features. */
static inline uint64_t tagger_key(unsigned t, uint64_t v)
{
    return hash_mix(0x9e3779b97f4a7c15ULL * (t + 1), v);
}

/* Features of the word ctx[2] given ctx[0..4] = words i-2..i+2 and the tags
 * chosen for i-1 and i-2 (TAG_NONE before the sentence). */
static inline void tagger_features(const TaggerWord *const ctx[5], uint8_t prev, uint8_t prev2,
                                   uint64_t keys[TAGGER_NFEAT])
{
    const TaggerWord *w = ctx[2];
    uint32_t shape = w->shape | (prev == 0 ? TAGGER_SHAPE_FIRST : 0);
    keys[TAGGER_F_BIAS] = tagger_key(TAGGER_F_BIAS, 0);
    keys[TAGGER_F_SUF3] = tagger_key(TAGGER_F_SUF3, w->suffix);
    keys[TAGGER_F_PRE1] = tagger_key(TAGGER_F_PRE1, w->prefix);
    keys[TAGGER_F_PREV] = tagger_key(TAGGER_F_PREV, prev);
    keys[TAGGER_F_PREV2] = tagger_key(TAGGER_F_PREV2, prev2);
    keys[TAGGER_F_PREV_PREV2] = tagger_key(TAGGER_F_PREV_PREV2, (uint64_t)prev << 8 | prev2);
    keys[TAGGER_F_WORD] = tagger_key(TAGGER_F_WORD, w->word);
    keys[TAGGER_F_PREV_WORD] = tagger_key(TAGGER_F_PREV_WORD, hash_mix(w->word, prev));
    keys[TAGGER_F_WM1] = tagger_key(TAGGER_F_WM1, ctx[1]->word);
    keys[TAGGER_F_SUFM1] = tagger_key(TAGGER_F_SUFM1, ctx[1]->suffix);
    keys[TAGGER_F_WP1] = tagger_key(TAGGER_F_WP1, ctx[3]->word);
    keys[TAGGER_F_SUFP1] = tagger_key(TAGGER_F_SUFP1, ctx[3]->suffix);
    keys[TAGGER_F_WP2] = tagger_key(TAGGER_F_WP2, ctx[4]->word);
    keys[TAGGER_F_WM2] = tagger_key(TAGGER_F_WM2, ctx[0]->word);
    keys[TAGGER_F_SHAPE] = tagger_key(TAGGER_F_SHAPE, shape);
    keys[TAGGER_F_SHAPE_PREV] = tagger_key(TAGGER_F_SHAPE_PREV, (uint64_t)shape << 8 | prev);
}

/* ---------------------------------------------------------------------------
 * 2. Training.
 * ------------------------------------------------------------------------- */

/* Sentences of tokens with gold tags.  The words live in one text buffer,
 * separated by spaces, so a sentence can be handed to tagger_tag() as is. */
typedef struct TagCorpus TagCorpus;

TagCorpus *tag_corpus_new(void);
void tag_corpus_free(TagCorpus *c);
/* Append one sentence of n words (NUL-terminated) with their tags. */
void tag_corpus_add(TagCorpus *c, const char *const *words, const uint8_t *tags, size_t n);
size_t tag_corpus_tokens(const TagCorpus *c);
size_t tag_corpus_sentences(const TagCorpus *c);
/* Sentence k (< tag_corpus_sentences) of c: sets the text its tokens point
 * into, the tokens and their gold tags; returns the number of tokens. */
size_t tag_corpus_sentence(const TagCorpus *c, size_t k, const char **text,
                           const TxtToken **toks, const uint8_t **tags);

/* One Brown token turned into Penn tokens (a contraction or possessive gives two). */
typedef struct TaggerBrownTok {
    const char *word; /* into the Brown text, or a static string ("\"", "'s") */
    size_t len;       /* bytes of word */
    uint8_t tag;      /* Penn tag */
    uint8_t flags;    /* TAGGER_BROWN_*: what the VB/VBP decision needs to know */
} TaggerBrownTok;

enum {
    TAGGER_BROWN_BASEFORM = 1 << 0, /* vb/hv/do: VB or VBP, decided from context */
    TAGGER_BROWN_AUX = 1 << 1,      /* md, to, do/does/did: the next verb is VB */
    TAGGER_BROWN_SUBJ = 1 << 2,     /* a subject: a base-form verb after it is VBP */
    TAGGER_BROWN_SKIP = 1 << 3      /* an adverb, "not" or a quote: looked through */
};

/* Map one Brown token (word/tag split already) to up to 3 Penn tokens.
 * Returns the count, 0 when the tag is unknown (the sentence is dropped). */
size_t tagger_brown_map(const char *word, size_t wlen, const char *btag, size_t tlen,
                        TaggerBrownTok out[3]);
/* Map a whole Brown sentence line ("The/at jury/nn ...") and append it to c.
 * Returns the number of tokens added, 0 for an empty or dropped line. */
size_t tagger_brown_sentence(TagCorpus *c, const char *line, size_t len);
/* Read the Brown files ca01..cr09 of dir in name order; every 10th file (the
 * 10th, 20th, ...) goes to heldout, the rest to train.  heldout may be NULL.
 * Returns 0, or -1 with a message in err. */
int tagger_brown_load(const char *dir, TagCorpus *train, TagCorpus *heldout, char *err,
                      size_t errlen);

typedef struct TaggerTrainOptions {
    int iterations;          /* passes over the corpus; 5 */
    uint64_t seed;           /* sentence shuffling; the same seed gives the same model */
    int dict_min_count;      /* a word joins the tag dictionary when seen this often... */
    double dict_min_share;   /* ...with one tag at least this share of the time */
} TaggerTrainOptions;

typedef struct TaggerTrainStats {
    size_t tokens;       /* training tokens */
    size_t sentences;    /* training sentences */
    size_t dict_words;   /* words in the tag dictionary */
    size_t features;     /* features kept in the model */
    size_t pairs;        /* (feature, tag) weights kept */
    size_t file_bytes;   /* size of the model file */
    double seconds;      /* wall time of training and writing */
} TaggerTrainStats;

/* The defaults: 5 iterations, a fixed seed, dictionary at 20 / 0.97. */
TaggerTrainOptions tagger_train_defaults(void);
/* Train on c and write the model image to out_path (via a temporary file and
 * rename, so a reader never sees half a model).  stats may be NULL.
 * Returns 0, or -1 with a message in err. */
int tagger_train(const TagCorpus *c, const TaggerTrainOptions *opt, const char *out_path,
                 TaggerTrainStats *stats, char *err, size_t errlen);

typedef struct TaggerEval {
    size_t tokens;        /* tokens tagged (one pass) */
    size_t correct;       /* tokens whose tag matched the gold tag */
    double tokens_per_s;  /* tagging speed over the timed passes */
} TaggerEval;

/* Tag every sentence of c and compare with its gold tags; then keep tagging
 * the corpus until at least min_seconds have passed, to time the tagger. */
void tagger_evaluate(const Tagger *t, const TagCorpus *c, double min_seconds, TaggerEval *out);

#endif

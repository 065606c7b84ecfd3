/*
 * tagger.c: loading a tagger model image and tagging sentences with it.
 *
 * The image (layout in tagger_train.h) is mapped read-only and checked once at
 * load: magic, version, byte order, exact size, checksum, and every offset and
 * tag inside it.  After that, tagging trusts the image and never bounds-checks
 * again, which is what lets it run without branches on untrusted data.
 *
 * Invariants: a Tagger is immutable after tagger_load(), so any number of
 * threads may tag with one Tagger at once; tagger_tag() allocates nothing and
 * keeps its scratch (a ring of five token summaries and a score row) on the
 * stack, whatever the sentence length.
 */
#include "tagger.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tagger_train.h"

_Static_assert(sizeof(TaggerHeader) == 88, "TaggerHeader layout is part of the format");
_Static_assert(sizeof(TaggerFeatSlot) == 16, "TaggerFeatSlot layout is part of the format");
_Static_assert(sizeof(TaggerPair) == 4, "TaggerPair layout is part of the format");
_Static_assert(sizeof(TaggerDictSlot) == 16, "TaggerDictSlot layout is part of the format");
_Static_assert(TAG_COUNT <= 256, "tags are stored in a byte");

struct Tagger {
    void *map;                   /* the mapped image */
    size_t map_len;              /* bytes mapped */
    const TaggerFeatSlot *feat;  /* feature table inside the image */
    uint64_t feat_mask;          /* feat_slots - 1 */
    const TaggerPair *pairs;     /* weights inside the image */
    const TaggerDictSlot *dict;  /* tag dictionary inside the image */
    uint64_t dict_mask;          /* dict_slots - 1 */
};

static int is_pow2(uint64_t x) { return x && !(x & (x - 1)); }

/* Check everything tagging will rely on.  Returns NULL or what is wrong. */
static const char *check_image(const unsigned char *p, size_t len, char *why, size_t whylen)
{
    TaggerHeader h;
    if (len < sizeof h) {
        snprintf(why, whylen, "truncated: %zu bytes, shorter than the %zu-byte header", len,
                 sizeof h);
        return why;
    }
    memcpy(&h, p, sizeof h);
    if (memcmp(h.magic, TAGGER_MAGIC, 8) != 0)
        return "not a dyad tagger model (bad magic)";
    if (h.endian != TAGGER_ENDIAN_MARK)
        return "written on a machine of the other byte order";
    if (h.version != TAGGER_FORMAT_VERSION) {
        snprintf(why, whylen,
                 "model format version %u, this dyad reads version %u (retrain it with "
                 "`dyad tagger train`)",
                 h.version, TAGGER_FORMAT_VERSION);
        return why;
    }
    if (h.header_size != sizeof h)
        return "corrupt header (header size)";
    if (h.tag_count != TAG_COUNT) {
        snprintf(why, whylen, "trained with %u tags, this dyad has %d (retrain it)",
                 h.tag_count, TAG_COUNT);
        return why;
    }
    if (h.file_size != len) {
        snprintf(why, whylen, "%s: %zu bytes, the header says %llu",
                 len < h.file_size ? "truncated" : "trailing bytes", len,
                 (unsigned long long)h.file_size);
        return why;
    }
    /* Bound every term before adding, so no sum below can wrap around. */
    if (!is_pow2(h.feat_slots) || !is_pow2(h.dict_slots) || h.n_pairs > UINT32_MAX ||
        h.feat_off > len || h.pairs_off > len || h.dict_off > len)
        return "corrupt header (table sizes)";
    uint64_t feat_end = h.feat_off + (uint64_t)h.feat_slots * sizeof(TaggerFeatSlot);
    uint64_t pairs_end = h.pairs_off + h.n_pairs * sizeof(TaggerPair);
    uint64_t dict_end = h.dict_off + (uint64_t)h.dict_slots * sizeof(TaggerDictSlot);
    if (h.feat_off < sizeof h || h.feat_off % TAGGER_ALIGN || h.pairs_off < feat_end ||
        h.pairs_off % TAGGER_ALIGN || h.dict_off < pairs_end || h.dict_off % TAGGER_ALIGN ||
        dict_end > len)
        return "corrupt header (section offsets)";
    if (hash_bytes(p + sizeof h, len - sizeof h) != h.checksum)
        return "checksum mismatch: the file is corrupt";

    /* The checksum catches damage, not a file built wrong on purpose; these
     * loops make sure no lookup can leave the image or index past TAG_COUNT. */
    const TaggerFeatSlot *feat = (const TaggerFeatSlot *)(p + h.feat_off);
    size_t empty = 0;
    for (uint64_t i = 0; i < h.feat_slots; i++) {
        if (!feat[i].key) {
            empty++;
            continue;
        }
        if (feat[i].n == 0 || feat[i].n > TAG_COUNT)
            return "corrupt feature table";
        if (feat[i].n <= TAGGER_INLINE_PAIRS) {
            for (unsigned k = 0; k < feat[i].n; k++)
                if (feat[i].tag[k] >= TAG_COUNT)
                    return "corrupt feature table (tag out of range)";
        } else if ((uint64_t)feat[i].u.off + feat[i].n > h.n_pairs) {
            return "corrupt feature table";
        }
    }
    if (!empty)
        return "corrupt feature table (full)";
    const TaggerPair *pairs = (const TaggerPair *)(p + h.pairs_off);
    for (uint64_t i = 0; i < h.n_pairs; i++)
        if (pairs[i].tag >= TAG_COUNT)
            return "corrupt weights (tag out of range)";
    const TaggerDictSlot *dict = (const TaggerDictSlot *)(p + h.dict_off);
    empty = 0;
    for (uint64_t i = 0; i < h.dict_slots; i++) {
        if (!dict[i].key)
            empty++;
        else if (dict[i].tag == TAG_NONE || dict[i].tag >= TAG_COUNT)
            return "corrupt tag dictionary (tag out of range)";
    }
    if (!empty)
        return "corrupt tag dictionary (full)";
    return NULL;
}

Tagger *tagger_load(const char *path, char *err, size_t errlen)
{
    char why[256];
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        snprintf(err, errlen, "tagger model %s: %s", path, strerror(errno));
        return NULL;
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
        snprintf(err, errlen, "tagger model %s: %s", path, strerror(errno));
        close(fd);
        return NULL;
    }
    if (!S_ISREG(st.st_mode) || st.st_size <= 0) {
        snprintf(err, errlen, "tagger model %s: %s", path,
                 S_ISREG(st.st_mode) ? "truncated: the file is empty" : "not a regular file");
        close(fd);
        return NULL;
    }
    size_t len = (size_t)st.st_size;
    /* MAP_POPULATE: the checksum reads every page anyway; fault them in one go. */
    void *map = mmap(NULL, len, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
    close(fd);
    if (map == MAP_FAILED) {
        snprintf(err, errlen, "tagger model %s: mmap: %s", path, strerror(errno));
        return NULL;
    }
    const char *bad = check_image(map, len, why, sizeof why);
    if (bad) {
        snprintf(err, errlen, "tagger model %s: %s", path, bad);
        munmap(map, len);
        return NULL;
    }
    Tagger *t = malloc(sizeof *t);
    if (!t) {
        snprintf(err, errlen, "tagger model %s: out of memory", path);
        munmap(map, len);
        return NULL;
    }
    const unsigned char *p = map;
    TaggerHeader h;
    memcpy(&h, p, sizeof h);
    t->map = map;
    t->map_len = len;
    t->feat = (const TaggerFeatSlot *)(p + h.feat_off);
    t->feat_mask = h.feat_slots - 1;
    t->pairs = (const TaggerPair *)(p + h.pairs_off);
    t->dict = (const TaggerDictSlot *)(p + h.dict_off);
    t->dict_mask = h.dict_slots - 1;
    return t;
}

void tagger_free(Tagger *t)
{
    if (!t)
        return;
    munmap(t->map, t->map_len);
    free(t);
}

/* Tag of a word in the tag dictionary, TAG_NONE when it is not there. */
static inline uint8_t dict_lookup(const Tagger *t, uint64_t key)
{
    for (uint64_t i = key & t->dict_mask;; i = (i + 1) & t->dict_mask) {
        const TaggerDictSlot *s = &t->dict[i];
        if (s->key == key)
            return (uint8_t)s->tag;
        if (!s->key)
            return TAG_NONE;
    }
}

/* Add the weights of feature `key` to scores; unknown features add nothing. */
static inline void add_feature(const Tagger *t, uint64_t key, int32_t *scores)
{
    for (uint64_t i = key & t->feat_mask;; i = (i + 1) & t->feat_mask) {
        const TaggerFeatSlot *s = &t->feat[i];
        if (s->key == key) {
            if (s->n <= TAGGER_INLINE_PAIRS) {
                for (unsigned k = 0; k < s->n; k++)
                    scores[s->tag[k]] += s->u.w[k];
            } else {
                const TaggerPair *p = t->pairs + s->u.off;
                for (unsigned k = 0; k < s->n; k++)
                    scores[p[k].tag] += p[k].w;
            }
            return;
        }
        if (!s->key)
            return;
    }
}

/* Highest-scoring tag; ties go to the lower tag, as in training.  TAG_NONE is
 * never a prediction. */
static inline uint8_t best_tag(const int32_t *scores)
{
    uint8_t best = 1;
    for (uint8_t k = 2; k < TAG_COUNT; k++)
        if (scores[k] > scores[best])
            best = k;
    return best;
}

void tagger_tag(const Tagger *t, const char *text, const TxtToken *toks, size_t n,
                uint8_t *tags_out)
{
    TaggerWord ring[8], edge[4];  /* ring[j & 7] holds token j for j in i-2..i+2 */
    for (int k = 0; k < 4; k++)
        tagger_word_edge(k, &edge[k]);
    unsigned quotes = 0;
    for (size_t j = 0; j < 2 && j < n; j++)
        tagger_token(text, toks, j, n, &quotes, &ring[j]);
    uint8_t prev = TAG_NONE, prev2 = TAG_NONE;
    for (size_t i = 0; i < n; i++) {
        if (i + 2 < n)
            tagger_token(text, toks, i + 2, n, &quotes, &ring[(i + 2) & 7]);
        uint8_t tag = dict_lookup(t, ring[i & 7].exact);
        if (tag == TAG_NONE)
            tag = tagger_quote_rule(&ring[i & 7]);
        if (tag == TAG_NONE) {
            const TaggerWord *ctx[5];
            tagger_context(ring, 7, edge, i, n, ctx);
            uint64_t keys[TAGGER_NFEAT];
            tagger_features(ctx, prev, prev2, keys);
            /* the feature table is megabytes: ask for every slot before reading
             * any, so the cache misses overlap instead of queueing */
            for (int f = 0; f < TAGGER_NFEAT; f++)
                __builtin_prefetch(&t->feat[keys[f] & t->feat_mask]);
            int32_t scores[TAG_COUNT] = {0};
            for (int f = 0; f < TAGGER_NFEAT; f++)
                add_feature(t, keys[f], scores);
            tag = best_tag(scores);
        }
        tags_out[i] = tag;
        prev2 = prev;
        prev = tag;
    }
}

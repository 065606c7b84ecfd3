/*
 * kb_image.c: map a compiled knowledge base and answer lookups; see kb.h.
 *
 * kb_load trusts nothing in the file until the magic, version, size and checksum
 * agree and every section lies inside the mapping; after that, lookups index the
 * arrays without further checks.  The checksum catches damage (a truncated copy,
 * a flipped byte), not a file forged to pass it: images are built by `dyad kb
 * compile` from sources the user controls.  The mapping is read-only and shared.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kb.h"
#include "kb_image.h"

static const size_t item_size[KB_SEC_COUNT] = {
    [KB_SEC_STRINGS] = 1, [KB_SEC_WORDS] = sizeof(KbWord), [KB_SEC_WORD_SLOTS] = 4,
    [KB_SEC_PHRASES] = sizeof(KbPhrase), [KB_SEC_PHRASE_SLOTS] = 4, [KB_SEC_IDS] = 4,
    [KB_SEC_ENTITIES] = sizeof(KbEntity), [KB_SEC_ROLES] = sizeof(KbRole),
    [KB_SEC_PATTERNS] = sizeof(KbPattern), [KB_SEC_ELEMS] = sizeof(KbElem),
    [KB_SEC_SETS] = sizeof(KbSet), [KB_SEC_SET_PHRASES] = 4, [KB_SEC_CODES] = sizeof(KbCode)};

Kb *kb_load(const char *path, char *err, size_t errlen)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        snprintf(err, errlen, "%s: cannot open knowledge base: %s (run `make` or `dyad kb compile`)",
                 path, strerror(errno));
        return NULL;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || (size_t)st.st_size < sizeof(KbHeader)) {
        snprintf(err, errlen, "%s: not a dyad knowledge-base image (too short)", path);
        close(fd);
        return NULL;
    }
    size_t len = (size_t)st.st_size;
    void *map = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (map == MAP_FAILED) {
        snprintf(err, errlen, "%s: cannot map: %s", path, strerror(errno));
        return NULL;
    }
    const KbHeader *h = map;
    const char *why = NULL;
    if (memcmp(h->magic, KB_MAGIC, 8) != 0)
        why = "not a dyad knowledge-base image";
    else if (h->version != KB_FORMAT_VERSION || h->sections != KB_SEC_COUNT)
        why = "compiled by another version of dyad: recompile it (`make` or `dyad kb compile`)";
    else if (h->size != len)
        why = "truncated or extended: recompile it";
    else if (kb_checksum((const char *)map + KB_CHECKED_FROM, len - KB_CHECKED_FROM) != h->checksum)
        why = "checksum mismatch: the image is corrupt, recompile it";
    for (int i = 0; !why && i < KB_SEC_COUNT; i++)
        if (h->off[i] > len || h->count[i] > (len - h->off[i]) / item_size[i])
            why = "a section lies outside the file: the image is corrupt";
    if (why) {
        snprintf(err, errlen, "%s: %s", path, why);
        munmap(map, len);
        return NULL;
    }
    Kb *kb = calloc(1, sizeof *kb);
    if (!kb) {
        munmap(map, len);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    const char *base = map;
#define SEC(i) ((const void *)(base + h->off[i]))
    kb->map = map;
    kb->map_len = len;
    kb->sources = h->sources;
    kb->options = (uint32_t)h->options;
    kb->strings = SEC(KB_SEC_STRINGS);
    kb->words = SEC(KB_SEC_WORDS);
    kb->n_words = (uint32_t)h->count[KB_SEC_WORDS];
    kb->word_slots = SEC(KB_SEC_WORD_SLOTS);
    kb->word_mask = (uint32_t)h->count[KB_SEC_WORD_SLOTS] - 1;
    kb->phrases = SEC(KB_SEC_PHRASES);
    kb->n_phrases = (uint32_t)h->count[KB_SEC_PHRASES];
    kb->phrase_slots = SEC(KB_SEC_PHRASE_SLOTS);
    kb->phrase_mask = (uint32_t)h->count[KB_SEC_PHRASE_SLOTS] - 1;
    kb->ids = SEC(KB_SEC_IDS);
    kb->entities = SEC(KB_SEC_ENTITIES);
    kb->n_entities = (uint32_t)h->count[KB_SEC_ENTITIES];
    kb->roles = SEC(KB_SEC_ROLES);
    kb->patterns = SEC(KB_SEC_PATTERNS);
    kb->n_patterns = (uint32_t)h->count[KB_SEC_PATTERNS];
    kb->elems = SEC(KB_SEC_ELEMS);
    kb->sets = SEC(KB_SEC_SETS);
    kb->n_sets = (uint32_t)h->count[KB_SEC_SETS];
    kb->set_phrases = SEC(KB_SEC_SET_PHRASES);
    kb->codes = SEC(KB_SEC_CODES);
    kb->n_codes = (uint32_t)h->count[KB_SEC_CODES];
#undef SEC
    for (uint32_t i = 1; (kb->options & KB_O_SPARSE) && i < kb->n_words; i++)
        if (kb->words[i].gram & KB_G_STEM) {
            uint32_t n = (uint32_t)strlen(kb_str(kb, kb->words[i].text));
            if (n > kb->longest_stem)
                kb->longest_stem = n;
        }
    return kb;
}

void kb_free(Kb *kb)
{
    if (!kb)
        return;
    munmap(kb->map, kb->map_len);
    free(kb);
}

uint32_t kb_word(const Kb *kb, const char *s, size_t n)
{
    uint64_t h = hash_bytes(s, n);
    for (uint32_t i = (uint32_t)h & kb->word_mask;; i = (i + 1) & kb->word_mask) {
        uint32_t id = kb->word_slots[i];
        if (!id)
            return 0;
        const KbWord *w = &kb->words[id];
        if (w->hash == h && strncmp(kb->strings + w->text, s, n) == 0 &&
            kb->strings[w->text + n] == '\0')
            return id;
    }
}

uint32_t kb_word_fold(const Kb *kb, const char *s, size_t n)
{
    char low[64];
    if (n >= sizeof low)
        return 0;
    for (size_t i = 0; i < n; i++)
        low[i] = (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] + 32) : s[i];
    return kb_word(kb, low, n);
}

/* The first phrase of these words (issue phrases or the others); with gap >= 0,
 * the first whose words may stand apart after word `gap`. */
static const KbPhrase *phrase_probe(const Kb *kb, const uint32_t *ids, size_t n, uint64_t h, int issue,
                                    int gap)
{
    for (uint32_t i = (uint32_t)h & kb->phrase_mask;; i = (i + 1) & kb->phrase_mask) {
        uint32_t slot = kb->phrase_slots[i];
        if (!slot)
            return NULL;
        const KbPhrase *p = &kb->phrases[slot - 1];
        if (p->hash == h && p->len == n && (p->kind == KB_ISSUE || p->kind == KB_ISSUE_NOT) == issue &&
            memcmp(kb->ids + p->words, ids, n * sizeof *ids) == 0 && (gap < 0 || ((p->gaps >> gap) & 1)))
            return p;
    }
}

const KbPhrase *kb_phrase(const Kb *kb, const uint32_t *ids, size_t n)
{
    return phrase_probe(kb, ids, n, kb_ids_hash(ids, n), 0, -1);
}

const KbPhrase *kb_phrase_gapped(const Kb *kb, const uint32_t *ids, size_t n, int gap)
{
    return phrase_probe(kb, ids, n, kb_ids_hash(ids, n), 0, gap);
}

const KbPhrase *kb_issue_phrase(const Kb *kb, const uint32_t *ids, size_t n)
{
    return phrase_probe(kb, ids, n, kb_issue_hash(ids, n), 1, -1);
}

int kb_code_index(const Kb *kb, const char *code)
{
    int lo = 0, hi = (int)kb->n_codes - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        int c = strcmp(kb->codes[mid].code, code);
        if (c == 0)
            return mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return -1;
}

const char *kb_person_code(const Kb *kb, const KbEntity *e, int32_t day, const char **nearest)
{
    if (day == INT32_MIN) {
        /* undated text: the latest office */
        const KbRole *last = NULL;
        for (uint32_t i = 0; i < e->n_roles; i++) {
            const KbRole *r = &kb->roles[e->first_role + i];
            if (!last || r->to > last->to)
                last = r;
        }
        if (nearest)
            *nearest = NULL;
        return last ? kb->strings + last->code : NULL;
    }
    const char *best = NULL;
    int64_t best_gap = INT64_MAX;
    for (uint32_t i = 0; i < e->n_roles; i++) {
        const KbRole *r = &kb->roles[e->first_role + i];
        if (day >= r->from && day <= r->to)
            return kb->strings + r->code;
        int64_t gap = day < r->from ? (int64_t)r->from - day : (int64_t)day - r->to;
        if (gap < best_gap) {
            best_gap = gap;
            best = kb->strings + r->code;
        }
    }
    if (nearest)
        *nearest = best;
    return NULL;
}

int kb_check_fresh(const Kb *kb, const char *kb_dir, const char *codebook_path, char *err,
                   size_t errlen)
{
    uint64_t now = kb_sources_fingerprint(kb_dir, codebook_path);
    if (now == 0 || now == kb->sources)
        return 0;
    snprintf(err, errlen,
             "the knowledge-base image is stale: %s changed since it was compiled (run `make` or "
             "`dyad kb compile`)",
             kb_dir);
    return -1;
}

int kb_set_index(const Kb *kb, const char *name)
{
    for (uint32_t i = 0; i < kb->n_sets; i++)
        if (strcmp(kb->strings + kb->sets[i].name, name) == 0)
            return (int)i;
    return -1;
}

/* Civil-date conversion after Howard Hinnant's days_from_civil. */
int32_t kb_parse_day(const char *s)
{
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return INT32_MIN;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return INT32_MIN;
    int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
        return INT32_MIN;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (m == 2 && d == 29 && !leap)
        return INT32_MIN;
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void kb_format_day(int32_t z, char out[11])
{
    z += 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int y = yoe + era * 400;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    int d = doy - (153 * mp + 2) / 5 + 1;
    int m = mp + (mp < 10 ? 3 : -9);
    y += m <= 2;
    unsigned uy = (unsigned)y % 10000u, um = (unsigned)m % 100u, ud = (unsigned)d % 100u;
    snprintf(out, 11, "%04u-%02u-%02u", uy, um, ud);
}

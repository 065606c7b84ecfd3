/*
 * kb_image.h: the on-disk layout of a compiled knowledge base, shared by the
 * compiler (kb_compile.c) and the loader (kb_image.c) and by nothing else.
 *
 * The header is followed by sections in enum order, each 8-byte aligned.  The
 * checksum covers every byte from the section table on (KB_CHECKED_FROM), so a
 * damaged offset is caught too; a change to any struct in kb.h or to this layout
 * must bump KB_FORMAT_VERSION.
 */
#ifndef DYAD_KB_IMAGE_H
#define DYAD_KB_IMAGE_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "../base/hash.h"

enum {
    KB_SEC_STRINGS, KB_SEC_WORDS, KB_SEC_WORD_SLOTS, KB_SEC_PHRASES, KB_SEC_PHRASE_SLOTS,
    KB_SEC_IDS, KB_SEC_ENTITIES, KB_SEC_ROLES, KB_SEC_PATTERNS, KB_SEC_ELEMS, KB_SEC_SETS,
    KB_SEC_SET_PHRASES, KB_SEC_CODES, KB_SEC_COUNT
};

typedef struct KbHeader {
    char magic[8];               /* KB_MAGIC */
    uint32_t version;            /* KB_FORMAT_VERSION */
    uint32_t sections;           /* KB_SEC_COUNT */
    uint64_t size;               /* bytes in the whole image */
    uint64_t checksum;           /* kb_checksum from the section table on */
    uint64_t sources;            /* kb_sources_fingerprint of the text it was compiled from */
    uint64_t options;            /* KB_O_* bits */
    uint64_t off[KB_SEC_COUNT];  /* section offsets from the start of the image */
    uint64_t count[KB_SEC_COUNT];/* items in each section */
} KbHeader;

#define KB_CHECKED_FROM offsetof(KbHeader, off)

/* Eight bytes at a time: fast enough to verify a large image on every start. */
static inline uint64_t kb_checksum(const void *p, size_t n)
{
    const unsigned char *s = p;
    uint64_t h = 0x84222325cbf29ce4ULL;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t v;
        memcpy(&v, s + i, 8);
        h = (h ^ v) * 0x100000001b3ULL;
        h ^= h >> 29;
    }
    for (; i < n; i++)
        h = (h ^ s[i]) * 0x100000001b3ULL;
    return h;
}

/* Hash of a word-id sequence, the key of the phrase table. */
static inline uint64_t kb_ids_hash(const uint32_t *ids, size_t n)
{
    uint64_t h = 0x9ae16a3b2f90404fULL;
    for (size_t i = 0; i < n; i++)
        h = hash_mix(h, ids[i]);
    return h ? h : 1;
}

/* Hash of an issue phrase's word ids: another key than the same words' actor
 * phrase, so both can live in one table. */
static inline uint64_t kb_issue_hash(const uint32_t *ids, size_t n)
{
    uint64_t h = hash_mix(kb_ids_hash(ids, n), 0x155u);
    return h ? h : 1;
}

#endif

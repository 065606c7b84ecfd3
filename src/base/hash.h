/*
 * hash.h: the one string hash every table in dyad uses.
 *
 * FNV-1a over bytes, 64-bit.  It is stored in the compiled knowledge-base image,
 * so changing it changes the image format: bump KB_FORMAT_VERSION with it.
 */
#ifndef DYAD_HASH_H
#define DYAD_HASH_H

#include <stddef.h>
#include <stdint.h>

static inline uint64_t hash_bytes(const void *p, size_t n)
{
    const unsigned char *s = p;
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= s[i];
        h *= 1099511628211ULL;
    }
    return h ? h : 1;  /* 0 marks an empty slot in open-addressing tables */
}

static inline uint64_t hash_mix(uint64_t h, uint64_t v)
{
    h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
    return h ? h : 1;
}

#endif

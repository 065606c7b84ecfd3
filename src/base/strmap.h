/*
 * strmap.h: a string -> uint32 map with open addressing, for offline work.
 *
 * The knowledge-base compiler interns thousands of words, ids and strings while
 * it reads the dictionaries; this is its table.  Keys are copied into the map;
 * linear probing over a power-of-two table kept at most half full.  The coder's
 * hot path does not use it: it reads the compiled image's tables instead.
 */
#ifndef DYAD_STRMAP_H
#define DYAD_STRMAP_H

#include <stddef.h>
#include <stdint.h>

typedef struct StrMapSlot {
    char *key;      /* owned copy of the key, NULL when empty */
    size_t len;     /* key length */
    uint64_t hash;  /* hash_bytes of the key */
    uint32_t value; /* the mapped value */
} StrMapSlot;

typedef struct StrMap {
    StrMapSlot *slots; /* table, `mask + 1` slots */
    size_t mask;       /* slots - 1 */
    size_t count;      /* occupied slots */
} StrMap;

void strmap_init(StrMap *m);
void strmap_free(StrMap *m);
/* Pointer to the value of key, or NULL when absent. */
uint32_t *strmap_get(const StrMap *m, const char *key, size_t len);
/* Insert key with value unless present; returns the stored value's address and sets
 * *added to 1 when the key was new. */
uint32_t *strmap_put(StrMap *m, const char *key, size_t len, uint32_t value, int *added);

#endif

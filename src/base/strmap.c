/*
 * strmap.c: open-addressing string map; see strmap.h.
 * Invariant: count <= (mask + 1) / 2, so every probe sequence meets an empty slot.
 */
#include "strmap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "xalloc.h"

void strmap_init(StrMap *m)
{
    m->mask = 63;
    m->count = 0;
    m->slots = xcalloc(m->mask + 1, sizeof *m->slots);
}

void strmap_free(StrMap *m)
{
    for (size_t i = 0; i <= m->mask; i++)
        free(m->slots[i].key);
    free(m->slots);
    m->slots = NULL;
    m->count = 0;
}

static StrMapSlot *find(const StrMap *m, const char *key, size_t len, uint64_t h)
{
    size_t i = (size_t)h & m->mask;
    for (;;) {
        StrMapSlot *s = &m->slots[i];
        if (!s->key || (s->hash == h && s->len == len && memcmp(s->key, key, len) == 0))
            return s;
        i = (i + 1) & m->mask;
    }
}

uint32_t *strmap_get(const StrMap *m, const char *key, size_t len)
{
    StrMapSlot *s = find(m, key, len, hash_bytes(key, len));
    return s->key ? &s->value : NULL;
}

static void grow(StrMap *m)
{
    StrMap bigger = {xcalloc((m->mask + 1) * 2, sizeof(StrMapSlot)), m->mask * 2 + 1, m->count};
    for (size_t i = 0; i <= m->mask; i++) {
        StrMapSlot *s = &m->slots[i];
        if (s->key)
            *find(&bigger, s->key, s->len, s->hash) = *s;
    }
    free(m->slots);
    *m = bigger;
}

uint32_t *strmap_put(StrMap *m, const char *key, size_t len, uint32_t value, int *added)
{
    if ((m->count + 1) * 2 > m->mask + 1)
        grow(m);
    uint64_t h = hash_bytes(key, len);
    StrMapSlot *s = find(m, key, len, h);
    if (added)
        *added = !s->key;
    if (!s->key) {
        s->key = xmalloc(len + 1);
        memcpy(s->key, key, len);
        s->key[len] = '\0';
        s->len = len;
        s->hash = h;
        s->value = value;
        m->count++;
    }
    return &s->value;
}

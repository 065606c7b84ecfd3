/*
 * arena.c: bump allocation in large blocks; see arena.h.
 *
 * Invariant: every block on `head` or `spare` was obtained from malloc and is
 * released exactly once, by arena_free().  An allocation larger than the block
 * size gets a block of its own, which is then reused like any other.
 */
#include "arena.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "xalloc.h"

struct ArenaBlock {
    ArenaBlock *next;   /* next block in the list */
    size_t size;        /* usable bytes after the header */
    size_t used;        /* bytes handed out */
    _Alignas(16) unsigned char data[];
};

static ArenaBlock *block_new(size_t size)
{
    ArenaBlock *b = xmalloc(sizeof *b + size);
    b->next = NULL;
    b->size = size;
    b->used = 0;
    return b;
}

void arena_init(Arena *a, size_t block_size)
{
    a->head = NULL;
    a->spare = NULL;
    a->block_size = block_size ? block_size : 64 * 1024;
    a->used_total = 0;
}

static void free_list(ArenaBlock *b)
{
    while (b) {
        ArenaBlock *next = b->next;
        free(b);
        b = next;
    }
}

void arena_free(Arena *a)
{
    free_list(a->head);
    free_list(a->spare);
    a->head = a->spare = NULL;
    a->used_total = 0;
}

void arena_reset(Arena *a)
{
    while (a->head) {
        ArenaBlock *next = a->head->next;
        a->head->used = 0;
        a->head->next = a->spare;
        a->spare = a->head;
        a->head = next;
    }
    a->used_total = 0;
}

void *arena_alloc(Arena *a, size_t n)
{
    n = (n + 15) & ~(size_t)15;
    if (n == 0)
        n = 16;
    ArenaBlock *b = a->head;
    if (!b || b->size - b->used < n) {
        /* Take the first spare block that fits, else a new one. */
        ArenaBlock **pp = &a->spare;
        while (*pp && (*pp)->size < n)
            pp = &(*pp)->next;
        if (*pp) {
            b = *pp;
            *pp = b->next;
        } else {
            b = block_new(n > a->block_size ? n : a->block_size);
        }
        b->next = a->head;
        a->head = b;
    }
    void *p = b->data + b->used;
    b->used += n;
    a->used_total += n;
    return p;
}

void *arena_calloc(Arena *a, size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size) {
        fputs("dyad: allocation overflow\n", stderr);
        abort();
    }
    void *p = arena_alloc(a, count * size);
    memset(p, 0, count * size);
    return p;
}

char *arena_strndup(Arena *a, const char *s, size_t n)
{
    char *p = arena_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

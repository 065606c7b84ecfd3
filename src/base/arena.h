/*
 * arena.h: a region allocator for everything that lives as long as one document.
 *
 * The coder allocates tokens, chunks, actors and events for a document from one
 * arena and drops them all at once with arena_reset(), so the per-token path never
 * calls malloc.  Blocks are kept across resets: a handle that codes many documents
 * reaches a steady state and stops asking the system for memory.
 */
#ifndef DYAD_ARENA_H
#define DYAD_ARENA_H

#include <stddef.h>

typedef struct ArenaBlock ArenaBlock;

typedef struct Arena {
    ArenaBlock *head;   /* block being filled */
    ArenaBlock *spare;  /* blocks freed by arena_reset(), reused before malloc */
    size_t block_size;  /* default size of a new block */
    size_t used_total;  /* bytes handed out since the last reset, for stats */
} Arena;

void arena_init(Arena *a, size_t block_size);
void arena_free(Arena *a);
/* Forget every allocation but keep the memory for the next document. */
void arena_reset(Arena *a);
/* Aligned to 16 bytes; never returns NULL (aborts when the system is out of memory). */
void *arena_alloc(Arena *a, size_t n);
void *arena_calloc(Arena *a, size_t count, size_t size);
char *arena_strndup(Arena *a, const char *s, size_t n);

#endif

/*
 * fuzz_coder.c: libFuzzer target for the whole pipeline through the public
 * API: dyad_code_text() on arbitrary bytes, with the real knowledge base and
 * tagger (data/kb.img, data/model/tagger.bin: run `make`, then fuzz from the
 * repository root).
 *
 * One coder and one worker serve every input; the worker's arena is reset by
 * dyad_code_text() itself, so nothing is freed per input.  The first paragraph
 * is a headline when the size is odd.  Checked:
 *   - the result is -1 exactly when the input is not valid UTF-8 or has a NUL
 *     byte (then with a message, and no event), else the number of sentences;
 *   - every event: doc id and date as given; sentence indices in order and
 *     below the result; source, target and speaker, when present, and the verb
 *     anchor have start <= end within [0, size], with their text pointing at
 *     those bytes of the input, and lie inside the event's sentence, which
 *     itself lies inside the input; at least one of source and target present;
 *     code a string of 2 to 4 digits whose first two are the root, root 1..20,
 *     quad 1..4, Goldstein weight in [-10, 10]; every string non-NULL;
 *   - the same result and events when the worker's arena holds other garbage:
 *     each input is coded twice, after filling the reused arena blocks with two
 *     different bytes, so a read of memory the coder never wrote (which ASan
 *     cannot see) shows up as a difference.
 */
#include "dyad.h"
#include "coding/coder.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define KB_PATH "data/kb.img"
#define MODEL_PATH "data/model/tagger.bin"

static DyadCoder *coder;
static DyadWorker *worker;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    char err[512];
    coder = dyad_open(KB_PATH, MODEL_PATH, err, sizeof err);
    if (!coder) {
        fprintf(stderr, "fuzz_coder: %s\n(run `make` first, and fuzz from the repository root)\n", err);
        abort();
    }
    worker = dyad_worker_new(coder);
    if (!worker) {
        fprintf(stderr, "fuzz_coder: out of memory\n");
        abort();
    }
    return 0;
}

/* Valid UTF-8 (RFC 3629: no overlong forms, surrogates or values past
 * U+10FFFF) without NUL bytes. */
static int valid_utf8(const uint8_t *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        uint8_t c = s[i];
        if (c == 0)
            return 0;
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t len;
        uint32_t cp, min;
        if (c >= 0xC2 && c <= 0xDF)
            len = 2, cp = c & 0x1F, min = 0x80;
        else if (c >= 0xE0 && c <= 0xEF)
            len = 3, cp = c & 0x0F, min = 0x800;
        else if (c >= 0xF0 && c <= 0xF4)
            len = 4, cp = c & 0x07, min = 0x10000;
        else
            return 0;
        if (n - i < len)
            return 0;
        for (size_t k = 1; k < len; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return 0;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return 0;
        i += len;
    }
    return 1;
}

typedef struct Ctx {
    const char *data;  /* the input */
    size_t size;       /* its length */
    int last_sentence; /* index of the previous event's sentence, -1 before the first */
    long events;       /* events seen */
    uint64_t sig;      /* hash of everything the events say */
} Ctx;

static void mix(uint64_t *h, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++)
        *h = (*h ^ b[i]) * 0x100000001b3ULL;
}

static void mix_str(uint64_t *h, const char *s) { mix(h, s, strlen(s) + 1); }

static void mix_actor(uint64_t *h, const DyadActor *a)
{
    mix(h, &a->present, sizeof a->present);
    if (!a->present)
        return;
    mix(h, &a->start, sizeof a->start);
    mix(h, &a->end, sizeof a->end);
    mix_str(h, a->code);
    mix_str(h, a->entry_id);
    mix_str(h, a->entry_kind);
}

/* Fill every block the worker's arena will reuse with byte b. */
static void poison_arena(uint8_t b)
{
    Arena *a = worker_arena(worker);
    arena_reset(a);
    while (a->spare) /* every block is at least block_size: this never mallocs */
        memset(arena_alloc(a, a->block_size), b, a->block_size);
    arena_reset(a);
}

static void check_str(const char *s)
{
    if (!s)
        __builtin_trap();
    (void)strlen(s); /* terminated, and readable (ASan) */
}

/* A span of the input: start <= end <= size, and text pointing at it. */
static void check_span(const Ctx *c, const char *text, size_t len, uint32_t start, uint32_t end)
{
    if (start > end || end > c->size)
        __builtin_trap();
    if (text != c->data + start || len != (size_t)(end - start))
        __builtin_trap();
}

static void check_actor(const Ctx *c, const DyadActor *a, uint32_t s0, uint32_t s1)
{
    if (!a->present)
        return;
    check_span(c, a->text, a->text_len, a->start, a->end);
    if (a->start < s0 || a->end > s1)
        __builtin_trap(); /* inside the event's sentence */
    check_str(a->code);
    check_str(a->entry_id);
    check_str(a->entry_kind);
}

static int emit(const DyadEvent *e, void *ctx)
{
    Ctx *c = ctx;
    if (!e->doc || strcmp(e->doc, "fuzz") != 0 || !e->date || strcmp(e->date, "2024-01-03") != 0)
        __builtin_trap();
    if (e->sentence < 0 || e->sentence < c->last_sentence)
        __builtin_trap();
    c->last_sentence = e->sentence;
    c->events++;

    /* The sentence lies inside the input. */
    if (!e->text || e->text < c->data || e->text_len > c->size ||
        (size_t)(e->text - c->data) > c->size - e->text_len)
        __builtin_trap();
    uint32_t s0 = (uint32_t)(e->text - c->data), s1 = (uint32_t)(s0 + e->text_len);

    if (!e->source.present && !e->target.present)
        __builtin_trap();
    check_actor(c, &e->source, s0, s1);
    check_actor(c, &e->target, s0, s1);
    check_actor(c, &e->speaker, s0, s1);

    check_span(c, e->verb_text, e->verb_len, e->verb_start, e->verb_end);
    if (e->verb_start < s0 || e->verb_end > s1)
        __builtin_trap();

    if (!e->code)
        __builtin_trap();
    size_t n = strlen(e->code);
    if (n < 2 || n > 4)
        __builtin_trap();
    for (size_t i = 0; i < n; i++)
        if (e->code[i] < '0' || e->code[i] > '9')
            __builtin_trap();
    if (e->root < 1 || e->root > 20 || e->quad < 1 || e->quad > 4)
        __builtin_trap();
    if ((e->code[0] - '0') * 10 + (e->code[1] - '0') != e->root)
        __builtin_trap();
    if (!(e->goldstein >= -10.0 && e->goldstein <= 10.0))
        __builtin_trap();
    if (e->negated != 0 && e->negated != 1)
        __builtin_trap();
    check_str(e->name);
    check_str(e->rule_file);
    check_str(e->rule_text);

    uint64_t *h = &c->sig;
    mix(h, &e->sentence, sizeof e->sentence);
    mix_str(h, e->code);
    mix_actor(h, &e->source);
    mix_actor(h, &e->target);
    mix_actor(h, &e->speaker);
    mix(h, &e->verb_start, sizeof e->verb_start);
    mix(h, &e->verb_end, sizeof e->verb_end);
    mix(h, &e->negated, sizeof e->negated);
    mix_str(h, e->rule_file);
    mix(h, &e->rule_line, sizeof e->rule_line);
    mix(h, &e->text_len, sizeof e->text_len);
    return 0;
}

/* Code the input once, checking every event as it comes. */
static long code_once(const uint8_t *data, size_t size, Ctx *c, char *err, size_t errlen)
{
    *c = (Ctx){(const char *)data, size, -1, 0, 0xcbf29ce484222325ULL};
    err[0] = '\0';
    return dyad_code_text(worker, "fuzz", "2024-01-03", (const char *)data, size, (int)(size & 1),
                          emit, c, err, errlen);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Ctx c, c2;
    char err[256], err2[256];
    poison_arena(0x00);
    long r = code_once(data, size, &c, err, sizeof err);
    poison_arena(0xA5);
    long r2 = code_once(data, size, &c2, err2, sizeof err2);
    if (r2 != r || c2.events != c.events || c2.sig != c.sig || strcmp(err, err2) != 0) {
        fprintf(stderr, "fuzz_coder: coding twice gave different results (%ld/%ld sentences, "
                        "%ld/%ld events): the coder reads memory it never wrote\n",
                r, r2, c.events, c2.events);
        __builtin_trap();
    }
    int valid = valid_utf8(data, size);
    if (r < 0) {
        if (r != -1 || valid || c.events || !err[0] || !memchr(err, '\0', sizeof err))
            __builtin_trap(); /* -1 only for bad bytes, with a message, before any event */
    } else {
        if (!valid)
            __builtin_trap(); /* invalid UTF-8 or a NUL byte must give -1 */
        if (c.events && c.last_sentence >= r)
            __builtin_trap(); /* sentence indices count from 0 below the result */
    }
    return 0;
}

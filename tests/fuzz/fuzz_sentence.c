/*
 * fuzz_sentence.c: libFuzzer target for normalization, sentence splitting and
 * tokenization of arbitrary bytes treated as one paragraph.
 *
 * Invalid input must be rejected by txt_normalize() without crashing; valid
 * input must give sentences inside the paragraph, in order, trimmed and within
 * TXT_MAX_SENTENCE_BYTES, and tokens inside, in order, within their sentence.
 * The splitter and tokenizer also run on the raw bytes, valid or not: they
 * must not crash or leave their span on garbage either.
 */
#include "text/text.h"

#include <stdint.h>
#include <string.h>

static void check_text(const char *text, TxtSpan para, Arena *a)
{
    size_t ns;
    TxtSpan *s = txt_sentences(text, para, a, &ns);
    uint32_t prev = para.start;
    for (size_t i = 0; i < ns; i++) {
        if (s[i].start < prev || s[i].end <= s[i].start || s[i].end > para.end ||
            s[i].end - s[i].start > TXT_MAX_SENTENCE_BYTES)
            __builtin_trap();
        if ((unsigned char)text[s[i].start] <= ' ' || (unsigned char)text[s[i].end - 1] <= ' ')
            __builtin_trap();
        prev = s[i].end;
        size_t nt;
        TxtToken *t = txt_tokenize(text, s[i], a, &nt);
        uint32_t tp = s[i].start;
        for (size_t j = 0; j < nt; j++) {
            if (t[j].start < tp || t[j].end <= t[j].start || t[j].end > s[i].end)
                __builtin_trap();
            if (((t[j].flags & TXT_TOK_SENT_START) != 0) != (j == 0))
                __builtin_trap();
            tp = t[j].end;
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > (1u << 20))
        return 0;
    Arena a;
    arena_init(&a, 0);
    TxtNorm nm;
    TxtError err;
    if (txt_normalize((const char *)data, size, &a, &nm, &err) == 0) {
        if (nm.orig[nm.len] != size || strlen(nm.text) != nm.len)
            __builtin_trap();
        for (size_t i = 0; i < nm.len; i++)
            if (nm.orig[i] > nm.orig[i + 1])
                __builtin_trap();
        check_text(nm.text, (TxtSpan){0, (uint32_t)nm.len}, &a);
        for (uint32_t o = 0; o <= size; o += 7) {
            uint32_t i = txt_orig_to_norm(&nm, o);
            if (i > nm.len || (i < nm.len && nm.orig[i] < o))
                __builtin_trap();
        }
    } else if (err.byte < 0 || (size_t)err.byte >= size) {
        __builtin_trap();
    }
    /* The raw bytes too: the layer must survive text that skipped normalization. */
    arena_reset(&a);
    char *copy = arena_alloc(&a, size + 1);
    memcpy(copy, data, size);
    copy[size] = '\0';
    check_text(copy, (TxtSpan){0, (uint32_t)size}, &a);
    arena_free(&a);
    return 0;
}

/*
 * fuzz_reader_jsonl.c: libFuzzer target for the JSON Lines reader, followed by
 * the rest of the text layer on every document it returns.
 *
 * The input is read from memory as JSON Lines (and, on odd first bytes, with
 * AUTO detection).  Checked on every document: paragraph spans lie inside raw,
 * in order; raw normalizes; sentences and tokens lie inside their parents.
 * A reader that stops making progress also counts as a crash.
 */
#include "text/text.h"

#include <stdint.h>
#include <stdlib.h>

/* Normalize, split and tokenize a document, trapping on any broken invariant. */
static void exercise(const TxtDoc *d, Arena *a)
{
    TxtNorm nm;
    TxtError err;
    uint32_t prev = 0;
    for (size_t k = 0; k < d->n_paras; k++) {
        if (d->paras[k].start < prev || d->paras[k].end <= d->paras[k].start || d->paras[k].end > d->raw_len)
            __builtin_trap();
        prev = d->paras[k].end;
    }
    if (txt_normalize(d->raw, d->raw_len, a, &nm, &err) != 0)
        __builtin_trap(); /* the reader only returns valid documents */
    for (size_t k = 0; k < d->n_paras; k++) {
        TxtSpan p = {txt_orig_to_norm(&nm, d->paras[k].start), txt_orig_to_norm(&nm, d->paras[k].end)};
        size_t ns;
        TxtSpan *s = txt_sentences(nm.text, p, a, &ns);
        for (size_t i = 0; i < ns; i++) {
            if (s[i].start < p.start || s[i].end > p.end || s[i].end <= s[i].start ||
                s[i].end - s[i].start > TXT_MAX_SENTENCE_BYTES)
                __builtin_trap();
            size_t nt;
            TxtToken *t = txt_tokenize(nm.text, s[i], a, &nt);
            for (size_t j = 0; j < nt; j++)
                if (t[j].start < s[i].start || t[j].end > s[i].end || t[j].end <= t[j].start)
                    __builtin_trap();
            TxtSpan o = txt_norm_to_orig(&nm, s[i]);
            if (o.start > o.end || o.end > d->raw_len)
                __builtin_trap();
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    TxtError err;
    TxtFormat f = size > 0 && (data[0] & 1) ? TXT_FORMAT_AUTO : TXT_FORMAT_JSONL;
    TxtReader *r = txt_reader_open_memory((const char *)data, size, "fuzz.jsonl", f, NULL, NULL, &err);
    if (!r)
        __builtin_trap();
    Arena a;
    arena_init(&a, 0);
    TxtDoc d;
    int k;
    size_t calls = 0;
    while ((k = txt_reader_next(r, &a, &d, &err)) != 0) {
        if (++calls > size + 2)
            __builtin_trap(); /* every call must consume input */
        if (k > 0)
            exercise(&d, &a);
        arena_reset(&a);
    }
    txt_reader_close(r);
    arena_free(&a);
    return 0;
}

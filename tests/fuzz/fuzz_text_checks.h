/*
 * fuzz_text_checks.h: the document checks shared by the reader fuzz targets
 * (fuzz_reader_dated.c, fuzz_reader_jsonl.c, fuzz_reader_plain.c).
 *
 * Every reader hands back TxtDocs that the rest of the text layer must accept,
 * so each target runs the same checks on them: paragraph spans lie inside raw,
 * in order; raw normalizes; sentences and tokens lie inside their parents and
 * map back inside raw.  The plain reader promises more (trimmed paragraphs,
 * sentences in order, a monotone offset map), so those checks are asked for
 * with `strict` rather than imposed on readers that never promised them.
 * Any broken invariant traps, which libFuzzer reports as a crash.
 *
 * Functions are static inline: each target includes this once and uses what it
 * needs.
 */
#ifndef DYAD_FUZZ_TEXT_CHECKS_H
#define DYAD_FUZZ_TEXT_CHECKS_H

#include "text/text.h"

#include <stdint.h>
#include <stdlib.h>

static inline int blank(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/* Normalize, split and tokenize a document, trapping on any broken invariant.
 * strict: also require trimmed paragraphs, a monotone orig[] that ends at
 * raw_len, and sentences in order within their paragraph. */
static inline void exercise(const TxtDoc *d, Arena *a, int strict)
{
    TxtNorm nm;
    TxtError err;
    uint32_t prev = 0;
    for (size_t k = 0; k < d->n_paras; k++) {
        TxtSpan p = d->paras[k];
        if (p.start < prev || p.end <= p.start || p.end > d->raw_len)
            __builtin_trap();
        if (strict && (blank((unsigned char)d->raw[p.start]) || blank((unsigned char)d->raw[p.end - 1])))
            __builtin_trap(); /* paragraphs are trimmed */
        prev = p.end;
    }
    if (txt_normalize(d->raw, d->raw_len, a, &nm, &err) != 0)
        __builtin_trap(); /* the reader only returns valid documents */
    if (strict) {
        if (nm.orig[nm.len] != d->raw_len)
            __builtin_trap();
        for (size_t i = 1; i <= nm.len; i++)
            if (nm.orig[i] < nm.orig[i - 1])
                __builtin_trap(); /* orig[] never decreases */
    }
    for (size_t k = 0; k < d->n_paras; k++) {
        TxtSpan p = {txt_orig_to_norm(&nm, d->paras[k].start), txt_orig_to_norm(&nm, d->paras[k].end)};
        if (strict && (p.start > p.end || p.end > nm.len))
            __builtin_trap();
        size_t ns;
        TxtSpan *s = txt_sentences(nm.text, p, a, &ns);
        uint32_t sp = p.start; /* strict: where the next sentence may start */
        for (size_t i = 0; i < ns; i++) {
            if (s[i].start < sp || s[i].end > p.end || s[i].end <= s[i].start ||
                s[i].end - s[i].start > TXT_MAX_SENTENCE_BYTES)
                __builtin_trap();
            if (strict)
                sp = s[i].end;
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

/* Read every document of data as format (AUTO instead on odd first bytes, so
 * detection is fuzzed too) and exercise each one.  A reader that stops making
 * progress counts as a crash. */
static inline void read_all(const uint8_t *data, size_t size, const char *name, TxtFormat format)
{
    TxtError err;
    TxtFormat f = size > 0 && (data[0] & 1) ? TXT_FORMAT_AUTO : format;
    TxtReader *r = txt_reader_open_memory((const char *)data, size, name, f, NULL, NULL, &err);
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
            exercise(&d, &a, 0);
        arena_reset(&a);
    }
    txt_reader_close(r);
    arena_free(&a);
}

#endif

/*
 * fuzz_reader_plain.c: libFuzzer target for the plain-text reader, followed by
 * the rest of the text layer on the document it returns.
 *
 * The input is read from memory as plain text with a date and an id given as
 * options (on odd first bytes, with neither, so the id is the base name).
 * Checked: the reader returns at most one document, then 0; that document is
 * the whole input byte for byte, has the given id and date and no headline;
 * a rejected input (-1) names a byte inside it.  On the document: paragraph
 * spans lie inside raw, in order, trimmed and non-empty; raw normalizes;
 * sentences and tokens lie inside their parents and map back inside raw.
 * A reader that stops making progress also counts as a crash.
 */
#include "text/text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static int blank(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/* Normalize, split and tokenize a document, trapping on any broken invariant. */
static void exercise(const TxtDoc *d, Arena *a)
{
    TxtNorm nm;
    TxtError err;
    uint32_t prev = 0;
    for (size_t k = 0; k < d->n_paras; k++) {
        TxtSpan p = d->paras[k];
        if (p.start < prev || p.end <= p.start || p.end > d->raw_len)
            __builtin_trap();
        if (blank((unsigned char)d->raw[p.start]) || blank((unsigned char)d->raw[p.end - 1]))
            __builtin_trap(); /* paragraphs are trimmed */
        prev = p.end;
    }
    if (txt_normalize(d->raw, d->raw_len, a, &nm, &err) != 0)
        __builtin_trap(); /* the reader only returns valid documents */
    if (nm.orig[nm.len] != d->raw_len)
        __builtin_trap();
    for (size_t i = 1; i <= nm.len; i++)
        if (nm.orig[i] < nm.orig[i - 1])
            __builtin_trap(); /* orig[] never decreases */
    for (size_t k = 0; k < d->n_paras; k++) {
        TxtSpan p = {txt_orig_to_norm(&nm, d->paras[k].start), txt_orig_to_norm(&nm, d->paras[k].end)};
        if (p.start > p.end || p.end > nm.len)
            __builtin_trap();
        size_t ns;
        TxtSpan *s = txt_sentences(nm.text, p, a, &ns);
        uint32_t sp = p.start;
        for (size_t i = 0; i < ns; i++) {
            if (s[i].start < sp || s[i].end > p.end || s[i].end <= s[i].start ||
                s[i].end - s[i].start > TXT_MAX_SENTENCE_BYTES)
                __builtin_trap();
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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    TxtError err;
    int given = !(size > 0 && (data[0] & 1));
    const char *date = given ? "2024-01-03" : NULL;
    const char *id = given ? "story-17" : NULL;
    TxtReader *r = txt_reader_open_memory((const char *)data, size, "dir/fuzz.txt", TXT_FORMAT_PLAIN,
                                          date, id, &err);
    if (!r)
        __builtin_trap();
    Arena a;
    arena_init(&a, 0);
    TxtDoc d;
    int k;
    size_t calls = 0, docs = 0;
    while ((k = txt_reader_next(r, &a, &d, &err)) != 0) {
        if (++calls > 2)
            __builtin_trap(); /* plain text is one document (or one rejection) */
        if (k < 0) {
            if (err.byte < 0 || (size_t)err.byte >= size)
                __builtin_trap(); /* the bad byte is inside the input */
        } else {
            docs++;
            if (d.raw_len != size || memcmp(d.raw, data, size) != 0 || d.raw[size] != '\0')
                __builtin_trap(); /* raw is the whole input */
            if (strcmp(d.id, given ? id : "fuzz") != 0 || strcmp(d.date, given ? date : "") != 0)
                __builtin_trap();
            if (d.has_headline || *d.title)
                __builtin_trap();
            exercise(&d, &a);
        }
        arena_reset(&a);
    }
    if (calls > 1)
        __builtin_trap();
    (void)docs;
    txt_reader_close(r);
    arena_free(&a);
    return 0;
}

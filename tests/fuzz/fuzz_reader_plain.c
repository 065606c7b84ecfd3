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
 *
 * The document checks are in fuzz_text_checks.h, shared with the other reader
 * targets; this reader asks for the strict ones.
 */
#include "fuzz_text_checks.h"

#include <string.h>

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
            exercise(&d, &a, 1); /* plain text promises the strict checks */
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

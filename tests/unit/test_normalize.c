/*
 * test_normalize.c: txt_normalize() folds typography, applies NFC, rejects
 * invalid UTF-8 and NUL at the right byte, and keeps an exact map back to the
 * original bytes; txt_norm_to_orig() and txt_orig_to_norm() use that map.
 */
#include "check.h"
#include "text/text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static Arena arena;

/* Normalize s (NUL-terminated) and return the text, or NULL on error. */
static const char *norm(const char *s, TxtNorm *out)
{
    TxtError err;
    if (txt_normalize(s, strlen(s), &arena, out, &err) != 0)
        return NULL;
    return out->text;
}

/* The map never decreases, stays inside the input and ends at its length. */
static int map_ok(const TxtNorm *nm, size_t n)
{
    if (nm->orig[nm->len] != n)
        return 0;
    for (size_t i = 0; i < nm->len; i++)
        if (nm->orig[i] > nm->orig[i + 1] || nm->orig[i] >= n)
            return 0;
    return 1;
}

static void test_ascii(void)
{
    TxtNorm nm;
    const char *s = "Plain ASCII text, with \"quotes\" and 'apostrophes' - kept as is.\n\tTab.";
    CHECK_STR(norm(s, &nm), s);
    CHECK_INT(nm.len, strlen(s));
    for (size_t i = 0; i <= nm.len; i++)
        if (nm.orig[i] != i) {
            CHECK(!"identity map");
            break;
        }
    CHECK(map_ok(&nm, strlen(s)));

    CHECK_STR(norm("", &nm), "");
    CHECK_INT(nm.len, 0);
    CHECK_INT(nm.orig[0], 0);
}

static void test_fold(void)
{
    TxtNorm nm;
    /* Iran’s: the apostrophe is 3 bytes in, 1 byte out. */
    CHECK_STR(norm("Iran\xE2\x80\x99s", &nm), "Iran's");
    CHECK_INT(nm.orig[4], 4);
    CHECK_INT(nm.orig[5], 7);
    CHECK_INT(nm.orig[6], 8);

    CHECK_STR(norm("\xE2\x80\x98single\xE2\x80\x99 \xE2\x80\x9A\xE2\x80\x9B", &nm), "'single' ''");
    CHECK_STR(norm("\xE2\x80\x9C" "double" "\xE2\x80\x9D \xE2\x80\x9E", &nm), "\"double\" \"");
    CHECK_STR(norm("5\xE2\x80\xB2 7\xE2\x80\xB3", &nm), "5' 7\"");
    CHECK_STR(norm("a\xE2\x80\x93" "b\xE2\x80\x94" "c\xE2\x80\x95" "d\xE2\x80\x92" "e\xE2\x88\x92" "f", &nm),
              "a-b-c-d-e-f");
    /* NBSP, thin space, narrow NBSP, ideographic space. */
    CHECK_STR(norm("a\xC2\xA0" "b\xE2\x80\x89" "c\xE2\x80\xAF" "d\xE3\x80\x80" "e", &nm), "a b c d e");
    /* Ellipsis: three bytes that all map to the start of the character. */
    CHECK_STR(norm("wait\xE2\x80\xA6 no", &nm), "wait... no");
    CHECK_INT(nm.orig[4], 4);
    CHECK_INT(nm.orig[5], 4);
    CHECK_INT(nm.orig[6], 4);
    CHECK_INT(nm.orig[7], 7);
    /* Soft hyphen, zero-width space and BOM disappear. */
    CHECK_STR(norm("anti\xC2\xAD" "terror", &nm), "antiterror");
    CHECK_INT(nm.orig[4], 6);
    CHECK_STR(norm("\xEF\xBB\xBFzero\xE2\x80\x8Bwidth", &nm), "zerowidth");
    CHECK(map_ok(&nm, strlen("\xEF\xBB\xBFzero\xE2\x80\x8Bwidth")));
}

static void test_keep_non_ascii(void)
{
    TxtNorm nm;
    CHECK_STR(norm("T\xC3\xBCrkiye and Erdo\xC4\x9F" "an", &nm), "T\xC3\xBCrkiye and Erdo\xC4\x9F" "an");
    CHECK_INT(nm.orig[1], 1);
    CHECK_INT(nm.orig[2], 1); /* second byte of ü: start of its character */
    CHECK_INT(nm.orig[3], 3);
    CHECK_STR(norm("\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0", &nm), "\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0");
    CHECK_STR(norm("\xD8\xB7\xD9\x87\xD8\xB1\xD8\xA7\xD9\x86", &nm), "\xD8\xB7\xD9\x87\xD8\xB1\xD8\xA7\xD9\x86");
    CHECK_STR(norm("\xE2\x82\xAC" "5 and \xC2\xA3" "600m", &nm), "\xE2\x82\xAC" "5 and \xC2\xA3" "600m");
}

static void test_nfc(void)
{
    TxtNorm nm;
    /* u + combining diaeresis -> ü; the composed bytes map to the 'u'. */
    const char *s = "Tu\xCC\x88rkiye";
    CHECK_STR(norm(s, &nm), "T\xC3\xBCrkiye");
    CHECK_INT(nm.orig[1], 1);
    CHECK_INT(nm.orig[2], 1);
    CHECK_INT(nm.orig[3], 4);
    CHECK(map_ok(&nm, strlen(s)));
    CHECK_STR(norm("Erdog\xCC\x86" "an", &nm), "Erdo\xC4\x9F" "an");
    /* Angstrom sign (a singleton) becomes A with ring. */
    CHECK_STR(norm("\xE2\x84\xAB", &nm), "\xC3\x85");
    /* Canonical reordering of two marks: dot below goes before the acute. */
    CHECK_STR(norm("q\xCC\x81\xCC\xA3", &nm), "q\xCC\xA3\xCC\x81");
    /* Hangul jamo compose into a syllable. */
    CHECK_STR(norm("\xE1\x84\x80\xE1\x85\xA1", &nm), "\xEA\xB0\x80");
    /* A whole span of decomposed text maps back to all of it. */
    TxtSpan sp = {0, (uint32_t)strlen("T\xC3\xBCrkiye")};
    norm(s, &nm);
    TxtSpan o = txt_norm_to_orig(&nm, sp);
    CHECK_INT(o.start, 0);
    CHECK_INT(o.end, strlen(s));
}

/* Expect failure with err.byte == at. */
static void check_bad(const char *s, size_t n, long at, const char *msg)
{
    TxtNorm nm;
    TxtError err;
    memset(&err, 0, sizeof err);
    CHECK_INT(txt_normalize(s, n, &arena, &nm, &err), -1);
    CHECK_INT(err.byte, at);
    CHECK(strstr(err.msg, msg) != NULL);
}

static void test_invalid(void)
{
    check_bad("ab\xFF" "cd", 5, 2, "invalid UTF-8");
    check_bad("\xC3\x28", 2, 0, "invalid UTF-8");             /* bad continuation */
    check_bad("x\xC0\xAF", 3, 1, "invalid UTF-8");            /* overlong '/' */
    check_bad("xy\xE0\x80\xAF", 5, 2, "invalid UTF-8");       /* overlong 3-byte */
    check_bad("x\xED\xA0\x80", 4, 1, "invalid UTF-8");        /* surrogate */
    check_bad("x\xF4\x90\x80\x80", 5, 1, "invalid UTF-8");    /* above U+10FFFF */
    check_bad("abc\xE2\x80", 5, 3, "invalid UTF-8");          /* truncated at the end */
    check_bad("\x80", 1, 0, "invalid UTF-8");                 /* stray continuation */
    check_bad("caf\xC3\xA9 \xC3", 7, 6, "invalid UTF-8");     /* after valid non-ASCII */
    check_bad("abc\0def", 7, 3, "NUL");
    check_bad("0123456789abcdef0123\0", 21, 20, "NUL");       /* past the 8-byte fast path */
    check_bad("\xC3\xA9\0", 3, 2, "NUL");
}

static void test_maps(void)
{
    TxtNorm nm;
    const char *s = "He said \xE2\x80\x9Cno\xE2\x80\xA6\xE2\x80\x9D today."; /* He said “no…” today. */
    CHECK_STR(norm(s, &nm), "He said \"no...\" today.");
    CHECK(map_ok(&nm, strlen(s)));
    /* "no" in the output is bytes 9..11; in the original 11..13. */
    TxtSpan o = txt_norm_to_orig(&nm, (TxtSpan){9, 11});
    CHECK_INT(o.start, 11);
    CHECK_INT(o.end, 13);
    /* A span ending after the first '.' of the folded ellipsis covers the whole ellipsis. */
    o = txt_norm_to_orig(&nm, (TxtSpan){9, 12});
    CHECK_INT(o.start, 11);
    CHECK_INT(o.end, 16);
    /* The whole text maps to the whole input. */
    o = txt_norm_to_orig(&nm, (TxtSpan){0, (uint32_t)nm.len});
    CHECK_INT(o.start, 0);
    CHECK_INT(o.end, strlen(s));
    /* Original -> normalized: exact at character starts, next byte inside one. */
    CHECK_INT(txt_orig_to_norm(&nm, 0), 0);
    CHECK_INT(txt_orig_to_norm(&nm, 8), 8);   /* the opening quote */
    CHECK_INT(txt_orig_to_norm(&nm, 9), 9);   /* inside it: next output byte */
    CHECK_INT(txt_orig_to_norm(&nm, 11), 9);  /* 'n' */
    CHECK_INT(txt_orig_to_norm(&nm, 13), 11); /* the ellipsis */
    CHECK_INT(txt_orig_to_norm(&nm, (uint32_t)strlen(s)), nm.len);
    CHECK_INT(txt_orig_to_norm(&nm, 100000), nm.len);
    /* Round trip of every character start. */
    int ok = 1;
    for (size_t i = 0; i < nm.len; i++)
        if (nm.orig[txt_orig_to_norm(&nm, nm.orig[i])] != nm.orig[i])
            ok = 0;
    CHECK(ok);
}

/* Mixed text longer than the fast paths, built from pieces: the map stays sound. */
static void test_long_mixed(void)
{
    static const char *const pieces[] = {"word ", "Iran\xE2\x80\x99s ", "\xE2\x80\x9Cq\xE2\x80\x9D ",
                                         "e\xCC\x81 ", "\xC2\xA0", "x\xE2\x80\xA6", "\xC2\xAD",
                                         "T\xC3\xBCrkiye ", "abcdefghijklmnop "};
    size_t cap = 200000, n = 0;
    char *s = malloc(cap + 32);
    unsigned seed = 7;
    while (n < cap) {
        seed = seed * 1103515245u + 12345u;
        const char *p = pieces[(seed >> 16) % (sizeof pieces / sizeof *pieces)];
        size_t k = strlen(p);
        memcpy(s + n, p, k);
        n += k;
    }
    s[n] = '\0';
    TxtNorm nm;
    TxtError err;
    CHECK_INT(txt_normalize(s, n, &arena, &nm, &err), 0);
    CHECK(map_ok(&nm, n));
    CHECK(strstr(nm.text, "\xE2\x80") == NULL); /* no curly quotes or ellipses left */
    CHECK(strstr(nm.text, "\xC3\xA9") != NULL); /* e + acute composed */
    free(s);
}

int main(void)
{
    arena_init(&arena, 0);
    test_ascii();
    test_fold();
    test_keep_non_ascii();
    test_nfc();
    test_invalid();
    test_maps();
    test_long_mixed();
    arena_free(&arena);
    return check_summary();
}

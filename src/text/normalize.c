/*
 * normalize.c: raw document bytes -> valid NFC UTF-8 with typographic marks
 * folded to ASCII, plus the map from every output byte back to the input.
 *
 * Pipeline, one pass over the input:
 *   - runs of ASCII are copied as they are (word-at-a-time scan, then memcpy);
 *   - each run of non-ASCII characters (cut before any non-ASCII space or
 *     punctuation, which never composes with what precedes it) is a "segment".
 *     A segment made only of characters known to be NFC-inert is folded
 *     character by character; any other goes through utf8proc (canonical
 *     decomposition, then composition) together with the ASCII byte before it,
 *     since "e" + U+0301 must become U+00E9;
 *   - folding: curly quotes and primes to ' and ", dashes to -, Unicode spaces
 *     to ' ', U+2026 to "...", soft hyphen, zero-width space and BOM removed.
 *
 * Invariants kept:
 *   - out->orig[i] is the offset in raw of the start of the source character
 *     that produced normalized byte i; a multi-byte replacement maps all its
 *     bytes to that start.  When utf8proc changed a segment, every byte of the
 *     segment maps to the segment's first source byte (the map is coarse only
 *     inside text that was not NFC to begin with).
 *   - orig[] never decreases and orig[len] == n.
 *   - invalid UTF-8 (overlong forms, surrogates, > U+10FFFF, truncated or stray
 *     continuation bytes) and NUL bytes are errors, reported at the offset of
 *     the first bad byte; nothing is written to err otherwise.
 *   - all memory comes from the arena: a small stack buffer serves utf8proc for
 *     short segments, the arena for long ones.
 */
#include "text.h"

#include <string.h>
#include <utf8proc.h>

/* Output under construction; grows inside the arena (old blocks are simply left). */
typedef struct NormOut {
    Arena *arena;   /* where text and orig live */
    char *text;     /* normalized bytes so far */
    uint32_t *orig; /* source offset of each normalized byte */
    size_t len;     /* bytes written */
    size_t cap;     /* bytes available in text (orig has cap + 1 slots) */
} NormOut;

static void out_grow(NormOut *o, size_t extra)
{
    size_t cap = o->cap * 2;
    if (cap < o->len + extra + 16)
        cap = o->len + extra + 16;
    char *text = arena_alloc(o->arena, cap + 1);
    uint32_t *orig = arena_alloc(o->arena, (cap + 1) * sizeof *orig);
    memcpy(text, o->text, o->len);
    memcpy(orig, o->orig, o->len * sizeof *orig);
    o->text = text;
    o->orig = orig;
    o->cap = cap;
}

static inline void out_reserve(NormOut *o, size_t extra)
{
    if (o->len + extra > o->cap)
        out_grow(o, extra);
}

/* Append n bytes that all map to source offset src. */
static inline void out_put(NormOut *o, const char *s, size_t n, uint32_t src)
{
    out_reserve(o, n);
    for (size_t k = 0; k < n; k++) {
        o->text[o->len] = s[k];
        o->orig[o->len++] = src;
    }
}

/* Decode one strictly valid UTF-8 character; returns its length, 0 if invalid. */
static size_t utf8_decode(const unsigned char *s, size_t n, int32_t *cp)
{
    unsigned c = s[0];
    if (c < 0x80) {
        *cp = (int32_t)c;
        return 1;
    }
    if (c < 0xC2 || c > 0xF4)
        return 0;
    if (c < 0xE0) {
        if (n < 2 || (s[1] & 0xC0) != 0x80)
            return 0;
        *cp = (int32_t)(((c & 0x1Fu) << 6) | (s[1] & 0x3Fu));
        return 2;
    }
    unsigned lo = 0x80, hi = 0xBF; /* allowed range of the second byte */
    if (c == 0xE0)
        lo = 0xA0;
    else if (c == 0xED)
        hi = 0x9F; /* surrogates */
    else if (c == 0xF0)
        lo = 0x90;
    else if (c == 0xF4)
        hi = 0x8F;
    if (n < 2 || s[1] < lo || s[1] > hi)
        return 0;
    if (c < 0xF0) {
        if (n < 3 || (s[2] & 0xC0) != 0x80)
            return 0;
        *cp = (int32_t)(((c & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3Fu));
        return 3;
    }
    if (n < 4 || (s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80)
        return 0;
    *cp = (int32_t)(((c & 0x07u) << 18) | ((s[1] & 0x3Fu) << 12) | ((s[2] & 0x3Fu) << 6) |
                    (s[3] & 0x3Fu));
    return 4;
}

/* The ASCII text a character folds to, "" to drop it, NULL to keep it. */
static const char *fold(int32_t cp)
{
    if (cp < 0xA0)
        return NULL;
    switch (cp) {
    case 0x00A0: case 0x1680: case 0x202F: case 0x205F: case 0x3000:
    case 0x2028: case 0x2029:
        return " ";
    case 0x00AD: case 0x200B: case 0xFEFF:
        return "";
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032:
        return "'";
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033:
        return "\"";
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015:
    case 0x2212:
        return "-";
    case 0x2026:
        return "...";
    default:
        break;
    }
    if (cp >= 0x2000 && cp <= 0x200A)
        return " ";
    return NULL;
}

/* Characters that NFC leaves alone and that never compose with a neighbour:
 * Latin-1 Supplement, Latin Extended-A, General Punctuation, Currency Symbols.
 * (U+2000 and U+2001 decompose to U+2002/U+2003, but all four fold to ' '.) */
static inline int nfc_inert(int32_t cp)
{
    return (cp >= 0xA0 && cp <= 0x17F) || (cp >= 0x2000 && cp <= 0x206F) ||
           (cp >= 0x20A0 && cp <= 0x20CF);
}

/* Non-ASCII spaces and punctuation start a new segment: nothing composes onto them. */
static inline int segment_boundary(int32_t cp)
{
    utf8proc_category_t cat = utf8proc_category(cp);
    return cat == UTF8PROC_CATEGORY_ZS || (cat >= UTF8PROC_CATEGORY_PC && cat <= UTF8PROC_CATEGORY_PO);
}

static void emit_char(NormOut *o, int32_t cp, uint32_t src)
{
    const char *f = fold(cp);
    if (f) {
        out_put(o, f, strlen(f), src);
        return;
    }
    utf8proc_uint8_t enc[4];
    utf8proc_ssize_t k = utf8proc_encode_char(cp, enc);
    out_put(o, (const char *)enc, (size_t)k, src);
}

/* Length of the run of ASCII bytes other than NUL starting at raw[i]. */
static size_t ascii_run(const unsigned char *raw, size_t i, size_t n)
{
    size_t j = i;
    while (j + 8 <= n) {
        uint64_t w;
        memcpy(&w, raw + j, 8);
        /* Stop at any byte with the high bit set or equal to zero. */
        uint64_t zero = (w - 0x0101010101010101ULL) & ~w & 0x8080808080808080ULL;
        if ((w & 0x8080808080808080ULL) | zero)
            break;
        j += 8;
    }
    while (j < n && raw[j] != 0 && raw[j] < 0x80)
        j++;
    return j - i;
}

static void set_error(TxtError *err, size_t at, const char *msg)
{
    if (!err)
        return;
    err->file[0] = '\0';
    err->line = 0;
    err->byte = (long)at;
    snprintf(err->msg, sizeof err->msg, "%s", msg);
}

/* Run a segment through utf8proc NFC.  [from, to) is the source, the first
 * `lead` bytes of which are an ASCII byte already emitted (and now taken back).
 * Returns 0 when the segment was already NFC (the caller then folds it with an
 * exact map), 1 when it wrote the changed segment itself. */
static int nfc_segment(NormOut *o, const unsigned char *raw, size_t from, size_t to, size_t lead)
{
    utf8proc_int32_t stack[64];
    utf8proc_int32_t *buf = stack;
    const utf8proc_option_t opts = UTF8PROC_STABLE | UTF8PROC_COMPOSE;
    utf8proc_ssize_t m = utf8proc_decompose(raw + from, (utf8proc_ssize_t)(to - from), buf, 64, opts);
    if (m > 64) {
        buf = arena_alloc(o->arena, (size_t)m * sizeof *buf);
        m = utf8proc_decompose(raw + from, (utf8proc_ssize_t)(to - from), buf, m, opts);
    }
    if (m < 0)
        return 0; /* cannot happen on validated input; keep the text as it is */
    m = utf8proc_normalize_utf32(buf, m, opts);
    if (m < 0)
        return 0;
    /* Already NFC when the composed sequence equals the source characters. */
    size_t i = from;
    utf8proc_ssize_t k = 0;
    for (; k < m && i < to; k++) {
        int32_t cp;
        i += utf8_decode(raw + i, to - i, &cp);
        if (cp != buf[k])
            break;
    }
    if (k == m && i == to)
        return 0;
    o->len -= lead;
    for (k = 0; k < m; k++)
        emit_char(o, buf[k], (uint32_t)from);
    return 1;
}

int txt_normalize(const char *raw_s, size_t n, Arena *arena, TxtNorm *out, TxtError *err)
{
    const unsigned char *raw = (const unsigned char *)raw_s;
    if (n >= UINT32_MAX) {
        set_error(err, 0, "document too large (4 GB or more)");
        return -1;
    }
    NormOut o = {arena, NULL, NULL, 0, 0};
    o.cap = n + 16;
    o.text = arena_alloc(arena, o.cap + 1);
    o.orig = arena_alloc(arena, (o.cap + 1) * sizeof *o.orig);

    size_t i = 0;
    while (i < n) {
        size_t run = ascii_run(raw, i, n);
        if (run) {
            out_reserve(&o, run);
            memcpy(o.text + o.len, raw + i, run);
            for (size_t k = 0; k < run; k++)
                o.orig[o.len + k] = (uint32_t)(i + k);
            o.len += run;
            i += run;
            continue;
        }
        if (raw[i] == 0) {
            set_error(err, i, "NUL byte");
            return -1;
        }
        /* A segment of non-ASCII characters: validate it and see if it is inert. */
        size_t from = i;
        int inert = 1;
        do {
            int32_t cp;
            size_t k = utf8_decode(raw + i, n - i, &cp);
            if (!k) {
                set_error(err, i, "invalid UTF-8");
                return -1;
            }
            if (i > from && segment_boundary(cp))
                break;
            inert &= nfc_inert(cp);
            i += k;
        } while (i < n && raw[i] >= 0x80);
        if (!inert) {
            size_t lead = (from > 0 && raw[from - 1] < 0x80 && o.len > 0) ? 1 : 0;
            if (nfc_segment(&o, raw, from - lead, i, lead))
                continue;
        }
        for (size_t j = from; j < i;) {
            int32_t cp;
            size_t k = utf8_decode(raw + j, i - j, &cp);
            emit_char(&o, cp, (uint32_t)j);
            j += k;
        }
    }
    o.text[o.len] = '\0';
    o.orig[o.len] = (uint32_t)n;
    out->text = o.text;
    out->len = o.len;
    out->orig = o.orig;
    return 0;
}

TxtSpan txt_norm_to_orig(const TxtNorm *norm, TxtSpan span)
{
    TxtSpan r;
    uint32_t s = span.start, e = span.end;
    if (e > norm->len)
        e = (uint32_t)norm->len;
    if (s > e)
        s = e;
    r.start = norm->orig[s];
    /* An end inside a multi-byte replacement extends to the end of its source. */
    if (e > s && e < norm->len && norm->orig[e] == norm->orig[e - 1]) {
        uint32_t last = norm->orig[e - 1];
        while (e < norm->len && norm->orig[e] == last)
            e++;
    }
    r.end = norm->orig[e];
    return r;
}

uint32_t txt_orig_to_norm(const TxtNorm *norm, uint32_t orig_offset)
{
    /* First i with orig[i] >= orig_offset; orig[len] is the original length. */
    size_t lo = 0, hi = norm->len;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (norm->orig[mid] < orig_offset)
            lo = mid + 1;
        else
            hi = mid;
    }
    return (uint32_t)lo;
}

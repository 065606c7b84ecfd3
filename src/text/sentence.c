/*
 * sentence.c: one paragraph of normalized text -> sentence spans.
 *
 * A single pass looks only at the bytes . ? ! (a table lookup per byte).  At a
 * run of them it takes the closing quotes and brackets that follow, and asks:
 * is there whitespace next, and does what comes after it start a sentence?
 *   - a lower-case letter (or , ; :) after the run never starts one, so
 *     `"Why?" he asked.` and `... the U.S. officials said` stay whole;
 *   - after ? ! and ellipses anything else does;
 *   - after a single '.', the word before it decides: titles (Mr. Gen. St.)
 *     never end a sentence; No. and month names (Jan.), initials (W.), dotted
 *     abbreviations (U.S., a.m.) and company or name suffixes (Inc., Jr.) end
 *     one only before a word that commonly starts sentences ("The", "He", ...),
 *     and No. and months never before a digit; any other word ends one.
 * A closing quote or bracket after the stop belongs to the sentence it closes;
 * a stop with nothing before it in the sentence ("... And then") ends nothing.
 *
 * Invariants: spans are inside the paragraph, in order, non-overlapping, never
 * empty, trimmed of whitespace (bytes <= 0x20), and no longer than
 * TXT_MAX_SENTENCE_BYTES: a longer run is cut at its last space before the
 * limit, or at a UTF-8 character boundary when it has none.  The output array
 * grows by doubling in the arena.
 */
#include "text.h"
#include "abbrev.h"

#include <string.h>
#include <utf8proc.h>

/* Spans collected so far. */
typedef struct SpanVec {
    Arena *arena;   /* where items live */
    TxtSpan *items; /* the spans */
    size_t n;       /* used */
    size_t cap;     /* allocated */
} SpanVec;

static void vec_push(SpanVec *v, uint32_t start, uint32_t end)
{
    if (v->n == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 16;
        TxtSpan *items = arena_alloc(v->arena, cap * sizeof *items);
        if (v->n)
            memcpy(items, v->items, v->n * sizeof *items);
        v->items = items;
        v->cap = cap;
    }
    v->items[v->n].start = start;
    v->items[v->n].end = end;
    v->n++;
}

/* Byte classes: what the scanner needs to know about each byte. */
enum { C_OTHER = 0, C_SPACE = 1, C_STOP = 2, C_CLOSE = 4, C_OPEN = 8, C_LOWER = 16,
       C_UPPER = 32, C_DIGIT = 64 };

/* The class of one byte, as a constant expression so the table is built at compile time. */
#define CLS(c)                                                                        \
    ((c) <= 32 ? C_SPACE                                                              \
     : (c) == '.' || (c) == '?' || (c) == '!' ? C_STOP                                \
     : (c) == '"' || (c) == '\'' ? C_CLOSE | C_OPEN                                   \
     : (c) == ')' || (c) == ']' ? C_CLOSE                                             \
     : (c) == '(' || (c) == '[' ? C_OPEN                                              \
     : (c) >= 'a' && (c) <= 'z' ? C_LOWER                                             \
     : (c) >= 'A' && (c) <= 'Z' ? C_UPPER                                             \
     : (c) >= '0' && (c) <= '9' ? C_DIGIT                                             \
                                : C_OTHER)
#define CLS4(c) CLS(c), CLS((c) + 1), CLS((c) + 2), CLS((c) + 3)
#define CLS16(c) CLS4(c), CLS4((c) + 4), CLS4((c) + 8), CLS4((c) + 12)
#define CLS64(c) CLS16(c), CLS16((c) + 16), CLS16((c) + 32), CLS16((c) + 48)

static const unsigned char cls[256] = {CLS64(0), CLS64(64), CLS64(128), CLS64(192)};

static inline int is_space(unsigned char c)
{
    return cls[c] & C_SPACE;
}

/* Decode a character leniently (the text is normalized, so valid). */
static int32_t peek_cp(const unsigned char *t, uint32_t i, uint32_t end)
{
    int32_t cp;
    utf8proc_ssize_t k = utf8proc_iterate(t + i, (utf8proc_ssize_t)(end - i), &cp);
    return k > 0 ? cp : -1;
}

/* Is the character at t[i] a lower-case letter? */
static int starts_lower(const unsigned char *t, uint32_t i, uint32_t end)
{
    unsigned char c = t[i];
    if (c < 0x80)
        return cls[c] & C_LOWER;
    int32_t cp = peek_cp(t, i, end);
    return cp >= 0 && utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

static int starts_upper(const unsigned char *t, uint32_t i, uint32_t end)
{
    unsigned char c = t[i];
    if (c < 0x80)
        return cls[c] & C_UPPER;
    int32_t cp = peek_cp(t, i, end);
    utf8proc_category_t cat = cp >= 0 ? utf8proc_category(cp) : UTF8PROC_CATEGORY_CN;
    return cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT;
}

/* Words that commonly open a sentence: an ambiguous abbreviation before one ends it. */
static const char *const starters[] = {
    "A", "After", "All", "Also", "An", "And", "As", "At", "Both", "But", "By", "During",
    "Earlier", "For", "He", "Her", "His", "However", "I", "If", "In", "It", "Its", "Last",
    "Later", "Meanwhile", "Most", "Mr", "Mrs", "Ms", "My", "Now", "On", "One", "Our", "She",
    "Since", "So", "Some", "That", "The", "Their", "Then", "There", "These", "They",
    "This", "Those", "Thus", "To", "Under", "We", "What", "When", "While", "Who", "Yet",
    "You",
};

/* Does the word at t[i] (after opening quotes and brackets) commonly start a sentence? */
static int next_is_starter(const unsigned char *t, uint32_t i, uint32_t end)
{
    while (i < end && (cls[t[i]] & C_OPEN))
        i++;
    uint32_t w = i;
    while (i < end && (cls[t[i]] & (C_LOWER | C_UPPER)) && i - w < 12)
        i++;
    size_t n = i - w;
    if (n == 0 || (i < end && (cls[t[i]] & (C_LOWER | C_UPPER))))
        return 0;
    for (size_t k = 0; k < sizeof starters / sizeof *starters; k++)
        if (strlen(starters[k]) == n && memcmp(starters[k], t + w, n) == 0)
            return 1;
    return 0;
}

/* Is t[w..w+n) one upper-case letter, ASCII or not? */
static int is_initial(const unsigned char *t, uint32_t w, size_t n)
{
    if (n == 1)
        return (cls[t[w]] & C_UPPER) != 0;
    int32_t cp;
    if (t[w] < 0x80 || utf8proc_iterate(t + w, (utf8proc_ssize_t)n, &cp) != (utf8proc_ssize_t)n)
        return 0;
    return starts_upper(t, w, w + (uint32_t)n);
}

/* A single '.' at t[dot] with whitespace after it, the next sentence candidate
 * at t[nx]: does the word before the dot let the sentence end here? */
static int period_ends(const unsigned char *t, uint32_t from, uint32_t dot, uint32_t nx,
                       uint32_t end)
{
    uint32_t w = dot;
    while (w > from && !is_space(t[w - 1]) && !(cls[t[w - 1]] & C_OPEN) && dot - w < 64)
        w--;
    size_t n = dot - w;
    if (n == 0 || n >= 64)
        return 1;
    switch (txt_abbrev_kind(t + w, n)) {
    case AB_TITLE:
        return 0;
    case AB_NUMBER:
    case AB_MONTH: /* "No. 5", "Jan. 3": never before a digit */
        return !(cls[t[nx]] & C_DIGIT) && next_is_starter(t, nx, end);
    case AB_SUFFIX:
        return next_is_starter(t, nx, end);
    default:
        break;
    }
    if (txt_is_dotted(t + w, n))
        return next_is_starter(t, nx, end);
    /* An initial: one capital letter ("George W. Bush", "J. R. R. Tolkien"). */
    if (is_initial(t, w, n))
        return next_is_starter(t, nx, end);
    return 1;
}

/* Trim s[start..end) and push it, cut into pieces of at most the maximum length. */
static void emit(SpanVec *v, const unsigned char *t, uint32_t start, uint32_t end)
{
    while (start < end && is_space(t[start]))
        start++;
    while (end > start && is_space(t[end - 1]))
        end--;
    while (end - start > TXT_MAX_SENTENCE_BYTES) {
        uint32_t limit = start + TXT_MAX_SENTENCE_BYTES;
        uint32_t cut = limit;
        while (cut > start && !is_space(t[cut]))
            cut--;
        uint32_t next;
        if (cut > start) {
            next = cut;
            while (cut > start && is_space(t[cut - 1]))
                cut--;
        } else {
            /* No space: cut before the character that would cross the limit. */
            cut = limit;
            while (cut > start && (t[cut] & 0xC0) == 0x80)
                cut--;
            if (cut == start)
                cut = limit;
            next = cut;
        }
        vec_push(v, start, cut);
        start = next;
        while (start < end && is_space(t[start]))
            start++;
    }
    if (end > start)
        vec_push(v, start, end);
}

TxtSpan *txt_sentences(const char *text, TxtSpan para, Arena *arena, size_t *n_out)
{
    const unsigned char *t = (const unsigned char *)text;
    SpanVec v = {arena, NULL, 0, 0};
    uint32_t end = para.end, s = para.start, i = para.start;
    while (i < end) {
        if (!(cls[t[i]] & C_STOP)) {
            i++;
            continue;
        }
        uint32_t run = i;
        int strong = 0; /* the run has ? or ! */
        while (i < end && (cls[t[i]] & C_STOP))
            strong |= t[i++] != '.';
        uint32_t close = i;
        while (close < end && (cls[t[close]] & C_CLOSE))
            close++;
        if (close < end && !is_space(t[close]))
            continue; /* "3.5", "U.S.-led", "Yahoo!'s" */
        uint32_t nx = close;
        while (nx < end && is_space(t[nx]))
            nx++;
        if (nx >= end)
            break;
        unsigned char c = t[nx];
        int split;
        if (run == s || starts_lower(t, nx, end) || c == ',' || c == ';' || c == ':' ||
            ((cls[c] & C_CLOSE) && !(cls[c] & C_OPEN)))
            split = 0; /* nothing before the stop, or the text goes on */
        else if (strong || i - run > 1)
            split = 1;
        else
            split = period_ends(t, s, run, nx, end);
        if (split) {
            emit(&v, t, s, close);
            s = nx;
        }
        i = nx;
    }
    emit(&v, t, s, end);
    *n_out = v.n;
    return v.items;
}

/*
 * tokenize.c: one sentence of normalized text -> tokens with byte offsets.
 *
 * One pass over the bytes with a class table.  A word is a run of letters,
 * digits, '_' and non-ASCII letters, marks and digits, which may go on across
 *   - '.' before another word character (U.S, 3.5, e.g, john.smith),
 *   - ',' between a digit and exactly three digits (1,200 and 464,000),
 *   - ':' and '/' between digits (10:30, 24/7),
 *   - '-' before a word character (anti-terror, al-Sudani, U.S.-led),
 *   - '&' between letters (AT&T), '@' before a word character (e-mail),
 *   - an apostrophe before letters that are not a clitic (O'Brien, al-Rufay'i).
 * A final '.' stays on the word when the word is an abbreviation: dotted
 * letters (U.S., a.m.), a title or month (Mr., Lt., Jan.; not at the end of the
 * sentence), No. before a digit, a suffix (Inc., Jr., etc.), or an initial (W.).
 * Clitics are split off: 's, ' after s (possessive), n't, 'm 're 've 'll 'd,
 * and "cannot" is "can" "not".  A run of dots or hyphens is one token; every
 * other punctuation byte, and each non-ASCII symbol or punctuation character,
 * is a token of its own.  Web addresses (http://, https://, www.) are one token.
 *
 * Invariants: tokens lie inside the sentence, in order, non-overlapping, never
 * empty, and never start or end inside a UTF-8 character of valid input.  The
 * token array comes from the arena and grows by doubling.
 */
#include "text.h"
#include "abbrev.h"

#include <string.h>
#include <utf8proc.h>

/* Byte classes. */
enum { K_PUNCT = 0, K_SPACE = 1, K_UPPER = 2, K_LOWER = 4, K_DIGIT = 8, K_UNDER = 16, K_HIGH = 32 };

#define KCLS(c)                                          \
    ((c) <= 32 || (c) == 127 ? K_SPACE                   \
     : (c) >= 'A' && (c) <= 'Z' ? K_UPPER                \
     : (c) >= 'a' && (c) <= 'z' ? K_LOWER                \
     : (c) >= '0' && (c) <= '9' ? K_DIGIT                \
     : (c) == '_' ? K_UNDER                              \
     : (c) >= 128 ? K_HIGH                               \
                  : K_PUNCT)
#define KCLS4(c) KCLS(c), KCLS((c) + 1), KCLS((c) + 2), KCLS((c) + 3)
#define KCLS16(c) KCLS4(c), KCLS4((c) + 4), KCLS4((c) + 8), KCLS4((c) + 12)
#define KCLS64(c) KCLS16(c), KCLS16((c) + 16), KCLS16((c) + 32), KCLS16((c) + 48)

static const unsigned char kcls[256] = {KCLS64(0), KCLS64(64), KCLS64(128), KCLS64(192)};

#define K_ALPHA (K_UPPER | K_LOWER)
#define K_ALNUM (K_UPPER | K_LOWER | K_DIGIT)
#define K_WORD (K_UPPER | K_LOWER | K_DIGIT | K_UNDER | K_HIGH)

/* What a non-ASCII character is, for word building and flags. */
enum { U_WORD, U_PUNCT, U_SPACE };

/* Decode the character at t[i]; invalid bytes count as one-byte word characters. */
static uint32_t decode(const unsigned char *t, uint32_t i, uint32_t end, int32_t *cp)
{
    utf8proc_ssize_t k = utf8proc_iterate(t + i, (utf8proc_ssize_t)(end - i), cp);
    if (k <= 0) {
        *cp = -1;
        return 1;
    }
    return (uint32_t)k;
}

static int ucls(int32_t cp)
{
    if (cp < 0)
        return U_WORD;
    utf8proc_category_t cat = utf8proc_category(cp);
    if (cat >= UTF8PROC_CATEGORY_ZS && cat <= UTF8PROC_CATEGORY_ZP)
        return U_SPACE;
    if (cat >= UTF8PROC_CATEGORY_PC && cat <= UTF8PROC_CATEGORY_SO)
        return U_PUNCT;
    return U_WORD;
}

/* Length of the word character at t[i], 0 when it is not one. */
static inline uint32_t word_char(const unsigned char *t, uint32_t i, uint32_t end)
{
    unsigned char k = kcls[t[i]];
    if (!(k & K_WORD))
        return 0;
    if (!(k & K_HIGH))
        return 1;
    int32_t cp;
    uint32_t n = decode(t, i, end, &cp);
    return ucls(cp) == U_WORD ? n : 0;
}

static inline int word_at(const unsigned char *t, uint32_t i, uint32_t end)
{
    return i < end && word_char(t, i, end) != 0;
}

/* ---- the output ---- */

typedef struct TokVec {
    Arena *arena;    /* where items live */
    TxtToken *items; /* tokens so far */
    size_t n;        /* used */
    size_t cap;      /* allocated */
    const unsigned char *t; /* the text, for flags */
} TokVec;

/* Letters, case and digits of a token, for its flags. */
static uint16_t flags_of(const unsigned char *t, uint32_t s, uint32_t e)
{
    int upper = 0, lower = 0, letters = 0, digits = 0, first_upper = 0, hyphen = 0;
    for (uint32_t i = s; i < e;) {
        unsigned char c = t[i];
        unsigned char k = kcls[c];
        int is_up = 0;
        if (k & K_HIGH) {
            int32_t cp;
            uint32_t n = decode(t, i, e, &cp);
            utf8proc_category_t cat = cp >= 0 ? utf8proc_category(cp) : UTF8PROC_CATEGORY_CN;
            if (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) {
                letters++;
                is_up = cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT;
                upper += is_up;
                lower += cat == UTF8PROC_CATEGORY_LL;
            } else if (cat >= UTF8PROC_CATEGORY_MN && cat <= UTF8PROC_CATEGORY_NO) {
                digits += cat == UTF8PROC_CATEGORY_ND;
                letters += cat < UTF8PROC_CATEGORY_ND; /* marks count as letters */
            }
            if (i == s)
                first_upper = is_up;
            i += n;
            continue;
        }
        if (k & K_ALPHA) {
            letters++;
            is_up = (k & K_UPPER) != 0;
            upper += is_up;
            lower += !is_up;
        } else if (k & K_DIGIT) {
            digits++;
        } else if (c == '-' && i > s && i + 1 < e && t[i - 1] != '-' && t[i + 1] != '-') {
            hyphen = 1;
        }
        if (i == s)
            first_upper = is_up;
        i++;
    }
    uint16_t f = 0;
    if (first_upper)
        f |= TXT_TOK_CAP;
    if (upper >= 2 && lower == 0)
        f |= TXT_TOK_ALLCAPS;
    if (digits)
        f |= TXT_TOK_DIGIT;
    if (!letters && !digits)
        f |= TXT_TOK_PUNCT;
    if (hyphen)
        f |= TXT_TOK_HYPHEN;
    return f;
}

uint16_t txt_token_flags(const char *text, uint32_t start, uint32_t end)
{
    return flags_of((const unsigned char *)text, start, end);
}

static void push(TokVec *v, uint32_t s, uint32_t e, uint16_t extra)
{
    if (v->n == v->cap) {
        size_t cap = v->cap * 2;
        TxtToken *items = arena_alloc(v->arena, cap * sizeof *items);
        memcpy(items, v->items, v->n * sizeof *items);
        v->items = items;
        v->cap = cap;
    }
    TxtToken *tok = &v->items[v->n++];
    tok->start = s;
    tok->end = e;
    tok->flags = (uint16_t)(flags_of(v->t, s, e) | extra);
}

/* ---- abbreviations ---- */

/* Is the '.' at t[dot] the sentence's last real character (only closers after it)? */
static int dot_is_final(const unsigned char *t, uint32_t dot, uint32_t end)
{
    for (uint32_t i = dot + 1; i < end; i++) {
        unsigned char c = t[i];
        if (!(kcls[c] & K_SPACE) && c != '"' && c != '\'' && c != ')' && c != ']')
            return 0;
    }
    return 1;
}

/* Should the '.' at t[dot] end the word t[w..dot)?  `inner` says the word has dots. */
static int keep_dot(const unsigned char *t, uint32_t w, uint32_t dot, uint32_t end, int inner)
{
    size_t n = dot - w;
    if (dot + 1 < end && t[dot + 1] == '.')
        return 0; /* an ellipsis follows */
    if (inner)
        return txt_is_dotted(t + w, n);
    int final = dot_is_final(t, dot, end);
    switch (txt_abbrev_kind(t + w, n)) {
    case AB_TITLE:
    case AB_MONTH: /* "Jan. 3" keeps its dot like "Gen. Smith" */
        return !final;
    case AB_SUFFIX:
        return 1;
    case AB_NUMBER: {
        uint32_t i = dot + 1;
        while (i < end && (kcls[t[i]] & K_SPACE))
            i++;
        return i < end && (kcls[t[i]] & K_DIGIT);
    }
    default:
        break;
    }
    return n == 1 && (kcls[t[w]] & K_UPPER) && !final;
}

/* ---- words ---- */

static int lower_is(const unsigned char *t, uint32_t i, uint32_t end, const char *s)
{
    size_t n = strlen(s);
    if (end - i < n)
        return 0;
    for (size_t k = 0; k < n; k++)
        if ((t[i + k] | 0x20) != (unsigned char)s[k])
            return 0;
    return !word_at(t, i + (uint32_t)n, end);
}

/* Length of the clitic starting at the apostrophe t[q] ("'s", "'ll"), 0 for none. */
static uint32_t clitic_len(const unsigned char *t, uint32_t q, uint32_t end)
{
    static const char *const tails[] = {"s", "m", "d", "re", "ve", "ll"};
    for (size_t k = 0; k < sizeof tails / sizeof *tails; k++)
        if (lower_is(t, q + 1, end, tails[k]))
            return 1 + (uint32_t)strlen(tails[k]);
    return 0;
}

/* Emit a plain word, splitting "cannot". */
static void push_word(TokVec *v, uint32_t s, uint32_t e, uint16_t extra)
{
    if (e - s == 6 && lower_is(v->t, s, e, "cannot")) {
        push(v, s, s + 3, extra);
        push(v, s + 3, e, 0);
        return;
    }
    push(v, s, e, extra);
}

/* A web address: up to the next space, without trailing punctuation. */
static uint32_t scan_url(const unsigned char *t, uint32_t i, uint32_t end)
{
    uint32_t e = i;
    while (e < end && !(kcls[t[e]] & K_SPACE))
        e++;
    while (e > i + 4 && strchr(".,;:!?)\"']", t[e - 1]))
        e--;
    return e;
}

static int is_url(const unsigned char *t, uint32_t i, uint32_t end)
{
    static const char *const heads[] = {"http://", "https://", "www."};
    for (size_t k = 0; k < 3; k++) {
        size_t n = strlen(heads[k]);
        if (end - i > n && memcmp(t + i, heads[k], n) == 0 && !(kcls[t[i + n]] & K_SPACE))
            return 1;
    }
    return 0;
}

/* Scan the word starting at t[i] and emit it with its clitics; returns where it ends. */
static uint32_t scan_word(TokVec *v, uint32_t i, uint32_t end, uint16_t extra)
{
    const unsigned char *t = v->t;
    if ((t[i] == 'h' || t[i] == 'w') && is_url(t, i, end)) {
        uint32_t e = scan_url(t, i, end);
        push(v, i, e, extra);
        return e;
    }
    uint32_t w = i;
    int inner = 0; /* the word has an inner '.' */
    for (;;) {
        uint32_t k;
        while (i < end && (k = word_char(t, i, end)) != 0)
            i += k;
        if (i >= end)
            break;
        unsigned char c = t[i];
        unsigned char prev = t[i - 1];
        if (c == '.') {
            if (word_at(t, i + 1, end)) {
                inner = 1;
                i++;
                continue;
            }
            if (!keep_dot(t, w, i, end, inner))
                break;
            i++;
            if (i + 1 < end && t[i] == '-' && word_at(t, i + 1, end)) {
                i++; /* U.S.-led */
                continue;
            }
            if (i < end && t[i] == '\'')
                continue; /* U.S.'s */
            break;
        }
        if (c == ',' && (kcls[prev] & K_DIGIT) && end - i > 3 && (kcls[t[i + 1]] & K_DIGIT) &&
            (kcls[t[i + 2]] & K_DIGIT) && (kcls[t[i + 3]] & K_DIGIT) &&
            (end - i == 4 || !(kcls[t[i + 4]] & K_DIGIT))) {
            i += 4;
            continue;
        }
        if ((c == ':' || c == '/') && (kcls[prev] & K_DIGIT) && i + 1 < end &&
            (kcls[t[i + 1]] & K_DIGIT)) {
            i++;
            continue;
        }
        if ((c == '-' || c == '@') && word_at(t, i + 1, end)) {
            i++;
            continue;
        }
        if (c == '&' && (kcls[prev] & K_ALPHA) && i + 1 < end && (kcls[t[i + 1]] & K_ALPHA)) {
            i++;
            continue;
        }
        if (c == '\'') {
            uint32_t cl = clitic_len(t, i, end);
            /* n't: the n belongs to the clitic ("ca" "n't", "do" "n't"). */
            if (!cl && i > w + 1 && (prev | 0x20) == 'n' && lower_is(t, i + 1, end, "t")) {
                push(v, w, i - 1, extra);
                push(v, i - 1, i + 2, 0);
                return i + 2;
            }
            if (cl) {
                push_word(v, w, i, extra);
                push(v, i, i + cl, 0);
                return i + cl;
            }
            if (word_at(t, i + 1, end)) {
                i++; /* O'Brien, al-Rufay'i */
                continue;
            }
            /* A trailing apostrophe: possessive after s, else a closing quote. */
            push_word(v, w, i, extra);
            push(v, i, i + 1, (prev | 0x20) == 's' ? 0 : TXT_TOK_QUOTE);
            return i + 1;
        }
        break;
    }
    push_word(v, w, i, extra);
    return i;
}

TxtToken *txt_tokenize(const char *text, TxtSpan sentence, Arena *arena, size_t *n_out)
{
    const unsigned char *t = (const unsigned char *)text;
    uint32_t i = sentence.start, end = sentence.end;
    TokVec v = {arena, NULL, 0, 0, t};
    v.cap = (end - i) / 4 + 8;
    v.items = arena_alloc(arena, v.cap * sizeof *v.items);
    while (i < end) {
        unsigned char c = t[i];
        unsigned char k = kcls[c];
        uint16_t first = v.n == 0 ? TXT_TOK_SENT_START : 0;
        if (k & K_SPACE) {
            i++;
            continue;
        }
        if (k & (K_ALNUM | K_UNDER)) {
            i = scan_word(&v, i, end, first);
            continue;
        }
        if (k & K_HIGH) {
            int32_t cp;
            uint32_t n = decode(t, i, end, &cp);
            int u = ucls(cp);
            if (u == U_WORD)
                i = scan_word(&v, i, end, first);
            else if (u == U_PUNCT) {
                push(&v, i, i + n, first);
                i += n;
            } else {
                i += n;
            }
            continue;
        }
        uint32_t e = i + 1;
        uint16_t extra = first;
        if (c == '.' || c == '-') {
            while (e < end && t[e] == c)
                e++;
        } else if (c == '"' || c == '\'') {
            extra |= TXT_TOK_QUOTE;
        }
        push(&v, i, e, extra);
        i = e;
    }
    *n_out = v.n;
    return v.items;
}

/*
 * test_tokenize.c: txt_tokenize() on clitics, abbreviations, numbers, money,
 * hyphens, quotes, addresses and non-ASCII words, and the flags it sets.
 */
#include "check.h"
#include "text/text.h"

#include <stdlib.h>
#include <string.h>

static Arena arena;

/* Tokens of text joined by '|', in a static buffer. */
static const char *toks(const char *text)
{
    static char out[4096];
    size_t n, o = 0;
    TxtToken *t = txt_tokenize(text, (TxtSpan){0, (uint32_t)strlen(text)}, &arena, &n);
    for (size_t i = 0; i < n && o + 64 < sizeof out; i++) {
        if (i)
            out[o++] = '|';
        size_t len = t[i].end - t[i].start;
        memcpy(out + o, text + t[i].start, len);
        o += len;
    }
    out[o] = '\0';
    return out;
}

/* Flags of the k-th token of text. */
static unsigned flags(const char *text, size_t k)
{
    size_t n;
    TxtToken *t = txt_tokenize(text, (TxtSpan){0, (uint32_t)strlen(text)}, &arena, &n);
    return k < n ? t[k].flags : 0xFFFF;
}

static void test_clitics(void)
{
    CHECK_STR(toks("Iran's"), "Iran|'s");
    CHECK_STR(toks("the Iranians' homes"), "the|Iranians|'|homes");
    CHECK_STR(toks("can't won't don't cannot isn't"), "ca|n't|wo|n't|do|n't|can|not|is|n't");
    CHECK_STR(toks("it's I'm we're they've he'll I'd"), "it|'s|I|'m|we|'re|they|'ve|he|'ll|I|'d");
    CHECK_STR(toks("DON'T Cannot IRAN'S"), "DO|N'T|Can|not|IRAN|'S");
    CHECK_STR(toks("O'Brien's al-Rufay'i"), "O'Brien|'s|al-Rufay'i");
    CHECK_STR(toks("Turkey's readiness"), "Turkey|'s|readiness");
}

static void test_punctuation(void)
{
    CHECK_STR(toks("a;b:c (d) [e] f? g! h, i."), "a|;|b|:|c|(|d|)|[|e|]|f|?|g|!|h|,|i|.");
    CHECK_STR(toks("He left."), "He|left|.");
    CHECK_STR(toks("wait... what -- no"), "wait|...|what|--|no");
    CHECK_STR(toks("\"We will fight,\" he said."), "\"|We|will|fight|,|\"|he|said|.");
    CHECK_STR(toks("'Stop' he said"), "'|Stop|'|he|said");
    CHECK_STR(toks("and/or #tag *"), "and|/|or|#|tag|*");
}

static void test_abbreviations(void)
{
    CHECK_STR(toks("U.S. Lt. Gen. Qassem met at 9 a.m. with Mr. Smith"),
              "U.S.|Lt.|Gen.|Qassem|met|at|9|a.m.|with|Mr.|Smith");
    CHECK_STR(toks("They live in the U.S."), "They|live|in|the|U.S.");
    CHECK_STR(toks("He fought in World War I."), "He|fought|in|World|War|I|.");
    CHECK_STR(toks("George W. Bush"), "George|W.|Bush");
    CHECK_STR(toks("No. 10 and said no."), "No.|10|and|said|no|.");
    CHECK_STR(toks("Apple Inc. and Jones Jr. etc."), "Apple|Inc.|and|Jones|Jr.|etc.");
    CHECK_STR(toks("on Jan. 5 he saw Gen."), "on|Jan.|5|he|saw|Gen|.");
    CHECK_STR(toks("a U.S.-led coalition"), "a|U.S.-led|coalition");
    CHECK_STR(toks("the U.S.'s allies"), "the|U.S.|'s|allies");
    CHECK_STR(toks("rose 3.5."), "rose|3.5|.");
}

static void test_numbers(void)
{
    CHECK_STR(toks("1,200.5 3.5 464,000 1,2,3"), "1,200.5|3.5|464,000|1|,|2|,|3");
    CHECK_STR(toks("jumped 76% to $1.13bn (\xC2\xA3" "600m)"), "jumped|76|%|to|$|1.13bn|(|\xC2\xA3|600m|)");
    CHECK_STR(toks("at 10:30 on 9/11, 24/7"), "at|10:30|on|9/11|,|24/7");
    CHECK_STR(toks("1990s 5,000m 6-3"), "1990s|5,000m|6-3");
}

static void test_words(void)
{
    CHECK_STR(toks("anti-terror al-Sudani AT&T R&B"), "anti-terror|al-Sudani|AT&T|R&B");
    CHECK_STR(toks("mail john.smith@bbc.co.uk now"), "mail|john.smith@bbc.co.uk|now");
    CHECK_STR(toks("see https://www.voanews.com/a/x-1.html."), "see|https://www.voanews.com/a/x-1.html|.");
    CHECK_STR(toks("(www.bbc.co.uk)"), "(|www.bbc.co.uk|)");
    CHECK_STR(toks("T\xC3\xBCrkiye's Erdo\xC4\x9F" "an"), "T\xC3\xBCrkiye|'s|Erdo\xC4\x9F" "an");
    CHECK_STR(toks("\xD8\xB7\xD9\x87\xD8\xB1\xD8\xA7\xD9\x86\xD8\x8C ok"), "\xD8\xB7\xD9\x87\xD8\xB1\xD8\xA7\xD9\x86|\xD8\x8C|ok");
    CHECK_STR(toks("snake_case"), "snake_case");
    CHECK_STR(toks("   "), "");
}

static void test_flags(void)
{
    CHECK_INT(flags("Iran said", 0), TXT_TOK_CAP | TXT_TOK_SENT_START);
    CHECK_INT(flags("Iran said", 1), 0);
    CHECK_INT(flags("the AOL deal", 1), TXT_TOK_CAP | TXT_TOK_ALLCAPS);
    CHECK_INT(flags("the U.S. deal", 1), TXT_TOK_CAP | TXT_TOK_ALLCAPS);
    CHECK_INT(flags("so I went", 1), TXT_TOK_CAP);
    CHECK_INT(flags("rose 3.5 pc", 1), TXT_TOK_DIGIT);
    CHECK_INT(flags("the 1990s", 1), TXT_TOK_DIGIT);
    CHECK_INT(flags("a, b", 1), TXT_TOK_PUNCT);
    CHECK_INT(flags("\"Yes\"", 0), TXT_TOK_PUNCT | TXT_TOK_QUOTE | TXT_TOK_SENT_START);
    CHECK_INT(flags("\"Yes\"", 2), TXT_TOK_PUNCT | TXT_TOK_QUOTE);
    CHECK_INT(flags("'Stop'", 2), TXT_TOK_PUNCT | TXT_TOK_QUOTE);
    CHECK_INT(flags("'Stop'", 0), TXT_TOK_PUNCT | TXT_TOK_QUOTE | TXT_TOK_SENT_START);
    CHECK_INT(flags("the Iranians' homes", 2), TXT_TOK_PUNCT);
    CHECK_INT(flags("an anti-terror law", 1), TXT_TOK_HYPHEN);
    CHECK_INT(flags("al-Sudani", 0), TXT_TOK_HYPHEN | TXT_TOK_SENT_START);
    CHECK_INT(flags("a -- b", 1), TXT_TOK_PUNCT);
    CHECK_INT(flags("Iran's", 1), 0);
    CHECK_INT(flags("in \xC3\x96STERREICH", 1), TXT_TOK_CAP | TXT_TOK_ALLCAPS);
    CHECK_INT(flags("in \xC3\x96sterreich", 1), TXT_TOK_CAP);
    CHECK_INT(flags("\xC3\xA9t\xC3\xA9", 0), TXT_TOK_SENT_START);
    CHECK_INT(flags("cost \xC2\xA3" "5", 1), TXT_TOK_PUNCT);
}

/* Offsets index the whole text; the sentence need not start at 0. */
static void test_offsets(void)
{
    const char *text = "Title\n\nHe said no.";
    size_t n;
    TxtToken *t = txt_tokenize(text, (TxtSpan){7, 18}, &arena, &n);
    CHECK_INT(n, 4);
    CHECK_INT(t[0].start, 7);
    CHECK_INT(t[0].end, 9);
    CHECK_INT(t[0].flags & TXT_TOK_SENT_START, TXT_TOK_SENT_START);
    CHECK_INT(t[3].start, 17);
    CHECK_INT(t[3].end, 18);

    /* Many tokens: the array grows, and every token lies inside, in order. */
    size_t len = 6000;
    char *s = malloc(len + 1);
    for (size_t i = 0; i < len; i++)
        s[i] = i % 2 ? ' ' : (i % 6 == 0 ? ',' : 'a');
    s[len] = '\0';
    t = txt_tokenize(s, (TxtSpan){0, (uint32_t)len}, &arena, &n);
    CHECK_INT(n, len / 2);
    int ok = 1;
    for (size_t i = 0; i < n; i++)
        if (t[i].end != t[i].start + 1 || (i && t[i].start < t[i - 1].end))
            ok = 0;
    CHECK(ok);
    free(s);
}

int main(void)
{
    arena_init(&arena, 0);
    test_clitics();
    test_punctuation();
    test_abbreviations();
    test_numbers();
    test_words();
    test_flags();
    test_offsets();
    arena_free(&arena);
    return check_summary();
}

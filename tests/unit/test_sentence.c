/*
 * test_sentence.c: txt_sentences() on abbreviations, initials, numbers,
 * quotations, ellipses, headlines and over-long runs, checking every span
 * against the sentences a reader would see.
 */
#include "check.h"
#include "text/text.h"

#include <stdlib.h>
#include <string.h>

static Arena arena;

/* Split text (one paragraph) and compare with want, a NULL-terminated list. */
static void check_split(int line, const char *text, const char *const *want)
{
    size_t n;
    TxtSpan para = {0, (uint32_t)strlen(text)};
    TxtSpan *s = txt_sentences(text, para, &arena, &n);
    size_t k = 0;
    while (want[k])
        k++;
    if (n != k) {
        check_failed++;
        fprintf(stderr, "%s:%d: FAIL: %zu sentences, want %zu\n", __FILE__, line, n, k);
        for (size_t i = 0; i < n; i++)
            fprintf(stderr, "    [%.*s]\n", (int)(s[i].end - s[i].start), text + s[i].start);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        size_t len = s[i].end - s[i].start;
        if (len == strlen(want[i]) && memcmp(text + s[i].start, want[i], len) == 0) {
            check_passed++;
        } else {
            check_failed++;
            fprintf(stderr, "%s:%d: FAIL: sentence %zu: got [%.*s], want [%s]\n", __FILE__, line,
                    i, (int)len, text + s[i].start, want[i]);
        }
    }
}

#define SPLIT(text, ...) check_split(__LINE__, text, (const char *const[]){__VA_ARGS__, NULL})

static void test_abbreviations(void)
{
    SPLIT("Mr. Smith went to Washington. He met Dr. Jones and Mrs. Brown.",
          "Mr. Smith went to Washington.", "He met Dr. Jones and Mrs. Brown.");
    SPLIT("Lt. Gen. Qassem Soleimani was killed. Col. Maj. Sgt. Capt. Gov. Sen. Rep. Rev. St. Paul spoke.",
          "Lt. Gen. Qassem Soleimani was killed.",
          "Col. Maj. Sgt. Capt. Gov. Sen. Rep. Rev. St. Paul spoke.");
    SPLIT("U.S. President Donald Trump spoke. U.N. Security Council members and E.U. and U.K. envoys met.",
          "U.S. President Donald Trump spoke.",
          "U.N. Security Council members and E.U. and U.K. envoys met.");
    SPLIT("Troops returned to the U.S. The move surprised many.",
          "Troops returned to the U.S.", "The move surprised many.");
    SPLIT("Martin Luther King Jr. Day is a holiday. Smith Sr. said so.",
          "Martin Luther King Jr. Day is a holiday.", "Smith Sr. said so.");
    SPLIT("Apple Inc. said profits rose. Acme Corp. Ltd. grew, as did Jones Co. It was a good year.",
          "Apple Inc. said profits rose.", "Acme Corp. Ltd. grew, as did Jones Co.", "It was a good year.");
    SPLIT("The vote was 5 vs. 4 in favour of tea, coffee, etc. and more.",
          "The vote was 5 vs. 4 in favour of tea, coffee, etc. and more.");
    SPLIT("The meeting is at 9 a.m. Tuesday. It ends at 5 p.m. The staff then leave.",
          "The meeting is at 9 a.m. Tuesday.", "It ends at 5 p.m.", "The staff then leave.");
}

static void test_months_numbers(void)
{
    SPLIT("It happened on Jan. 5 in Kerman. Talks resume on Feb. 12. Dec. 31 is the deadline.",
          "It happened on Jan. 5 in Kerman.", "Talks resume on Feb. 12.", "Dec. 31 is the deadline.");
    SPLIT("He lives at No. 10 Downing Street. No. It is not true.",
          "He lives at No. 10 Downing Street.", "No.", "It is not true.");
    SPLIT("Growth was 3.5 percent. Profits rose to $1.13bn from $639m. Sales hit 1,200.5 units.",
          "Growth was 3.5 percent.", "Profits rose to $1.13bn from $639m.", "Sales hit 1,200.5 units.");
    SPLIT("The firm was founded in 2004. 2005 was worse.", "The firm was founded in 2004.", "2005 was worse.");
}

static void test_initials(void)
{
    SPLIT("George W. Bush met J. R. R. Tolkien fans in London.",
          "George W. Bush met J. R. R. Tolkien fans in London.");
    SPLIT("They fought in World War I. The war ended in 1918.",
          "They fought in World War I.", "The war ended in 1918.");
}

static void test_quotes(void)
{
    SPLIT("\"We will fight,\" he said. \"We will win.\" Then he left.",
          "\"We will fight,\" he said.", "\"We will win.\"", "Then he left.");
    SPLIT("\"Why?\" he asked. Nobody knew!", "\"Why?\" he asked.", "Nobody knew!");
    SPLIT("She said: \"Stop!\" The crowd stopped.", "She said: \"Stop!\"", "The crowd stopped.");
    SPLIT("'Enough.' He walked out.", "'Enough.'", "He walked out.");
    SPLIT("(He left early.) Then she arrived.", "(He left early.)", "Then she arrived.");
    SPLIT("The Iranian president hoped that \"Israel's\" war machine would stop.",
          "The Iranian president hoped that \"Israel's\" war machine would stop.");
    SPLIT("He said it was over. \"Not yet,\" she replied.", "He said it was over.",
          "\"Not yet,\" she replied.");
}

static void test_punctuation(void)
{
    SPLIT("Is it true? Yes! Really.", "Is it true?", "Yes!", "Really.");
    SPLIT("What?! No way.", "What?!", "No way.");
    SPLIT("He paused... Then he spoke. Wait... what did he say?", "He paused...", "Then he spoke.",
          "Wait... what did he say?");
    SPLIT("Yahoo! said profits rose.", "Yahoo! said profits rose.");
    SPLIT("Prices rose 3.5%. Markets fell.", "Prices rose 3.5%.", "Markets fell.");
    SPLIT("He said no. and left.", "He said no. and left.");
    SPLIT("... And then it rained. Hard.", "... And then it rained.", "Hard.");
    SPLIT("First line\ncontinues here. Second\nsentence.", "First line\ncontinues here.", "Second\nsentence.");
}

static void test_headlines_and_blanks(void)
{
    SPLIT("Raisi: Acts of Terror will never Undermine Iran's Cohesion, Security",
          "Raisi: Acts of Terror will never Undermine Iran's Cohesion, Security");
    SPLIT("   Leading and trailing spaces are trimmed.   ", "Leading and trailing spaces are trimmed.");
    SPLIT("T\xC3\xBCrkiye agreed. \xC3\x96zil disagreed.", "T\xC3\xBCrkiye agreed.", "\xC3\x96zil disagreed.");
    SPLIT("The talks ended. \xC3\xA9t\xC3\xA9 was near.", "The talks ended. \xC3\xA9t\xC3\xA9 was near.");

    size_t n = 99;
    txt_sentences("    \n\t ", (TxtSpan){0, 7}, &arena, &n);
    CHECK_INT(n, 0);
    txt_sentences("", (TxtSpan){0, 0}, &arena, &n);
    CHECK_INT(n, 0);

    /* Spans are offsets into the whole text, not the paragraph. */
    const char *text = "Title\n\nOne. Two.";
    TxtSpan *s = txt_sentences(text, (TxtSpan){7, 16}, &arena, &n);
    CHECK_INT(n, 2);
    CHECK_INT(s[0].start, 7);
    CHECK_INT(s[0].end, 11);
    CHECK_INT(s[1].start, 12);
    CHECK_INT(s[1].end, 16);
}

/* Every span: inside the paragraph, in order, trimmed, within the limit. */
static int spans_ok(const char *t, TxtSpan para, const TxtSpan *s, size_t n)
{
    uint32_t prev = para.start;
    for (size_t i = 0; i < n; i++) {
        if (s[i].start < prev || s[i].end <= s[i].start || s[i].end > para.end)
            return 0;
        if (s[i].end - s[i].start > TXT_MAX_SENTENCE_BYTES)
            return 0;
        if ((unsigned char)t[s[i].start] <= ' ' || (unsigned char)t[s[i].end - 1] <= ' ')
            return 0;
        prev = s[i].end;
    }
    return 1;
}

static void test_long(void)
{
    size_t len = 10000;
    char *t = malloc(len + 1);
    /* Words and spaces, no full stop: cut at spaces. */
    for (size_t i = 0; i < len; i++)
        t[i] = i % 7 == 6 ? ' ' : 'a' + (char)(i % 7);
    t[len] = '\0';
    size_t n;
    TxtSpan para = {0, (uint32_t)len};
    TxtSpan *s = txt_sentences(t, para, &arena, &n);
    CHECK_INT(n, 3);
    CHECK(spans_ok(t, para, s, n));
    int words_whole = 1;
    for (size_t i = 0; i < n; i++)
        if ((s[i].end < len && t[s[i].end] != ' ') || (s[i].start > 0 && t[s[i].start - 1] != ' '))
            words_whole = 0;
    CHECK(words_whole);

    /* No space at all: a hard cut at exactly the limit. */
    memset(t, 'x', len);
    s = txt_sentences(t, para, &arena, &n);
    CHECK_INT(n, 3);
    CHECK_INT(s[0].end - s[0].start, TXT_MAX_SENTENCE_BYTES);
    CHECK(spans_ok(t, para, s, n));

    /* Two-byte characters and an odd offset: cuts fall between characters. */
    t[0] = 'x';
    for (size_t i = 1; i + 1 < len; i += 2) {
        t[i] = (char)0xC3;
        t[i + 1] = (char)0xA9;
    }
    t[len - 1] = 'x';
    s = txt_sentences(t, para, &arena, &n);
    CHECK(spans_ok(t, para, s, n));
    int boundaries = 1;
    for (size_t i = 0; i < n; i++)
        if ((t[s[i].start] & 0xC0) == 0x80 || (s[i].end < len && (t[s[i].end] & 0xC0) == 0x80))
            boundaries = 0;
    CHECK(boundaries);
    CHECK_INT(s[n - 1].end, len);
    free(t);
}

int main(void)
{
    arena_init(&arena, 0);
    test_abbreviations();
    test_months_numbers();
    test_initials();
    test_quotes();
    test_punctuation();
    test_headlines_and_blanks();
    test_long();
    arena_free(&arena);
    return check_summary();
}

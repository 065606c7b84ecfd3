/*
 * test_reader.c: the three input formats, format detection, standard input as
 * a stream, and every kind of bad input (invalid UTF-8, NUL bytes, malformed
 * JSON, bad dates, empty and missing files, a 5 MB line), each reported with
 * file, line and byte.  Reads the shared BBC and VOA corpora when present.
 *
 * Run from the repository root (test data under tests/data/text/).
 */
#include "check.h"
#include "text/text.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DATA "tests/data/text/"
#define SHARED "../shared/corpus/"

static Arena arena;

static char *slurp_file(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)len + 1);
    *n = fread(s, 1, (size_t)len, f);
    s[*n] = '\0';
    fclose(f);
    return s;
}

/* Write n bytes to a fresh temporary file; returns its path (static buffer per slot). */
static const char *temp_file(int slot, const char *s, size_t n)
{
    static char paths[8][64];
    snprintf(paths[slot], sizeof paths[slot], "/tmp/dyad_test_reader_%d_%d.txt", (int)getpid(), slot);
    FILE *f = fopen(paths[slot], "wb");
    fwrite(s, 1, n, f);
    fclose(f);
    return paths[slot];
}

/* The paragraph span as a NUL-terminated copy. */
static const char *para(const TxtDoc *d, size_t k)
{
    static char buf[1024];
    size_t n = d->paras[k].end - d->paras[k].start;
    if (n >= sizeof buf)
        n = sizeof buf - 1;
    memcpy(buf, d->raw + d->paras[k].start, n);
    buf[n] = '\0';
    return buf;
}

/* Spans inside raw, in order, non-empty, trimmed. */
static int doc_ok(const TxtDoc *d)
{
    uint32_t prev = 0;
    for (size_t k = 0; k < d->n_paras; k++) {
        TxtSpan p = d->paras[k];
        if (p.start < prev || p.end <= p.start || p.end > d->raw_len)
            return 0;
        if ((unsigned char)d->raw[p.start] <= ' ' || (unsigned char)d->raw[p.end - 1] <= ' ')
            return 0;
        prev = p.end;
    }
    return d->raw[d->raw_len] == '\0' && d->id && d->file && d->title && d->url && d->source;
}

static TxtReader *open_mem(const char *s, TxtFormat f)
{
    TxtError err;
    return txt_reader_open_memory(s, strlen(s), "mem.txt", f, NULL, NULL, &err);
}

static void test_dated(void)
{
    TxtError err;
    TxtDoc d;
    size_t n;
    char *file = slurp_file(DATA "dated_simple.txt", &n);
    TxtReader *r = txt_reader_open(DATA "dated_simple.txt", TXT_FORMAT_AUTO, NULL, NULL, &err);
    CHECK(r != NULL);
    if (!r || !file)
        return;
    CHECK_INT(txt_reader_next(r, &arena, &d, &err), 1);
    CHECK(doc_ok(&d));
    CHECK_STR(d.id, "dated_simple");
    CHECK_STR(d.date, "2024-03-05");
    CHECK_STR(d.file, DATA "dated_simple.txt");
    CHECK_STR(d.title, "Ministers Meet in Vienna to Discuss \xE2\x80\x9CWater Rights\xE2\x80\x9D");
    CHECK_INT(d.line, 1);
    CHECK_INT(d.has_headline, 1);
    /* raw is the file itself, leading blank line included. */
    CHECK_INT(d.raw_len, n);
    CHECK(memcmp(d.raw, file, n) == 0);
    CHECK_INT(d.n_paras, 4); /* headline + 3; the byline is left out */
    CHECK_STR(para(&d, 0), d.title);
    CHECK_STR(para(&d, 1), "The foreign ministers of Austria and Hungary met in Vienna on Tuesday.\n"
                           "They discussed the Danube\xE2\x80\x99s water levels.");
    CHECK_STR(para(&d, 3), "Talks continue on Jan. 12 in Budapest.");
    CHECK_INT(txt_reader_next(r, &arena, &d, &err), 0);
    CHECK_INT(txt_reader_next(r, &arena, &d, &err), 0);
    txt_reader_close(r);
    free(file);
}

static void test_dated_multi(void)
{
    TxtError err;
    TxtDoc d;
    size_t n;
    char *file = slurp_file(DATA "dated_multi.txt", &n);
    TxtReader *r = txt_reader_open(DATA "dated_multi.txt", TXT_FORMAT_DATED, NULL, NULL, &err);
    CHECK(r != NULL && file != NULL);
    if (!r || !file)
        return;
    CHECK_INT(txt_reader_next(r, &arena, &d, &err), 1);
    CHECK_STR(d.id, "dated_multi");
    CHECK_STR(d.date, "2024-01-10");
    CHECK_INT(d.n_paras, 2);
    CHECK_STR(para(&d, 1), "Alpha met Beta in Geneva.");
    /* The second has 30 February: skipped, with file, line and byte of the date. */
    CHECK_INT(txt_reader_next(r, &arena, &d, &err), -1);
    CHECK_STR(err.file, DATA "dated_multi.txt");
    CHECK_INT(err.line, 5);
    CHECK_INT(err.byte, strstr(file, "2023-02-30") - file);
    CHECK(strstr(err.msg, "bad date") != NULL);
    /* The third: offsets relative to its own "date" line. */
    CHECK_INT(txt_reader_next(r, &arena, &d, &err), 1);
    CHECK(doc_ok(&d));
    CHECK_STR(d.id, "dated_multi#3");
    CHECK_STR(d.date, "2024-01-12");
    CHECK_STR(d.title, "Third Report");
    CHECK_INT(d.line, 9);
    CHECK(strncmp(d.raw, "date 2024-01-12", 15) == 0);
    CHECK_INT(d.raw_len, n - (size_t)(strstr(file, "date 2024-01-12") - file));
    CHECK_INT(d.n_paras, 2);
    CHECK_STR(para(&d, 1), "Epsilon praised Zeta.\nBy the end of the day, both left.");
    CHECK_INT(txt_reader_next(r, &arena, &d, &err), 0);
    txt_reader_close(r);
    free(file);
}

static void test_bylines(void)
{
    static const char *const dropped[] = {"By Staff, Agencies", "By John Smith, Reuters", "By Staff",
                                          "By Anna van der Berg and Li Wei"};
    static const char *const kept[] = {"By the end of the year, prices rose.", "By Tuesday, talks had failed.",
                                       "by staff", "By Mr. Smith."};
    TxtError err;
    TxtDoc d;
    char buf[256];
    for (size_t k = 0; k < 4; k++) {
        snprintf(buf, sizeof buf, "date 2024-01-01 Title\n\n%s\n\nBody text here.\n", dropped[k]);
        TxtReader *r = open_mem(buf, TXT_FORMAT_AUTO);
        CHECK_INT(txt_reader_next(r, &arena, &d, &err), 1);
        CHECK_INT(d.n_paras, 2);
        txt_reader_close(r);
        snprintf(buf, sizeof buf, "date 2024-01-01 Title\n\n%s\n\nBody text here.\n", kept[k]);
        r = open_mem(buf, TXT_FORMAT_AUTO);
        CHECK_INT(txt_reader_next(r, &arena, &d, &err), 1);
        CHECK_INT(d.n_paras, 3);
        txt_reader_close(r);
    }
    /* A header with no title: no headline. */
    TxtReader *r = open_mem("date 2024-02-29\n\nOnly body.", TXT_FORMAT_AUTO);
    CHECK_INT(txt_reader_next(r, &arena, &d, &err), 1);
    CHECK_INT(d.has_headline, 0);
    CHECK_INT(d.n_paras, 1);
    CHECK_STR(d.date, "2024-02-29");
    txt_reader_close(r);
    /* 2023 is not a leap year; "date" with garbage is named. */
    r = open_mem("date 2023-02-29 T\n\nBody.", TXT_FORMAT_AUTO);
    CHECK_INT(txt_reader_next(r, &arena, &d, &err), -1);
    CHECK_INT(err.line, 1);
    CHECK_INT(err.byte, 5);
    CHECK_INT(txt_reader_next(r, &arena, &d, &err), 0);
    txt_reader_close(r);
    r = open_mem("\n\ndate yesterday Title\n", TXT_FORMAT_DATED);
    CHECK_INT(txt_reader_next(r, &arena, &d, &err), -1);
    CHECK_INT(err.line, 3);
    CHECK_INT(err.byte, 7);
    txt_reader_close(r);
    /* Forced dated format on text without a header. */
    r = open_mem("Just text.\n", TXT_FORMAT_DATED);
    CHECK_INT(txt_reader_next(r, &arena, &d, &err), -1);
    CHECK(strstr(err.msg, "expected") != NULL);
    CHECK_INT(txt_reader_next(r, &arena, &d, &err), 0);
    txt_reader_close(r);
    /* A byte order mark and CRLF line ends. */
    r = open_mem("\xEF\xBB\xBF" "date 2024-05-01 Crlf Title\r\n\r\nFirst para.\r\n\r\nSecond.\r\n", TXT_FORMAT_AUTO);
    CHECK_INT(txt_reader_next(r, &arena, &d, &err), 1);
    CHECK_STR(d.title, "Crlf Title");
    CHECK_INT(d.n_paras, 3);
    CHECK_STR(para(&d, 2), "Second.");
    txt_reader_close(r);
}

static void test_jsonl(void)
{
    TxtError err;
    TxtDoc d;
    size_t n;
    char *file = slurp_file(DATA "docs.jsonl", &n);
    TxtReader *r = txt_reader_open(DATA "docs.jsonl", TXT_FORMAT_AUTO, NULL, NULL, &err);
    CHECK(r != NULL && file != NULL);
    if (!r || !file)
        return;
    CHECK_INT(txt_reader_next(r, &arena, &d, &err), 1);
    CHECK(doc_ok(&d));
    CHECK_STR(d.id, "doc-1");
    CHECK_STR(d.date, "2025-03-14");
    CHECK_STR(d.title, "Iraq and Syria sign a water accord");
    CHECK_STR(d.url, "https://example.org/1");
    CHECK_STR(d.source, "Example News");
    CHECK_INT(d.line, 1);
    CHECK_STR(d.raw, "Iraq and Syria sign a water accord\n\nIraq signed an accord with Syria on Friday.\n\n"
                     "The deal covers the Euphrates.");
    CHECK_INT(d.has_headline, 1);
    CHECK_INT(d.n_paras, 3);
    CHECK_STR(para(&d, 2), "The deal covers the Euphrates.");

    /* Line 3: unterminated string, named at its opening quote. */
    CHECK_INT(txt_reader_next(r, &arena, &d, &err), -1);
    CHECK_STR(err.file, DATA "docs.jsonl");
    CHECK_INT(err.line, 3);
    CHECK_INT(err.byte, strstr(file, "\"missing quote") - file);

    CHECK_INT(txt_reader_next(r, &arena, &d, &err), 1);
    CHECK_STR(d.id, DATA "docs.jsonl:4");
    CHECK_STR(d.date, "");

    CHECK_INT(txt_reader_next(r, &arena, &d, &err), 1);
    CHECK(doc_ok(&d));
    CHECK_STR(d.id, "doc-5");
    CHECK_INT(d.has_headline, 0);
    CHECK_STR(d.raw, "Line one\nstill one.\n\n  \n\nPara two: caf\xC3\xA9, \xF0\x9F\x98\x80, \"quoted\", "
                     "back\\slash, tab\tend.");
    CHECK_INT(d.n_paras, 2);
    CHECK_STR(para(&d, 0), "Line one\nstill one.");

    CHECK_INT(txt_reader_next(r, &arena, &d, &err), -1);
    CHECK_INT(err.line, 6);
    CHECK_INT(err.byte, strstr(file, "\"2025-13-01") - file);

    CHECK_INT(txt_reader_next(r, &arena, &d, &err), 1);
    CHECK_STR(d.id, "doc-7");
    CHECK_STR(d.date, "2025-03-10");
    CHECK_INT(d.line, 7);
    CHECK_INT(txt_reader_next(r, &arena, &d, &err), 0);
    txt_reader_close(r);
    free(file);
}

/* One bad line between two good ones: -1 with the byte in the file, then 1. */
static void check_bad_json(int line, const char *bad, const char *msg, long at_in_bad)
{
    char buf[4096];
    const char *good = "{\"id\": \"g\", \"text\": \"ok\"}\n";
    int k = snprintf(buf, sizeof buf, "%s%s\n%s", good, bad, good);
    TxtError err;
    TxtDoc d;
    TxtReader *r = txt_reader_open_memory(buf, (size_t)k, "bad.jsonl", TXT_FORMAT_JSONL, NULL, NULL, &err);
    int ok = txt_reader_next(r, &arena, &d, &err) == 1;
    int got = txt_reader_next(r, &arena, &d, &err);
    ok &= got == -1 && err.line == 2 && strstr(err.msg, msg) != NULL &&
          (at_in_bad < 0 || err.byte == (long)strlen(good) + at_in_bad);
    ok &= txt_reader_next(r, &arena, &d, &err) == 1 && strcmp(d.id, "g") == 0;
    ok &= txt_reader_next(r, &arena, &d, &err) == 0;
    if (ok) {
        check_passed++;
    } else {
        check_failed++;
        fprintf(stderr, "%s:%d: FAIL: bad JSON line: got %d, line %ld byte %ld \"%s\"\n", __FILE__,
                line, got, err.line, err.byte, err.msg);
    }
    txt_reader_close(r);
}

#define BAD_JSON(bad, msg, at) check_bad_json(__LINE__, bad, msg, at)

static void test_jsonl_errors(void)
{
    BAD_JSON("{\"id\": \"x\", \"text\": \"a\"} trailing", "text after the object", 25);
    BAD_JSON("{\"id\": \"x\", \"text\": \"abc", "unterminated string", 20);
    BAD_JSON("{\"id\": \"x\", \"text\": \"a\\xb\"}", "bad escape", 22);
    BAD_JSON("{\"id\": \"x\", \"text\": \"a\\u12G4\"}", "bad \\u escape", 22);
    BAD_JSON("{\"id\": \"x\", \"text\": \"\\ud83d alone\"}", "surrogate", 21);
    BAD_JSON("{\"id\": \"x\", \"text\": \"\\ude00\"}", "surrogate", 21);
    BAD_JSON("{\"id\": \"x\", \"text\": \"nul \\u0000\"}", "NUL", 25);
    BAD_JSON("{\"id\": \"x\", \"text\": \"tab\there\"}", "control character", 24);
    BAD_JSON("{\"id\": \"x\", \"text\": \"bad \xC3\x28 utf\"}", "invalid UTF-8", 25);
    BAD_JSON("{\"id\": \"x\", \"text\": \"bad \xED\xA0\x80 surrogate\"}", "invalid UTF-8", 25);
    BAD_JSON("{\"id\": \"x\", \"text\": 42}", "\"text\" must be a string", 20);
    BAD_JSON("{\"id\": \"x\", \"title\": \"no text\"}", "missing \"text\"", 0);
    BAD_JSON("{\"id\": [1], \"text\": \"a\"}", "\"id\" must be", 7);
    BAD_JSON("[1, 2]", "expected '{'", 0);
    BAD_JSON("{\"text\": \"a\",}", "expected a string key", 13);
    BAD_JSON("{\"text\" \"a\"}", "expected ':'", 8);
    BAD_JSON("{\"text\": \"a\" \"b\": 1}", "expected ',' or '}'", 13);
    BAD_JSON("{\"text\": \"a\", \"n\": 01}", "expected ',' or '}'", 20);
    BAD_JSON("{\"text\": \"a\", \"n\": -}", "bad number", 19);
    BAD_JSON("{\"text\": \"a\", \"n\": tru}", "unexpected character", 19);
    BAD_JSON("{\"text\": \"a\", \"n\": [1, 2}", "expected ',' or ']'", 24);
    BAD_JSON("{\"text\": \"a\", \"date\": \"14/03/2025\"}", "bad date", 22);
    BAD_JSON("{\"text\": \"a\"", "expected ',' or '}'", 12);

    /* Deep nesting is an error, not a stack overflow. */
    char deep[3000];
    int k = snprintf(deep, sizeof deep, "{\"text\": \"a\", \"n\": ");
    for (int i = 0; i < 1000; i++)
        deep[k++] = '[';
    deep[k++] = '}';
    deep[k] = '\0';
    BAD_JSON(deep, "nested too deeply", -1);

    /* A NUL byte in a line. */
    char buf[128];
    const char *good = "{\"text\": \"ok\"}\n";
    k = snprintf(buf, sizeof buf, "%s{\"text\": \"a", good);
    buf[k++] = '\0';
    k += snprintf(buf + k, sizeof buf - (size_t)k, "b\"}\n%s", good);
    TxtError err;
    TxtDoc d;
    TxtReader *r = txt_reader_open_memory(buf, (size_t)k, "nul.jsonl", TXT_FORMAT_AUTO, NULL, NULL, &err);
    CHECK_INT(txt_reader_next(r, &arena, &d, &err), 1);
    CHECK_INT(txt_reader_next(r, &arena, &d, &err), -1);
    CHECK_INT(err.line, 2);
    CHECK_INT(err.byte, (long)strlen(good) + 11);
    CHECK(strstr(err.msg, "NUL") != NULL);
    CHECK_INT(txt_reader_next(r, &arena, &d, &err), 1);
    CHECK_INT(txt_reader_next(r, &arena, &d, &err), 0);
    txt_reader_close(r);

    /* Accepted: a number id, null fields, escaped keys, ISO times, other fields. */
    r = open_mem("{\"id\": 42, \"date\": null, \"\\u0074ext\": \"x\", \"url\": null, \"z\": {\"a\": []}}\n"
                 "{\"id\": \"\", \"date\": \"2024-02-29 10:00\", \"text\": \"\"}\n",
                 TXT_FORMAT_JSONL);
    CHECK_INT(txt_reader_next(r, &arena, &d, &err), 1);
    CHECK_STR(d.id, "42");
    CHECK_STR(d.date, "");
    CHECK_STR(d.raw, "x");
    CHECK_STR(d.url, "");
    CHECK_INT(txt_reader_next(r, &arena, &d, &err), 1);
    CHECK_STR(d.id, "mem.txt:2");
    CHECK_STR(d.date, "2024-02-29");
    CHECK_INT(d.n_paras, 0);
    CHECK_INT(txt_reader_next(r, &arena, &d, &err), 0);
    txt_reader_close(r);
}

static void test_plain_and_detect(void)
{
    TxtError err;
    TxtDoc d;
    const char *text = "\n  First paragraph,\nstill first.\n\n\n Second one.  \n";
    TxtReader *r = txt_reader_open_memory(text, strlen(text), "dir/story.txt", TXT_FORMAT_AUTO,
                                          "2024-01-03", NULL, &err);
    CHECK_INT(txt_reader_next(r, &arena, &d, &err), 1);
    CHECK(doc_ok(&d));
    CHECK_STR(d.id, "story");
    CHECK_STR(d.date, "2024-01-03");
    CHECK_INT(d.has_headline, 0);
    CHECK_INT(d.raw_len, strlen(text));
    CHECK_INT(d.n_paras, 2);
    CHECK_STR(para(&d, 0), "First paragraph,\nstill first.");
    CHECK_STR(para(&d, 1), "Second one.");
    CHECK_INT(txt_reader_next(r, &arena, &d, &err), 0);
    txt_reader_close(r);

    r = txt_reader_open_memory(text, strlen(text), "x", TXT_FORMAT_PLAIN, NULL, "my-id", &err);
    CHECK_INT(txt_reader_next(r, &arena, &d, &err), 1);
    CHECK_STR(d.id, "my-id");
    CHECK_STR(d.date, "");
    txt_reader_close(r);

    /* A bad --date is refused at open. */
    r = txt_reader_open_memory(text, strlen(text), "x", TXT_FORMAT_PLAIN, "2024-02-30", NULL, &err);
    CHECK(r == NULL);
    CHECK(strstr(err.msg, "bad date") != NULL);

    /* JSON Lines after blank lines; dated text after spaces. */
    r = open_mem("\n\n  \n{\"id\": \"a\", \"text\": \"t\"}\n", TXT_FORMAT_AUTO);
    CHECK_INT(txt_reader_next(r, &arena, &d, &err), 1);
    CHECK_STR(d.id, "a");
    CHECK_INT(d.line, 4);
    txt_reader_close(r);
    r = open_mem("   date 2024-01-03 Title\n\nBody.", TXT_FORMAT_AUTO);
    CHECK_INT(txt_reader_next(r, &arena, &d, &err), 1);
    CHECK_STR(d.title, "Title");
    txt_reader_close(r);
    /* "date" must be followed by a space to mean dated text. */
    r = open_mem("dated matters.\n", TXT_FORMAT_AUTO);
    CHECK_INT(txt_reader_next(r, &arena, &d, &err), 1);
    CHECK_STR(para(&d, 0), "dated matters.");
    txt_reader_close(r);
}

static void test_empty_and_missing(void)
{
    TxtError err;
    TxtDoc d;
    for (int f = TXT_FORMAT_AUTO; f <= TXT_FORMAT_PLAIN; f++) {
        TxtReader *r = txt_reader_open(DATA "empty.txt", (TxtFormat)f, NULL, NULL, &err);
        CHECK(r != NULL);
        if (!r)
            continue;
        CHECK_INT(txt_reader_next(r, &arena, &d, &err), 0);
        CHECK_INT(txt_reader_next(r, &arena, &d, &err), 0);
        txt_reader_close(r);
        r = txt_reader_open_memory(" \n\n\t\n", 5, "blank", (TxtFormat)f, NULL, NULL, &err);
        CHECK_INT(txt_reader_next(r, &arena, &d, &err), 0);
        txt_reader_close(r);
    }
    TxtReader *r = txt_reader_open(DATA "no-such-file.txt", TXT_FORMAT_AUTO, NULL, NULL, &err);
    CHECK(r == NULL);
    CHECK_STR(err.msg, "cannot open: No such file or directory");
    CHECK_STR(err.file, DATA "no-such-file.txt");
    r = txt_reader_open(DATA, TXT_FORMAT_AUTO, NULL, NULL, &err);
    CHECK(r == NULL);
    CHECK_STR(err.msg, "cannot open: Is a directory");
}

static void test_bad_bytes(void)
{
    TxtError err;
    TxtDoc d;
    /* Invalid UTF-8 in the second of three dated documents, on file line 6. */
    const char multi[] = "date 2024-01-01 One\n\nFine.\n\ndate 2024-01-02 Two\n\nBad \xC3\x28 byte.\n\n"
                         "date 2024-01-03 Three\n\nFine again.\n";
    const char *path = temp_file(0, multi, sizeof multi - 1);
    TxtReader *r = txt_reader_open(path, TXT_FORMAT_AUTO, NULL, NULL, &err);
    CHECK_INT(txt_reader_next(r, &arena, &d, &err), 1);
    CHECK_INT(txt_reader_next(r, &arena, &d, &err), -1);
    CHECK_STR(err.file, path);
    CHECK_INT(err.line, 7);
    CHECK_INT(err.byte, strstr(multi, "\xC3\x28") - multi);
    CHECK_STR(err.msg, "invalid UTF-8");
    CHECK_INT(txt_reader_next(r, &arena, &d, &err), 1);
    CHECK_STR(d.title, "Three");
    CHECK_INT(txt_reader_next(r, &arena, &d, &err), 0);
    txt_reader_close(r);

    /* A NUL byte in plain text. */
    const char nul[] = "Line one.\nLine\0two.\n";
    path = temp_file(1, nul, sizeof nul - 1);
    r = txt_reader_open(path, TXT_FORMAT_PLAIN, NULL, NULL, &err);
    CHECK_INT(txt_reader_next(r, &arena, &d, &err), -1);
    CHECK_INT(err.line, 2);
    CHECK_INT(err.byte, 14);
    CHECK_STR(err.msg, "NUL byte");
    CHECK_INT(txt_reader_next(r, &arena, &d, &err), 0);
    txt_reader_close(r);

    /* Documents from the reader always normalize. */
    const char ok[] = "date 2024-01-01 T\xC3\xBCrkiye\xE2\x80\x99s \xE2\x80\x9Cview\xE2\x80\x9D\n\nText.\n";
    r = txt_reader_open_memory(ok, sizeof ok - 1, "ok", TXT_FORMAT_AUTO, NULL, NULL, &err);
    CHECK_INT(txt_reader_next(r, &arena, &d, &err), 1);
    TxtNorm nm;
    CHECK_INT(txt_normalize(d.raw, d.raw_len, &arena, &nm, &err), 0);
    CHECK(strstr(nm.text, "T\xC3\xBCrkiye's \"view\"") != NULL);
    txt_reader_close(r);

    /* txt_error_print: the known parts only. */
    char out[512];
    FILE *f = fmemopen(out, sizeof out, "w");
    TxtError e = {"a.jsonl", 3, 120, "bad escape in string"};
    txt_error_print(&e, f);
    TxtError e2 = {"b.txt", 0, -1, "cannot open: No such file or directory"};
    txt_error_print(&e2, f);
    TxtError e3 = {"", 0, 7, "NUL byte"};
    txt_error_print(&e3, f);
    fputc('\0', f);
    fclose(f);
    CHECK_STR(out, "a.jsonl:3: byte 120: bad escape in string\n"
                   "b.txt: cannot open: No such file or directory\n"
                   "byte 7: NUL byte\n");
}

/* A 5 MB line with no full stop: read whole, sentences capped at the limit. */
static void test_huge_line(void)
{
    size_t len = 5 * 1024 * 1024;
    char *s = malloc(len + 64);
    size_t n = (size_t)sprintf(s, "{\"id\": \"big\", \"text\": \"");
    while (n < len)
        n += (size_t)sprintf(s + n, "word%zu ", n % 97);
    n += (size_t)sprintf(s + n, "\"}\n");
    TxtError err;
    TxtDoc d;
    for (int pass = 0; pass < 2; pass++) {
        const char *path = pass ? temp_file(2, s + 24, n - 27) : temp_file(2, s, n);
        TxtReader *r = txt_reader_open(path, TXT_FORMAT_AUTO, NULL, NULL, &err);
        CHECK_INT(txt_reader_next(r, &arena, &d, &err), 1);
        CHECK(d.raw_len > len - 100);
        CHECK_INT(d.n_paras, 1);
        TxtNorm nm;
        CHECK_INT(txt_normalize(d.raw, d.raw_len, &arena, &nm, &err), 0);
        size_t ns;
        TxtSpan p = {txt_orig_to_norm(&nm, d.paras[0].start), txt_orig_to_norm(&nm, d.paras[0].end)};
        TxtSpan *ss = txt_sentences(nm.text, p, &arena, &ns);
        CHECK(ns >= len / TXT_MAX_SENTENCE_BYTES);
        int ok = 1;
        for (size_t k = 0; k < ns; k++)
            if (ss[k].end - ss[k].start > TXT_MAX_SENTENCE_BYTES || nm.text[ss[k].end - 1] == ' ')
                ok = 0;
        CHECK(ok);
        CHECK_INT(txt_reader_next(r, &arena, &d, &err), 0);
        txt_reader_close(r);
        arena_reset(&arena);
    }
    free(s);
}

/* "-" reads standard input a line at a time: a document arrives before EOF. */
static void test_stdin_stream(void)
{
    int fds[2];
    if (pipe(fds) != 0) {
        SKIP("pipe() failed");
        return;
    }
    int saved = dup(0); /* -1 when the test runs with standard input closed */
    if (fds[0] != 0) {
        dup2(fds[0], 0);
        close(fds[0]);
    }
    alarm(20); /* a reader that waits for EOF would hang here */
    const char *l1 = "{\"id\": \"s1\", \"text\": \"first\"}\n";
    const char *l2 = "{\"id\": \"s2\", \"text\": \"second\"}\n";
    CHECK(write(fds[1], l1, strlen(l1)) == (ssize_t)strlen(l1));
    TxtError err;
    TxtDoc d;
    TxtReader *r = txt_reader_open("-", TXT_FORMAT_AUTO, NULL, NULL, &err);
    CHECK(r != NULL);
    CHECK_INT(txt_reader_next(r, &arena, &d, &err), 1);
    CHECK_STR(d.id, "s1");
    CHECK_STR(d.file, "-");
    CHECK(write(fds[1], l2, strlen(l2)) == (ssize_t)strlen(l2));
    close(fds[1]);
    CHECK_INT(txt_reader_next(r, &arena, &d, &err), 1);
    CHECK_STR(d.id, "s2");
    CHECK_INT(txt_reader_next(r, &arena, &d, &err), 0);
    txt_reader_close(r);
    alarm(0);
    clearerr(stdin);
    if (saved >= 0) {
        dup2(saved, 0);
        close(saved);
    } else {
        close(0);
    }
}

/* Read a whole corpus: no errors, every document normalizes. */
static void read_corpus(const char *path, long want_docs)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        char msg[300];
        snprintf(msg, sizeof msg, "%s not found", path);
        SKIP(msg);
        return;
    }
    fclose(f);
    TxtError err;
    TxtDoc d;
    TxtReader *r = txt_reader_open(path, TXT_FORMAT_AUTO, NULL, NULL, &err);
    long docs = 0, errors = 0, bad_docs = 0, with_headline = 0;
    int k;
    while ((k = txt_reader_next(r, &arena, &d, &err)) != 0) {
        if (k < 0) {
            txt_error_print(&err, stderr);
            errors++;
            continue;
        }
        docs++;
        with_headline += d.has_headline;
        TxtNorm nm;
        if (!doc_ok(&d) || d.n_paras < 2 || txt_normalize(d.raw, d.raw_len, &arena, &nm, &err) != 0)
            bad_docs++;
        arena_reset(&arena);
    }
    txt_reader_close(r);
    CHECK_INT(errors, 0);
    CHECK_INT(bad_docs, 0);
    CHECK_INT(docs, want_docs);
    CHECK_INT(with_headline, want_docs);
}

static void test_corpora(void)
{
    read_corpus(SHARED "bbc/bbc-news-2004-2005.jsonl", 2223);
    read_corpus(SHARED "voa/voa-2019-2025.jsonl", 89);

    const char *seed = SHARED "seed/000_0502ca32745ed92b.txt";
    size_t n;
    char *file = slurp_file(seed, &n);
    if (!file) {
        SKIP("seed article not found");
        return;
    }
    TxtError err;
    TxtDoc d;
    TxtReader *r = txt_reader_open(seed, TXT_FORMAT_AUTO, NULL, NULL, &err);
    CHECK_INT(txt_reader_next(r, &arena, &d, &err), 1);
    CHECK_STR(d.id, "000_0502ca32745ed92b");
    CHECK_STR(d.date, "2024-10-21");
    CHECK_INT(d.raw_len, n);
    CHECK_INT(d.has_headline, 1);
    CHECK_INT(d.n_paras, 15); /* headline + 14 paragraphs, byline left out */
    CHECK(strncmp(para(&d, 0), "Raisi: Acts of Terror", 21) == 0);
    CHECK(strncmp(para(&d, 1), "Iranian President Ebrahim Raisi", 31) == 0);
    CHECK_INT(txt_reader_next(r, &arena, &d, &err), 0);
    txt_reader_close(r);
    free(file);
}

int main(void)
{
    arena_init(&arena, 0);
    test_dated();
    test_dated_multi();
    test_bylines();
    test_jsonl();
    test_jsonl_errors();
    test_plain_and_detect();
    test_empty_and_missing();
    test_bad_bytes();
    test_huge_line();
    test_stdin_stream();
    test_corpora();
    for (int slot = 0; slot < 3; slot++) {
        char p[64];
        snprintf(p, sizeof p, "/tmp/dyad_test_reader_%d_%d.txt", (int)getpid(), slot);
        unlink(p);
    }
    arena_free(&arena);
    return check_summary();
}

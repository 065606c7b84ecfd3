/*
 * reader.c: documents out of files, in three formats (see text.h).
 *
 * How input is read:
 *   - JSON Lines is read a line at a time with getline(), so "dyad code -"
 *     works as a filter on a pipe: a document is returned as soon as its line
 *     has arrived, and a line of any length (5 MB, say) is fine.
 *   - Dated and plain text are read whole into a buffer the reader owns, and
 *     documents are cut out of it.  AUTO reads lines until the first non-blank
 *     one to decide; those lines are kept, so nothing is read twice.
 *
 * What a document's raw bytes are:
 *   - dated text: the file's own bytes for that document.  The first document
 *     starts at byte 0 of the file (leading blank lines included), so its
 *     offsets index the file directly.  A file can hold several documents: a
 *     line "date YYYY-MM-DD ..." right after a blank line starts the next one;
 *     later documents start at their "date" line and their offsets count from
 *     there (doc->line is the file line of raw[0]).  Their ids get "#2", "#3"...
 *     appended to the file's base name, so every id in a file is distinct.
 *   - JSON Lines: title + "\n\n" + text (just text when the title is empty),
 *     decoded from JSON escapes, so offsets refer to that string, not the file.
 *   - plain text: the whole input.
 *
 * Invalid input: the reader checks every document it returns.  Invalid UTF-8
 * and NUL bytes make txt_reader_next() return -1 for that document, with err
 * naming the file, the file line and the byte offset in the file of the first
 * bad byte, and reading goes on with the next document.  So txt_normalize()
 * never fails on a document that came from here.  The same holds for JSON
 * syntax errors, bad dates, and a missing "text" field.
 *
 * Invariants: every span in doc->paras lies inside doc->raw, spans are in order
 * and do not overlap, and each is trimmed of surrounding whitespace and never
 * empty.  Everything in a TxtDoc is allocated from the caller's arena; the
 * reader owns only its line buffer and the slurped input, freed at close.
 */
#include "text.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

struct TxtReader {
    FILE *fp;              /* input; NULL for an empty memory buffer */
    int own_fp;            /* 1 when close must fclose(fp) (not stdin) */
    int eof;               /* the input is exhausted (or failed) */
    TxtFormat format;      /* resolved format; AUTO until the first read decides */
    char path[256];        /* file name as given, for errors and doc->file */
    char base_id[256];     /* the file's base name without extension: default id */
    char plain_date[11];   /* --date for plain text, "" when none */
    char plain_id[256];    /* --id for plain text, "" when none */
    char *line;            /* getline() buffer holding the current line */
    size_t line_cap;       /* allocated size of line */
    size_t line_len;       /* bytes in the current line, newline included */
    long line_no;          /* 1-based number of the current line */
    long line_off;         /* file offset of the current line's first byte */
    long next_off;         /* file offset just after the current line */
    int have_line;         /* the current line was read but not yet used */
    char *data;            /* dated/plain: the whole input */
    size_t data_len;       /* bytes in data */
    size_t data_cap;       /* allocated size of data */
    int loaded;            /* data holds the whole input */
    size_t pos;            /* dated/plain: where the next document starts in data */
    long pos_line;         /* file line of data[pos] */
    int n_docs;            /* dated: documents started so far, for ids */
};

/* ---- errors ---- */

void txt_error_print(const TxtError *e, FILE *f)
{
    if (e->file[0]) {
        fputs(e->file, f);
        if (e->line > 0)
            fprintf(f, ":%ld", e->line);
        fputs(": ", f);
    }
    if (e->byte >= 0)
        fprintf(f, "byte %ld: ", e->byte);
    fprintf(f, "%s\n", e->msg);
}

static void set_err(TxtError *err, const char *file, long line, long byte, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static void set_err(TxtError *err, const char *file, long line, long byte, const char *fmt, ...)
{
    if (!err)
        return;
    snprintf(err->file, sizeof err->file, "%s", file);
    err->line = line;
    err->byte = byte;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
}

/* ---- small helpers ---- */

static inline int is_blank(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

static inline int is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

/* 1 when s[0..10) is YYYY-MM-DD and a real calendar date. */
static int valid_date(const char *s, size_t n)
{
    static const int mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (n < 10 || s[4] != '-' || s[7] != '-')
        return 0;
    for (int k = 0; k < 10; k++)
        if (k != 4 && k != 7 && !is_digit((unsigned char)s[k]))
            return 0;
    int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    int m = (s[5] - '0') * 10 + (s[6] - '0');
    int d = (s[8] - '0') * 10 + (s[9] - '0');
    if (y < 1 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
        return 0;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return !(m == 2 && d == 29 && !leap);
}

/* Base name of a path without its extension; "-" stays "-". */
static void base_name(const char *path, char *out, size_t cap)
{
    const char *b = strrchr(path, '/');
    b = b ? b + 1 : path;
    size_t n = strlen(b);
    const char *dot = strrchr(b, '.');
    if (dot && dot != b)
        n = (size_t)(dot - b);
    if (n >= cap)
        n = cap - 1;
    memcpy(out, b, n);
    out[n] = '\0';
}

/* Offset of the first invalid UTF-8 or NUL byte in s[0..n), or n when clean;
 * *nul says which it was. */
static size_t utf8_check(const unsigned char *s, size_t n, int *nul)
{
    size_t i = 0;
    *nul = 0;
    while (i < n) {
        while (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            uint64_t zero = (w - 0x0101010101010101ULL) & ~w & 0x8080808080808080ULL;
            if ((w & 0x8080808080808080ULL) | zero)
                break;
            i += 8;
        }
        if (i >= n)
            break;
        unsigned c = s[i];
        if (c == 0) {
            *nul = 1;
            return i;
        }
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t len;
        unsigned lo = 0x80, hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF)
            len = 2;
        else if (c >= 0xE0 && c <= 0xEF)
            len = 3, lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
        else if (c >= 0xF0 && c <= 0xF4)
            len = 4, lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
        else
            return i;
        if (i + len > n || s[i + 1] < lo || s[i + 1] > hi)
            return i;
        for (size_t k = 2; k < len; k++)
            if ((s[i + k] & 0xC0) != 0x80)
                return i;
        i += len;
    }
    return n;
}

static long count_lines(const char *s, size_t n)
{
    long lines = 0;
    for (const char *p = s; (p = memchr(p, '\n', (size_t)(s + n - p))) != NULL; p++)
        lines++;
    return lines;
}

/* ---- paragraph spans ---- */

/* Paragraphs of s[from..to), separated by blank lines, trimmed; returns how
 * many, writing them to out when it is not NULL. */
static size_t split_paras(const char *s, size_t from, size_t to, TxtSpan *out)
{
    size_t n = 0, i = from;
    while (i < to) {
        while (i < to && is_blank((unsigned char)s[i]))
            i++;
        if (i >= to)
            break;
        size_t start = i, end = i;
        /* Walk line by line until a line with only blanks on it. */
        for (;;) {
            const char *nl = memchr(s + i, '\n', to - i);
            size_t eol = nl ? (size_t)(nl - s) : to;
            size_t k = i;
            while (k < eol && is_blank((unsigned char)s[k]))
                k++;
            if (k == eol && i != start) /* blank line ends the paragraph */
                break;
            end = eol;
            i = eol < to ? eol + 1 : to;
            if (i >= to)
                break;
        }
        while (end > start && is_blank((unsigned char)s[end - 1]))
            end--;
        if (out) {
            out[n].start = (uint32_t)start;
            out[n].end = (uint32_t)end;
        }
        n++;
    }
    return n;
}

/* "By Staff, Agencies": short, "By " and capitalised words, no final stop. */
static int is_byline(const char *s, TxtSpan p)
{
    size_t n = p.end - p.start;
    const char *t = s + p.start;
    if (n < 4 || n >= 80 || memcmp(t, "By ", 3) != 0)
        return 0;
    char last = t[n - 1];
    if (last == '.' || last == '!' || last == '?' || last == '"' || last == ':')
        return 0;
    if (memchr(t, '\n', n))
        return 0;
    static const char *const small[] = {"and", "of", "the", "in", "for", "de", "van",
                                        "von", "der", "den", "du", "des", "di", "del", "bin",
                                        "ibn", "al", "el", "la", "le", "da"};
    size_t i = 3;
    int words = 0;
    while (i < n) {
        while (i < n && (t[i] == ' ' || t[i] == ','))
            i++;
        if (i >= n)
            break;
        size_t w = i;
        while (i < n && t[i] != ' ' && t[i] != ',')
            i++;
        unsigned char c = (unsigned char)t[w];
        int ok = (c >= 'A' && c <= 'Z') || c >= 0x80;
        for (size_t k = 0; !ok && k < sizeof small / sizeof *small; k++)
            ok = strlen(small[k]) == i - w && memcmp(small[k], t + w, i - w) == 0;
        if (!ok || (words == 0 && !(c >= 'A' && c <= 'Z') && c < 0x80))
            return 0;
        words++;
    }
    return words > 0;
}

/* ---- input ---- */

/* Read the next line into r->line; returns 1, 0 at the end, -1 on a read error. */
static int read_line(TxtReader *r, TxtError *err)
{
    if (r->eof || !r->fp)
        return 0;
    errno = 0;
    ssize_t k = getline(&r->line, &r->line_cap, r->fp);
    if (k < 0) {
        r->eof = 1;
        if (ferror(r->fp)) {
            set_err(err, r->path, r->line_no + 1, r->next_off, "read error: %s",
                    strerror(errno ? errno : EIO));
            return -1;
        }
        return 0;
    }
    r->line_len = (size_t)k;
    r->line_no++;
    r->line_off = r->next_off;
    r->next_off += k;
    return 1;
}

static void data_append(TxtReader *r, const char *s, size_t n)
{
    if (r->data_len + n + 1 > r->data_cap) {
        size_t cap = r->data_cap ? r->data_cap * 2 : 65536;
        while (cap < r->data_len + n + 1)
            cap *= 2;
        char *d = realloc(r->data, cap);
        if (!d) {
            fputs("dyad: out of memory\n", stderr);
            abort();
        }
        r->data = d;
        r->data_cap = cap;
    }
    memcpy(r->data + r->data_len, s, n);
    r->data_len += n;
}

/* Read the rest of the input into r->data. */
static int slurp(TxtReader *r, TxtError *err)
{
    r->loaded = 1;
    if (r->eof || !r->fp)
        return 0;
    char chunk[65536];
    size_t k;
    while ((k = fread(chunk, 1, sizeof chunk, r->fp)) > 0)
        data_append(r, chunk, k);
    r->eof = 1;
    if (ferror(r->fp)) {
        set_err(err, r->path, 0, (long)r->data_len, "read error: %s", strerror(errno ? errno : EIO));
        return -1;
    }
    return 0;
}

/* Skip a UTF-8 byte order mark at the very start of the input. */
static size_t skip_bom(const char *s, size_t n, long file_off)
{
    return (file_off == 0 && n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) ? 3 : 0;
}

/* AUTO: read lines up to the first non-blank one and look at it. */
static int detect_format(TxtReader *r, TxtError *err)
{
    for (;;) {
        int k = read_line(r, err);
        if (k <= 0) {
            r->format = TXT_FORMAT_PLAIN; /* all blank (or empty): no documents */
            return k;
        }
        data_append(r, r->line, r->line_len);
        size_t i = skip_bom(r->line, r->line_len, r->line_off);
        while (i < r->line_len && is_blank((unsigned char)r->line[i]))
            i++;
        if (i == r->line_len)
            continue;
        if (r->line[i] == '{') {
            r->format = TXT_FORMAT_JSONL;
            r->have_line = 1;
            r->data_len = 0;
        } else if (r->line_len - i >= 5 && memcmp(r->line + i, "date ", 5) == 0) {
            r->format = TXT_FORMAT_DATED;
        } else {
            r->format = TXT_FORMAT_PLAIN;
        }
        return 0;
    }
}

/* ---- opening and closing ---- */

static TxtReader *reader_new(const char *name, TxtFormat format, const char *plain_date,
                             const char *plain_id, TxtError *err)
{
    if (plain_date && plain_date[0] && (strlen(plain_date) != 10 || !valid_date(plain_date, 10))) {
        set_err(err, name, 0, -1, "bad date \"%s\": want YYYY-MM-DD", plain_date);
        return NULL;
    }
    TxtReader *r = calloc(1, sizeof *r);
    if (!r) {
        set_err(err, name, 0, -1, "out of memory");
        return NULL;
    }
    r->format = format;
    snprintf(r->path, sizeof r->path, "%s", name);
    base_name(name, r->base_id, sizeof r->base_id);
    if (plain_date)
        snprintf(r->plain_date, sizeof r->plain_date, "%s", plain_date);
    if (plain_id)
        snprintf(r->plain_id, sizeof r->plain_id, "%s", plain_id);
    r->pos_line = 1;
    return r;
}

TxtReader *txt_reader_open(const char *path, TxtFormat format, const char *plain_date,
                           const char *plain_id, TxtError *err)
{
    FILE *fp;
    int own = 0;
    if (strcmp(path, "-") == 0) {
        fp = stdin;
    } else {
        fp = fopen(path, "rb");
        if (!fp) {
            set_err(err, path, 0, -1, "cannot open: %s", strerror(errno));
            return NULL;
        }
        struct stat st;
        if (fstat(fileno(fp), &st) == 0 && S_ISDIR(st.st_mode)) {
            fclose(fp);
            set_err(err, path, 0, -1, "cannot open: %s", strerror(EISDIR));
            return NULL;
        }
        own = 1;
    }
    TxtReader *r = reader_new(path, format, plain_date, plain_id, err);
    if (!r) {
        if (own)
            fclose(fp);
        return NULL;
    }
    r->fp = fp;
    r->own_fp = own;
    return r;
}

TxtReader *txt_reader_open_memory(const char *buf, size_t n, const char *name, TxtFormat format,
                                  const char *plain_date, const char *plain_id, TxtError *err)
{
    TxtReader *r = reader_new(name, format, plain_date, plain_id, err);
    if (!r)
        return NULL;
    if (n > 0) {
        r->fp = fmemopen((void *)buf, n, "r");
        if (!r->fp) {
            set_err(err, name, 0, -1, "cannot open: %s", strerror(errno));
            free(r);
            return NULL;
        }
        r->own_fp = 1;
    }
    return r;
}

void txt_reader_close(TxtReader *r)
{
    if (!r)
        return;
    if (r->own_fp)
        fclose(r->fp);
    free(r->line);
    free(r->data);
    free(r);
}

/* ---- documents shared by all formats ---- */

static void doc_init(TxtReader *r, Arena *a, TxtDoc *doc, long line)
{
    memset(doc, 0, sizeof *doc);
    doc->file = arena_strndup(a, r->path, strlen(r->path));
    doc->line = line;
    doc->title = "";
    doc->url = "";
    doc->source = "";
}

/* Headline span (may be empty) then the paragraphs of raw[from..to). */
static void doc_paras(Arena *a, TxtDoc *doc, TxtSpan title, size_t from, size_t to, int drop_byline)
{
    size_t n = split_paras(doc->raw, from, to, NULL);
    doc->paras = arena_alloc(a, (n + 1) * sizeof *doc->paras);
    size_t k = 0;
    if (title.end > title.start) {
        doc->paras[k++] = title;
        doc->has_headline = 1;
    }
    split_paras(doc->raw, from, to, doc->paras + k);
    if (drop_byline && n > 0 && is_byline(doc->raw, doc->paras[k])) {
        memmove(doc->paras + k, doc->paras + k + 1, (n - 1) * sizeof *doc->paras);
        n--;
    }
    doc->n_paras = k + n;
}

/* ---- dated and plain text ---- */

/* Does the line at s[i..] start a dated document ("date DDDD-DD-DD" + blank/end)? */
static int is_date_line(const char *s, size_t i, size_t n)
{
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    if (n - i < 15 || memcmp(s + i, "date ", 5) != 0)
        return 0;
    const char *d = s + i + 5;
    for (int k = 0; k < 10; k++) {
        int want_dash = k == 4 || k == 7;
        if (want_dash ? d[k] != '-' : !is_digit((unsigned char)d[k]))
            return 0;
    }
    return n - i == 15 || is_blank((unsigned char)d[10]);
}

/* End of the dated document whose first non-blank line starts at hdr. */
static size_t dated_doc_end(const char *s, size_t hdr, size_t n)
{
    const char *nl = memchr(s + hdr, '\n', n - hdr);
    if (!nl)
        return n;
    size_t i = (size_t)(nl - s) + 1;
    int prev_blank = 0;
    while (i < n) {
        if (prev_blank && is_date_line(s, i, n))
            return i;
        nl = memchr(s + i, '\n', n - i);
        size_t eol = nl ? (size_t)(nl - s) : n;
        size_t k = i;
        while (k < eol && is_blank((unsigned char)s[k]))
            k++;
        prev_blank = k == eol;
        i = nl ? eol + 1 : n;
    }
    return n;
}

/* Check raw bytes of a document for invalid UTF-8 and NUL; 0 when clean. */
static int check_bytes(TxtReader *r, const char *s, size_t n, size_t file_off, long line,
                       TxtError *err)
{
    int nul;
    size_t bad = utf8_check((const unsigned char *)s, n, &nul);
    if (bad == n)
        return 0;
    set_err(err, r->path, line + count_lines(s, bad), (long)(file_off + bad), "%s",
            nul ? "NUL byte" : "invalid UTF-8");
    return -1;
}

/* Check the header line at s[hdr..end) of a dated document; on success *date
 * is the offset of its YYYY-MM-DD. */
static int dated_header(TxtReader *r, const char *s, size_t hdr, size_t end, long line,
                        size_t *date, TxtError *err)
{
    if (end - hdr < 5 || memcmp(s + hdr, "date ", 5) != 0) {
        set_err(err, r->path, line, (long)hdr, "expected \"date YYYY-MM-DD Title\"");
        return -1;
    }
    size_t d = hdr + 5;
    while (d < end && (s[d] == ' ' || s[d] == '\t'))
        d++;
    if (end - d < 10 || !valid_date(s + d, 10) || (end - d > 10 && !is_blank((unsigned char)s[d + 10]))) {
        size_t w = d;
        while (w < end && !is_blank((unsigned char)s[w]) && w - d < 40)
            w++;
        set_err(err, r->path, line, (long)d, "bad date \"%.*s\": want a real YYYY-MM-DD",
                (int)(w - d), s + d);
        return -1;
    }
    *date = d;
    return 0;
}

static int next_dated(TxtReader *r, Arena *a, TxtDoc *doc, TxtError *err)
{
    const char *s = r->data;
    size_t n = r->data_len;
    size_t start = r->pos;
    long start_line = r->pos_line;
    size_t hdr = start + skip_bom(s + start, n - start, (long)start);
    while (hdr < n && is_blank((unsigned char)s[hdr]))
        hdr++;
    if (hdr >= n) {
        r->pos = n;
        return 0; /* only whitespace left */
    }
    size_t end = dated_doc_end(s, hdr, n);
    r->pos = end;
    r->pos_line = start_line + count_lines(s + start, end - start);
    r->n_docs++;

    size_t d;
    if (check_bytes(r, s + start, end - start, start, start_line, err) ||
        dated_header(r, s, hdr, end, start_line + count_lines(s + start, hdr - start), &d, err))
        return -1;

    doc_init(r, a, doc, start_line);
    memcpy(doc->date, s + d, 10);
    doc->date[10] = '\0';
    if (r->n_docs == 1) {
        doc->id = arena_strndup(a, r->base_id, strlen(r->base_id));
    } else {
        char id[300];
        int k = snprintf(id, sizeof id, "%s#%d", r->base_id, r->n_docs);
        doc->id = arena_strndup(a, id, (size_t)k);
    }
    doc->raw = arena_strndup(a, s + start, end - start);
    doc->raw_len = end - start;

    /* Title: the rest of the header line, trimmed; offsets relative to start. */
    const char *nl = memchr(s + d, '\n', end - d);
    size_t eol = nl ? (size_t)(nl - s) : end;
    size_t t0 = d + 10, t1 = eol;
    while (t0 < t1 && is_blank((unsigned char)s[t0]))
        t0++;
    while (t1 > t0 && is_blank((unsigned char)s[t1 - 1]))
        t1--;
    TxtSpan title = {(uint32_t)(t0 - start), (uint32_t)(t1 - start)};
    doc->title = arena_strndup(a, s + t0, t1 - t0);
    doc_paras(a, doc, title, eol - start, end - start, 1);
    return 1;
}

static int next_plain(TxtReader *r, Arena *a, TxtDoc *doc, TxtError *err)
{
    const char *s = r->data;
    size_t n = r->data_len;
    if (r->pos >= n)
        return 0;
    r->pos = n;
    size_t i = 0;
    while (i < n && is_blank((unsigned char)s[i]))
        i++;
    if (i == n)
        return 0; /* only whitespace: no document */
    if (check_bytes(r, s, n, 0, 1, err))
        return -1;
    doc_init(r, a, doc, 1);
    const char *id = r->plain_id[0] ? r->plain_id : r->base_id;
    doc->id = arena_strndup(a, id, strlen(id));
    memcpy(doc->date, r->plain_date, sizeof doc->date);
    doc->raw = arena_strndup(a, s, n);
    doc->raw_len = n;
    TxtSpan none = {0, 0};
    doc_paras(a, doc, none, 0, n, 0);
    return 1;
}

/* ---- JSON Lines ---- */

/* A strict JSON scanner over one line; on error, msg and at say what and where. */
typedef struct Json {
    const unsigned char *s; /* the line */
    size_t n;               /* its length */
    size_t i;               /* next byte to look at */
    const char *msg;        /* first error, NULL while fine */
    size_t at;              /* offset in the line of that error */
} Json;

/* A string value: where its encoded bytes are, and its decoded length. */
typedef struct JsonStr {
    size_t at;     /* offset of the opening quote in the line */
    size_t start;  /* first byte after the opening quote */
    size_t end;    /* offset of the closing quote */
    size_t dlen;   /* decoded length in bytes */
    int escaped;   /* contains a backslash escape */
    int present;   /* the field was in the object (and not null) */
    int number;    /* the value was a number (accepted for "id" only) */
} JsonStr;

static int json_fail(Json *j, const char *msg, size_t at)
{
    if (!j->msg) {
        j->msg = msg;
        j->at = at;
    }
    return -1;
}

static void json_ws(Json *j)
{
    while (j->i < j->n) {
        unsigned char c = j->s[j->i];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            break;
        j->i++;
    }
}

static int hex4(const unsigned char *p, unsigned *v)
{
    unsigned x = 0;
    for (int k = 0; k < 4; k++) {
        unsigned c = p[k], d;
        if (c >= '0' && c <= '9')
            d = c - '0';
        else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
            d = (c | 0x20) - 'a' + 10;
        else
            return -1;
        x = x * 16 + d;
    }
    *v = x;
    return 0;
}

/* Scan a string at j->i (an opening quote): validate it and measure it. */
static int json_string(Json *j, JsonStr *str)
{
    const unsigned char *s = j->s;
    size_t n = j->n, i = j->i + 1;
    str->at = j->i;
    str->start = i;
    str->escaped = 0;
    str->number = 0;
    size_t dlen = 0;
    for (;;) {
        size_t run = i;
        while (i < n && s[i] >= 0x20 && s[i] < 0x80 && s[i] != '"' && s[i] != '\\')
            i++;
        dlen += i - run;
        if (i >= n)
            return json_fail(j, "unterminated string", str->at);
        unsigned c = s[i];
        if (c == '"')
            break;
        if (c == 0)
            return json_fail(j, "NUL byte", i);
        if (c < 0x20)
            return json_fail(j, "control character in string (must be escaped)", i);
        if (c >= 0x80) {
            int nul;
            size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
            if (len > n - i)
                len = n - i;
            if (utf8_check(s + i, len, &nul) != len)
                return json_fail(j, "invalid UTF-8", i);
            i += len;
            dlen += len;
            continue;
        }
        /* backslash */
        str->escaped = 1;
        if (i + 1 >= n)
            return json_fail(j, "unterminated string", str->at);
        unsigned e = s[i + 1];
        if (e != 'u') {
            if (!strchr("\"\\/bfnrt", (int)e) || e == 0)
                return json_fail(j, "bad escape in string", i);
            i += 2;
            dlen++;
            continue;
        }
        unsigned u;
        if (n - i < 6 || hex4(s + i + 2, &u))
            return json_fail(j, "bad \\u escape", i);
        if (u == 0)
            return json_fail(j, "NUL character (\\u0000) in string", i);
        if (u >= 0xDC00 && u <= 0xDFFF)
            return json_fail(j, "lone low surrogate in \\u escape", i);
        if (u >= 0xD800 && u <= 0xDBFF) {
            unsigned lo;
            if (n - i < 12 || s[i + 6] != '\\' || s[i + 7] != 'u' || hex4(s + i + 8, &lo) ||
                lo < 0xDC00 || lo > 0xDFFF)
                return json_fail(j, "high surrogate without a low surrogate", i);
            i += 12;
            dlen += 4;
            continue;
        }
        i += 6;
        dlen += u < 0x80 ? 1 : u < 0x800 ? 2 : 3;
    }
    str->end = i;
    str->dlen = dlen;
    j->i = i + 1;
    return 0;
}

/* Decode a validated string into out (str->dlen bytes). */
static void json_decode(const unsigned char *s, const JsonStr *str, char *out)
{
    if (!str->escaped) {
        memcpy(out, s + str->start, str->end - str->start);
        return;
    }
    size_t i = str->start, o = 0;
    while (i < str->end) {
        if (s[i] != '\\') {
            out[o++] = (char)s[i++];
            continue;
        }
        unsigned e = s[i + 1];
        if (e != 'u') {
            static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
            out[o++] = to[strchr(from, (int)e) - from];
            i += 2;
            continue;
        }
        unsigned u = 0, lo = 0;
        hex4(s + i + 2, &u);
        i += 6;
        if (u >= 0xD800 && u <= 0xDBFF) {
            hex4(s + i + 2, &lo);
            i += 6;
            u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
        }
        if (u < 0x80) {
            out[o++] = (char)u;
        } else if (u < 0x800) {
            out[o++] = (char)(0xC0 | (u >> 6));
            out[o++] = (char)(0x80 | (u & 0x3F));
        } else if (u < 0x10000) {
            out[o++] = (char)(0xE0 | (u >> 12));
            out[o++] = (char)(0x80 | ((u >> 6) & 0x3F));
            out[o++] = (char)(0x80 | (u & 0x3F));
        } else {
            out[o++] = (char)(0xF0 | (u >> 18));
            out[o++] = (char)(0x80 | ((u >> 12) & 0x3F));
            out[o++] = (char)(0x80 | ((u >> 6) & 0x3F));
            out[o++] = (char)(0x80 | (u & 0x3F));
        }
    }
}

static int json_number(Json *j)
{
    const unsigned char *s = j->s;
    size_t i = j->i, n = j->n, start = i;
    if (i < n && s[i] == '-')
        i++;
    if (i < n && s[i] == '0')
        i++;
    else if (i < n && s[i] >= '1' && s[i] <= '9')
        while (i < n && is_digit(s[i]))
            i++;
    else
        return json_fail(j, "bad number", start);
    if (i < n && s[i] == '.') {
        i++;
        if (i >= n || !is_digit(s[i]))
            return json_fail(j, "bad number", start);
        while (i < n && is_digit(s[i]))
            i++;
    }
    if (i < n && (s[i] | 0x20) == 'e') {
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            i++;
        if (i >= n || !is_digit(s[i]))
            return json_fail(j, "bad number", start);
        while (i < n && is_digit(s[i]))
            i++;
    }
    j->i = i;
    return 0;
}

static int json_literal(Json *j, const char *word)
{
    size_t k = strlen(word);
    if (j->n - j->i < k || memcmp(j->s + j->i, word, k) != 0)
        return json_fail(j, "unexpected character", j->i);
    j->i += k;
    return 0;
}

#define JSON_MAX_DEPTH 128

/* Skip any value; nested containers are checked as strictly as the top level. */
static int json_skip(Json *j, int depth)
{
    JsonStr tmp;
    json_ws(j);
    if (j->i >= j->n)
        return json_fail(j, "unexpected end of line", j->i);
    unsigned char c = j->s[j->i];
    if (c == '"')
        return json_string(j, &tmp);
    if (c == '-' || is_digit(c))
        return json_number(j);
    if (c == 't')
        return json_literal(j, "true");
    if (c == 'f')
        return json_literal(j, "false");
    if (c == 'n')
        return json_literal(j, "null");
    if (c != '{' && c != '[')
        return json_fail(j, c == 0 ? "NUL byte" : "unexpected character", j->i);
    if (depth >= JSON_MAX_DEPTH)
        return json_fail(j, "nested too deeply", j->i);
    unsigned char close = c == '{' ? '}' : ']';
    j->i++;
    json_ws(j);
    if (j->i < j->n && j->s[j->i] == close) {
        j->i++;
        return 0;
    }
    for (;;) {
        if (close == '}') {
            json_ws(j);
            if (j->i >= j->n || j->s[j->i] != '"')
                return json_fail(j, "expected a string key", j->i);
            if (json_string(j, &tmp))
                return -1;
            json_ws(j);
            if (j->i >= j->n || j->s[j->i] != ':')
                return json_fail(j, "expected ':'", j->i);
            j->i++;
        }
        if (json_skip(j, depth + 1))
            return -1;
        json_ws(j);
        if (j->i < j->n && j->s[j->i] == ',') {
            j->i++;
            continue;
        }
        if (j->i < j->n && j->s[j->i] == close) {
            j->i++;
            return 0;
        }
        return json_fail(j, close == '}' ? "expected ',' or '}'" : "expected ',' or ']'", j->i);
    }
}

/* The fields of a document object; others are skipped. */
enum { F_ID, F_DATE, F_TITLE, F_TEXT, F_URL, F_SOURCE, F_COUNT };
static const char *const field_names[F_COUNT] = {"id", "date", "title", "text", "url", "source"};
static const char *const field_type_msg[F_COUNT] = {
    "\"id\" must be a string or a number", "\"date\" must be a string or null",
    "\"title\" must be a string or null",  "\"text\" must be a string",
    "\"url\" must be a string or null",    "\"source\" must be a string or null"};

/* Which field a key names, -1 for none; keys with escapes are decoded first. */
static int field_of(const unsigned char *s, const JsonStr *key)
{
    char buf[16];
    const char *k = (const char *)s + key->start;
    if (key->dlen >= sizeof buf)
        return -1;
    if (key->escaped) {
        json_decode(s, key, buf);
        k = buf;
    }
    for (int f = 0; f < F_COUNT; f++)
        if (strlen(field_names[f]) == key->dlen && memcmp(field_names[f], k, key->dlen) == 0)
            return f;
    return -1;
}

/* Parse one "key": value member of the top-level object. */
static int json_member(Json *j, JsonStr *fields)
{
    JsonStr key;
    json_ws(j);
    if (j->i >= j->n || j->s[j->i] != '"')
        return json_fail(j, "expected a string key", j->i);
    if (json_string(j, &key))
        return -1;
    json_ws(j);
    if (j->i >= j->n || j->s[j->i] != ':')
        return json_fail(j, "expected ':'", j->i);
    j->i++;
    json_ws(j);
    int f = field_of(j->s, &key);
    size_t at = j->i;
    unsigned char c = j->i < j->n ? j->s[j->i] : 0;
    if (f < 0)
        return json_skip(j, 1);
    if (c == '"') {
        if (json_string(j, &fields[f]))
            return -1;
        fields[f].present = 1;
        return 0;
    }
    if (f == F_ID && (c == '-' || is_digit(c))) {
        if (json_number(j))
            return -1;
        fields[f] = (JsonStr){at, at, j->i, j->i - at, 0, 1, 1};
        return 0;
    }
    if (c == 'n') {
        fields[f].present = 0; /* null: as if absent */
        return json_literal(j, "null");
    }
    return json_fail(j, field_type_msg[f], at);
}

/* Parse the top-level object, recording the spans of known fields. */
static int json_doc(Json *j, JsonStr *fields)
{
    memset(fields, 0, F_COUNT * sizeof *fields);
    json_ws(j);
    if (j->i >= j->n || j->s[j->i] != '{')
        return json_fail(j, "expected '{' (one JSON object per line)", j->i);
    j->i++;
    json_ws(j);
    if (j->i < j->n && j->s[j->i] == '}') {
        j->i++;
    } else {
        for (;;) {
            if (json_member(j, fields))
                return -1;
            json_ws(j);
            if (j->i < j->n && j->s[j->i] == ',') {
                j->i++;
                continue;
            }
            if (j->i < j->n && j->s[j->i] == '}') {
                j->i++;
                break;
            }
            return json_fail(j, "expected ',' or '}'", j->i);
        }
    }
    json_ws(j);
    if (j->i < j->n)
        return json_fail(j, "text after the object", j->i);
    return 0;
}

static const char *json_dup(Arena *a, const unsigned char *s, const JsonStr *f)
{
    if (!f->present)
        return "";
    char *out = arena_alloc(a, f->dlen + 1);
    json_decode(s, f, out);
    out[f->dlen] = '\0';
    return out;
}

/* The "date" field into out: "" or YYYY-MM-DD, optionally followed by an ISO
 * time ("T..." or " ..."), which is dropped.  Returns 0, or -1 when invalid. */
static int jsonl_date(Arena *a, const unsigned char *s, const JsonStr *df, char out[11])
{
    out[0] = '\0';
    if (!df->present || df->dlen == 0)
        return 0;
    char *buf = arena_alloc(a, df->dlen + 1);
    json_decode(s, df, buf);
    if (df->dlen < 10 || !valid_date(buf, 10) || (df->dlen > 10 && buf[10] != 'T' && buf[10] != ' '))
        return -1;
    memcpy(out, buf, 10);
    out[10] = '\0';
    return 0;
}

/* Fill doc from the parsed fields of the object at s. */
static void jsonl_fill(TxtReader *r, Arena *a, TxtDoc *doc, const unsigned char *s, const JsonStr *f)
{
    doc_init(r, a, doc, r->line_no);
    if (f[F_ID].present && f[F_ID].dlen > 0) {
        doc->id = json_dup(a, s, &f[F_ID]);
    } else {
        char id[300];
        int m = snprintf(id, sizeof id, "%s:%ld", r->path, r->line_no);
        doc->id = arena_strndup(a, id, (size_t)(m < (int)sizeof id ? m : (int)sizeof id - 1));
    }
    doc->url = json_dup(a, s, &f[F_URL]);
    doc->source = json_dup(a, s, &f[F_SOURCE]);
    doc->title = json_dup(a, s, &f[F_TITLE]);

    /* raw = title "\n\n" text, decoded straight into one buffer. */
    size_t tl = f[F_TITLE].present ? f[F_TITLE].dlen : 0;
    size_t sep = tl ? 2 : 0;
    size_t xl = f[F_TEXT].dlen;
    char *raw = arena_alloc(a, tl + sep + xl + 1);
    memcpy(raw, doc->title, tl);
    memcpy(raw + tl, "\n\n", sep);
    json_decode(s, &f[F_TEXT], raw + tl + sep);
    raw[tl + sep + xl] = '\0';
    doc->raw = raw;
    doc->raw_len = tl + sep + xl;

    TxtSpan title = {0, (uint32_t)tl};
    while (title.start < title.end && is_blank((unsigned char)raw[title.start]))
        title.start++;
    while (title.end > title.start && is_blank((unsigned char)raw[title.end - 1]))
        title.end--;
    doc_paras(a, doc, title, tl + sep, doc->raw_len, 0);
}

static int next_jsonl(TxtReader *r, Arena *a, TxtDoc *doc, TxtError *err)
{
    for (;;) {
        if (!r->have_line) {
            int k = read_line(r, err);
            if (k <= 0)
                return k;
        }
        r->have_line = 0;
        const unsigned char *s = (const unsigned char *)r->line;
        size_t n = r->line_len;
        if (n > 0 && s[n - 1] == '\n')
            n--; /* so that an error at the end of the line points at it */
        size_t i = skip_bom(r->line, n, r->line_off);
        size_t k = i;
        while (k < n && is_blank(s[k]))
            k++;
        if (k == n)
            continue; /* blank line */
        if (n >= UINT32_MAX) {
            set_err(err, r->path, r->line_no, r->line_off, "line too long (4 GB or more)");
            return -1;
        }

        Json j = {s + i, n - i, 0, NULL, 0};
        JsonStr f[F_COUNT];
        long obj = r->line_off + (long)i; /* file offset of the object; fields count from it */
        if (json_doc(&j, f)) {
            set_err(err, r->path, r->line_no, obj + (long)j.at, "%s", j.msg);
            return -1;
        }
        if (!f[F_TEXT].present) {
            set_err(err, r->path, r->line_no, obj, "missing \"text\" field");
            return -1;
        }
        char date[11];
        if (jsonl_date(a, s + i, &f[F_DATE], date)) {
            set_err(err, r->path, r->line_no, obj + (long)f[F_DATE].at,
                    "bad date: want \"YYYY-MM-DD\" or \"\"");
            return -1;
        }
        jsonl_fill(r, a, doc, s + i, f);
        memcpy(doc->date, date, sizeof date);
        return 1;
    }
}

/* ---- the entry point ---- */

int txt_reader_next(TxtReader *r, Arena *a, TxtDoc *doc, TxtError *err)
{
    if (r->format == TXT_FORMAT_AUTO && detect_format(r, err) < 0)
        return -1;
    if (r->format == TXT_FORMAT_JSONL)
        return next_jsonl(r, a, doc, err);
    if (!r->loaded && slurp(r, err) < 0)
        return -1;
    if (r->data_len == 0)
        return 0;
    if (r->data_len >= UINT32_MAX) {
        if (r->pos < r->data_len) {
            r->pos = r->data_len;
            set_err(err, r->path, 0, -1, "input too large (4 GB or more)");
            return -1;
        }
        return 0;
    }
    if (r->format == TXT_FORMAT_DATED)
        return next_dated(r, a, doc, err);
    return next_plain(r, a, doc, err);
}

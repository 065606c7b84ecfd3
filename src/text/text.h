/*
 * text.h: the text layer, from bytes on disk to sentences of tokens.
 *
 *   reader    -> documents (dated text, JSON Lines, plain text), with the spans
 *                of their codable paragraphs in the document's own bytes
 *   normalize -> valid, NFC UTF-8 with quotes, primes and dashes folded to ASCII,
 *                and a map from every normalized byte back to an original byte
 *   sentences -> sentence spans that survive abbreviations, initials, numbers,
 *                quotations and headlines
 *   tokenize  -> tokens with byte offsets into the normalized text
 *
 * Invariants: every span the layer returns lies inside its input; a normalized
 * offset maps back with norm->orig[i] to a byte of the original document, and
 * orig[] never decreases.  Everything is allocated from the caller's arena.
 *
 * Bad input is caught by the reader: a document with invalid UTF-8 or a NUL
 * byte (or bad JSON, or a bad date) makes txt_reader_next() return -1, with
 * err naming the file, the file line and the byte offset in the file of the
 * first bad byte; the next call reads on.  So txt_normalize() never fails on a
 * document from the reader; it checks again for other callers, and then gives
 * the offset in its input (err->file "", err->line 0).
 * Ids: a dated file's documents are "base", "base#2", "base#3"...; a JSON line
 * without "id" is "file:line"; standard input's base name is "-".  A dated
 * file's later documents have raw starting at their "date" line (offsets are
 * relative to it; doc->line is the file line of raw[0]).
 */
#ifndef DYAD_TEXT_H
#define DYAD_TEXT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "../base/arena.h"

/* A half-open byte range [start, end). */
typedef struct TxtSpan {
    uint32_t start; /* first byte */
    uint32_t end;   /* one past the last byte */
} TxtSpan;

/* Where a problem is: enough for "file:line: byte N: message". */
typedef struct TxtError {
    char file[256]; /* path, or "-" for standard input */
    long line;      /* 1-based line in that file, 0 when unknown */
    long byte;      /* 0-based byte offset in the file (or in the document), -1 when unknown */
    char msg[256];  /* what is wrong, for a person */
} TxtError;

/* Write "file:line: byte N: msg" (the parts that are known) to f. */
void txt_error_print(const TxtError *e, FILE *f);

typedef enum TxtFormat {
    TXT_FORMAT_AUTO,  /* JSON Lines if the first non-blank byte is '{', dated text if
                         the first line starts with "date ", else plain text */
    TXT_FORMAT_DATED, /* "date YYYY-MM-DD Title", then paragraphs */
    TXT_FORMAT_JSONL, /* one JSON object per line: id, date, title, text, url, source */
    TXT_FORMAT_PLAIN  /* the whole input is one document; date and id from options */
} TxtFormat;

/* One document as read.  All strings are NUL-terminated and live in the arena. */
typedef struct TxtDoc {
    const char *file;   /* the path it came from, "-" for standard input */
    long line;          /* line of the file where the document starts */
    const char *id;     /* document id: JSON "id", --id, or the file's base name */
    char date[11];      /* "YYYY-MM-DD", or "" when the input has none */
    const char *title;  /* headline, "" when none */
    const char *url;    /* "" when none */
    const char *source; /* "" when none */
    const char *raw;    /* the bytes every output offset refers to (see docs/output.md) */
    size_t raw_len;     /* length of raw */
    TxtSpan *paras;     /* codable paragraphs in raw: headline first, byline left out */
    size_t n_paras;     /* number of paragraphs */
    int has_headline;   /* 1 when paras[0] is the headline */
} TxtDoc;

typedef struct TxtReader TxtReader;

/* Open a file ("-" is standard input).  plain_date and plain_id (either may be NULL)
 * apply to plain text.  Returns NULL and fills err when the file cannot be opened. */
TxtReader *txt_reader_open(const char *path, TxtFormat format, const char *plain_date,
                           const char *plain_id, TxtError *err);
/* Read the next document into doc, allocating from arena.
 * Returns 1 for a document, 0 at the end of the input, -1 for a document that
 * had to be skipped (err says why); after -1 the caller may go on calling. */
int txt_reader_next(TxtReader *r, Arena *arena, TxtDoc *doc, TxtError *err);
void txt_reader_close(TxtReader *r);

/* Normalized text of a document, with the map back to original bytes. */
typedef struct TxtNorm {
    char *text;     /* normalized UTF-8, NUL-terminated */
    size_t len;     /* bytes in text */
    uint32_t *orig; /* orig[i]: offset in the original of normalized byte i; orig[len] = original length */
} TxtNorm;

/* Validate and normalize raw[0..n).  Returns 0, or -1 with err->byte set to the
 * offset of the first invalid byte (invalid UTF-8, or a NUL byte). */
int txt_normalize(const char *raw, size_t n, Arena *arena, TxtNorm *out, TxtError *err);
/* Map a span of normalized text back to the original bytes. */
TxtSpan txt_norm_to_orig(const TxtNorm *norm, TxtSpan span);
/* Map an original byte offset to the first normalized byte at or after it. */
uint32_t txt_orig_to_norm(const TxtNorm *norm, uint32_t orig_offset);

/* Split one paragraph of normalized text into sentences.  A sentence never
 * exceeds TXT_MAX_SENTENCE_BYTES: longer runs are cut at a space. */
#define TXT_MAX_SENTENCE_BYTES 4096
TxtSpan *txt_sentences(const char *text, TxtSpan para, Arena *arena, size_t *n_out);

/* Token flags. */
enum {
    TXT_TOK_CAP = 1 << 0,      /* first letter upper case */
    TXT_TOK_ALLCAPS = 1 << 1,  /* every letter upper case, at least two letters */
    TXT_TOK_DIGIT = 1 << 2,    /* contains a digit */
    TXT_TOK_PUNCT = 1 << 3,    /* punctuation only */
    TXT_TOK_QUOTE = 1 << 4,    /* a quotation mark */
    TXT_TOK_HYPHEN = 1 << 5,   /* contains an inner hyphen */
    TXT_TOK_SENT_START = 1 << 6 /* first token of the sentence */
};

typedef struct TxtToken {
    uint32_t start; /* first byte in the normalized text */
    uint32_t end;   /* one past the last byte */
    uint16_t flags; /* TXT_TOK_* */
} TxtToken;

/* Tokenize one sentence of normalized text.  Splits punctuation, possessive 's,
 * and n't ("can't" -> "ca" "n't", "cannot" -> "can" "not"); keeps abbreviations
 * (U.S., Lt.), numbers (1,200.5), hyphenated words and e-mail-like tokens whole. */
TxtToken *txt_tokenize(const char *text, TxtSpan sentence, Arena *arena, size_t *n_out);
/* The flags a token over text[start, end) gets (TXT_TOK_*, sentence start
 * aside), for callers that cut tokens further. */
uint16_t txt_token_flags(const char *text, uint32_t start, uint32_t end);

/* Added by the text layer for tests and fuzzing: read documents from memory
 * instead of a file.  name stands for the path in errors, doc->file and ids;
 * buf must stay valid until txt_reader_close(). */
TxtReader *txt_reader_open_memory(const char *buf, size_t n, const char *name, TxtFormat format,
                                  const char *plain_date, const char *plain_id, TxtError *err);

#endif

/*
 * buf.h: a growable byte buffer for building output lines and error messages.
 *
 * Output is assembled in a Buf and written with one fwrite per event, so a
 * consumer reading a pipe never sees half a line.  The buffer doubles as it
 * grows; it is reused across events, so steady-state coding does not allocate.
 */
#ifndef DYAD_BUF_H
#define DYAD_BUF_H

#include <stddef.h>

typedef struct Buf {
    char *data;  /* NUL-terminated contents */
    size_t len;  /* bytes used, not counting the NUL */
    size_t cap;  /* bytes allocated */
} Buf;

void buf_init(Buf *b);
void buf_free(Buf *b);
void buf_clear(Buf *b);
void buf_reserve(Buf *b, size_t extra);
void buf_put(Buf *b, const char *s, size_t n);
void buf_puts(Buf *b, const char *s);
void buf_putc(Buf *b, char c);
void buf_printf(Buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Append s as a JSON string literal, quotes included. */
void buf_json_string(Buf *b, const char *s, size_t n);

#endif

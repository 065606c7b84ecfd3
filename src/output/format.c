/*
 * format.c: JSON Lines and TSV writers for events; see format.h.
 * Field names and order are a stable interface (docs/output.md): add fields at
 * the end, never rename.  Strings are escaped per RFC 8259; non-ASCII UTF-8 is
 * written as is.
 */
#include "format.h"

#include <string.h>

static void actor_json(Buf *b, const char *key, const DyadActor *a)
{
    buf_printf(b, ",\"%s\":", key);
    if (!a->present) {
        buf_puts(b, "null");
        return;
    }
    buf_puts(b, "{\"code\":");
    buf_json_string(b, a->code, strlen(a->code));
    buf_puts(b, ",\"text\":");
    buf_json_string(b, a->text, a->text_len);
    buf_printf(b, ",\"start\":%u,\"end\":%u,\"entry\":", a->start, a->end);
    if (a->entry_id && a->entry_id[0]) {
        buf_puts(b, "{\"id\":");
        buf_json_string(b, a->entry_id, strlen(a->entry_id));
        buf_puts(b, ",\"kind\":");
        buf_json_string(b, a->entry_kind, strlen(a->entry_kind));
        buf_putc(b, '}');
    } else if (a->entry_kind && a->entry_kind[0]) {
        buf_puts(b, "{\"id\":null,\"kind\":");
        buf_json_string(b, a->entry_kind, strlen(a->entry_kind));
        buf_putc(b, '}');
    } else {
        buf_puts(b, "null");
    }
    buf_putc(b, '}');
}

void format_json(Buf *b, const DyadEvent *ev)
{
    buf_puts(b, "{\"doc\":");
    buf_json_string(b, ev->doc, strlen(ev->doc));
    buf_printf(b, ",\"sentence\":%d,\"date\":", ev->sentence);
    buf_json_string(b, ev->date, strlen(ev->date));
    actor_json(b, "source", &ev->source);
    actor_json(b, "target", &ev->target);
    buf_puts(b, ",\"code\":");
    buf_json_string(b, ev->code, strlen(ev->code));
    buf_printf(b, ",\"root\":\"%02d\",\"quad\":%d,\"goldstein\":%.1f,\"name\":", ev->root, ev->quad,
               ev->goldstein);
    buf_json_string(b, ev->name, strlen(ev->name));
    buf_puts(b, ",\"verb\":{\"text\":");
    buf_json_string(b, ev->verb_text, ev->verb_len);
    buf_printf(b, ",\"start\":%u,\"end\":%u}", ev->verb_start, ev->verb_end);
    buf_puts(b, ",\"rule\":{\"file\":");
    buf_json_string(b, ev->rule_file, strlen(ev->rule_file));
    buf_printf(b, ",\"line\":%u,\"pattern\":", ev->rule_line);
    buf_json_string(b, ev->rule_text, strlen(ev->rule_text));
    buf_printf(b, "},\"negated\":%s", ev->negated ? "true" : "false");
    actor_json(b, "speaker", &ev->speaker);
    buf_puts(b, ",\"text\":");
    buf_json_string(b, ev->text, ev->text_len);
    buf_puts(b, ",\"issues\":[");
    for (const char *p = ev->issues ? ev->issues : ""; *p;) {
        const char *comma = strchr(p, ',');
        size_t n = comma ? (size_t)(comma - p) : strlen(p);
        if (p != ev->issues)
            buf_putc(b, ',');
        buf_json_string(b, p, n);
        p += n + (comma != NULL);
    }
    buf_puts(b, "]}\n");
}

/* TSV cannot hold tabs or newlines inside a field. */
static void tsv_field(Buf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        buf_putc(b, (s[i] == '\t' || s[i] == '\n' || s[i] == '\r') ? ' ' : s[i]);
}

void format_tsv(Buf *b, const DyadEvent *ev)
{
    tsv_field(b, ev->date, strlen(ev->date));
    buf_putc(b, '\t');
    if (ev->source.present)
        tsv_field(b, ev->source.code, strlen(ev->source.code));
    buf_putc(b, '\t');
    if (ev->target.present)
        tsv_field(b, ev->target.code, strlen(ev->target.code));
    buf_printf(b, "\t%s\t%02d\t%d\t%.1f\t", ev->code, ev->root, ev->quad, ev->goldstein);
    tsv_field(b, ev->doc, strlen(ev->doc));
    buf_printf(b, "\t%d\t", ev->sentence);
    if (ev->issues)
        tsv_field(b, ev->issues, strlen(ev->issues));
    buf_putc(b, '\n');
}

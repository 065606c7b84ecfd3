/*
 * import_petrarch.c: PETRARCH dictionaries into dyad's format (see import.h).
 *
 * The verbs file (CAMEO.2.0.txt, PETR.Validate.verbs.txt) is read here; actors,
 * agents and discards share TABARI's shapes closely enough that ImportOut's
 * readers take them.  Verb file shape: `&NAME` then `+MEMBER` lines (synsets,
 * ended by a blank or any other line); `--- NAME [CODE] ---` starts a block; the
 * lines after it are heads (`WORD {irregular forms}`, `+MULTI_WORD {forms}`) and
 * patterns (`- ... [CODE]`), which apply to every head of the block; `#` and
 * `<!-- -->` are comments; `~ ...` transformation lines are skipped (dyad has
 * no rewrite step), counted.
 *
 * Invariant: the reader never stops on a bad line; it is warned (file:line) and
 * the next line read.
 */
#include "import.h"
#include "foreign.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* Members of the synset being read. */
typedef struct PendingSet {
    char name[80];   /* as written, "" when none */
    int line;        /* its line */
    char **v;        /* members as written */
    int n, cap;      /* count, allocated */
} PendingSet;

static void pending_flush(ImportOut *o, PendingSet *ps, const char *path)
{
    if (ps->name[0])
        iout_set(o, ps->name, ps->v, ps->n, path, ps->line);
    for (int i = 0; i < ps->n; i++)
        free(ps->v[i]);
    ps->n = 0;
    ps->name[0] = '\0';
}

static void pending_add(PendingSet *ps, const char *m)
{
    if (ps->n == ps->cap) {
        ps->cap = ps->cap ? ps->cap * 2 : 16;
        ps->v = realloc(ps->v, sizeof *ps->v * (size_t)ps->cap);
        if (!ps->v)
            abort();
    }
    ps->v[ps->n] = strdup(m);
    if (!ps->v[ps->n])
        abort();
    ps->n++;
}

static void read_petrarch_verbs(ImportOut *o, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        iout_warn(o, path, 0, "cannot open: %s", strerror(errno));
        return;
    }
    char *line = NULL;
    size_t cap = 0;
    int lineno = 0, in_comment = 0, in_block = 0;
    unsigned transforms = 0;
    PendingSet ps = {{0}, 0, NULL, 0, 0};
    while (getline(&line, &cap, f) != -1) {
        lineno++;
        char *c = foreign_line_start(line, &in_comment, 1);
        if (!c)
            continue;
        char *hash = strchr(c, '#');
        if (hash)
            *hash = '\0';
        import_trim(c);
        if (!*c) {
            pending_flush(o, &ps, path);
            continue;
        }
        if (*c == '&') {
            pending_flush(o, &ps, path);
            snprintf(ps.name, sizeof ps.name, "%s", c);
            ps.line = lineno;
            continue;
        }
        if (*c == '+' && ps.name[0]) {
            pending_add(&ps, c + 1);
            continue;
        }
        pending_flush(o, &ps, path);
        if (*c == '~') {
            if (!transforms++)
                iout_warn(o, path, lineno, "transformation rules (~ ...) have no equivalent in "
                          "dyad; skipped (first of them)");
            continue;
        }
        if (strncmp(c, "---", 3) == 0) {
            /* --- NAME [CODE] --- */
            char *br = strchr(c, '[');
            char *end = br ? strchr(br, ']') : NULL;
            if (!br || !end) {
                iout_warn(o, path, lineno, "block line without [CODE]; skipped");
                in_block = 0;
                continue;
            }
            *end = '\0';
            import_trim(br + 1);
            iout_block(o, br + 1, path, lineno);
            in_block = 1;
            continue;
        }
        if (!in_block) {
            iout_warn(o, path, lineno, "line outside a verb block; skipped");
            continue;
        }
        if (*c == '-') {
            char *br = strrchr(c, '[');
            char *end = br ? strchr(br, ']') : NULL;
            if (!br || !end) {
                iout_warn(o, path, lineno, "pattern without [CODE]; skipped");
                continue;
            }
            *end = '\0';
            *br = '\0';
            iout_pattern(o, c + 1, br + 1, path, lineno);
            continue;
        }
        /* a head: WORD {FORMS}, +MULTI_WORD {FORMS}, maybe its own [CODE] */
        char *code = NULL;
        char *br = strchr(c, '[');
        if (br) {
            char *end = strchr(br, ']');
            if (end)
                *end = '\0';
            *br = '\0';
            code = br + 1;
            import_trim(code);
        }
        char *forms = strchr(c, '{');
        if (forms) {
            *forms++ = '\0';
            char *fe = strchr(forms, '}');
            if (fe)
                *fe = '\0';
        }
        import_trim(c);
        if (!*c)
            continue;
        iout_head(o, c, forms, code && *code ? code : NULL, path, lineno);
    }
    pending_flush(o, &ps, path);
    free(ps.v);
    free(line);
    fclose(f);
}

int kb_import_petrarch(const ImportSources *src, const char *out_dir, FILE *errors,
                       ImportStats *st)
{
    ImportOut *o = iout_open(src, out_dir, errors, st);
    iout_read_shared(o, src);
    for (int i = 0; i < src->n[IMPORT_VERBS]; i++)
        read_petrarch_verbs(o, src->files[IMPORT_VERBS][i]);
    return iout_finish(o, src, errors, "PETRARCH");
}

/*
 * import_petrarch.c: PETRARCH dictionaries into dyad's format (see import.h).
 *
 * The verbs file (CAMEO.2.0.txt, PETR.Validate.verbs.txt) is read here; actors,
 * agents and discards share TABARI's shapes closely enough that ImportOut's
 * readers take them.  Verb file shape: `&NAME` then `+MEMBER` lines (synsets,
 * ended by a blank or any other line); `--- NAME [CODE] ---` starts a block; the
 * lines after it are heads (`WORD {irregular forms}`, `+MULTI_WORD {forms}`) and
 * patterns (`- ... [CODE]`), which apply to every head of the block; a head
 * whose verb follows words of its own (`WIRE_+TAP {WIRE_+TAPPED}`: "wire tap")
 * becomes a block of its own after the block ends, the verb with no event of
 * its own and the block's patterns with the words joined before the verb
 * (`WIRE_*`, `WILL NOT WIRE_*`); `#` and
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

/* The patterns of the block being read, and its heads with words before the
 * verb ("WIRE_+TAP"), which are written as blocks of their own once the block's
 * patterns are all known. */
typedef struct BlockRest {
    char *code;        /* the block's code, NULL before the first block */
    char **pat_text;   /* its patterns' text, '-' left out */
    char **pat_code;   /* and codes */
    int *pat_line;     /* and lines */
    int n_pats, cap_pats;
    char **head_words; /* prefixed heads: the words before the verb, joined ("WIRE_") */
    char **head_verb;  /* the verb ("TAP") */
    char **head_forms; /* its forms without the words ("TAPPED TAPPING"), NULL */
    char **head_code;  /* its own code, NULL */
    int *head_line;    /* its line */
    int n_heads, cap_heads;
} BlockRest;

static char *dup_or_null(const char *s) { return s ? strdup(s) : NULL; }

static void *grow(void *v, int *cap, size_t size)
{
    *cap = *cap ? *cap * 2 : 8;
    void *p = realloc(v, size * (size_t)*cap);
    if (!p)
        abort();
    return p;
}

static void rest_pattern(BlockRest *r, const char *text, const char *code, int line)
{
    if (r->n_pats == r->cap_pats) {
        int cap = r->cap_pats;
        r->pat_text = grow(r->pat_text, &cap, sizeof *r->pat_text);
        cap = r->cap_pats;
        r->pat_code = grow(r->pat_code, &cap, sizeof *r->pat_code);
        r->pat_line = grow(r->pat_line, &r->cap_pats, sizeof *r->pat_line);
    }
    r->pat_text[r->n_pats] = strdup(text);
    r->pat_code[r->n_pats] = strdup(code);
    r->pat_line[r->n_pats++] = line;
}

/* "WIRE_+TAP" with forms "WIRE_+TAPPED WIRE_+TAPPING": kept for later; 0 when
 * the head has no words before its verb. */
static int rest_head(BlockRest *r, const char *head, const char *forms, const char *code, int line)
{
    const char *plus = strchr(head, '+');
    if (!plus || plus == head || plus[1] == '\0')
        return 0;
    if (r->n_heads == r->cap_heads) {
        int cap = r->cap_heads;
        r->head_words = grow(r->head_words, &cap, sizeof(char *));
        cap = r->cap_heads;
        r->head_verb = grow(r->head_verb, &cap, sizeof(char *));
        cap = r->cap_heads;
        r->head_forms = grow(r->head_forms, &cap, sizeof(char *));
        cap = r->cap_heads;
        r->head_code = grow(r->head_code, &cap, sizeof(char *));
        r->head_line = grow(r->head_line, &r->cap_heads, sizeof(int));
    }
    int k = r->n_heads++;
    r->head_words[k] = strndup(head, (size_t)(plus - head));
    r->head_verb[k] = strdup(plus + 1);
    r->head_code[k] = dup_or_null(code);
    r->head_line[k] = line;
    r->head_forms[k] = NULL;
    if (forms) {
        /* each form's words before its '+' left out */
        char *out = calloc(strlen(forms) + 1, 1);
        if (!out)
            abort();
        for (const char *f = forms; *f;) {
            f += strspn(f, " \t");
            size_t n = strcspn(f, " \t");
            const char *p = memchr(f, '+', n);
            const char *w = p ? p + 1 : f;
            if (f + n > w)
                snprintf(out + strlen(out), strlen(forms) + 1 - strlen(out), "%s%.*s", *out ? " " : "",
                         (int)(f + n - w), w);
            f += n;
        }
        r->head_forms[k] = out;
    }
    return 1;
}

/* The block ended: its prefixed heads as blocks of their own, then all cleared. */
static void rest_flush(ImportOut *o, BlockRest *r, const char *path)
{
    for (int h = 0; h < r->n_heads; h++) {
        /* the verb alone is no event: only with its words before it */
        iout_block(o, "---", path, r->head_line[h]);
        iout_head(o, r->head_verb[h], r->head_forms[h], NULL, path, r->head_line[h]);
        char text[512];
        const char *own = r->head_code[h] ? r->head_code[h] : r->code;
        if (own) {
            snprintf(text, sizeof text, " %s*", r->head_words[h]);
            iout_pattern(o, text, own, path, r->head_line[h]);
        }
        for (int i = 0; i < r->n_pats; i++) {
            const char *star = strchr(r->pat_text[i], '*');
            if (!star)
                continue;
            snprintf(text, sizeof text, "%.*s%s%s", (int)(star - r->pat_text[i]), r->pat_text[i],
                     r->head_words[h], star);
            iout_pattern(o, text, r->pat_code[i], path, r->pat_line[i]);
        }
    }
    for (int i = 0; i < r->n_pats; i++) {
        free(r->pat_text[i]);
        free(r->pat_code[i]);
    }
    for (int h = 0; h < r->n_heads; h++) {
        free(r->head_words[h]);
        free(r->head_verb[h]);
        free(r->head_forms[h]);
        free(r->head_code[h]);
    }
    r->n_pats = r->n_heads = 0;
}

static void rest_free(BlockRest *r)
{
    free(r->code);
    free(r->pat_text);
    free(r->pat_code);
    free(r->pat_line);
    free(r->head_words);
    free(r->head_verb);
    free(r->head_forms);
    free(r->head_code);
    free(r->head_line);
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
    BlockRest rest;
    memset(&rest, 0, sizeof rest);
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
            rest_flush(o, &rest, path);
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
            free(rest.code);
            rest.code = strdup(br + 1);
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
            rest_pattern(&rest, c + 1, br + 1, lineno);
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
        if (!rest_head(&rest, c, forms, code && *code ? code : NULL, lineno))
            iout_head(o, c, forms, code && *code ? code : NULL, path, lineno);
    }
    rest_flush(o, &rest, path);
    rest_free(&rest);
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
    int issues_rc = iout_issue_files(o, src, out_dir, st);
    int rc = iout_finish(o, src, errors, "PETRARCH");
    return issues_rc ? -1 : rc;
}

/*
 * import_issues.c: PETRARCH issue files (Phoenix.IssueCoding.txt) into dyad's
 * issue records (docs/knowledge-base.md, "Issues").
 *
 * Shape of the foreign file: `<ISSUE CATEGORY="NAME" TYPE="...">` opens a
 * block and `</ISSUE>` closes it; inside, one phrase a line, `[CODE]` after it
 * (the block's CATEGORY when absent).  In a phrase, `n:WORD` is a noun (its
 * plural matches too), `v:WORD` a verb (every form matches), and `A+B` joins two
 * words that may be written apart, hyphenated or as one ("pre+k": "pre k",
 * "pre-k", "prek").  A line starting with `~` (or `~~`) is a phrase that holds
 * an issue's words and names none.  `#` starts a comment.
 *
 * Each code becomes one record, `issue CODE-in-lower-case CODE = ...`, written
 * to issues.txt in the translation folder; exclusions go under the first record.
 * Invariant (import.h): the written file compiles without errors, so a phrase
 * is written once, for the first code that claims it; the key is its words as
 * the coder tokenizes them, so two spellings that tokenize alike count as one.
 */
#include "import.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "kb.h"
#include "../base/arena.h"
#include "../base/buf.h"
#include "../base/strmap.h"
#include "../base/xalloc.h"
#include "../language/morph.h"
#include "../text/text.h"

#define MAX_VARIANTS 64

/* One code's phrases. */
typedef struct IssueCode {
    char code[64];  /* the category as written */
    Buf phrases;    /* "a | b | c" */
} IssueCode;

typedef struct IssueImport {
    ImportOut *o;      /* for warnings */
    IssueCode *codes;  /* in order of first use */
    size_t n, cap;     /* count, allocated */
    StrMap code_index; /* code -> index */
    StrMap seen;       /* phrase key -> 1 */
    Buf excluded;      /* exclusions of every file, "a | b" */
    Arena scratch;     /* tokenizing phrase keys */
    char (*variants)[256]; /* expansions of the line being read */
} IssueImport;

static IssueCode *code_for(IssueImport *ii, const char *code)
{
    int added;
    uint32_t *at = strmap_put(&ii->code_index, code, strlen(code), (uint32_t)ii->n, &added);
    if (!added)
        return &ii->codes[*at];
    if (ii->n == ii->cap) {
        ii->cap = ii->cap ? ii->cap * 2 : 64;
        ii->codes = xrealloc(ii->codes, ii->cap * sizeof *ii->codes);
    }
    IssueCode *c = &ii->codes[ii->n++];
    snprintf(c->code, sizeof c->code, "%s", code);
    buf_init(&c->phrases);
    return c;
}

/* The phrase's words as the coder sees them, lower case, one space apart, a
 * leading "the" dropped (as the compiler does); "" when it has none. */
static void phrase_key(IssueImport *ii, const char *s, Buf *key)
{
    buf_clear(key);
    arena_reset(&ii->scratch);
    TxtNorm norm;
    TxtError err;
    if (txt_normalize(s, strlen(s), &ii->scratch, &norm, &err) != 0)
        return;
    size_t nt;
    TxtToken *t = txt_tokenize(norm.text, (TxtSpan){0, (uint32_t)norm.len}, &ii->scratch, &nt);
    for (size_t i = 0; i < nt; i++) {
        const char *w = norm.text + t[i].start;
        size_t n = t[i].end - t[i].start;
        if (i == 0 && nt > 1 && n == 3 && strncasecmp(w, "the", 3) == 0)
            continue;
        if (key->len)
            buf_putc(key, ' ');
        for (size_t k = 0; k < n; k++)
            buf_putc(key, (w[k] >= 'A' && w[k] <= 'Z') ? (char)(w[k] + 32) : w[k]);
    }
}

/* Add one spelled-out phrase to a code's record (or to the exclusions), once. */
static void add_spelled(IssueImport *ii, IssueCode *c, const char *phrase, Buf *key)
{
    phrase_key(ii, phrase, key);
    int words = key->len > 0;
    for (size_t i = 0; i < key->len; i++)
        words += key->data[i] == ' ';
    if (!words || words > KB_MAX_PHRASE)
        return;
    int added;
    strmap_put(&ii->seen, key->data, key->len, 1, &added);
    if (!added)
        return;
    Buf *to = c ? &c->phrases : &ii->excluded;
    if (to->len)
        buf_puts(to, " | ");
    buf_puts(to, key->data);
}

/* Expand the markers of a foreign phrase into plain phrases: every form of a
 * v: word, the plural of a final n: word (the compiler adds it for every final
 * word anyway), and the three spellings of each A+B join. */
static int expand(const char *text, char out[][256], int max)
{
    int n = 1;
    out[0][0] = '\0';
    const char *p = text;
    while (*p) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        const char *e = p;
        while (*e && *e != ' ')
            e++;
        char word[128];
        size_t len = (size_t)(e - p) < sizeof word - 1 ? (size_t)(e - p) : sizeof word - 1;
        memcpy(word, p, len);
        word[len] = '\0';
        p = e;
        /* the spellings of this word: "v:" forms, "+" joins */
        char alts[MAX_VARIANTS][128];
        int na = 0;
        char *w = word;
        int verb = 0;
        if (strncmp(w, "n:", 2) == 0)
            w += 2;
        else if (strncmp(w, "v:", 2) == 0)
            w += 2, verb = 1;
        snprintf(alts[na++], sizeof alts[0], "%s", w);
        while (strchr(alts[0], '+')) {
            /* each alternative splits three ways at its first '+' */
            int was = na;
            na = 0;
            char next[MAX_VARIANTS][128];
            for (int i = 0; i < was; i++) {
                char *at = strchr(alts[i], '+');
                if (!at)
                    continue;
                static const char *const joins[] = {" ", "-", ""};
                for (int j = 0; j < 3 && na < MAX_VARIANTS; j++) {
                    char *q = at + 1;
                    if (strncmp(q, "n:", 2) == 0 || strncmp(q, "v:", 2) == 0)
                        q += 2;
                    snprintf(next[na++], sizeof next[0], "%.*s%s%s", (int)(at - alts[i]), alts[i], joins[j], q);
                }
            }
            memcpy(alts, next, sizeof next[0] * (size_t)na);
        }
        if (verb && na == 1) {
            MorphForms f;
            morph_verb_forms(alts[0], &f);
            for (int i = 0; i < f.n && na < MAX_VARIANTS; i++)
                if (strcmp(f.form[i], alts[0]) != 0)
                    snprintf(alts[na++], sizeof alts[0], "%s", f.form[i]);
        }
        /* cross with what is built so far */
        char built[MAX_VARIANTS][256];
        int nb = 0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < na && nb < max && nb < MAX_VARIANTS; j++) {
                size_t lo = strlen(out[i]), la = strlen(alts[j]);
                if (lo + la + 2 > sizeof built[0])
                    continue; /* longer than any phrase of KB_MAX_PHRASE words needs */
                memcpy(built[nb], out[i], lo);
                if (lo)
                    built[nb][lo++] = ' ';
                memcpy(built[nb] + lo, alts[j], la + 1);
                nb++;
            }
        memcpy(out, built, sizeof built[0] * (size_t)nb);
        n = nb;
    }
    return out[0][0] ? n : 0;
}

static void read_issue_file(IssueImport *ii, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        iout_warn(ii->o, path, 0, "cannot open: %s", strerror(errno));
        return;
    }
    char *line = NULL;
    size_t cap = 0;
    int lineno = 0;
    char category[64] = "";
    Buf key;
    buf_init(&key);
    while (getline(&line, &cap, f) != -1) {
        lineno++;
        char *hash = strchr(line, '#');
        if (hash)
            *hash = '\0';
        import_trim(line);
        if (!*line)
            continue;
        if (strncmp(line, "<ISSUE", 6) == 0) {
            char *q = strstr(line, "CATEGORY=\"");
            char *e = q ? strchr(q + 10, '"') : NULL;
            category[0] = '\0';
            if (q && e)
                snprintf(category, sizeof category, "%.*s", (int)(e - q - 10), q + 10);
            if (!kb_valid_issue_category(category)) {
                iout_warn(ii->o, path, lineno, "issue block without a CATEGORY in capitals; its phrases skipped");
                category[0] = '\0';
            }
            continue;
        }
        if (strncmp(line, "</ISSUE", 7) == 0) {
            category[0] = '\0';
            continue;
        }
        if (line[0] == '<')
            continue;
        if (!category[0]) {
            iout_warn(ii->o, path, lineno, "phrase outside an issue block; skipped");
            continue;
        }
        int exclude = 0;
        char *text = line;
        while (*text == '~')
            text++, exclude = 1;
        char code[64];
        snprintf(code, sizeof code, "%s", category);
        char *br = strchr(text, '[');
        if (br) {
            char *end = strchr(br, ']');
            if (!end || !kb_valid_issue_category((*end = '\0', br + 1))) {
                iout_warn(ii->o, path, lineno, "bad [CODE]; line skipped");
                continue;
            }
            snprintf(code, sizeof code, "%s", br + 1);
            *br = '\0';
        }
        import_trim(text);
        if (strpbrk(text, "|=")) {
            iout_warn(ii->o, path, lineno, "phrase with '|' or '='; skipped");
            continue;
        }
        IssueCode *c = exclude ? NULL : code_for(ii, code);
        int nv = expand(text, ii->variants, MAX_VARIANTS);
        for (int i = 0; i < nv; i++)
            add_spelled(ii, c, ii->variants[i], &key);
    }
    buf_free(&key);
    free(line);
    fclose(f);
}

int iout_issue_files(ImportOut *o, const ImportSources *src, const char *out_dir, ImportStats *st)
{
    if (!src->n[IMPORT_ISSUES])
        return 0;
    IssueImport ii;
    memset(&ii, 0, sizeof ii);
    ii.o = o;
    strmap_init(&ii.code_index);
    strmap_init(&ii.seen);
    arena_init(&ii.scratch, 4096);
    buf_init(&ii.excluded);
    ii.variants = xmalloc(MAX_VARIANTS * sizeof *ii.variants);
    for (int i = 0; i < src->n[IMPORT_ISSUES]; i++)
        read_issue_file(&ii, src->files[IMPORT_ISSUES][i]);
    char path[4200];
    snprintf(path, sizeof path, "%s/issues.txt", out_dir);
    FILE *f = fopen(path, "w");
    int rc = f ? 0 : -1;
    if (f)
        fputs("# translated by dyad from PETRARCH issue files; see docs/knowledge-base.md\n", f);
    /* exclusions name no issue: they go under the first record */
    int first = 1;
    for (size_t i = 0; i < ii.n; i++) {
        IssueCode *c = &ii.codes[i];
        if (f && c->phrases.len) {
            char id[64];
            size_t k = 0;
            for (; c->code[k] && k < sizeof id - 1; k++)
                id[k] = (c->code[k] >= 'A' && c->code[k] <= 'Z') ? (char)(c->code[k] + 32) : c->code[k];
            id[k] = '\0';
            fprintf(f, "issue %s %s = %s\n", id, c->code, c->phrases.data);
            if (first && ii.excluded.len)
                fprintf(f, "  not = %s\n", ii.excluded.data);
            first = 0;
            st->issues++;
        }
    }
    for (size_t i = 0; i < ii.n; i++)
        buf_free(&ii.codes[i].phrases);
    buf_free(&ii.excluded);
    free(ii.variants);
    if (f && fclose(f) != 0)
        rc = -1;
    free(ii.codes);
    strmap_free(&ii.code_index);
    strmap_free(&ii.seen);
    arena_free(&ii.scratch);
    return rc;
}

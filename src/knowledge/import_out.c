/*
 * import_out.c: ImportOut, the translator both dialects share (import.h): the
 * lexicon for stem rules, actors, agents, discards, options, synonym sets, verb
 * blocks and patterns, collected while the foreign files are read and written
 * as knowledge-base text files plus a codebook by iout_close().  The dialects'
 * own readers (import_tabari.c, import_petrarch.c) only call in.
 *
 * Invariants: every line ImportOut writes is one kb_compile() accepts (words are
 * checked against a safe character set, phrases and patterns against the
 * compiler's limits, codes are added to the written codebook, set references
 * are resolved before a pattern is written, person roles are clipped so they
 * never overlap); what cannot be written is skipped with a warning naming the
 * foreign file and line.  No global mutable state: everything lives in the
 * ImportOut of one import.
 */
#include "import.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../base/arena.h"
#include "../base/buf.h"
#include "../base/strmap.h"
#include "../base/xalloc.h"
#include "../language/morph.h"
#include "../text/text.h"
#include "foreign.h"
#include "import_out.h"
#include "kb.h"

#define MAX_EXPAND 128     /* phrases one foreign phrase may expand to */
#define MAX_STEM_HITS 48   /* lexicon words one stem may expand to */
#define MIN_STEM 4         /* shorter stems match only themselves */
#define MAX_ELEMS 14       /* pattern elements we write (the compiler allows 16) */
#define WORDNET "/usr/share/wordnet"

void import_list_push(ImportList *l, char *s)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 16;
        l->v = xrealloc(l->v, l->cap * sizeof *l->v);
    }
    l->v[l->n++] = s;
}

void import_list_free(ImportList *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
    *l = (ImportList){0};
}

int import_cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int import_code_is_null(const char *code)
{
    if (strcmp(code, "---") == 0)
        return 1;
    if (strcmp(code, "###") == 0)
        return 2;
    if (strcmp(code, "+++") == 0)
        return 3;
    return 0;
}

/* ------------------------------------------------------------------ words */

/* Lower-case a foreign word (no '_' inside); strips '~' connectors.  0 when it
 * has characters our format cannot carry, or is empty. */
static int clean_word(const char *s, size_t n, char *out, size_t cap)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '~')
            continue;
        if (c >= 'A' && c <= 'Z')
            c = (char)(c + 32);
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '\'' ||
              c == '-'))
            return 0;
        if (k + 1 >= cap)
            return 0;
        out[k++] = c;
    }
    out[k] = '\0';
    /* must contain a letter or digit: "-" or "." alone would tokenize oddly */
    for (size_t i = 0; i < k; i++)
        if ((out[i] >= 'a' && out[i] <= 'z') || (out[i] >= '0' && out[i] <= '9'))
            return 1;
    return 0;
}

/* A word of a phrase as written, and whether it is a stem. */
typedef struct RawWord {
    char w[64];  /* lower case */
    int stem;    /* 1: matches any word it begins */
    int noend;   /* 1: written "WORD=": takes no ending at all */
    int joined;  /* 1: written "WORD_": the next word follows at once */
} RawWord;

/* Split a foreign phrase ("AL_GORE", "AL GORE", "ARGENTIN") into words.  A word
 * followed by '_' is exact, and so is one ending in '=' (TABARI's "MOUSE=");
 * one followed by a blank or ending the phrase without either is a stem.
 * Returns the number of words, -1 when a word cannot be written. */
static int split_phrase(const char *s, RawWord *out, int max)
{
    int n = 0;
    const char *p = s;
    while (*p) {
        while (*p == ' ' || *p == '\t' || *p == '_' || *p == '=')
            p++;
        if (!*p)
            break;
        const char *e = p;
        while (*e && *e != ' ' && *e != '\t' && *e != '_' && *e != '=')
            e++;
        if (n == max)
            return -1;
        if (!clean_word(p, (size_t)(e - p), out[n].w, sizeof out[n].w))
            return -1;
        out[n].stem = *e != '_' && *e != '=';
        out[n].noend = *e == '=';
        out[n].joined = *e == '_';
        n++;
        p = e;
    }
    return n;
}

/* Sorted words for stem expansion. */
typedef struct Lexicon {
    char **w;      /* sorted, unique, lower case */
    size_t n;      /* count */
    int loaded;    /* built yet */
} Lexicon;

static void lex_add_word(ImportList *l, const char *s, size_t n)
{
    char buf[64];
    if (n == 0 || n >= sizeof buf)
        return;
    if (!clean_word(s, n, buf, sizeof buf))
        return;
    import_list_push(l, xstrdup(buf));
}

static void lex_wordnet(ImportList *l, const char *file, int noun)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", WORDNET, file);
    FILE *f = fopen(path, "r");
    if (!f)
        return;
    char *line = NULL;
    size_t cap = 0;
    while (getline(&line, &cap, f) != -1) {
        if (line[0] == ' ')
            continue;
        char *sp = strchr(line, ' ');
        if (!sp || memchr(line, '_', (size_t)(sp - line)))
            continue;
        *sp = '\0';
        lex_add_word(l, line, strlen(line));
        if (noun && strlen(line) < MORPH_MAX_LEN) {
            MorphForms mf;
            morph_noun_forms(line, &mf);
            for (int i = 0; i < mf.n; i++)
                lex_add_word(l, mf.form[i], strlen(mf.form[i]));
        }
    }
    free(line);
    fclose(f);
}

/* Words of a text file: runs of letters, digits, '-', '\'' and '.'. */
static void lex_text(ImportList *l, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return;
    char *line = NULL;
    size_t cap = 0;
    while (getline(&line, &cap, f) != -1) {
        char *p = line;
        while (*p) {
            while (*p && !((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                           (*p >= '0' && *p <= '9')))
                p++;
            char *e = p;
            while ((*e >= 'a' && *e <= 'z') || (*e >= 'A' && *e <= 'Z') ||
                   (*e >= '0' && *e <= '9') || *e == '-' || *e == '\'')
                e++;
            if (e > p)
                lex_add_word(l, p, (size_t)(e - p));
            p = e;
        }
    }
    free(line);
    fclose(f);
}

static void lex_build(Lexicon *lx, const ImportSources *src)
{
    ImportList l = {0};
    if (!src->no_wordnet) {
        lex_wordnet(&l, "index.noun", 1);
        lex_wordnet(&l, "index.verb", 0);
        lex_wordnet(&l, "index.adj", 0);
        lex_wordnet(&l, "index.adv", 0);
    }
    for (int i = 0; i < src->n[IMPORT_LEXICON]; i++)
        lex_text(&l, src->files[IMPORT_LEXICON][i]);
    qsort(l.v, l.n, sizeof *l.v, import_cmp_str);
    size_t k = 0;
    for (size_t i = 0; i < l.n; i++) {
        if (k && strcmp(l.v[k - 1], l.v[i]) == 0)
            free(l.v[i]);
        else
            l.v[k++] = l.v[i];
    }
    lx->w = l.v;
    lx->n = k;
    lx->loaded = 1;
}

/* Index of the first word >= s. */
static size_t lex_lower(const Lexicon *lx, const char *s)
{
    size_t lo = 0, hi = lx->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (strcmp(lx->w[mid], s) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* ------------------------------------------------------------------ collected data */

typedef struct Set {
    char *name;       /* our name: t_NAME */
    ImportList members;  /* members as written */
    char *file;       /* where it was defined */
    int line;         /* line */
    int state;        /* 0 not expanded, 1 expanding, 2 done */
    int marked;       /* 0 not known yet, 1 being looked at, 2 no member holds a slot mark
                         ($ + % ^), 3 one does, or a set one names (set_marked) */
    ImportList phrases;  /* expanded phrases, words separated by blanks */
} Set;

typedef struct Head {
    char *text;   /* as written */
    char *forms;  /* irregular forms as written, or NULL */
    char *code;   /* own code, or NULL for the block's */
    char *file;   /* file */
    int line;     /* line */
    int block;    /* block index */
} Head;

typedef struct Pattern {
    char *text;  /* between '-' and '[' */
    char *code;  /* inside the brackets */
    char *file;  /* file */
    int line;    /* line */
    int block;   /* block index */
} Pattern;

typedef struct Block {
    char *code;      /* the block's code as written, may be NULL */
    size_t first_pattern; /* patterns of a block are contiguous */
    size_t n_patterns;    /* count */
} Block;

struct ImportOut {
    const ImportSources *src; /* what is imported */
    FILE *errors;             /* warnings, may be NULL */
    ImportStats *st;          /* counts */
    char dir[4096];           /* output folder */
    FILE *actors, *agents, *discards; /* output files */
    int failed;               /* a write failed */
    unsigned next_id;         /* ids a1, a2, ... */
    Lexicon lex;              /* for stems, built on first use */
    StrMap wn_verbs;          /* WordNet verb lemmas */
    StrMap wn_exc;            /* inflected verb -> index into exc_base */
    ImportList exc_base;         /* bases of verb.exc */
    StrMap codes_seen;        /* codes used by patterns */
    ImportList codes;            /* the same, in order */
    Set *sets;                /* synonym sets */
    size_t n_sets, cap_sets;  /* count, allocated */
    StrMap set_index;         /* our name -> index */
    Head *heads;              /* verb heads */
    size_t n_heads, cap_heads;
    Pattern *pats;            /* patterns */
    size_t n_pats, cap_pats;
    Block *blocks;            /* verb blocks */
    size_t n_blocks, cap_blocks;
    ImportList discard_phrases;  /* discard phrases, written at the end */
    ImportList strings;          /* owned file names */
    Arena scratch;            /* tokenizing phrases to count their tokens */
};

#define GROW(arr, n, cap)                                                  \
    do {                                                                   \
        if ((n) == (cap)) {                                                \
            (cap) = (cap) ? (cap) * 2 : 64;                                \
            (arr) = xrealloc((arr), (cap) * sizeof *(arr));                \
        }                                                                  \
    } while (0)

void iout_warn(ImportOut *o, const char *file, int line, const char *fmt, ...)
{
    o->st->skipped++;
    if (!o->errors)
        return;
    va_list ap;
    va_start(ap, fmt);
    fprintf(o->errors, "%s:%d: warning: ", file, line);
    vfprintf(o->errors, fmt, ap);
    fputc('\n', o->errors);
    va_end(ap);
}

/* fopen for reading; on failure "PATH: cannot open: REASON" on errors (may be
 * NULL) and NULL.  Every foreign file is opened this way so the message is one. */
FILE *import_open(const char *path, FILE *errors)
{
    FILE *f = fopen(path, "r");
    if (!f && errors)
        fprintf(errors, "%s: cannot open: %s\n", path, strerror(errno));
    return f;
}

/* Open a foreign dictionary; one that cannot be opened is reported and counted
 * as a bad line, and the import goes on without it. */
FILE *iout_fopen(ImportOut *o, const char *path)
{
    FILE *f = import_open(path, o->errors);
    if (!f)
        o->st->bad_lines++;
    return f;
}

static char *keep_file(ImportOut *o, const char *file)
{
    if (o->strings.n && strcmp(o->strings.v[o->strings.n - 1], file) == 0)
        return o->strings.v[o->strings.n - 1];
    import_list_push(&o->strings, xstrdup(file));
    return o->strings.v[o->strings.n - 1];
}

static void add_exception(const char *form, const char *base, void *ctx)
{
    ImportOut *o = ctx;
    int added;
    strmap_put(&o->wn_exc, form, strlen(form), (uint32_t)o->exc_base.n, &added);
    if (added)
        import_list_push(&o->exc_base, xstrdup(base));
}

static void load_wordnet_verbs(ImportOut *o)
{
    char path[256];
    snprintf(path, sizeof path, "%s/index.verb", WORDNET);
    FILE *f = fopen(path, "r");
    char *line = NULL;
    size_t cap = 0;
    if (f) {
        while (getline(&line, &cap, f) != -1) {
            char *sp = strchr(line, ' ');
            if (line[0] != ' ' && sp)
                strmap_put(&o->wn_verbs, line, (size_t)(sp - line), 1, NULL);
        }
        fclose(f);
    }
    free(line);
    snprintf(path, sizeof path, "%s/verb.exc", WORDNET);
    morph_read_exceptions(path, add_exception, o);
}

/* Create name under the output folder.  A failure fails the import (o->failed);
 * report: also say so on o->errors (the sets file and the codebook fail quietly,
 * as the import then fails anyway). */
static FILE *create_out(ImportOut *o, const char *name, int report)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/%s", o->dir, name);
    FILE *f = fopen(path, "w");
    if (!f) {
        if (report && o->errors)
            fprintf(o->errors, "%s: cannot write: %s\n", path, strerror(errno));
        o->failed = 1;
    }
    return f;
}

/* Close a file of the translation: a write that failed late fails the import. */
static void close_out(ImportOut *o, FILE *f)
{
    if (fclose(f) != 0)
        o->failed = 1;
}

/* A knowledge-base text file of the translation, with the header that marks it
 * as a build artefact. */
static FILE *open_out(ImportOut *o, const char *name)
{
    FILE *f = create_out(o, name, 1);
    if (f)
        fprintf(f, "# Translated by dyad from foreign dictionaries: a build artefact, never commit.\n");
    return f;
}

int import_mkdir_p(const char *dir)
{
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s", dir);
    for (char *p = tmp + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(tmp, 0777) != 0 && errno != EEXIST)
            return -1;
        *p = '/';
    }
    return mkdir(tmp, 0777) != 0 && errno != EEXIST ? -1 : 0;
}

ImportOut *iout_open(const ImportSources *src, const char *out_dir, FILE *errors, ImportStats *st)
{
    ImportOut *o = calloc(1, sizeof *o);
    if (!o)
        abort();
    o->src = src;
    o->errors = errors;
    o->st = st;
    memset(st, 0, sizeof *st);
    snprintf(o->dir, sizeof o->dir, "%s", out_dir);
    strmap_init(&o->wn_verbs);
    strmap_init(&o->wn_exc);
    strmap_init(&o->codes_seen);
    strmap_init(&o->set_index);
    arena_init(&o->scratch, 16 * 1024);
    char verbs[4200];
    snprintf(verbs, sizeof verbs, "%s/verbs", out_dir);
    if (import_mkdir_p(verbs) != 0) {
        if (errors)
            fprintf(errors, "%s: cannot create: %s\n", verbs, strerror(errno));
        o->failed = 1;
    }
    o->actors = open_out(o, "actors.txt");
    o->agents = open_out(o, "agents.txt");
    o->discards = open_out(o, "discards.txt");
    FILE *opt = open_out(o, "options.txt");
    if (opt) {
        /* TABARI and PETRARCH take the first actor after the verb as the target,
         * and their anchor is the verb word alone.  TABARI matches a verb's words
         * wherever they stand and codes one verb a conjunct clause (sparse.c);
         * PETRARCH codes verb phrases only, its pattern words before '*' may be
         * the verb's auxiliaries ("- WILL NOT *"), an infinitive under a verb
         * that matched is part of its phrase, and an underscore in the text
         * separates words as it joins them in its dictionaries (the parses of
         * its unit tests have "Dol_Amroth" as two words). */
        if (o->src->dialect == IMPORT_TABARI)
            fprintf(opt, "option target = first-actor\noption anchor = any-word\noption coding = sparse\n");
        else
            fprintf(opt, "option target = first-actor\noption auxiliaries = pattern-words\n"
                         "option infinitive = governed\noption role-alone = null-country\n"
                         "option noun-phrase = any-actor\noption passive = by-agent\n"
                         "option words = exact\noption underscore = space\n");
        close_out(o, opt);
    }
    load_wordnet_verbs(o);
    return o;
}

/* ------------------------------------------------------------------ phrases */

/* Tokens the coder's tokenizer makes of s ("sec." may be two), 0 on error. */
static size_t count_tokens(ImportOut *o, const char *s)
{
    arena_reset(&o->scratch);
    TxtNorm norm;
    TxtError err;
    if (txt_normalize(s, strlen(s), &o->scratch, &norm, &err) != 0)
        return 0;
    size_t nt;
    txt_tokenize(norm.text, (TxtSpan){0, (uint32_t)norm.len}, &o->scratch, &nt);
    return nt;
}

/* Keep the phrases the compiler takes: 1..KB_MAX_PHRASE tokens. */
static void filter_phrases(ImportOut *o, ImportList *l)
{
    size_t k = 0;
    for (size_t i = 0; i < l->n; i++) {
        size_t nt = count_tokens(o, l->v[i]);
        if (nt >= 1 && nt <= KB_MAX_PHRASE)
            l->v[k++] = l->v[i];
        else
            free(l->v[i]);
    }
    l->n = k;
}

/* TABARI's stems ("ARGENTIN", "RESUM"): push the lexicon's words the stem
 * begins, other than itself, onto out (shorter stems match only themselves). */
static void stem_words(ImportOut *o, const char *stem, ImportList *out)
{
    if (strlen(stem) < MIN_STEM)
        return;
    if (!o->lex.loaded)
        lex_build(&o->lex, o->src);
    o->st->stems++;
    size_t len = strlen(stem);
    int hits = 0;
    for (size_t k = lex_lower(&o->lex, stem);
         k < o->lex.n && strncmp(o->lex.w[k], stem, len) == 0 && hits < MAX_STEM_HITS; k++)
        /* not "dagolath's": our tokenizer cuts the possessive off, and the
         * actor then reaches over what follows it */
        if (strcmp(o->lex.w[k], stem) != 0 && !strchr(o->lex.w[k] + len, '\'')) {
            import_list_push(out, xstrdup(o->lex.w[k]));
            hits++;
        }
}

/* Expand a foreign phrase into our phrases (blank-separated lower-case words),
 * stems against the lexicon.  plural: also add the plural of the last word.
 * Returns the number added to out, 0 when the phrase cannot be written. */
/* The words of one combination, written for our compiler: TABARI's blank
 * between two words is a gap (" ... "), which sparse coding lets other words
 * fill ("DURTHANG ORC" in "Durthang ... rebel Orc forces"); with `glue`, the
 * words TABARI joins with '_' are one token, as text writes them ("PRINCE
 * DOL_AMROTH" in "the Prince of Dol_Amroth"). */
static char *combination(const ImportOut *o, const RawWord *w, ImportList *alts, const int *idx, int n, int glue)
{
    Buf b;
    buf_init(&b);
    for (int i = 0; i < n; i++) {
        if (i && glue && w[i - 1].joined)
            buf_putc(&b, '_');
        else if (i && !w[i - 1].joined && !w[i - 1].noend && o->src->dialect == IMPORT_TABARI)
            buf_puts(&b, " ... ");
        else if (i)
            buf_putc(&b, ' ');
        buf_puts(&b, alts[i].v[idx[i]]);
    }
    /* TABARI's "MOUSE=": our compiler reads the mark off the phrase's end */
    if (w[n - 1].noend && o->src->dialect == IMPORT_TABARI)
        buf_putc(&b, '=');
    char *r = xstrndup(b.data, b.len);
    buf_free(&b);
    return r;
}

/* `actor`: an actor's name, which text may write with TABARI's '_' (see
 * combination). */
static int expand_phrase(ImportOut *o, const char *raw, int plural, int actor, ImportList *out)
{
    RawWord w[KB_MAX_PHRASE];
    int n = split_phrase(raw, w, KB_MAX_PHRASE);
    if (n <= 0)
        return 0;
    ImportList alts[KB_MAX_PHRASE];
    memset(alts, 0, sizeof alts);
    size_t product = 1;
    for (int i = 0; i < n; i++) {
        import_list_push(&alts[i], xstrdup(w[i].w));
        if (w[i].stem && o->src->dialect == IMPORT_TABARI)
            stem_words(o, w[i].w, &alts[i]);
        if ((plural && i == n - 1) && strlen(w[i].w) < MORPH_MAX_LEN) {
            size_t base_n = alts[i].n;
            for (size_t k = 0; k < base_n; k++) {
                if (strlen(alts[i].v[k]) >= MORPH_MAX_LEN)
                    continue;
                MorphForms mf;
                morph_noun_forms(alts[i].v[k], &mf);
                for (int j = 0; j < mf.n; j++)
                    import_list_push(&alts[i], xstrdup(mf.form[j]));
            }
        }
        product *= alts[i].n;
    }
    /* too many combinations: only the last word keeps its alternatives */
    if (product > MAX_EXPAND)
        for (int i = 0; i < n - 1; i++)
            while (alts[i].n > 1)
                free(alts[i].v[--alts[i].n]);
    int idx[KB_MAX_PHRASE] = {0};
    int added = 0, joins = 0;
    for (int i = 0; i + 1 < n; i++)
        joins += w[i].joined;
    for (;;) {
        import_list_push(out, combination(o, w, alts, idx, n, 0));
        if (joins && actor && o->src->dialect == IMPORT_TABARI && added + 1 < MAX_EXPAND) {
            import_list_push(out, combination(o, w, alts, idx, n, 1));
            added++;
        }
        if (++added >= MAX_EXPAND)
            break;
        int i = n - 1;
        while (i >= 0 && ++idx[i] == (int)alts[i].n)
            idx[i--] = 0;
        if (i < 0)
            break;
    }
    for (int i = 0; i < n; i++)
        import_list_free(&alts[i]);
    size_t before = out->n - (size_t)added;
    ImportList mine = {out->v + before, (size_t)added, (size_t)added};
    filter_phrases(o, &mine);
    out->n = before + mine.n;
    return (int)mine.n;
}

static void write_phrases(FILE *f, const ImportList *l)
{
    for (size_t i = 0; i < l->n; i++)
        fprintf(f, "%s%s", i ? " | " : "", l->v[i]);
    fputc('\n', f);
}

static int clean_code_free(const char *s, char *out, size_t cap, int free_form);

/* An actor code as ours: upper case, length a multiple of 3; compound
 * "ELR/GAL" keeps its first part.  0 when it cannot be used. */
static int clean_code(const char *s, char *out, size_t cap)
{
    return clean_code_free(s, out, cap, 0);
}

/* The same, any length when `free_form`: TABARI's codes are strings ("YEMNO"),
 * which our compiler takes for an org under `option coding = sparse`. */
static int clean_code_free(const char *s, char *out, size_t cap, int free_form)
{
    size_t k = 0;
    for (; *s && *s != '/' && k + 1 < cap; s++) {
        char c = *s;
        if (c >= 'a' && c <= 'z')
            c = (char)(c - 32);
        if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
            return 0;
        out[k++] = c;
    }
    out[k] = '\0';
    if (*s && *s != '/')
        return 0;
    return k > 0 && (free_form || k % 3 == 0);
}

/* An actor code of an actors file as ours.  "ELR/GAL" is one entry standing
 * for several actors: each part is cleaned and the list kept (the coder makes
 * a compound of them); a dated TABARI role keeps the first part. */
static int clean_actor_code(const ImportOut *o, const char *s, char *out, size_t cap, int dated)
{
    int tabari = o->src->dialect == IMPORT_TABARI;
    if (!strchr(s, '/') || (dated && tabari))
        return clean_code_free(s, out, cap, tabari && !dated);
    size_t k = 0;
    for (const char *p = s; *p;) {
        char part[32], clean[32];
        size_t n = strcspn(p, "/");
        if (n == 0 || n >= sizeof part)
            return 0;
        memcpy(part, p, n);
        part[n] = '\0';
        if (!clean_code(part, clean, sizeof clean) || k + strlen(clean) + 2 > cap)
            return 0;
        k += (size_t)snprintf(out + k, cap - k, "%s%s", k ? "/" : "", clean);
        p += n + (p[n] == '/');
    }
    return k > 0;
}

static void day_text(int32_t d, char out[11])
{
    kb_format_day(d, out);
}

/* ------------------------------------------------------------------ actors */

static void add_discards(ImportOut *o, const ImportList *phrases)
{
    for (size_t i = 0; i < phrases->n; i++)
        import_list_push(&o->discard_phrases, xstrdup(phrases->v[i]));
}

void iout_discard_phrase(ImportOut *o, const char *raw)
{
    ImportList phrases = {0};
    if (expand_phrase(o, raw, 0, 0, &phrases) > 0)
        add_discards(o, &phrases);
    import_list_free(&phrases);
}

typedef struct Span {
    int32_t from, to;  /* inclusive days */
    char code[32];     /* actor code */
} Span;

static int cmp_span(const void *a, const void *b)
{
    const Span *x = a, *y = b;
    return x->from < y->from ? -1 : x->from > y->from;
}

/* Add to the disjoint spans kept[0..n) the days of s that none of them holds
 * (s split around them); *kept grows as needed.  Returns the new count. */
static int span_paint_under(Span *kept, int n, int *cap, const Span *s, Span **grown)
{
    Span piece[64];  /* the parts of s still free; at most one more per kept span */
    int np = 1;
    piece[0] = *s;
    for (int k = 0; k < n && np > 0; k++) {
        Span next[64];
        int nn = 0;
        for (int i = 0; i < np && nn + 2 <= 64; i++) {
            Span p = piece[i];
            if (p.to < kept[k].from || p.from > kept[k].to) {
                next[nn++] = p;
                continue;
            }
            if (p.from < kept[k].from) {
                next[nn] = p;
                next[nn++].to = kept[k].from - 1;
            }
            if (p.to > kept[k].to) {
                next[nn] = p;
                next[nn++].from = kept[k].to + 1;
            }
        }
        memcpy(piece, next, sizeof *next * (size_t)nn);
        np = nn;
    }
    for (int i = 0; i < np; i++) {
        if (n == *cap) {
            *cap *= 2;
            kept = xrealloc(kept, sizeof *kept * (size_t)*cap);
        }
        kept[n++] = piece[i];
    }
    *grown = kept;
    return n;
}

static void write_actor(ImportOut *o, const char *path, ForeignActor *a, ImportList *pending)
{
    ImportList phrases = {0};
    for (size_t i = 0; i < pending->n; i++)
        expand_phrase(o, pending->v[i], 0, 1, &phrases);
    import_list_free(pending);
    for (int i = 0; i < a->n_names; i++)
        if (!expand_phrase(o, a->raw[i], 0, 1, &phrases))
            iout_warn(o, path, a->line, "name \"%s\" has characters or words dyad cannot use", a->raw[i]);
    if (!phrases.n) {
        import_list_free(&phrases);
        return;
    }
    char deflt[32] = "";
    int special = 0;
    Span *spans = xmalloc(sizeof *spans * (size_t)(a->n_roles + 1));
    int ns = 0;
    for (int r = 0; r < a->n_roles; r++) {
        ForeignRole *fr = &a->roles[r];
        int null = import_code_is_null(fr->code);
        int tabari = o->src->dialect == IMPORT_TABARI;
        if (null && !(fr->dated && tabari)) {
            if (!fr->dated && null >= 2)
                special = null;
            /* TABARI's "BLACKMOOR [BKM <020101] [###]": the undated discard is the
             * code of every other day, a sentence naming the actor then is not
             * coded (KB_DISCARD_ROLE, written only when there are dated roles) */
            if (!fr->dated && null >= 2 && tabari && !deflt[0])
                snprintf(deflt, sizeof deflt, "%s", KB_DISCARD_ROLE);
            continue;
        }
        /* TABARI's "[--- <950630]": no actor on those days; the span holds them
         * (an empty code, not written) so the default does not fill them;
         * "[### <020101]": a discard on those days */
        char code[32] = "";
        if (null >= 2)
            snprintf(code, sizeof code, "%s", KB_DISCARD_ROLE);
        if (!null && !clean_actor_code(o, fr->code, code, sizeof code, fr->dated)) {
            iout_warn(o, path, fr->line, "actor code \"%s\" is not a CAMEO-shaped code; role skipped", fr->code);
            continue;
        }
        if (!fr->dated) {
            if (!deflt[0])
                snprintf(deflt, sizeof deflt, "%s", code);
            continue;
        }
        spans[ns].from = fr->from == INT32_MIN ? kb_parse_day("1900-01-01") : fr->from;
        spans[ns].to = fr->to;
        snprintf(spans[ns].code, sizeof spans[ns].code, "%s", code);
        if (spans[ns].to >= spans[ns].from)
            ns++;
    }
    unsigned id = ++o->next_id;
    if (ns == 0 && special) {
        add_discards(o, &phrases);
    } else if (ns == 0 && deflt[0]) {
        if (o->actors) {
            /* a bare three-letter code is a country: role nouns combine with it
             * ("Calenardhon government" is CALGOV, as TABARI codes it) */
            fprintf(o->actors, "%s a%u %s = ", strlen(deflt) == 3 ? "country" : "org", id, deflt);
            write_phrases(o->actors, &phrases);
        }
        o->st->actors++;
        o->st->phrases += (unsigned)phrases.n;
    } else if (ns > 0) {
        /* overlaps: a role listed earlier wins over the days of a later one
         * (PETRARCH's documented rule, and TABARI's first-match reading), so
         * each role keeps only the days no earlier role holds, maybe in pieces */
        int cap_kept = 2 * ns + 2, nk = 0;
        Span *kept = xmalloc(sizeof *kept * (size_t)cap_kept);
        for (int i = 0; i < ns; i++)
            nk = span_paint_under(kept, nk, &cap_kept, &spans[i], &kept);
        qsort(kept, (size_t)nk, sizeof *kept, cmp_span);
        Span *out = xmalloc(sizeof *out * (size_t)(2 * nk + 2));
        int no = 0;
        int32_t cursor = kb_parse_day("1900-01-01");
        for (int i = 0; i < nk; i++) {
            Span s = kept[i];
            if (deflt[0] && s.from > cursor) {
                out[no] = (Span){cursor, s.from - 1, ""};
                snprintf(out[no].code, sizeof out[no].code, "%s", deflt);
                no++;
            }
            out[no++] = s;
            cursor = s.to == INT32_MAX ? INT32_MAX : s.to + 1;
        }
        free(kept);
        if (deflt[0] && cursor != INT32_MAX) {
            out[no] = (Span){cursor, INT32_MAX, ""};
            snprintf(out[no].code, sizeof out[no].code, "%s", deflt);
            no++;
        }
        if (o->actors) {
            fprintf(o->actors, "person a%u = ", id);
            write_phrases(o->actors, &phrases);
            for (int i = 0; i < no; i++) {
                if (!out[i].code[0])
                    continue;
                char from[11], to[11];
                day_text(out[i].from, from);
                if (out[i].to == INT32_MAX)
                    snprintf(to, sizeof to, "-");
                else
                    day_text(out[i].to, to);
                fprintf(o->actors, "  role %s %s %s\n", out[i].code, from, to);
            }
        }
        o->st->people++;
        o->st->roles += (unsigned)no;
        o->st->phrases += (unsigned)phrases.n;
        free(out);
    } else {
        /* nothing to code it as: [---], or no role at all */
        iout_warn(o, path, a->line, "actor \"%s\" has no usable code; skipped", a->raw[0]);
    }
    free(spans);
    import_list_free(&phrases);
}

/* TABARI's <NOUN> and <ADJECTIVE> lists: words that, on both sides of "and",
 * make it join two words rather than two clauses (sparse.c).  Sets of names
 * no TABARI synset can take (theirs are t_NAME); every actors file adds to them. */
static void list_set(ImportOut *o, const char *name, char **words, size_t n, const char *path)
{
    if (!n || o->src->dialect != IMPORT_TABARI)
        return;
    int added;
    uint32_t *idx = strmap_put(&o->set_index, name, strlen(name), (uint32_t)o->n_sets, &added);
    if (added) {
        GROW(o->sets, o->n_sets, o->cap_sets);
        Set *s = &o->sets[o->n_sets++];
        memset(s, 0, sizeof *s);
        s->name = xstrdup(name);
        s->file = keep_file(o, path);
    }
    for (size_t i = 0; i < n; i++)
        import_list_push(&o->sets[*idx].members, xstrdup(words[i]));
}

void iout_actors_file(ImportOut *o, const char *path)
{
    ForeignActors *fa = foreign_actors_read(path, o->errors);
    if (!fa) {
        if (o->errors)
            fprintf(o->errors, "%s: cannot open: %s\n", path, strerror(errno));
        o->st->bad_lines++;
        return;
    }
    o->st->bad_lines += (unsigned)fa->bad_lines;
    ImportList pending = {0};  /* names of code-less entries: synonyms of the next entry */
    for (size_t i = 0; i < fa->n; i++) {
        ForeignActor *a = &fa->actors[i];
        if (a->n_roles == 0) {
            for (int k = 0; k < a->n_names; k++)
                import_list_push(&pending, xstrdup(a->raw[k]));
            continue;
        }
        write_actor(o, path, a, &pending);
    }
    if (pending.n)
        iout_warn(o, path, fa->n ? fa->actors[fa->n - 1].line : 0,
                  "%zu names without a code at the end of the file; skipped", pending.n);
    import_list_free(&pending);
    list_set(o, KB_SET_TABARI_NOUNS, fa->listed[0], fa->n_listed[0], path);
    list_set(o, KB_SET_TABARI_ADJECTIVES, fa->listed[1], fa->n_listed[1], path);
    foreign_actors_free(fa);
}

/* ------------------------------------------------------------------ agents */

typedef struct Subst {
    char name[64];    /* "!PERSON!" */
    ImportList values;   /* "MAN", "MEN", ... */
} Subst;

/* Expand !X! substitutions in s into out (owned strings). */
static void substitute(const Subst *subs, int n_subs, const char *s, ImportList *out, int depth)
{
    const char *bang = strchr(s, '!');
    const char *end = bang ? strchr(bang + 1, '!') : NULL;
    if (!bang || !end || depth > 3) {
        import_list_push(out, xstrdup(s));
        return;
    }
    size_t nlen = (size_t)(end - bang + 1);
    for (int i = 0; i < n_subs; i++) {
        if (strlen(subs[i].name) != nlen || strncmp(subs[i].name, bang, nlen) != 0)
            continue;
        for (size_t k = 0; k < subs[i].values.n; k++) {
            Buf b;
            buf_init(&b);
            buf_put(&b, s, (size_t)(bang - s));
            buf_puts(&b, subs[i].values.v[k]);
            buf_puts(&b, end + 1);
            char *t = xstrndup(b.data, b.len);
            buf_free(&b);
            substitute(subs, n_subs, t, out, depth + 1);
            free(t);
        }
        return;
    }
    /* unknown substitution: drop the marks */
    Buf b;
    buf_init(&b);
    buf_put(&b, s, (size_t)(bang - s));
    buf_put(&b, bang + 1, (size_t)(end - bang - 1));
    buf_puts(&b, end + 1);
    char *t = xstrndup(b.data, b.len);
    buf_free(&b);
    import_list_push(out, t);
}

void iout_agents_file(ImportOut *o, const char *path)
{
    FILE *f = iout_fopen(o, path);
    if (!f)
        return;
    Subst subs[16];
    int n_subs = 0;
    char *line = NULL;
    size_t cap = 0;
    int lineno = 0, in_comment = 0;
    while (getline(&line, &cap, f) != -1) {
        lineno++;
        char *c = foreign_line_start(line, &in_comment, 0);
        if (!c)
            continue;
        if (*c == '#' || *c == '<' || strncmp(c, "~~", 2) == 0)
            continue;
        c[strcspn(c, ";#\n\r")] = '\0';
        import_trim(c);
        if (!*c)
            continue;
        if (c[0] == '!' && strchr(c, '=')) {
            char *eq = strchr(c, '=');
            *eq = '\0';
            import_trim(c);
            if (n_subs == 16 || strlen(c) >= sizeof subs[0].name) {
                iout_warn(o, path, lineno, "too many substitutions");
                continue;
            }
            Subst *s = &subs[n_subs++];
            snprintf(s->name, sizeof s->name, "%s", c);
            s->values = (ImportList){0};
            char *save = NULL;
            for (char *t = strtok_r(eq + 1, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
                import_trim(t);
                if (*t)
                    import_list_push(&s->values, xstrdup(t));
            }
            continue;
        }
        char *br = strrchr(c, '[');
        char *close = br ? strchr(br, ']') : NULL;
        if (!br || !close) {
            iout_warn(o, path, lineno, "agent line without [CODE]; skipped");
            o->st->bad_lines++;
            continue;
        }
        *close = '\0';
        char *code = br + 1;
        import_trim(code);
        *br = '\0';
        int prefix = 0;
        if (code[0] == '~')
            code++;
        else if (*code && code[strlen(code) - 1] == '~') {
            code[strlen(code) - 1] = '\0';
            prefix = 1;
        }
        import_trim(code);
        char sector[32];
        if (!clean_code(code, sector, sizeof sector)) {
            iout_warn(o, path, lineno, "agent code \"%s\" cannot be used; skipped", code);
            continue;
        }
        /* names: before '{', plus the forms inside it */
        ImportList names = {0};
        char *brace = strchr(c, '{');
        if (brace) {
            char *bend = strchr(brace, '}');
            if (bend)
                *bend = '\0';
            char *save = NULL;
            for (char *t = strtok_r(brace + 1, " \t", &save); t; t = strtok_r(NULL, " \t", &save))
                substitute(subs, n_subs, t, &names, 0);
            *brace = '\0';
        }
        import_trim(c);
        if (*c)
            substitute(subs, n_subs, c, &names, 0);
        /* PETRARCH: "{...}" lists the plurals ("{}": none, "POLICE {}" is not
         * "polices"); else the regular plural is added */
        int plural = !(brace && o->src->dialect == IMPORT_PETRARCH);
        ImportList phrases = {0};
        for (size_t i = 0; i < names.n; i++)
            if (!expand_phrase(o, names.v[i], plural, 0, &phrases))
                iout_warn(o, path, lineno, "agent name \"%s\" cannot be used", names.v[i]);
        if (phrases.n && o->agents) {
            /* [SEC~]: the sector goes before the country ("MSF Arnor" is NGOARN) */
            fprintf(o->agents, "agent g%u %s%s = ", ++o->next_id, sector, prefix ? "~" : "");
            write_phrases(o->agents, &phrases);
            o->st->agents++;
            o->st->phrases += (unsigned)phrases.n;
        }
        import_list_free(&names);
        import_list_free(&phrases);
    }
    for (int i = 0; i < n_subs; i++)
        import_list_free(&subs[i].values);
    free(line);
    fclose(f);
}

/* ------------------------------------------------------------------ discards, options */

void iout_discards_file(ImportOut *o, const char *path)
{
    FILE *f = iout_fopen(o, path);
    if (!f)
        return;
    char *line = NULL;
    size_t cap = 0;
    int lineno = 0, in_comment = 0;
    while (getline(&line, &cap, f) != -1) {
        lineno++;
        char *c = foreign_line_start(line, &in_comment, 0);
        if (!c)
            continue;
        c[strcspn(c, "#;[\n\r")] = '\0';
        if (*c == '+')
            c++;
        import_trim(c);
        if (!*c)
            continue;
        RawWord w[KB_MAX_PHRASE];
        int n = split_phrase(c, w, KB_MAX_PHRASE);
        if (n <= 0) {
            iout_warn(o, path, lineno, "discard phrase cannot be used; skipped");
            continue;
        }
        Buf b;
        buf_init(&b);
        for (int i = 0; i < n; i++) {
            if (i)
                buf_putc(&b, ' ');
            buf_puts(&b, w[i].w);
        }
        import_list_push(&o->discard_phrases, xstrndup(b.data, b.len));
        buf_free(&b);
    }
    free(line);
    fclose(f);
}

void iout_options_file(ImportOut *o, const char *path)
{
    FILE *f = import_open(path, o->errors); /* options are not counted as bad lines */
    if (!f)
        return;
    char *line = NULL;
    size_t cap = 0;
    int lineno = 0, noted = 0;
    while (getline(&line, &cap, f) != -1) {
        lineno++;
        import_trim(line);
        if (!*line || strncmp(line, "//", 2) == 0 || strncmp(line, "LABEL:", 6) == 0)
            continue;
        o->st->options++;
        /* COMPLEX, SET: ... USAGE, OUTPUT, MATCH: reporting and TABARI parser
         * limits; dyad's engine has no equivalent to switch. */
        if (!noted++ && o->errors)
            fprintf(o->errors, "%s:%d: note: TABARI options (COMPLEX, SET, OUTPUT...) have no "
                    "equivalent in dyad's engine and are read but not applied\n", path, lineno);
    }
    free(line);
    fclose(f);
}

/* ------------------------------------------------------------------ sets and verbs */

/* "&TIETYPES", "PREPOSIT1_" -> "t_TIETYPES", "t_PREPOSIT1"; 0 when unusable. */
static int set_name(const char *raw, char *out, size_t cap)
{
    while (*raw == '&' || *raw == ' ')
        raw++;
    size_t n = strlen(raw);
    while (n && (raw[n - 1] == '_' || raw[n - 1] == ' ' || raw[n - 1] == '\t'))
        n--;
    if (n == 0 || n + 3 > cap)
        return 0;
    size_t k = 0;
    out[k++] = 't';
    out[k++] = '_';
    for (size_t i = 0; i < n; i++) {
        char c = raw[i];
        if (c >= 'a' && c <= 'z')
            c = (char)(c - 32);
        if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'))
            return 0;
        out[k++] = c;
    }
    out[k] = '\0';
    return 1;
}

void iout_set(ImportOut *o, const char *name, char **members, int n, const char *file, int line)
{
    char nm[80];
    if (!set_name(name, nm, sizeof nm)) {
        iout_warn(o, file, line, "set name \"%s\" cannot be used; skipped", name);
        return;
    }
    int added;
    strmap_put(&o->set_index, nm, strlen(nm), (uint32_t)o->n_sets, &added);
    if (!added) {
        iout_warn(o, file, line, "set %s defined twice; the first definition is kept", name);
        return;
    }
    GROW(o->sets, o->n_sets, o->cap_sets);
    Set *s = &o->sets[o->n_sets++];
    memset(s, 0, sizeof *s);
    s->name = xstrdup(nm);
    s->file = keep_file(o, file);
    s->line = line;
    for (int i = 0; i < n; i++)
        import_list_push(&s->members, xstrdup(members[i]));
}

void iout_block(ImportOut *o, const char *code, const char *file, int line)
{
    (void)file;
    (void)line;
    GROW(o->blocks, o->n_blocks, o->cap_blocks);
    Block *b = &o->blocks[o->n_blocks++];
    b->code = code ? xstrdup(code) : NULL;
    b->first_pattern = o->n_pats;
    b->n_patterns = 0;
}

void iout_head(ImportOut *o, const char *head, const char *forms, const char *code,
               const char *file, int line)
{
    if (!o->n_blocks)
        iout_block(o, NULL, file, line);
    GROW(o->heads, o->n_heads, o->cap_heads);
    Head *h = &o->heads[o->n_heads++];
    h->text = xstrdup(head);
    h->forms = forms ? xstrdup(forms) : NULL;
    h->code = code ? xstrdup(code) : NULL;
    h->file = keep_file(o, file);
    h->line = line;
    h->block = (int)o->n_blocks - 1;
}

void iout_head_forms(ImportOut *o, const char *forms)
{
    if (!o->n_heads)
        return;
    Head *h = &o->heads[o->n_heads - 1];
    free(h->forms);
    h->forms = xstrdup(forms);
}

void iout_pattern(ImportOut *o, const char *text, const char *code, const char *file, int line)
{
    if (!o->n_blocks) {
        iout_warn(o, file, line, "pattern before any verb; skipped");
        return;
    }
    Block *b = &o->blocks[o->n_blocks - 1];
    if (b->first_pattern + b->n_patterns != o->n_pats) {
        iout_warn(o, file, line, "pattern separated from its verb; skipped");
        return;
    }
    GROW(o->pats, o->n_pats, o->cap_pats);
    Pattern *p = &o->pats[o->n_pats++];
    p->text = xstrdup(text);
    p->code = xstrdup(code);
    p->file = keep_file(o, file);
    p->line = line;
    p->block = (int)o->n_blocks - 1;
    b->n_patterns++;
}

/* Expand a set member ("AUSTRIAN FLORIN", "&TIETYPES_MEMOS") into phrases. */
static void expand_set(ImportOut *o, Set *s);

static void expand_member(ImportOut *o, Set *s, const char *m, ImportList *out)
{
    /* pieces split on blanks and '_' */
    ImportList cur = {0};
    import_list_push(&cur, xstrdup(""));
    const char *p = m;
    while (*p) {
        /* TABARI's blank between two words: a gap (see combination) */
        int gap = 0;
        while (*p == ' ' || *p == '\t' || *p == '_' || *p == '+')
            gap |= *p++ != '_' && p[-1] != '+';
        if (!*p)
            break;
        const char *e = p;
        while (*e && *e != ' ' && *e != '\t' && *e != '_')
            e++;
        ImportList alts = {0};
        if (*p == '&') {
            char nm[80];
            uint32_t *idx = NULL;
            char raw[80];
            snprintf(raw, sizeof raw, "%.*s", (int)(e - p), p);
            if (set_name(raw, nm, sizeof nm))
                idx = strmap_get(&o->set_index, nm, strlen(nm));
            if (idx && o->sets[*idx].state != 1) {
                expand_set(o, &o->sets[*idx]);
                for (size_t i = 0; i < o->sets[*idx].phrases.n; i++) {
                    const char *ph = o->sets[*idx].phrases.v[i];
                    size_t len = strlen(ph);
                    /* its own exact end ('=') only ends a phrase */
                    import_list_push(&alts, xstrndup(ph, len - (len && ph[len - 1] == '=')));
                }
            }
        } else if (*p == '$' || *p == '+' || *p == '%' || *p == '^') {
            p = e;
            continue;
        } else {
            char w[64];
            if (clean_word(p, (size_t)(e - p), w, sizeof w))
                import_list_push(&alts, xstrdup(w));
        }
        if (!alts.n) {
            import_list_free(&cur);
            iout_warn(o, s->file, s->line, "set member \"%s\" cannot be used; skipped", m);
            return;
        }
        ImportList next = {0};
        for (size_t i = 0; i < cur.n && next.n < MAX_EXPAND; i++)
            for (size_t k = 0; k < alts.n && next.n < MAX_EXPAND; k++) {
                Buf b;
                buf_init(&b);
                buf_puts(&b, cur.v[i]);
                if (cur.v[i][0])
                    buf_puts(&b, gap && o->src->dialect == IMPORT_TABARI ? " ... " : " ");
                buf_puts(&b, alts.v[k]);
                import_list_push(&next, xstrndup(b.data, b.len));
                buf_free(&b);
            }
        import_list_free(&cur);
        import_list_free(&alts);
        cur = next;
        p = e;
    }
    /* "KRONER_": the last word is exact, not a stem ("kroneren" is not one);
     * our compiler reads the mark '=' off the phrase's end */
    size_t ml = strlen(m);
    while (ml && (m[ml - 1] == ' ' || m[ml - 1] == '\t'))
        ml--;
    int exact = ml > 1 && m[ml - 1] == '_' && m[ml - 2] != '_' && !strchr(m, '&') &&
                o->src->dialect == IMPORT_TABARI;
    for (size_t i = 0; i < cur.n; i++) {
        int words = 1;
        for (const char *q = cur.v[i]; *q; q++)
            words += *q == ' ';
        if (cur.v[i][0] && words <= KB_MAX_PHRASE) {
            if (exact) {
                Buf b;
                buf_init(&b);
                buf_printf(&b, "%s=", cur.v[i]);
                import_list_push(out, xstrndup(b.data, b.len));
                buf_free(&b);
            } else {
                import_list_push(out, xstrdup(cur.v[i]));
            }
        }
    }
    import_list_free(&cur);
}

static void expand_set(ImportOut *o, Set *s)
{
    if (s->state)
        return;
    s->state = 1;
    for (size_t i = 0; i < s->members.n; i++)
        expand_member(o, s, s->members.v[i], &s->phrases);
    filter_phrases(o, &s->phrases);
    s->state = 2;
}

/* The lemma of a verb head's first word: itself when WordNet has it as a verb,
 * else WordNet's exceptions, then regular
 * suffixes whose stripping gives a WordNet verb, else the word itself. */
static void verb_lemma(ImportOut *o, const char *w, char *out, size_t cap)
{
    size_t n = strlen(w);
    if (strmap_get(&o->wn_verbs, w, n)) {  /* "lay" stays "lay", not "lie" */
        snprintf(out, cap, "%s", w);
        return;
    }
    uint32_t *exc = strmap_get(&o->wn_exc, w, n);
    if (exc) {
        snprintf(out, cap, "%s", o->exc_base.v[*exc]);
        return;
    }
    if (n < 4) {
        snprintf(out, cap, "%s", w);
        return;
    }
    static const struct { const char *suf, *add; int undouble; } rules[] = {
        {"ies", "y", 0}, {"ied", "y", 0}, {"ing", "", 1}, {"ing", "e", 0}, {"ed", "", 1},
        {"ed", "e", 0}, {"es", "", 0}, {"s", "", 0}, {"en", "", 0}, {"en", "e", 0}};
    for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++) {
        size_t sl = strlen(rules[i].suf);
        if (n <= sl + 1 || strcmp(w + n - sl, rules[i].suf) != 0)
            continue;
        char cand[MORPH_MAX_LEN];
        size_t base = n - sl;
        if (base + 2 >= sizeof cand)
            continue;
        memcpy(cand, w, base);
        cand[base] = '\0';
        if (rules[i].undouble && base >= 2 && cand[base - 1] == cand[base - 2]) {
            cand[base - 1] = '\0';
            if (strmap_get(&o->wn_verbs, cand, strlen(cand))) {
                snprintf(out, cap, "%s", cand);
                return;
            }
            cand[base - 1] = cand[base - 2];
        }
        strcat(cand, rules[i].add);
        if (strmap_get(&o->wn_verbs, cand, strlen(cand))) {
            snprintf(out, cap, "%s", cand);
            return;
        }
    }
    snprintf(out, cap, "%s", w);
}

/* A TABARI verb stem ("RESTOR", "RATIF", "CRITICI"): the shortest WordNet verb it
 * begins, at most four letters longer ("restore", "ratify"); 0 when none. */
static int verb_of_stem(ImportOut *o, const char *w, char *out, size_t cap)
{
    size_t n = strlen(w);
    if (n < MIN_STEM)
        return 0;
    if (!o->lex.loaded)
        lex_build(&o->lex, o->src);
    const char *best = NULL;
    for (size_t k = lex_lower(&o->lex, w); k < o->lex.n && strncmp(o->lex.w[k], w, n) == 0; k++) {
        size_t m = strlen(o->lex.w[k]);
        if (m > n + 4 || !strmap_get(&o->wn_verbs, o->lex.w[k], m))
            continue;
        if (!best || m < strlen(best))
            best = o->lex.w[k];
    }
    if (!best)
        return 0;
    snprintf(out, cap, "%s", best);
    return 1;
}

/* A pattern code as written -> our code(s).  "042", "042:043", "[031!]" marks,
 * ":173".  Returns 1 with code, sym, weak and rev set (rev: the code of the
 * reverse event target -> source of a paired code, "" when none; weak: bit 1 when
 * the code was marked '?', TABARI's subordinate code, used only when no other
 * verb codes, bit 2 when marked '!', a dominant code, the sentence's only event),
 * 0 when unusable (reason in why). */
static int pattern_code(const char *raw, char *code, size_t cap, int *sym, int *weak, char rev[8],
                        const char **why)
{
    char buf[32];
    size_t k = 0;
    *weak = 0;
    for (const char *p = raw; *p && k + 1 < sizeof buf; p++) {
        if (*p == '?')
            *weak |= 1;
        if (*p == '!')
            *weak |= 2;
        if (*p != ' ' && *p != '\t' && *p != '!' && *p != '?')
            buf[k++] = *p;
    }
    buf[k] = '\0';
    *sym = 0;
    rev[0] = '\0';
    char *colon = strchr(buf, ':');
    if (colon) {
        *colon = '\0';
        const char *b = colon + 1;
        if (!buf[0]) {
            *why = "a reverse-only paired code [:b] cannot be expressed (dyad has no "
                   "target-to-source-only pattern)";
            return 0;
        }
        if (strcmp(buf, b) == 0)
            *sym = 1;
        else if (strlen(b) >= 2 && strlen(b) <= 4 && !import_code_is_null(b) &&
                 strspn(b, "0123456789ABCDEFabcdef") == strlen(b))
            snprintf(rev, 8, "%s", b);
    }
    /* "###" (a sentence too complex to code) would read as a comment in our
     * format; it is written as the other discard, "+++": both drop the sentence */
    if (strcmp(buf, "###") == 0)
        snprintf(buf, sizeof buf, "+++");
    size_t n = strlen(buf);
    if (n < 2 || n > 4) {
        *why = "code is not 2 to 4 characters";
        return 0;
    }
    for (size_t i = 0; i < n; i++) {
        char c = buf[i];
        if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
              c == '-' || c == '#' || c == '+'))
            return (*why = "code has characters dyad cannot use"), 0;
    }
    snprintf(code, cap, "%s", buf);
    return 1;
}

static void note_code(ImportOut *o, const char *code)
{
    int added;
    strmap_put(&o->codes_seen, code, strlen(code), 0, &added);
    if (added)
        import_list_push(&o->codes, xstrdup(code));
}

/* One element of a translated pattern. */
typedef struct Elem {
    char text[96];  /* "*", "+", "$", "%", "^", "&t_NAME" or a word ("word~" a stem) */
    int word;       /* 1 for a literal word */
    int set;        /* 1 for a synonym set (&t_NAME) */
    int join;       /* 1: joined to the previous element by '_' */
} Elem;

/* Expand the first {A | B} group of text (recursively) into out. */
static void expand_alternatives(const char *text, ImportList *out, int depth)
{
    const char *open = strchr(text, '{');
    const char *close = open ? strchr(open, '}') : NULL;
    if (!open || !close || depth > 6 || out->n >= MAX_EXPAND) {
        if (out->n < MAX_EXPAND)
            import_list_push(out, xstrdup(text));
        return;
    }
    char *inner = xstrndup(open + 1, (size_t)(close - open - 1));
    int has_bar = strchr(inner, '|') != NULL;
    char *save = NULL;
    for (char *alt = strtok_r(inner, "|", &save); alt; alt = strtok_r(NULL, "|", &save)) {
        import_trim(alt);
        Buf b;
        buf_init(&b);
        buf_put(&b, text, (size_t)(open - text));
        /* an alternative joined by '_' on either side stays joined */
        if (!(open > text && open[-1] == '_'))
            buf_putc(&b, ' ');
        buf_puts(&b, alt);
        if (close[1] != '_')
            buf_putc(&b, ' ');
        buf_puts(&b, close + 1);
        char *t = xstrndup(b.data, b.len);
        buf_free(&b);
        expand_alternatives(t, out, depth + 1);
        free(t);
        if (!has_bar)
            break;
    }
    free(inner);
}

/* Where a set reference in a pattern text ends: at a blank, '_', '*' or a
 * bracket ("&COIN_PURSE" is the set COIN and the word PURSE). */
static const char *set_ref_end(const char *p)
{
    while (*p && !strchr(" \t_*{}()|", *p))
        p++;
    return p;
}

/* The set a reference ("&COIN") in a pattern names, or NULL. */
static Set *set_of_ref(ImportOut *o, const char *ref, size_t n)
{
    char raw[80], nm[80];
    if (n >= sizeof raw)
        return NULL;
    snprintf(raw, sizeof raw, "%.*s", (int)n, ref);
    uint32_t *idx = set_name(raw, nm, sizeof nm) ? strmap_get(&o->set_index, nm, strlen(nm)) : NULL;
    return idx ? &o->sets[*idx] : NULL;
}

/* Does a set member carry one of TABARI's slot marks ('$', '+', '%', '^' as a
 * word of it: "GUILDER_$"), itself or through a set it names?  Such a member is
 * only meaningful inside a pattern, where the mark stands as written. */
static int set_marked(ImportOut *o, Set *s);

/* Does set member m hold a slot mark, itself or through a set it names? */
static int member_marked(ImportOut *o, const char *m)
{
    for (const char *p = m; *p;) {
        while (*p == ' ' || *p == '\t' || *p == '_')
            p++;
        const char *e = p;
        while (*e && *e != ' ' && *e != '\t' && *e != '_')
            e++;
        if (e == p + 1 && strchr("$+%^", *p))
            return 1;
        if (*p == '&') {
            Set *s = set_of_ref(o, p, (size_t)(set_ref_end(p) - p));
            if (s && set_marked(o, s))
                return 1;
        }
        p = e;
    }
    return 0;
}

/* Does a member of s hold a slot mark?  Worked out once a set, so sets that
 * name sets cost their size, not its powers; a set that names itself, through
 * others or not, counts as unmarked while it is being looked at. */
static int set_marked(ImportOut *o, Set *s)
{
    if (s->marked)
        return s->marked == 3;
    s->marked = 1;
    int marked = 0;
    for (size_t i = 0; i < s->members.n && !marked; i++)
        marked = member_marked(o, s->members.v[i]);
    s->marked = marked ? 3 : 2;
    return marked;
}

/* A pattern text into out, and for each set reference from `from` on whose set
 * has members with slot marks, the text with each such member written in its
 * place too (TABARI's "* &COIN" with "GUILDER_$": the actor after "guilder" is
 * the source).  The reference itself stays for the set's other members; the
 * written-out member, with a literal word more, ranks above it. */
static void expand_marked_sets(ImportOut *o, const char *text, size_t from, ImportList *out,
                               int depth)
{
    for (const char *p = text + from; *p; p++) {
        if (*p != '&' || (p > text && !strchr(" \t_{(|", p[-1])))
            continue;
        const char *e = set_ref_end(p);
        Set *s = depth < 6 ? set_of_ref(o, p, (size_t)(e - p)) : NULL;
        if (!s || !set_marked(o, s))
            continue;
        expand_marked_sets(o, text, (size_t)(e - text), out, depth);
        for (size_t i = 0; i < s->members.n && out->n < MAX_EXPAND; i++) {
            if (!member_marked(o, s->members.v[i]))
                continue;
            Buf b;
            buf_init(&b);
            buf_put(&b, text, (size_t)(p - text));
            buf_puts(&b, s->members.v[i]);
            buf_puts(&b, e);
            char *t = xstrndup(b.data, b.len);
            buf_free(&b);
            expand_marked_sets(o, t, (size_t)(p - text), out, depth + 1);
            free(t);
        }
        return;
    }
    if (out->n < MAX_EXPAND)
        import_list_push(out, xstrdup(text));
}

/* Translate one pattern text (no alternatives left) into elements; returns the
 * number, -1 with a reason. */
static int pattern_elems(ImportOut *o, const char *text, Elem *el, int max, const char **why)
{
    int n = 0, anchors = 0, sources = 0, targets = 0;
    const char *p = text;
    while (*p) {
        while (*p == ' ' || *p == '\t' || *p == '(' || *p == ')' || *p == '{' || *p == '}')
            p++;
        if (!*p)
            break;
        const char *e = p;
        while (*e && *e != ' ' && *e != '\t' && *e != '(' && *e != ')' && *e != '{' && *e != '}')
            e++;
        /* pieces of the token, split at '_' */
        int prev_word_in_token = 0;
        const char *q = p;
        while (q < e) {
            int joined = q > p && q[-1] == '_';
            while (q < e && *q == '_')
                q++, joined = 1;
            if (q >= e)
                break;
            const char *r = q;
            if (*q == '*' || *q == '+' || *q == '$' || *q == '%' || *q == '^') {
                r = q + 1;
            } else {
                while (r < e && *r != '_' && *r != '*' && !(*r == '+' && r > q && r[-1] == '_'))
                    r++;
            }
            if (n == max)
                return (*why = "too many elements"), -1;
            Elem *x = &el[n];
            x->word = 0;
            x->set = 0;
            x->join = 0;
            char c = *q;
            if (r == q + 1 && c == '%' && o->src->dialect == IMPORT_PETRARCH) {
                /* PETRARCH's compound actor: before '*', members acting among
                 * themselves ("% * [030:030]": "A and B agree"); after it, a target */
                int *count = anchors ? &targets : &sources;
                if ((*count)++ == 0) {
                    snprintf(x->text, sizeof x->text, "%s", anchors ? "+" : "%");
                    n++;
                }
                prev_word_in_token = 0;
            } else if (r == q + 1 && (c == '%' || c == '^')) {
                /* TABARI's compound-actor and skip marks, kept for its sparse
                 * coding; PETRARCH's skip: an actor phrase passed over ("* IFTAR
                 * IN ^ +") */
                snprintf(x->text, sizeof x->text, "%c", c);
                n++;
                prev_word_in_token = 0;
            } else if (r == q + 1 && c == '*') {
                snprintf(x->text, sizeof x->text, "*");
                anchors++;
                /* TABARI joins the verb to its neighbours too ("RECENT~_*", "*_OFF") */
                x->join = joined && prev_word_in_token && o->src->dialect == IMPORT_TABARI;
                n++;
                prev_word_in_token = o->src->dialect == IMPORT_TABARI;
            } else if (r == q + 1 && (c == '+' || c == '$')) {
                int *count = c == '+' ? &targets : &sources;
                if ((*count)++ == 0) {
                    snprintf(x->text, sizeof x->text, "%c", c);
                    n++;
                }
                prev_word_in_token = 0;
            } else if (c == '&') {
                /* a set joined by '_' to the word before ("CERTAINLY_&NEG") */
                x->join = joined && prev_word_in_token;
                char raw[80], nm[80];
                snprintf(raw, sizeof raw, "%.*s", (int)(r - q), q);
                if (!set_name(raw, nm, sizeof nm))
                    return (*why = "set name cannot be used"), -1;
                uint32_t *idx = strmap_get(&o->set_index, nm, strlen(nm));
                if (!idx)
                    return (*why = "unknown synonym set"), -1;
                expand_set(o, &o->sets[*idx]);
                if (!o->sets[*idx].phrases.n)
                    return (*why = "empty synonym set"), -1;
                snprintf(x->text, sizeof x->text, "&%s", nm);
                x->set = 1;
                n++;
                prev_word_in_token = 1; /* a word after it may be joined to it */
            } else {
                if (!clean_word(q, (size_t)(r - q), x->text, sizeof x->text))
                    return (*why = "a word has characters dyad cannot use"), -1;
                /* TABARI: a word is a stem unless '_' ends it ("IN_*"), and '~'
                 * makes a joined word a stem again ("REAL~_PLEASANT") */
                if (o->src->dialect == IMPORT_TABARI && (r >= e || *r != '_' || r[-1] == '~') &&
                    strlen(x->text) + 1 < sizeof x->text)
                    strcat(x->text, "~");
                x->word = 1;
                x->join = joined && prev_word_in_token;
                prev_word_in_token = 1;
                n++;
            }
            q = r;
        }
        p = e;
    }
    if (anchors != 1)
        return (*why = anchors ? "more than one '*'" : "no '*'"), -1;
    return n;
}

/* form: the one form of the verb the pattern is keyed on ("left" for TABARI's
 * LEFT_, whose lemma LEAVE has patterns of its own), "" when any form fires. */
static void write_pattern_line(ImportOut *o, FILE *f, const char *code, int sym, int weak,
                               const char *form, const char *rev, const Elem *el, int n,
                               int particles)
{
    int elems = n + particles;
    for (int i = 0; i < n; i++)
        if (el[i].word)
            for (const char *c = el[i].text; *c; c++)
                elems += *c == '-' || *c == '\'' || *c == '.';  /* the tokenizer may split there */
    if (elems > MAX_ELEMS)
        return;
    /* nointent: the foreign coders never turn "will visit" into an intent */
    fprintf(f, "  %s [nointent%s%s%s", code, sym ? ",sym" : "", (weak & 1) ? ",weak" : "",
            (weak & 2) ? ",dominant" : "");
    if (form[0])
        fprintf(f, ",form=%s", form);
    if (rev && rev[0]) {
        fprintf(f, ",rev=%s", rev);
        note_code(o, rev);
    }
    fputs("] ", f);
    for (int i = 0; i < n; i++) {
        /* a join beside a set is written " _": the set's name has '_' in it */
        if (i && el[i].join && (el[i].set || el[i - 1].set))
            fputs(" _", f);
        else if (i)
            fputc(el[i].join ? '_' : ' ', f);
        fputs(el[i].text, f);
    }
    fputc('\n', f);
    note_code(o, code);
    o->st->patterns++;
}

/* A head's words: lemma plus particles, written "lemma_p1_p2"; 0 when unusable.
 * *inflected: the first word is an inflected form of the lemma ("BANNED", "SAID"),
 * not the lemma or a stem of it. */
static int head_words(ImportOut *o, const char *text, char *lemma_out, size_t cap, char *first,
                      size_t fcap, int *n_particles, int *inflected)
{
    const char *t = text;
    while (*t == '+' || *t == ' ')
        t++;
    RawWord w[6];
    int n = split_phrase(t, w, 6);
    if (n <= 0 || n > 5)
        return 0;
    char lemma[64];
    verb_lemma(o, w[0].w, lemma, sizeof lemma);
    *inflected = strcmp(lemma, w[0].w) != 0;
    if (w[0].stem && strcmp(lemma, w[0].w) == 0 && !strmap_get(&o->wn_verbs, lemma, strlen(lemma)))
        verb_of_stem(o, w[0].w, lemma, sizeof lemma);
    snprintf(first, fcap, "%s", w[0].w);
    Buf b;
    buf_init(&b);
    buf_puts(&b, lemma);
    for (int i = 1; i < n; i++) {
        /* TABARI's blank: "__", other words may stand before this one
         * ("DEATH TOLL RISEN" in "death toll has risen") */
        buf_puts(&b, !w[i - 1].joined && o->src->dialect == IMPORT_TABARI ? "__" : "_");
        buf_puts(&b, w[i].w);
        /* TABARI: a word not ended by '_' is a stem ("SHOT_AND_WOUND": "wounded") */
        if (w[i].stem && o->src->dialect == IMPORT_TABARI)
            buf_putc(&b, '~');
    }
    int ok = b.len < cap;
    if (ok)
        snprintf(lemma_out, cap, "%.*s", (int)b.len, b.data);
    buf_free(&b);
    *n_particles = n - 1;
    return ok;
}

static void write_verbs(ImportOut *o)
{
    FILE *f = open_out(o, "verbs/verbs.txt");
    if (!f)
        return;
    /* patterns translated once per block, written under each of its heads */
    for (size_t bi = 0; bi < o->n_blocks; bi++) {
        Block *b = &o->blocks[bi];
        typedef struct { char code[8], rev[8]; int sym, weak; Elem el[MAX_ELEMS + 2]; int n; } Tr;
        Tr *tr = xmalloc(sizeof *tr * (b->n_patterns * 4 + 1));
        size_t ntr = 0, cap_tr = b->n_patterns * 4 + 1;
        for (size_t pi = b->first_pattern; pi < b->first_pattern + b->n_patterns; pi++) {
            Pattern *p = &o->pats[pi];
            char code[8];
            int sym, weak;
            char rev[8];
            const char *why = NULL;
            if (!pattern_code(p->code, code, sizeof code, &sym, &weak, rev, &why)) {
                iout_warn(o, p->file, p->line, "pattern code [%s]: %s; skipped", p->code, why);
                continue;
            }
            ImportList alts = {0}, texts = {0};
            expand_alternatives(p->text, &texts, 0);
            for (size_t a = 0; a < texts.n; a++)
                expand_marked_sets(o, texts.v[a], 0, &alts, 0);
            import_list_free(&texts);
            for (size_t a = 0; a < alts.n; a++) {
                if (ntr == cap_tr) {
                    cap_tr *= 2;
                    tr = xrealloc(tr, sizeof *tr * cap_tr);
                }
                Tr *t = &tr[ntr];
                why = NULL;
                t->n = pattern_elems(o, alts.v[a], t->el, MAX_ELEMS + 2, &why);
                if (t->n < 0) {
                    iout_warn(o, p->file, p->line, "pattern \"%s\": %s; skipped", alts.v[a], why);
                    continue;
                }
                snprintf(t->code, sizeof t->code, "%s", code);
                t->sym = sym;
                t->weak = weak;
                snprintf(t->rev, sizeof t->rev, "%s", rev);
                ntr++;
            }
            import_list_free(&alts);
        }
        for (size_t hi = 0; hi < o->n_heads; hi++) {
            Head *h = &o->heads[hi];
            if (h->block != (int)bi)
                continue;
            char lemma[256], first[64];
            int particles, inflected;
            if (!head_words(o, h->text, lemma, sizeof lemma, first, sizeof first, &particles,
                            &inflected)) {
                iout_warn(o, h->file, h->line, "verb \"%s\" cannot be used; skipped", h->text);
                continue;
            }
            /* forms: irregular ones as written, the head itself when it is not the lemma,
             * and for TABARI the endings its heads allow beyond ours (-es, -en), exact
             * ones ("DEPART_") too, but none for a head without endings ("BAN=") */
            ImportList forms = {0};
            size_t llen = strcspn(lemma, "_");
            if (strlen(first) != llen || strncmp(first, lemma, llen) != 0)
                import_list_push(&forms, xstrdup(first));
            if (h->forms) {
                char *fs = xstrdup(h->forms);
                char *save = NULL;
                for (char *t = strtok_r(fs, " \t{}+", &save); t; t = strtok_r(NULL, " \t{}+", &save)) {
                    size_t n = strcspn(t, "_");
                    char w[64];
                    /* TABARI: a form without '_' is a stem like any of its
                     * words ("PARLEY" also in "parleyings"); our compiler reads
                     * the '~' */
                    if (n && clean_word(t, n, w, sizeof w - 1)) {
                        if (o->src->dialect == IMPORT_TABARI && !t[n])
                            strcat(w, "~");
                        import_list_push(&forms, xstrdup(w));
                    }
                }
                free(fs);
            }
            const char *ht = h->text;
            while (*ht == '+' || *ht == ' ')
                ht++;
            size_t hl = strcspn(ht, " _=\t");
            /* a one-word head that is an inflected form of its lemma ("LEFT_",
             * "BANNED", whose lemmas LEAVE and BAN have patterns of their own), or
             * written without endings ("BAN="): its patterns fire on that form alone */
            char form[64] = "";
            if (o->src->dialect == IMPORT_TABARI && particles == 0 &&
                (((ht[hl] == '_' || inflected) &&
                  (strlen(first) != llen || strncmp(first, lemma, llen) != 0)) ||
                 ht[hl] == '='))
                snprintf(form, sizeof form, "%s", first);
            if (o->src->dialect == IMPORT_TABARI && ht[hl] != '=' && !h->forms && strlen(first) < 60) {
                char w[70];
                snprintf(w, sizeof w, "%ses", first);
                import_list_push(&forms, xstrdup(w));
                snprintf(w, sizeof w, "%sen", first);
                import_list_push(&forms, xstrdup(w));
            }
            /* a one-word stem ("RESUM") fires on every word it begins ("resumption") */
            if (o->src->dialect == IMPORT_TABARI && ht[hl] != '_' && ht[hl] != '=' && !form[0] &&
                particles == 0)
                stem_words(o, first, &forms);
            fprintf(f, "verb %s", lemma);
            /* PETRARCH lists a verb's words as they are: a head in an inflected
             * form ("LEFT", "SAID") has patterns of its own, not its lemma's
             * other forms' ("LEAVE" is another block) */
            if (o->src->dialect == IMPORT_PETRARCH &&
                (strlen(first) != llen || strncmp(first, lemma, llen) != 0))
                fprintf(f, " @%s", first);
            for (size_t i = 0; i < forms.n; i++)
                fprintf(f, "%s%s", i ? " | " : " = ", forms.v[i]);
            fputc('\n', f);
            import_list_free(&forms);
            o->st->verbs++;
            const char *dcode = h->code ? h->code : b->code;
            if (dcode) {
                char code[8];
                int sym, weak;
                char rev[8];
                const char *why = NULL;
                if (!pattern_code(dcode, code, sizeof code, &sym, &weak, rev, &why))
                    iout_warn(o, h->file, h->line, "verb code [%s]: %s; skipped", dcode, why);
                else if (strcmp(code, "---") != 0) {
                    Elem star = {"*", 0, 0, 0};
                    write_pattern_line(o, f, code, sym, weak, form, rev, &star, 1, particles);
                }
            }
            for (size_t t = 0; t < ntr; t++)
                write_pattern_line(o, f, tr[t].code, tr[t].sym, tr[t].weak, form, tr[t].rev,
                                   tr[t].el, tr[t].n, particles);
        }
        free(tr);
    }
    close_out(o, f);
}

static void write_sets(ImportOut *o)
{
    FILE *f = create_out(o, "sets.txt", 0);
    if (!f)
        return;
    fprintf(f, "# Translated by dyad: foreign synonym sets, and dyad's own grammar sets.\n");
    /* our grammar sets that build verb groups ("vowed to retaliate"); copy those
     * records.  Not NEGATION, FAIL, WISH, SAY and UNKNOWN: TABARI and PETRARCH
     * have no negation, irrealis, speaker or unknown-actor step, their
     * dictionaries spell such contexts out as pattern words ("- HAS NOT *"). */
    static const char *gram[] = {"MODAL", "INTENT"};
    FILE *g = o->src->grammar ? fopen(o->src->grammar, "r") : NULL;
    if (g) {
        char *line = NULL;
        size_t cap = 0;
        while (getline(&line, &cap, g) != -1) {
            for (size_t i = 0; i < sizeof gram / sizeof gram[0]; i++) {
                size_t n = strlen(gram[i]);
                if (strncmp(line, "set ", 4) == 0 && strncmp(line + 4, gram[i], n) == 0 &&
                    (line[4 + n] == ' ' || line[4 + n] == '='))
                    fputs(line, f);
            }
        }
        free(line);
        fclose(g);
    }
    for (size_t i = 0; i < o->n_sets; i++) {
        Set *s = &o->sets[i];
        expand_set(o, s);
        if (!s->phrases.n)
            continue;
        fprintf(f, "set %s = ", s->name);
        write_phrases(f, &s->phrases);
        o->st->sets++;
    }
    close_out(o, f);
}

/* Our codebook, then every code the patterns use that it lacks. */
static void write_codebook(ImportOut *o)
{
    FILE *f = create_out(o, "codebook.tsv", 0);
    if (!f)
        return;
    StrMap known;
    strmap_init(&known);
    FILE *cb = o->src->codebook ? fopen(o->src->codebook, "r") : NULL;
    if (cb) {
        char *line = NULL;
        size_t cap = 0;
        while (getline(&line, &cap, cb) != -1) {
            fputs(line, f);
            if (line[0] == '#' || line[0] == '\n')
                continue;
            size_t n = strcspn(line, "\t");
            strmap_put(&known, line, n, 0, NULL);
        }
        free(line);
        fclose(cb);
    }
    for (size_t i = 0; i < o->codes.n; i++) {
        const char *c = o->codes.v[i];
        if (strmap_get(&known, c, strlen(c)))
            continue;
        int root = (c[0] >= '0' && c[0] <= '9' && c[1] >= '0' && c[1] <= '9')
                       ? (c[0] - '0') * 10 + (c[1] - '0') : 0;
        if (root < 1 || root > 20)
            root = 1;
        int quad = root <= 5 ? 1 : root <= 8 ? 2 : root <= 13 ? 3 : 4;
        fprintf(f, "%s\t%d\t%d\t0\t%s\n", c, root, quad,
                import_code_is_null(c) ? "no event (foreign null code)" : "imported code");
    }
    strmap_free(&known);
    close_out(o, f);
}

static void write_discards(ImportOut *o)
{
    if (!o->discards)
        return;
    filter_phrases(o, &o->discard_phrases);
    for (size_t i = 0; i < o->discard_phrases.n; i += 64) {
        fputs("discard = ", o->discards);
        for (size_t k = i; k < o->discard_phrases.n && k < i + 64; k++)
            fprintf(o->discards, "%s%s", k > i ? " | " : "", o->discard_phrases.v[k]);
        fputc('\n', o->discards);
    }
    o->st->discards = (unsigned)o->discard_phrases.n;
}

int iout_close(ImportOut *o)
{
    write_sets(o);
    write_verbs(o);
    write_discards(o);
    write_codebook(o);
    FILE *fs[] = {o->actors, o->agents, o->discards};
    for (size_t i = 0; i < 3; i++)
        if (fs[i])
            close_out(o, fs[i]);
    int rc = o->failed ? -1 : 0;
    for (size_t i = 0; i < o->lex.n; i++)
        free(o->lex.w[i]);
    free(o->lex.w);
    strmap_free(&o->wn_verbs);
    strmap_free(&o->wn_exc);
    strmap_free(&o->codes_seen);
    strmap_free(&o->set_index);
    import_list_free(&o->exc_base);
    import_list_free(&o->codes);
    for (size_t i = 0; i < o->n_sets; i++) {
        free(o->sets[i].name);
        import_list_free(&o->sets[i].members);
        import_list_free(&o->sets[i].phrases);
    }
    free(o->sets);
    for (size_t i = 0; i < o->n_heads; i++) {
        free(o->heads[i].text);
        free(o->heads[i].forms);
        free(o->heads[i].code);
    }
    free(o->heads);
    for (size_t i = 0; i < o->n_pats; i++) {
        free(o->pats[i].text);
        free(o->pats[i].code);
    }
    free(o->pats);
    for (size_t i = 0; i < o->n_blocks; i++)
        free(o->blocks[i].code);
    free(o->blocks);
    import_list_free(&o->discard_phrases);
    import_list_free(&o->strings);
    arena_free(&o->scratch);
    free(o);
    return rc;
}

void iout_read_shared(ImportOut *o, const ImportSources *src)
{
    for (int i = 0; i < src->n[IMPORT_ACTORS]; i++)
        iout_actors_file(o, src->files[IMPORT_ACTORS][i]);
    for (int i = 0; i < src->n[IMPORT_AGENTS]; i++)
        iout_agents_file(o, src->files[IMPORT_AGENTS][i]);
    for (int i = 0; i < src->n[IMPORT_DISCARDS]; i++)
        iout_discards_file(o, src->files[IMPORT_DISCARDS][i]);
}

int iout_finish(ImportOut *o, const ImportSources *src, FILE *errors, const char *dialect)
{
    int rc = iout_close(o);
    if (src->n[IMPORT_VERBS] == 0) {
        if (errors)
            fprintf(errors, "dyad: no %s verbs dictionary given\n", dialect);
        rc = -1;
    }
    return rc;
}

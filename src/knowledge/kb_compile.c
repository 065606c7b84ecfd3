/*
 * kb_compile.c: the knowledge-base compiler, text files in, one image out.
 *
 * It reads every *.txt under the knowledge-base directory and its folders
 * (people/, verbs/) in name order, then the codebook, checks everything it can (unknown
 * codes, duplicate ids, bad or overlapping dates, patterns without an anchor,
 * unknown sets) and reports each problem as "file:line: message".  Nothing is
 * written unless the input is clean, so a stale image is never replaced by a
 * broken one.
 *
 * Phrases are tokenized with the coder's own tokenizer (txt_tokenize) after the
 * coder's own normalization, so a phrase matches exactly the tokens the coder
 * will see.  Phrases are lower-cased (ASCII) and a leading "the" is dropped:
 * determiners are part of the noun phrase, not of the name.
 *
 * Layout of the image (all little-endian, each section 8-byte aligned): the
 * header (kb_image.h), then the sections in the order of the KB_SEC_* enum.  The
 * coder reaches everything by index; the image holds no pointers.
 */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../base/arena.h"
#include "../base/buf.h"
#include "../base/hash.h"
#include "../base/strmap.h"
#include "../language/morph.h"
#include "../text/text.h"
#include "kb.h"
#include "kb_image.h"
#include "../base/xalloc.h"

/* A growable array of fixed-size items. */
typedef struct Vec {
    void *data;   /* items */
    size_t n;     /* items used */
    size_t cap;   /* items allocated */
    size_t size;  /* bytes per item */
} Vec;

static void vec_init(Vec *v, size_t size) { *v = (Vec){NULL, 0, 0, size}; }

static void *vec_push(Vec *v)
{
    if (v->n == v->cap) {
        v->cap = v->cap ? v->cap * 2 : 64;
        v->data = xrealloc(v->data, v->cap * v->size);
    }
    void *p = (char *)v->data + v->n * v->size;
    memset(p, 0, v->size);
    v->n++;
    return p;
}

#define VEC_AT(v, type, i) (((type *)(v).data)[i])

/* A pattern before it is sorted into its anchor's group. */
typedef struct PendingPattern {
    KbPattern p;      /* the pattern, first_elem indexing `elems` */
    uint32_t anchor;  /* lemma word id of the anchor */
    uint32_t order;   /* file order, to keep sorting stable */
} PendingPattern;

/* Everything the compiler builds before writing. */
typedef struct Compiler {
    FILE *errors;        /* where messages go */
    int n_errors;        /* messages written */
    char file[4200];     /* file being read */
    int line;            /* line being read */
    Buf strings;         /* string pool */
    StrMap string_map;   /* string -> offset, for sharing */
    Vec words;           /* KbWord */
    StrMap word_map;     /* lower-case text -> word id */
    Vec phrases;         /* KbPhrase */
    Vec ids;             /* uint32_t word-id pool */
    Vec entities;        /* KbEntity */
    Vec roles;           /* KbRole */
    Vec patterns;        /* PendingPattern */
    Vec elems;           /* KbElem */
    Vec sets;            /* KbSet, with first_phrase into set_members */
    Vec set_members;     /* uint32_t phrase index, grouped per set as read */
    StrMap set_map;      /* name -> set index */
    Vec set_refs;        /* SetRef: &NAME uses, resolved at the end */
    Vec codes;           /* KbCode */
    StrMap code_map;     /* code -> index */
    StrMap id_maps[6];   /* ids per kind: country, person, org, agent, discard, issue */
    StrMap wordnet[2];   /* base -> string offset of "form form ..." (verb, noun) */
    StrMap issue_keys;   /* word ids of an issue phrase (as bytes) -> entity + 1 */
    Arena scratch;       /* per-phrase tokenization */
    KbStats stats;       /* counts */
    uint64_t sources;    /* fingerprint of the sources, stored in the header */
    uint32_t options;    /* KB_O_* from option records */
    uint32_t odd_file;   /* string offset of the file of the first org code not in 3-letter
                            segments ("YEMNO"), checked once the options are known */
    int odd_line;        /* its line; 0 when there is none */
    size_t shown_from;   /* pattern files are shown from here on: from the kb folder's parent's parent */
    /* state of the record being read */
    int cur_kind;        /* 0, 'c' country, 'p' person, 'o' org, 'v' verb, 'n' noun, 'i' issue */
    uint32_t cur_entity; /* entity the detail lines belong to */
    uint32_t cur_anchor; /* anchor lemma word id of a verb/noun block */
    uint32_t cur_form;   /* word id the block's anchor must be (`@FORM`), 0 for any */
    uint32_t cur_particles[4]; /* words of a multi-word verb after the first */
    uint8_t cur_particle_gap[4]; /* 1: written after "__", other words may stand before it */
    uint8_t cur_particle_stem[4]; /* 1: written "word~", any word it begins */
    int cur_n_particles; /* how many */
    uint32_t cur_code;   /* string offset of the country code for detail lines (an offset:
                            the pool moves as it grows) */
} Compiler;

/* A use of &NAME waiting for every set to be read. */
typedef struct SetRef {
    uint32_t elem;       /* element index */
    uint32_t name;       /* string offset of the name */
    uint32_t file;       /* string offset of the file */
    uint32_t line;       /* line */
} SetRef;

static void error(Compiler *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void error(Compiler *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(c->errors, "%s:%d: ", c->file, c->line);
    vfprintf(c->errors, fmt, ap);
    fputc('\n', c->errors);
    va_end(ap);
    c->n_errors++;
}

static uint32_t intern_string(Compiler *c, const char *s, size_t n)
{
    uint32_t *off = strmap_get(&c->string_map, s, n);
    if (off)
        return *off;
    uint32_t at = (uint32_t)c->strings.len;
    buf_put(&c->strings, s, n);
    buf_putc(&c->strings, '\0');
    strmap_put(&c->string_map, s, n, at, NULL);
    return at;
}

/* Word id for lower-case text, creating the word (as its own lemma) when new. */
static uint32_t intern_word(Compiler *c, const char *s, size_t n)
{
    uint32_t *id = strmap_get(&c->word_map, s, n);
    if (id)
        return *id;
    uint32_t wid = (uint32_t)c->words.n;
    KbWord *w = vec_push(&c->words);
    w->hash = hash_bytes(s, n);
    w->text = intern_string(c, s, n);
    w->first = n ? s[0] : '\0';
    w->lemma = wid;
    strmap_put(&c->word_map, s, n, wid, NULL);
    return wid;
}

static KbWord *word_at(Compiler *c, uint32_t id) { return &VEC_AT(c->words, KbWord, id); }

/* Link a form to a lemma unless the form already has a lemma of its own. */
static void add_form(Compiler *c, const char *form, uint32_t lemma, int override)
{
    uint32_t *existing = strmap_get(&c->word_map, form, strlen(form));
    uint32_t id = existing ? *existing : intern_word(c, form, strlen(form));
    if (id == lemma)
        return;
    KbWord *w = word_at(c, id);
    if (!existing || override || w->lemma == id)
        w->lemma = lemma;
}

static void add_wordnet_forms(Compiler *c, int noun, const char *lemma, uint32_t lemma_id)
{
    uint32_t *off = strmap_get(&c->wordnet[noun], lemma, strlen(lemma));
    if (!off)
        return;
    /* walk by offset: add_form interns strings, and the pool may move */
    size_t at = *off;
    while (c->strings.data[at]) {
        const char *p = c->strings.data + at;
        const char *e = strchr(p, ' ');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        char form[MORPH_MAX_LEN];
        int usable = n < sizeof form && !memchr(p, '_', n);
        if (usable) {
            memcpy(form, p, n);
            form[n] = '\0';
        }
        at += n;
        if (c->strings.data[at] == ' ')
            at++;
        if (usable)
            add_form(c, form, lemma_id, 1);
    }
}

/* Make every regular and WordNet form of a word point at it. */
static void inflect(Compiler *c, uint32_t lemma_id, int verb, int noun)
{
    char lemma[MORPH_MAX_LEN];
    const char *t = c->strings.data + word_at(c, lemma_id)->text;
    if (strlen(t) >= sizeof lemma)
        return;
    strcpy(lemma, t);
    MorphForms f;
    if (verb) {
        morph_verb_forms(lemma, &f);
        for (int i = 0; i < f.n; i++)
            add_form(c, f.form[i], lemma_id, 0);
        add_wordnet_forms(c, 0, lemma, lemma_id);
    }
    if (noun) {
        morph_noun_forms(lemma, &f);
        for (int i = 0; i < f.n; i++)
            add_form(c, f.form[i], lemma_id, 0);
        add_wordnet_forms(c, 1, lemma, lemma_id);
    }
}

static void lower_ascii(char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] >= 'A' && s[i] <= 'Z')
            s[i] = (char)(s[i] + 32);
}

/* Tokenize a phrase the way the coder tokenizes text; fills word ids.  With
 * `gaps`, a "..." between two words sets bit k of *gaps for a gap after word k
 * (TABARI's blank, which sparse coding reads: "durthang ... orc"); without, it
 * is a word.  Returns the number of words, 0 on error (reported). */
static size_t phrase_words(Compiler *c, const char *s, size_t n, uint32_t *ids, int drop_the,
                           uint8_t *gaps)
{
    while (n && (*s == ' ' || *s == '\t'))
        s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    if (n == 0) {
        error(c, "empty phrase");
        return 0;
    }
    arena_reset(&c->scratch);
    TxtNorm norm;
    TxtError err;
    if (txt_normalize(s, n, &c->scratch, &norm, &err) != 0) {
        error(c, "phrase \"%.*s\": %s", (int)n, s, err.msg);
        return 0;
    }
    size_t nt;
    TxtToken *toks = txt_tokenize(norm.text, (TxtSpan){0, (uint32_t)norm.len}, &c->scratch, &nt);
    size_t k = 0;
    for (size_t i = 0; i < nt; i++) {
        size_t len = toks[i].end - toks[i].start;
        char *w = norm.text + toks[i].start;
        lower_ascii(w, len);
        if (drop_the && i == 0 && nt > 1 && len == 3 && memcmp(w, "the", 3) == 0)
            continue;
        if (gaps && len == 3 && memcmp(w, "...", 3) == 0) {
            /* a gap before the first word, after the last or past the eighth
             * (no bit for it) asks for nothing: the words are adjacent */
            if (k > 0 && k <= 8 && i + 1 < nt)
                *gaps |= (uint8_t)(1u << (k - 1));
            continue;
        }
        if (k == KB_MAX_PHRASE) {
            error(c, "phrase \"%.*s\" has more than %d words", (int)n, s, KB_MAX_PHRASE);
            return 0;
        }
        ids[k++] = intern_word(c, w, len);
    }
    return k;
}

static uint32_t add_phrase(Compiler *c, const uint32_t *ids, size_t n, int kind, uint32_t entity)
{
    uint32_t idx = (uint32_t)c->phrases.n;
    KbPhrase *p = vec_push(&c->phrases);
    p->words = (uint32_t)c->ids.n;
    for (size_t i = 0; i < n; i++)
        *(uint32_t *)vec_push(&c->ids) = ids[i];
    p->len = (uint8_t)n;
    p->kind = (uint8_t)kind;
    p->entity = entity;
    p->hash = kind == KB_ISSUE || kind == KB_ISSUE_NOT ? kb_issue_hash(ids, n) : kb_ids_hash(ids, n);
    return idx;
}

/* An issue phrase names one category.  A phrase written out under two records
 * is an error; one generated (a plural) yields to one written out, and to one
 * generated earlier.  Returns 0 when the phrase was not added. */
#define ISSUE_GENERATED 0x80000000u
static int add_issue_phrase(Compiler *c, const uint32_t *ids, size_t n, int kind, uint32_t entity,
                            int generated)
{
    int added;
    uint32_t here = ((uint32_t)c->phrases.n + 1) | (generated ? ISSUE_GENERATED : 0);
    uint32_t *owner = strmap_put(&c->issue_keys, (const char *)ids, n * sizeof *ids, here, &added);
    if (added) {
        add_phrase(c, ids, n, kind, entity);
        return 1;
    }
    KbPhrase *was = &VEC_AT(c->phrases, KbPhrase, (*owner & ~ISSUE_GENERATED) - 1);
    if (generated || was->entity == entity)
        return 0;
    if (*owner & ISSUE_GENERATED) {
        /* "teachers" written out takes the phrase from "teacher"'s plural */
        was->entity = entity;
        was->kind = (uint8_t)kind;
        *owner &= ~ISSUE_GENERATED;
        return 1;
    }
    Buf words;
    buf_init(&words);
    for (size_t i = 0; i < n; i++)
        buf_printf(&words, "%s%s", i ? " " : "", c->strings.data + word_at(c, ids[i])->text);
    error(c, "\"%s\" already names issue \"%s\"", words.data,
          c->strings.data + VEC_AT(c->entities, KbEntity, was->entity).id);
    buf_free(&words);
    return 0;
}

/* The phrase with its last word in each regular plural form. */
static void add_plural_phrase(Compiler *c, const uint32_t *ids, size_t n, int kind, uint32_t entity)
{
    char last[MORPH_MAX_LEN];
    const char *t = c->strings.data + word_at(c, ids[n - 1])->text;
    if (strlen(t) >= sizeof last)
        return;
    strcpy(last, t);
    MorphForms f;
    morph_noun_forms(last, &f);
    uint32_t plural[KB_MAX_PHRASE];
    memcpy(plural, ids, n * sizeof *ids);
    for (int i = 0; i < f.n; i++) {
        plural[n - 1] = intern_word(c, f.form[i], strlen(f.form[i]));
        if (plural[n - 1] != ids[n - 1])
            add_issue_phrase(c, plural, n, kind, entity, 1);
    }
}

/* Two or more letters, all of them capitals: an acronym that must not match the
 * ordinary word ("US" and "us", "IS" and "is", "WHO" and "who"). */
static int all_capitals(const char *s, size_t n)
{
    int letters = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] >= 'a' && s[i] <= 'z')
            return 0;
        letters += s[i] >= 'A' && s[i] <= 'Z';
    }
    return letters >= 2;
}

/* Split "a | b | c" and add each as a phrase of the given kind. */
static void add_phrases(Compiler *c, const char *list, int kind, uint32_t entity,
                        uint32_t *first_name)
{
    const char *p = list;
    int any = 0;
    for (;;) {
        const char *bar = strchr(p, '|');
        size_t n = bar ? (size_t)(bar - p) : strlen(p);
        /* "mouse=": the phrase's last word takes no ending (sparse coding) */
        size_t trimmed = n;
        while (trimmed && (p[trimmed - 1] == ' ' || p[trimmed - 1] == '\t'))
            trimmed--;
        int noend = trimmed > 1 && p[trimmed - 1] == '=';
        if (noend)
            n = trimmed - 1;
        uint32_t ids[KB_MAX_PHRASE];
        uint8_t gaps = 0;
        size_t k = phrase_words(c, p, n, ids, kind != KB_SET_MEMBER, &gaps);
        if (k && noend)
            word_at(c, ids[k - 1])->gram |= KB_G_NOEND;
        if (k) {
            if (first_name && !any) {
                const char *s = p;
                size_t m = n;
                while (m && *s == ' ')
                    s++, m--;
                while (m && s[m - 1] == ' ')
                    m--;
                *first_name = intern_string(c, s, m);
            }
            any = 1;
            if (kind == KB_ISSUE || kind == KB_ISSUE_NOT) {
                /* an issue phrase names its plural too: "airstrike", "airstrikes" */
                if (add_issue_phrase(c, ids, k, kind, entity, 0))
                    add_plural_phrase(c, ids, k, kind, entity);
            } else {
                uint32_t idx = add_phrase(c, ids, k, kind, entity);
                VEC_AT(c->phrases, KbPhrase, idx).caps = (uint8_t)all_capitals(p, n);
                VEC_AT(c->phrases, KbPhrase, idx).gaps = gaps;
                if (kind == KB_SET_MEMBER) {
                    *(uint32_t *)vec_push(&c->set_members) = idx;
                    /* Set members match inflected text too: "vowed" is in INTENT via "vow". */
                    if (k == 1)
                        inflect(c, ids[0], 1, 1);
                }
            }
        }
        if (!bar)
            break;
        p = bar + 1;
    }
    if (!any)
        error(c, "no phrases");
}

#define CODE_LIST_MAX 32 /* longer codes and code lists do not fit the coder's (CODE_MAX) */

static int valid_code(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n % 3 != 0)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9')))
            return 0;
    return 1;
}

/* A code of capitals and digits that fits the coder but is not made of
 * three-letter segments. */
static int odd_code(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n >= CODE_LIST_MAX)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9')))
            return 0;
    return n % 3 != 0;
}

/* "ELR/GAL": an organisation entry that stands for several actors at once,
 * coded as a compound of them. */
static int valid_codes(const char *s)
{
    char part[CODE_LIST_MAX];
    if (strlen(s) >= CODE_LIST_MAX)
        return 0;
    for (const char *p = s;;) {
        size_t n = strcspn(p, "/");
        if (n == 0 || n >= sizeof part)
            return 0;
        memcpy(part, p, n);
        part[n] = '\0';
        if (!valid_code(part))
            return 0;
        if (!p[n])
            return 1;
        p += n + 1;
    }
}

/* An agent's sector: "GOV", or "NGO~" for one written before the country. */
static int valid_sector(const char *s)
{
    char body[CODE_LIST_MAX];
    size_t n = strlen(s);
    if (n == 0 || n >= sizeof body)
        return 0;
    memcpy(body, s, n + 1);
    if (body[n - 1] == '~')
        body[n - 1] = '\0';
    return valid_code(body);
}

static int valid_id(const char *s)
{
    if (!*s)
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-' || *s == '_' ||
              *s == '.'))
            return 0;
    return 1;
}

static uint32_t new_entity(Compiler *c, int kind, int id_map, const char *id, const char *code)
{
    if (id_map >= 0) {
        if (!valid_id(id))
            error(c, "bad id \"%s\": use lower-case letters, digits, '-', '_', '.'", id);
        int added;
        strmap_put(&c->id_maps[id_map], id, strlen(id), 0, &added);
        if (!added)
            error(c, "duplicate id \"%s\"", id);
    }
    uint32_t idx = (uint32_t)c->entities.n;
    KbEntity *e = vec_push(&c->entities);
    e->kind = (uint8_t)kind;
    e->id = intern_string(c, id, strlen(id));
    e->code = intern_string(c, code, strlen(code));
    return idx;
}

/* Split a line into at most max whitespace-separated fields before " = ";
 * returns the number of fields and sets *rest to the text after '=' (or NULL). */
static int split_head(char *line, char **fields, int max, char **rest)
{
    char *eq = strstr(line, "=");
    *rest = NULL;
    if (eq) {
        *eq = '\0';
        *rest = eq + 1;
    }
    int n = 0;
    char *save = NULL;
    for (char *t = strtok_r(line, " \t", &save); t; t = strtok_r(NULL, " \t", &save)) {
        if (n == max)
            return -1;
        fields[n++] = t;
    }
    return n;
}

static void record_country(Compiler *c, char **f, int nf, char *rest)
{
    if (nf != 3 || !rest) {
        error(c, "expected: country ID CODE = names");
        return;
    }
    if (!valid_code(f[2]) || strlen(f[2]) != 3)
        error(c, "bad country code \"%s\"", f[2]);
    c->cur_entity = new_entity(c, KB_COUNTRY, 0, f[1], f[2]);
    c->cur_code = VEC_AT(c->entities, KbEntity, c->cur_entity).code;
    add_phrases(c, rest, KB_COUNTRY, c->cur_entity,
                &VEC_AT(c->entities, KbEntity, c->cur_entity).name);
    c->cur_kind = 'c';
    c->stats.countries++;
}

static void detail_country(Compiler *c, char **f, int nf, char *rest)
{
    static const struct { const char *word; int kind; } kinds[] = {
        {"adjective", KB_ADJECTIVE}, {"capital", KB_CAPITAL}, {"seat", KB_SEAT}, {"city", KB_CITY}};
    if (nf != 1 || !rest) {
        error(c, "expected: adjective|capital|seat|city = names");
        return;
    }
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        if (strcmp(f[0], kinds[i].word) != 0)
            continue;
        char code[16];
        snprintf(code, sizeof code, "%s%s", c->strings.data + c->cur_code,
                 kinds[i].kind == KB_SEAT ? "GOV" : "");
        KbEntity *country = &VEC_AT(c->entities, KbEntity, c->cur_entity);
        uint32_t cid = country->id, cname = country->name;
        uint32_t e = new_entity(c, kinds[i].kind, -1, "", code);
        VEC_AT(c->entities, KbEntity, e).id = cid;
        VEC_AT(c->entities, KbEntity, e).name = cname;
        add_phrases(c, rest, kinds[i].kind, e, NULL);
        if (kinds[i].kind == KB_CITY)
            c->stats.places++;
        return;
    }
    error(c, "unknown country detail \"%s\"", f[0]);
}

static void record_person(Compiler *c, char **f, int nf, char *rest)
{
    if (nf != 2 || !rest) {
        error(c, "expected: person ID = names");
        return;
    }
    c->cur_entity = new_entity(c, KB_PERSON, 1, f[1], "");
    KbEntity *e = &VEC_AT(c->entities, KbEntity, c->cur_entity);
    e->first_role = (uint32_t)c->roles.n;
    add_phrases(c, rest, KB_PERSON, c->cur_entity, &VEC_AT(c->entities, KbEntity, c->cur_entity).name);
    c->cur_kind = 'p';
    c->stats.people++;
}

static void detail_person(Compiler *c, char **f, int nf)
{
    if (nf != 4 || strcmp(f[0], "role") != 0) {
        error(c, "expected: role CODE FROM TO");
        return;
    }
    if (!valid_code(f[1]) && strcmp(f[1], KB_DISCARD_ROLE) != 0)
        error(c, "bad actor code \"%s\"", f[1]);
    int32_t from = kb_parse_day(f[2]);
    int32_t to = strcmp(f[3], "-") == 0 ? INT32_MAX : kb_parse_day(f[3]);
    if (from == INT32_MIN || to == INT32_MIN) {
        error(c, "bad date in role (want YYYY-MM-DD, or - for an open end)");
        return;
    }
    if (to < from)
        error(c, "role ends (%s) before it starts (%s)", f[3], f[2]);
    KbEntity *e = &VEC_AT(c->entities, KbEntity, c->cur_entity);
    for (uint32_t i = e->first_role; i < e->first_role + e->n_roles; i++) {
        KbRole *r = &VEC_AT(c->roles, KbRole, i);
        if (from <= r->to && r->from <= to)
            error(c, "role %s %s..%s overlaps the role on line %u", f[1], f[2], f[3], r->line);
    }
    KbRole *r = vec_push(&c->roles);
    r->from = from;
    r->to = to;
    r->code = intern_string(c, f[1], strlen(f[1]));
    r->line = (uint32_t)c->line;
    e->n_roles++;
    c->stats.roles++;
}

static void record_simple(Compiler *c, char **f, int nf, char *rest, int kind)
{
    const char *what = kind == KB_ORG ? "org" : "agent";
    if (nf != 3 || !rest) {
        error(c, "expected: %s ID CODE = names", what);
        return;
    }
    int k = kind;
    const char *code = f[2];
    if (kind == KB_AGENT && strcmp(code, "-") == 0) {
        k = KB_HONORIFIC;
        code = "";
    } else if (kind == KB_ORG && !valid_codes(code) && odd_code(code)) {
        /* TABARI's codes are free-form ("YEMNO"): allowed with `option coding =
         * sparse`, which the options file may bring after this one */
        if (!c->odd_line) {
            c->odd_file = intern_string(c, c->file, strlen(c->file));
            c->odd_line = c->line;
        }
    } else if (!(kind == KB_AGENT && strcmp(code, "~") == 0) &&
               !(kind == KB_ORG ? valid_codes(code)
                 : kind == KB_AGENT ? valid_sector(code) : valid_code(code))) {
        error(c, "bad code \"%s\"", code);
    }
    uint32_t e = new_entity(c, k, kind == KB_ORG ? 2 : 3, f[1], code);
    add_phrases(c, rest, k, e, &VEC_AT(c->entities, KbEntity, e).name);
    c->cur_kind = 0;
    if (kind == KB_ORG) {
        /* an organisation may have dated codes of its own, written as a
         * person's roles: the Taliban rule from Kabul from 2021 */
        VEC_AT(c->entities, KbEntity, e).first_role = (uint32_t)c->roles.n;
        c->cur_entity = e;
        c->cur_kind = 'o';
        c->stats.orgs++;
    } else {
        c->stats.agents++;
    }
}

static void record_set(Compiler *c, char **f, int nf, char *rest)
{
    if (nf != 2 || !rest) {
        error(c, "expected: set NAME = phrases");
        return;
    }
    int added;
    uint32_t idx = (uint32_t)c->sets.n;
    strmap_put(&c->set_map, f[1], strlen(f[1]), idx, &added);
    if (!added) {
        error(c, "duplicate set \"%s\"", f[1]);
        return;
    }
    KbSet *s = vec_push(&c->sets);
    s->name = intern_string(c, f[1], strlen(f[1]));
    s->first_phrase = (uint32_t)c->set_members.n;
    add_phrases(c, rest, KB_SET_MEMBER, idx, NULL);
    s = &VEC_AT(c->sets, KbSet, idx);
    s->n_phrases = (uint32_t)c->set_members.n - s->first_phrase;
    c->stats.sets++;
    c->cur_kind = 0;
}

/* "verb carry_out = carried_out | ..." or "noun call"; "verb leave @left"
 * keeps the block's patterns to that one form of the word. */
static void record_anchor(Compiler *c, char **f, int nf, char *rest, int noun)
{
    if (nf != 2 && !(nf == 3 && f[2][0] == '@' && f[2][1])) {
        error(c, "expected: %s LEMMA [@FORM] [= irregular forms]", noun ? "noun" : "verb");
        return;
    }
    c->cur_form = 0;
    if (nf == 3) {
        lower_ascii(f[2] + 1, strlen(f[2] + 1));
        c->cur_form = intern_word(c, f[2] + 1, strlen(f[2] + 1));
    }
    char *lemma = f[1];
    lower_ascii(lemma, strlen(lemma));
    char *us = strchr(lemma, '_');
    size_t head_len = us ? (size_t)(us - lemma) : strlen(lemma);
    c->cur_anchor = intern_word(c, lemma, head_len);
    c->cur_n_particles = 0;
    int gap = 0; /* "a__b": an empty part marks a gap before the next word (TABARI's blank) */
    for (char *p = us; p && *p == '_' && c->cur_n_particles < 4;) {
        char *q = strchr(p + 1, '_');
        size_t n = q ? (size_t)(q - p - 1) : strlen(p + 1);
        if (n) {
            /* "wound~": a stem, any word it begins (TABARI's words without '_') */
            int stem = n > 1 && p[n] == '~';
            c->cur_particle_gap[c->cur_n_particles] = (uint8_t)gap;
            c->cur_particle_stem[c->cur_n_particles] = (uint8_t)stem;
            c->cur_particles[c->cur_n_particles++] = intern_word(c, p + 1, n - (size_t)stem);
        }
        gap = n == 0;
        p = q;
    }
    inflect(c, c->cur_anchor, !noun, noun);
    if (rest) {
        char *save = NULL;
        for (char *t = strtok_r(rest, "|", &save); t; t = strtok_r(NULL, "|", &save)) {
            while (*t == ' ')
                t++;
            size_t n = strlen(t);
            while (n && t[n - 1] == ' ')
                n--;
            char *u = memchr(t, '_', n);
            if (u)
                n = (size_t)(u - t);
            /* "parley~": a stem form, any word it begins (TABARI's form-list word without '_') */
            int stem = n > 1 && t[n - 1] == '~';
            n -= (size_t)stem;
            if (n == 0)
                continue;
            lower_ascii(t, n);
            t[n] = '\0';
            add_form(c, t, c->cur_anchor, 1);
            if (stem)
                word_at(c, intern_word(c, t, n))->gram |= KB_G_STEM;
        }
    }
    c->cur_kind = noun ? 'n' : 'v';
    if (noun)
        c->stats.nouns++;
    else
        c->stats.verbs++;
}

static KbElem *push_elem(Compiler *c, int type, uint32_t value, int adjacent)
{
    KbElem *e = vec_push(&c->elems);
    e->type = (uint8_t)type;
    e->value = value;
    e->adjacent = (uint8_t)adjacent;
    e->first = type == KB_E_WORD ? word_at(c, value)->first : '\0';
    return e;
}

static void detail_pattern(Compiler *c, char *line)
{
    char *save = NULL;
    char *code = strtok_r(line, " \t", &save);
    int ci = -1;
    uint32_t *found = code ? strmap_get(&c->code_map, code, strlen(code)) : NULL;
    if (found)
        ci = (int)*found;
    else {
        error(c, "unknown CAMEO code \"%s\"", code ? code : "");
        return;
    }
    PendingPattern *pp = vec_push(&c->patterns);
    pp->order = (uint32_t)c->patterns.n;
    pp->anchor = c->cur_anchor;
    KbPattern *p = &pp->p;
    p->code = (uint32_t)ci;
    p->form = c->cur_form;
    p->first_elem = (uint32_t)c->elems.n;
    /* events name the file as a reader of the repository knows it: data/kb/... */
    const char *shown = strlen(c->file) > c->shown_from ? c->file + c->shown_from : c->file;
    p->file = intern_string(c, shown, strlen(shown));
    p->line = (uint32_t)c->line;
    if (c->cur_kind == 'n')
        p->flags |= KB_P_NOUN;
    Buf text;
    buf_init(&text);
    int anchors = 0;
    uint32_t form = 0; /* [form=WORD]: the one form of the anchor that fires */
    for (char *t = strtok_r(NULL, " \t", &save); t; t = strtok_r(NULL, " \t", &save)) {
        if (t[0] == '[') {
            if (c->elems.n != p->first_elem) {
                error(c, "flags must come before the elements");
                continue;
            }
            char *end = strchr(t, ']');
            if (end)
                *end = '\0';
            char *s2 = NULL;
            for (char *fl = strtok_r(t + 1, ",", &s2); fl; fl = strtok_r(NULL, ",", &s2)) {
                if (strcmp(fl, "sym") == 0)
                    p->flags |= KB_P_SYM;
                else if (strcmp(fl, "neg") == 0)
                    p->flags |= KB_P_NEG;
                else if (strcmp(fl, "verbal") == 0)
                    p->flags |= KB_P_VERBAL;
                else if (strcmp(fl, "nointent") == 0)
                    p->flags |= KB_P_NOINTENT;
                else if (strcmp(fl, "weak") == 0)
                    p->flags |= KB_P_WEAK;
                else if (strcmp(fl, "dominant") == 0)
                    p->flags |= KB_P_DOMINANT;
                else if (strncmp(fl, "form=", 5) == 0 && fl[5]) {
                    p->flags |= KB_P_FORM;
                    form = intern_word(c, fl + 5, strlen(fl + 5));
                }
                else if (strncmp(fl, "rev=", 4) == 0) {
                    uint32_t *rc = strmap_get(&c->code_map, fl + 4, strlen(fl + 4));
                    if (rc)
                        p->rev_code = *rc + 1;
                    else
                        error(c, "unknown CAMEO code \"%s\" in [rev=]", fl + 4);
                }
                else
                    error(c, "unknown flag \"%s\"", fl);
            }
            continue;
        }
        if (text.len)
            buf_putc(&text, ' ');
        buf_puts(&text, t);
        /* "_&SET", "_word": right after the element before (a join that cannot be
         * written a_b because one side is a set) */
        int glued = t[0] == '_' && t[1] != '\0';
        if (glued)
            t++;
        if (strcmp(t, "+") == 0) {
            push_elem(c, KB_E_TARGET, 0, 0);
        } else if (strcmp(t, "$") == 0) {
            push_elem(c, KB_E_SOURCE, 0, 0);
        } else if (strcmp(t, "^") == 0) {
            push_elem(c, KB_E_SKIP, 0, glued);
        } else if (strcmp(t, "%") == 0 && (c->options & KB_O_SPARSE)) {
            push_elem(c, KB_E_COMPOUND, 0, glued);
        } else if (strcmp(t, "%") == 0) {
            /* a compound source; with no target its members act among
             * themselves.  It asks more of the text than a bare '*' does. */
            if (anchors)
                error(c, "'%%' stands before '*' (a compound source)");
            push_elem(c, KB_E_SOURCE, 0, glued);
            p->flags |= KB_P_AMONG;
            p->n_literals++;
        } else if (t[0] == '&') {
            SetRef *r = vec_push(&c->set_refs);
            r->elem = (uint32_t)c->elems.n;
            r->name = intern_string(c, t + 1, strlen(t + 1));
            r->file = p->file;
            r->line = p->line;
            push_elem(c, KB_E_SET, 0, glued);
            p->n_literals++;
        } else {
            /* a_b: words that must be adjacent; the anchor may be joined too
             * ("recent~_*": the word right before the verb) */
            int first = 1;
            char *s3 = NULL;
            for (char *w = strtok_r(t, "_", &s3); w; w = strtok_r(NULL, "_", &s3)) {
                if (strcmp(w, "*") == 0) {
                    anchors++;
                    p->anchor_at = (uint8_t)(c->elems.n - p->first_elem);
                    push_elem(c, KB_E_ANCHOR, form ? form : c->cur_anchor, !first);
                    for (int i = 0; i < c->cur_n_particles; i++)
                        push_elem(c, KB_E_WORD, c->cur_particles[i], !c->cur_particle_gap[i])->stem =
                            c->cur_particle_stem[i];
                    first = 0;
                    continue;
                }
                uint32_t ids[KB_MAX_PHRASE];
                size_t wl = strlen(w);
                int stem = wl > 1 && w[wl - 1] == '~'; /* "word~": any word it begins */
                size_t k = phrase_words(c, w, wl - (size_t)stem, ids, 0, NULL);
                for (size_t i = 0; i < k; i++) {
                    KbElem *el = push_elem(c, KB_E_WORD, ids[i], !(first && i == 0) || glued);
                    el->stem = (uint8_t)(stem && i + 1 == k);
                    inflect(c, ids[i], 1, 1);
                    p->n_literals++;
                }
                first = 0;
            }
        }
    }
    p->n_elems = (uint8_t)(c->elems.n - p->first_elem);
    p->text = intern_string(c, text.data ? text.data : "", text.len);
    buf_free(&text);
    if (anchors != 1)
        error(c, "a pattern needs exactly one '*' (found %d)", anchors);
    if (c->elems.n - p->first_elem > KB_MAX_ELEMS)
        error(c, "pattern has more than %d elements", KB_MAX_ELEMS);
    c->stats.patterns++;
}

static void record_discard(Compiler *c, char **f, int nf, char *rest)
{
    if (nf < 1 || nf > 2 || !rest) {
        error(c, "expected: discard ID = phrases");
        return;
    }
    uint32_t e = new_entity(c, KB_DISCARD, nf == 2 ? 4 : -1, nf == 2 ? f[1] : "", "");
    add_phrases(c, rest, KB_DISCARD, e, NULL);
    c->stats.discards++;
    c->cur_kind = 0;
}

int kb_valid_issue_category(const char *s)
{
    if (!*s)
        return 0;
    for (; *s; s++)
        if (!((*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '_' || *s == '-'))
            return 0;
    return 1;
}

/* `issue ID CATEGORY = phrases`, then `  not = phrases`. */
static void record_issue(Compiler *c, char **f, int nf, char *rest)
{
    c->cur_kind = 0;
    if (nf != 3 || !rest) {
        error(c, "expected: issue ID CATEGORY = phrases");
        return;
    }
    if (!kb_valid_issue_category(f[2]))
        error(c, "bad issue category \"%s\": use capitals, digits, '_' and '-'", f[2]);
    c->cur_entity = new_entity(c, KB_ISSUE, 5, f[1], f[2]);
    add_phrases(c, rest, KB_ISSUE, c->cur_entity, &VEC_AT(c->entities, KbEntity, c->cur_entity).name);
    c->cur_kind = 'i';
    c->stats.issues++;
}

static void detail_issue(Compiler *c, char **f, int nf, char *rest)
{
    if (nf != 1 || strcmp(f[0], "not") != 0 || !rest) {
        error(c, "expected: not = phrases (phrases that hold the issue's words and do not name it)");
        return;
    }
    add_phrases(c, rest, KB_ISSUE_NOT, c->cur_entity, NULL);
}

/* `option target = first-actor`: dictionaries written for coders that take the
 * first actor after the verb as the target when a pattern names none;
 * `option anchor = any-word`: for coders whose verbs match any word of that form
 * ("in accord with", "their meeting"), not only the head of a verb group;
 * `option auxiliaries = pattern-words`: for coders whose anchor is the verb word
 * alone, so a pattern's words before it may be its auxiliaries ("will not *");
 * `option role-alone = null-country`: for coders that code a role noun with no
 * country in its own phrase as "---" plus the sector, never from context;
 * `option noun-phrase = any-actor`: for coders that code a noun phrase by any
 * actor word in it, head or not ("the official news agency" is a government's);
 * `option passive = by-agent`: for coders that read a passive verb as one only
 * when its "by" agent follows ("X was criticized over Y" codes X against Y);
 * `option words = exact`: for coders whose pattern words are word forms
 * ("RESOLUTION" does not match "resolutions"); `option infinitive = governed`:
 * an infinitive after a verb that matched in its clause is part of that verb's
 * phrase and codes nothing of its own ("urged X to help win");
 * `option coding = sparse`: TABARI's conventions, one coded verb a conjunct
 * clause and the others of src/coding/sparse.c; `option underscore = space`:
 * for coders whose dictionaries join words with '_', so that one in the text
 * is a word break too ("Dol_Amroth" is "Dol Amroth"). */
static void record_option(Compiler *c, char **f, int nf, char *rest)
{
    c->cur_kind = 0;
    if (nf != 2 || !rest) {
        error(c, "expected: option NAME = VALUE");
        return;
    }
    while (*rest == ' ')
        rest++;
    static const struct { const char *name, *value; uint32_t bit; } known[] = {
        {"target", "first-actor", KB_O_TARGET_FIRST_ACTOR},
        {"anchor", "any-word", KB_O_ANCHOR_ANY},
        {"auxiliaries", "pattern-words", KB_O_AUX_WORDS},
        {"role-alone", "null-country", KB_O_ROLE_NULL_COUNTRY},
        {"noun-phrase", "any-actor", KB_O_NP_ANY_ACTOR},
        {"passive", "by-agent", KB_O_PASSIVE_BY_AGENT},
        {"words", "exact", KB_O_EXACT_WORDS},
        {"infinitive", "governed", KB_O_INFINITIVE_GOVERNED},
        {"coding", "sparse", KB_O_SPARSE},
        {"underscore", "space", KB_O_UNDERSCORE_SPACE},
    };
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        if (strcmp(f[1], known[i].name) == 0 && strcmp(rest, known[i].value) == 0) {
            c->options |= known[i].bit;
            return;
        }
    error(c, "unknown option \"%s = %s\"", f[1], rest);
}

static void read_line(Compiler *c, char *line)
{
    char *hash = strchr(line, '#');
    if (hash)
        *hash = '\0';
    size_t n = strlen(line);
    while (n && (line[n - 1] == ' ' || line[n - 1] == '\t' || line[n - 1] == '\r' || line[n - 1] == '\n'))
        line[--n] = '\0';
    if (n == 0)
        return;
    int detail = line[0] == ' ' || line[0] == '\t';
    if (detail && (c->cur_kind == 'v' || c->cur_kind == 'n')) {
        detail_pattern(c, line);
        return;
    }
    char *fields[8], *rest;
    int nf = split_head(line, fields, 8, &rest);
    if (nf <= 0) {
        error(c, "cannot read this line");
        return;
    }
    if (detail) {
        if (c->cur_kind == 'c')
            detail_country(c, fields, nf, rest);
        else if (c->cur_kind == 'p' || c->cur_kind == 'o')
            detail_person(c, fields, nf);
        else if (c->cur_kind == 'i')
            detail_issue(c, fields, nf, rest);
        else
            error(c, "indented line outside a country, person, issue, verb or noun record");
        return;
    }
    const char *k = fields[0];
    if (strcmp(k, "country") == 0)
        record_country(c, fields, nf, rest);
    else if (strcmp(k, "person") == 0)
        record_person(c, fields, nf, rest);
    else if (strcmp(k, "org") == 0)
        record_simple(c, fields, nf, rest, KB_ORG);
    else if (strcmp(k, "agent") == 0)
        record_simple(c, fields, nf, rest, KB_AGENT);
    else if (strcmp(k, "set") == 0)
        record_set(c, fields, nf, rest);
    else if (strcmp(k, "verb") == 0)
        record_anchor(c, fields, nf, rest, 0);
    else if (strcmp(k, "noun") == 0)
        record_anchor(c, fields, nf, rest, 1);
    else if (strcmp(k, "discard") == 0)
        record_discard(c, fields, nf, rest);
    else if (strcmp(k, "issue") == 0)
        record_issue(c, fields, nf, rest);
    else if (strcmp(k, "option") == 0)
        record_option(c, fields, nf, rest);
    else {
        error(c, "unknown record kind \"%s\"", k);
        c->cur_kind = 0;
    }
}

/* Open a source for reading and make it the one errors name; NULL (reported)
 * when it cannot be opened. */
static FILE *open_source(Compiler *c, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(c->errors, "%s: cannot open: %s\n", path, strerror(errno));
        c->n_errors++;
        return NULL;
    }
    snprintf(c->file, sizeof c->file, "%s", path);
    c->line = 0;
    c->cur_kind = 0;
    return f;
}

static int read_file(Compiler *c, const char *path)
{
    FILE *f = open_source(c, path);
    if (!f)
        return -1;
    char *line = NULL;
    size_t cap = 0;
    while (getline(&line, &cap, f) != -1) {
        c->line++;
        read_line(c, line);
    }
    free(line);
    fclose(f);
    return 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Names in a directory ending in `suffix` (or, with suffix NULL, subdirectories),
 * sorted; returns how many, at most max. */
static size_t list_dir(const char *dir, const char *suffix, char **names, size_t max)
{
    DIR *dp = opendir(dir);
    if (!dp)
        return 0;
    size_t n = 0;
    struct dirent *de;
    while ((de = readdir(dp)) && n < max) {
        size_t len = strlen(de->d_name);
        if (de->d_name[0] == '.')
            continue;
        if (suffix ? (len > 4 && strcmp(de->d_name + len - 4, suffix) == 0)
                   : (de->d_type == DT_DIR))
            names[n++] = strdup(de->d_name);
    }
    closedir(dp);
    qsort(names, n, sizeof names[0], cmp_str);
    return n;
}

/* Call fn for every *.txt in dir, then every *.txt in each of its folders
 * (people/, verbs/, ...), folders and files in name order, so that the image and
 * its fingerprint do not depend on the order the file system lists them in.
 * Returns -1 when dir cannot be opened. */
static int for_each_source(const char *dir, void (*fn)(void *ctx, const char *path, const char *name),
                           void *ctx)
{
    DIR *probe = opendir(dir);
    if (!probe)
        return -1;
    closedir(probe);
    char *subs[256];
    size_t n_subs = list_dir(dir, NULL, subs, 256);
    for (size_t d = 0; d <= n_subs; d++) {
        char here[2048];
        if (d == 0)
            snprintf(here, sizeof here, "%s", dir);
        else
            snprintf(here, sizeof here, "%.1000s/%.1000s", dir, subs[d - 1]);
        char *names[4096];
        size_t n = list_dir(here, ".txt", names, 4096);
        for (size_t i = 0; i < n; i++) {
            char path[4096];
            snprintf(path, sizeof path, "%s/%s", here, names[i]);
            fn(ctx, path, names[i]);
            free(names[i]);
        }
    }
    for (size_t d = 0; d < n_subs; d++)
        free(subs[d]);
    return 0;
}

static void read_source(void *ctx, const char *path, const char *name)
{
    (void)name;
    read_file(ctx, path);
}

static void read_dir(Compiler *c, const char *dir)
{
    if (for_each_source(dir, read_source, c) != 0) {
        fprintf(c->errors, "%s: cannot open directory: %s\n", dir, strerror(errno));
        c->n_errors++;
    }
}

static uint64_t hash_file(uint64_t h, const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return h;
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        h = hash_mix(h, kb_checksum(buf, n));
    fclose(f);
    return h;
}

/* The file's name relative to its folder and its bytes, so a moved checkout
 * stays fresh. */
static void hash_source(void *ctx, const char *path, const char *name)
{
    uint64_t *h = ctx;
    *h = hash_mix(*h, hash_bytes(name, strlen(name)));
    *h = hash_file(*h, path);
}

uint64_t kb_sources_fingerprint(const char *dir, const char *codebook_path)
{
    uint64_t h = hash_file(0x5eed, codebook_path);
    if (for_each_source(dir, hash_source, &h) != 0)
        return 0;
    return h ? h : 1;
}

static int read_codebook(Compiler *c, const char *path)
{
    FILE *f = open_source(c, path);
    if (!f)
        return -1;
    char *line = NULL;
    size_t cap = 0;
    while (getline(&line, &cap, f) != -1) {
        c->line++;
        if (line[0] == '#' || line[0] == '\n')
            continue;
        char *save = NULL;
        char *code = strtok_r(line, "\t", &save);
        char *root = strtok_r(NULL, "\t", &save);
        char *quad = strtok_r(NULL, "\t", &save);
        char *gold = strtok_r(NULL, "\t", &save);
        char *name = strtok_r(NULL, "\t\n", &save);
        if (!name || strlen(code) < 2 || strlen(code) > 4) {
            error(c, "expected: code, root, quad, goldstein, name");
            continue;
        }
        int added;
        strmap_put(&c->code_map, code, strlen(code), (uint32_t)c->codes.n, &added);
        if (!added) {
            error(c, "duplicate code %s", code);
            continue;
        }
        KbCode *k = vec_push(&c->codes);
        snprintf(k->code, sizeof k->code, "%s", code);
        k->root = (uint8_t)atoi(root);
        k->quad = (uint8_t)atoi(quad);
        k->goldstein = strtof(gold, NULL);
        k->name = intern_string(c, name, strlen(name));
        if (k->root < 1 || k->root > 20 || k->quad < 1 || k->quad > 4)
            error(c, "code %s: root or quad class out of range", code);
    }
    free(line);
    fclose(f);
    return 0;
}

/* WordNet's exception lists, "inflected base" per line, grouped by base into
 * "form form ..." strings. */
typedef struct ExcGroups {
    StrMap map; /* base -> index into lists */
    Vec lists;  /* Buf per base */
} ExcGroups;

static void group_exception(const char *form, const char *base, void *ctx)
{
    ExcGroups *g = ctx;
    int added;
    uint32_t *at = strmap_put(&g->map, base, strlen(base), (uint32_t)g->lists.n, &added);
    if (added)
        buf_init(vec_push(&g->lists));
    Buf *b = &VEC_AT(g->lists, Buf, *at);
    if (b->len)
        buf_putc(b, ' ');
    buf_puts(b, form);
}

static void read_wordnet(Compiler *c, const char *path, int noun)
{
    ExcGroups g;
    strmap_init(&g.map);
    vec_init(&g.lists, sizeof(Buf));
    morph_read_exceptions(path, group_exception, &g);
    for (size_t i = 0; i <= g.map.mask; i++) {
        StrMapSlot *s = &g.map.slots[i];
        if (!s->key)
            continue;
        Buf *b = &VEC_AT(g.lists, Buf, s->value);
        strmap_put(&c->wordnet[noun], s->key, s->len, intern_string(c, b->data, b->len), NULL);
    }
    for (size_t i = 0; i < g.lists.n; i++)
        buf_free(&VEC_AT(g.lists, Buf, i));
    free(g.lists.data);
    strmap_free(&g.map);
}

static int cmp_pattern(const void *a, const void *b)
{
    const PendingPattern *x = a, *y = b;
    if (x->anchor != y->anchor)
        return x->anchor < y->anchor ? -1 : 1;
    return x->order < y->order ? -1 : x->order > y->order;
}

static int cmp_code(const void *a, const void *b)
{
    return strcmp(((const KbCode *)a)->code, ((const KbCode *)b)->code);
}

static void align8(Buf *b)
{
    while (b->len % 8)
        buf_putc(b, '\0');
}

static uint32_t pow2_at_least(size_t n)
{
    uint32_t s = 16;
    while (s < n * 2)
        s *= 2;
    return s;
}

/* Lay out the image and write it. */
static int write_image(Compiler *c, const char *out_path)
{
    /* Patterns grouped by anchor, elements copied in the new order. */
    if (c->patterns.n) /* qsort wants a valid pointer even for no items */
        qsort(c->patterns.data, c->patterns.n, sizeof(PendingPattern), cmp_pattern);
    Vec pats, elems;
    vec_init(&pats, sizeof(KbPattern));
    vec_init(&elems, sizeof(KbElem));
    for (size_t i = 0; i < c->patterns.n; i++) {
        PendingPattern *pp = &VEC_AT(c->patterns, PendingPattern, i);
        KbWord *w = word_at(c, pp->anchor);
        if (w->n_patterns == 0)
            w->first_pattern = (uint32_t)pats.n;
        w->n_patterns++;
        KbPattern *p = vec_push(&pats);
        *p = pp->p;
        p->first_elem = (uint32_t)elems.n;
        p->n_word_keys = 0;
        for (uint32_t k = 0; k < pp->p.n_elems; k++) {
            const KbElem *e = &VEC_AT(c->elems, KbElem, pp->p.first_elem + k);
            *(KbElem *)vec_push(&elems) = *e;
            if (e->type != KB_E_WORD || p->n_word_keys == KB_PATTERN_KEYS)
                continue;
            const char *text = c->strings.data + word_at(c, e->value)->text;
            int key = kb_pair_key(text, strlen(text));
            if (key >= 0)
                p->word_keys[p->n_word_keys++] = (uint16_t)key;
        }
    }
    /* Longest phrase starting with each word. */
    for (size_t i = 0; i < c->phrases.n; i++) {
        KbPhrase *p = &VEC_AT(c->phrases, KbPhrase, i);
        if (p->kind == KB_SET_MEMBER)
            continue;
        KbWord *w = word_at(c, VEC_AT(c->ids, uint32_t, p->words));
        int issue = p->kind == KB_ISSUE || p->kind == KB_ISSUE_NOT;
        uint8_t *longest = issue ? &w->max_issue : &w->max_phrase;
        if (p->len > *longest)
            *longest = p->len;
        *(issue ? &w->issue_lens : &w->phrase_lens) |= (uint16_t)(1u << (p->len - 1));
        if (p->gaps && p->len > w->max_gapped)
            w->max_gapped = p->len;
    }
    /* Codebook sorted for binary search: remap pattern code indices. */
    size_t nc = c->codes.n;
    KbCode *sorted = xmalloc(nc * sizeof *sorted + 1);
    memcpy(sorted, c->codes.data, nc * sizeof *sorted);
    qsort(sorted, nc, sizeof *sorted, cmp_code);
    for (size_t i = 0; i < pats.n; i++) {
        KbPattern *p = &VEC_AT(pats, KbPattern, i);
        const char *code = VEC_AT(c->codes, KbCode, p->code).code;
        KbCode key;
        snprintf(key.code, sizeof key.code, "%s", code);
        KbCode *hit = bsearch(&key, sorted, nc, sizeof *sorted, cmp_code);
        p->code = (uint32_t)(hit - sorted);
        if (p->rev_code) {
            snprintf(key.code, sizeof key.code, "%s", VEC_AT(c->codes, KbCode, p->rev_code - 1).code);
            hit = bsearch(&key, sorted, nc, sizeof *sorted, cmp_code);
            p->rev_code = (uint32_t)(hit - sorted) + 1;
        }
    }
    /* Hash tables. */
    uint32_t wslots = pow2_at_least(c->words.n);
    uint32_t *word_slots = xcalloc(wslots, sizeof *word_slots);
    for (uint32_t i = 1; i < c->words.n; i++) {
        uint32_t s = (uint32_t)word_at(c, i)->hash & (wslots - 1);
        while (word_slots[s])
            s = (s + 1) & (wslots - 1);
        word_slots[s] = i;
    }
    uint32_t pslots = pow2_at_least(c->phrases.n);
    uint32_t *phrase_slots = xcalloc(pslots, sizeof *phrase_slots);
    for (uint32_t i = 0; i < c->phrases.n; i++) {
        KbPhrase *p = &VEC_AT(c->phrases, KbPhrase, i);
        if (p->kind == KB_SET_MEMBER)
            continue;
        uint32_t s = (uint32_t)p->hash & (pslots - 1);
        int dup = 0;
        while (phrase_slots[s]) {
            KbPhrase *q = &VEC_AT(c->phrases, KbPhrase, phrase_slots[s] - 1);
            if (q->hash == p->hash && q->len == p->len && q->gaps == p->gaps &&
                memcmp(&VEC_AT(c->ids, uint32_t, q->words), &VEC_AT(c->ids, uint32_t, p->words),
                       p->len * sizeof(uint32_t)) == 0) {
                dup = 1;  /* first definition wins (words kept apart by a gap are another phrase) */
                break;
            }
            s = (s + 1) & (pslots - 1);
        }
        if (!dup)
            phrase_slots[s] = i + 1;
    }
    c->stats.words = (uint32_t)c->words.n - 1;
    c->stats.phrases = (uint32_t)c->phrases.n;
    c->stats.codes = (uint32_t)nc;

    Buf img;
    buf_init(&img);
    KbHeader h;
    memset(&h, 0, sizeof h);
    buf_put(&img, (const char *)&h, sizeof h);
    struct { const void *p; size_t n, size; } sec[KB_SEC_COUNT] = {
        [KB_SEC_STRINGS] = {c->strings.data, c->strings.len, 1},
        [KB_SEC_WORDS] = {c->words.data, c->words.n, sizeof(KbWord)},
        [KB_SEC_WORD_SLOTS] = {word_slots, wslots, sizeof(uint32_t)},
        [KB_SEC_PHRASES] = {c->phrases.data, c->phrases.n, sizeof(KbPhrase)},
        [KB_SEC_PHRASE_SLOTS] = {phrase_slots, pslots, sizeof(uint32_t)},
        [KB_SEC_IDS] = {c->ids.data, c->ids.n, sizeof(uint32_t)},
        [KB_SEC_ENTITIES] = {c->entities.data, c->entities.n, sizeof(KbEntity)},
        [KB_SEC_ROLES] = {c->roles.data, c->roles.n, sizeof(KbRole)},
        [KB_SEC_PATTERNS] = {pats.data, pats.n, sizeof(KbPattern)},
        [KB_SEC_ELEMS] = {elems.data, elems.n, sizeof(KbElem)},
        [KB_SEC_SETS] = {c->sets.data, c->sets.n, sizeof(KbSet)},
        [KB_SEC_SET_PHRASES] = {c->set_members.data, c->set_members.n, sizeof(uint32_t)},
        [KB_SEC_CODES] = {sorted, nc, sizeof(KbCode)},
    };
    for (int i = 0; i < KB_SEC_COUNT; i++) {
        align8(&img);
        h.off[i] = img.len;
        h.count[i] = sec[i].n;
        if (sec[i].n)
            buf_put(&img, sec[i].p, sec[i].n * sec[i].size);
    }
    align8(&img);
    memcpy(h.magic, KB_MAGIC, 8);
    h.version = KB_FORMAT_VERSION;
    h.sections = KB_SEC_COUNT;
    h.size = img.len;
    memcpy(img.data, &h, sizeof h);
    h.sources = c->sources;
    h.options = c->options;
    memcpy(img.data, &h, sizeof h);
    h.checksum = kb_checksum(img.data + KB_CHECKED_FROM, img.len - KB_CHECKED_FROM);
    memcpy(img.data, &h, sizeof h);

    int rc = 0;
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", out_path);
    FILE *f = fopen(tmp, "wb");
    int wrote = f && fwrite(img.data, 1, img.len, f) == img.len;
    if (f && fclose(f) != 0)
        wrote = 0;
    if (!wrote) {
        fprintf(c->errors, "%s: cannot write: %s\n", tmp, strerror(errno));
        unlink(tmp);
        rc = -1;
    } else if (rename(tmp, out_path) != 0) {
        fprintf(c->errors, "%s: cannot rename: %s\n", out_path, strerror(errno));
        rc = -1;
    }
    buf_free(&img);
    free(word_slots);
    free(phrase_slots);
    free(sorted);
    free(pats.data);
    free(elems.data);
    return rc;
}

static void compiler_free(Compiler *c)
{
    buf_free(&c->strings);
    strmap_free(&c->string_map);
    strmap_free(&c->word_map);
    strmap_free(&c->set_map);
    strmap_free(&c->code_map);
    strmap_free(&c->issue_keys);
    for (int i = 0; i < 6; i++)
        strmap_free(&c->id_maps[i]);
    for (int i = 0; i < 2; i++)
        strmap_free(&c->wordnet[i]);
    Vec *vecs[] = {&c->words, &c->phrases, &c->ids, &c->entities, &c->roles, &c->patterns,
                   &c->elems, &c->sets, &c->set_members, &c->set_refs, &c->codes};
    for (size_t i = 0; i < sizeof vecs / sizeof vecs[0]; i++)
        free(vecs[i]->data);
    arena_free(&c->scratch);
}

int kb_compile(const char *kb_dir, const char *codebook_path, const char *out_path,
               FILE *errors, KbStats *stats)
{
    Compiler c;
    memset(&c, 0, sizeof c);
    c.errors = errors;
    buf_init(&c.strings);
    buf_putc(&c.strings, '\0'); /* offset 0 is the empty string */
    strmap_init(&c.string_map);
    strmap_put(&c.string_map, "", 0, 0, NULL);
    strmap_init(&c.word_map);
    strmap_init(&c.set_map);
    strmap_init(&c.code_map);
    strmap_init(&c.issue_keys);
    for (int i = 0; i < 6; i++)
        strmap_init(&c.id_maps[i]);
    for (int i = 0; i < 2; i++)
        strmap_init(&c.wordnet[i]);
    vec_init(&c.words, sizeof(KbWord));
    vec_init(&c.phrases, sizeof(KbPhrase));
    vec_init(&c.ids, sizeof(uint32_t));
    vec_init(&c.entities, sizeof(KbEntity));
    vec_init(&c.roles, sizeof(KbRole));
    vec_init(&c.patterns, sizeof(PendingPattern));
    vec_init(&c.elems, sizeof(KbElem));
    vec_init(&c.sets, sizeof(KbSet));
    vec_init(&c.set_members, sizeof(uint32_t));
    vec_init(&c.set_refs, sizeof(SetRef));
    vec_init(&c.codes, sizeof(KbCode));
    arena_init(&c.scratch, 16 * 1024);
    vec_push(&c.words); /* word 0: unknown */

    /* ".../main/data/kb" shows its files as "data/kb/..." */
    {
        size_t n = strlen(kb_dir);
        while (n > 1 && kb_dir[n - 1] == '/')
            n--;
        int slashes = 0;
        size_t i = n;
        while (i > 0 && slashes < 2)
            if (kb_dir[--i] == '/')
                slashes++;
        c.shown_from = slashes == 2 ? i + 1 : 0;
    }
    read_codebook(&c, codebook_path);
    read_wordnet(&c, "/usr/share/wordnet/verb.exc", 0);
    read_wordnet(&c, "/usr/share/wordnet/noun.exc", 1);
    read_dir(&c, kb_dir);

    for (size_t i = 0; i < c.set_refs.n; i++) {
        SetRef *r = &VEC_AT(c.set_refs, SetRef, i);
        const char *name = c.strings.data + r->name;
        uint32_t *idx = strmap_get(&c.set_map, name, strlen(name));
        if (!idx) {
            snprintf(c.file, sizeof c.file, "%s", c.strings.data + r->file);
            c.line = (int)r->line;
            error(&c, "unknown set &%s", name);
            continue;
        }
        VEC_AT(c.elems, KbElem, r->elem).value = *idx;
    }
    if (c.odd_line && !(c.options & KB_O_SPARSE)) {
        snprintf(c.file, sizeof c.file, "%s", c.strings.data + c.odd_file);
        c.line = c.odd_line;
        error(&c, "bad code: an org code not made of three-letter parts needs `option coding = sparse`");
    }
    /* Grammar bits for single-word members of the reserved sets. */
    static const struct { const char *name; uint16_t bit; } gram[] = {
        {"NEGATION", KB_G_NEGATION}, {"FAIL", KB_G_FAIL}, {"MODAL", KB_G_MODAL},
        {"INTENT", KB_G_INTENT}, {"SAY", KB_G_SAY}, {"UNKNOWN", KB_G_UNKNOWN},
        {"WISH", KB_G_WISH}, {"MEMBERS", KB_G_MEMBERS},
        {"OWNED", KB_G_OWNED}, {"WEAPON", KB_G_WEAPON}, {"BODY", KB_G_BODY}};
    for (size_t g = 0; g < sizeof gram / sizeof gram[0]; g++) {
        uint32_t *idx = strmap_get(&c.set_map, gram[g].name, strlen(gram[g].name));
        if (!idx)
            continue;
        KbSet *s = &VEC_AT(c.sets, KbSet, *idx);
        for (uint32_t k = 0; k < s->n_phrases; k++) {
            KbPhrase *p = &VEC_AT(c.phrases, KbPhrase, VEC_AT(c.set_members, uint32_t, s->first_phrase + k));
            if (p->len == 1)
                word_at(&c, VEC_AT(c.ids, uint32_t, p->words))->gram |= gram[g].bit;
        }
    }
    c.stats.words = (uint32_t)c.words.n - 1;
    c.stats.phrases = (uint32_t)c.phrases.n;
    c.stats.codes = (uint32_t)c.codes.n;
    for (size_t i = 0; i < c.phrases.n; i++) {
        const KbPhrase *p = &VEC_AT(c.phrases, KbPhrase, i);
        c.stats.agent_phrases += p->kind == KB_AGENT;
        c.stats.discard_phrases += p->kind == KB_DISCARD;
        c.stats.issue_phrases += p->kind == KB_ISSUE;
    }
    /* codes with at least three patterns */
    uint32_t *per_code = xcalloc(c.codes.n + 1, sizeof *per_code);
    for (size_t i = 0; i < c.patterns.n; i++)
        per_code[VEC_AT(c.patterns, PendingPattern, i).p.code]++;
    for (size_t i = 0; i < c.codes.n; i++)
        c.stats.codes_covered += per_code[i] >= 3;
    free(per_code);
    if (stats)
        *stats = c.stats;
    int rc = c.n_errors;
    if (rc == 0 && out_path) {
        c.sources = kb_sources_fingerprint(kb_dir, codebook_path);
        if (write_image(&c, out_path) != 0)
            rc = 1;
        if (stats)
            *stats = c.stats;
    }
    compiler_free(&c);
    return rc;
}

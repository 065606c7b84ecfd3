/*
 * cmd_validate.c: `dyad validate FILE`, TABARI's and PETRARCH's validation suites.
 *
 * The dictionaries a suite names are imported (src/knowledge/import.h) into a
 * cached image and every record is coded with dyad's own engine; a record
 * passes when the set of (source, target, code) triples produced equals the set
 * expected.  Events coded "---" (null) are dropped; an event coded "+++" or "###"
 * discards its sentence, as in TABARI; a TABARI expectation "{+++}" beside events
 * (rejected as complex, the events coded with the complex filter off) expects
 * no event while a COMPLEX limit is set.  Options the suites switch on in mid-file
 * are honoured where dyad has an equivalent (TABARI: YYYY dates, and, through
 * the worker's DyadTabariOptions, COMMA, COMPLEX and CODE BY/ALL, DEFAULT,
 * CONVERT AGENT and MINIMUM WORDS, starting from the project's .options file;
 * PETRARCH: require_dyad and new_actor_length); TABARI's FORWARD codes the records of one story
 * (ids that differ only after their last '-') as one document, each record
 * scored on its own sentences.  Records coded under an option dyad cannot
 * honour (PETRARCH comma_* away from their defaults) are not
 * scorable, and neither are records without an expected coding (TABARI's
 * "-{...}" is one the suite has switched off), records marked invalid or as
 * error tests, and TABARI's records after FINAL-01.  A PETRARCH record is
 * coded from the words of its <Parse> when it has one, as PETRARCH reads it:
 * a few records' <Text> was cut or edited after the parse was made, and their
 * expected codings follow the parse.  Only the words are used, never the
 * brackets: dyad parses for itself.  The last line
 * is exactly "N passed, N failed" over the scorable records; the line before it
 * says how many were not and why.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "dyad.h"

#include "../base/buf.h"
#include "../knowledge/foreign.h"
#include "../knowledge/import.h"
#include "../knowledge/kb.h"
#include "../knowledge/tabari_options.h"
#include "commands.h"
#include "paths.h"

#define MAX_EVENTS 64

typedef struct Triple {
    char src[40];  /* source code, "---" when none */
    char tgt[40];  /* target code, "---" when none */
    char code[12]; /* event code */
} Triple;

typedef struct Produced {
    Triple ev[MAX_EVENTS]; /* events kept */
    int n;                 /* count */
    int discard;           /* a +++ or ### event was coded */
    int require_dyad;      /* drop events lacking a side */
    int first_sentence;    /* drop events of sentences before this one (the story's context) */
} Produced;

/* Why records were not scorable, counted by reason. */
typedef struct Unscorable {
    char reason[16][80]; /* reasons */
    int count[16];       /* records per reason */
    int n;               /* reasons used */
    int total;           /* records */
} Unscorable;

typedef struct Run {
    DyadWorker *w;     /* coder */
    int passed;        /* scorable records that passed */
    int failed;        /* scorable records that failed */
    Unscorable un;     /* the others */
    int verbose;       /* print passing records too */
} Run;

static void unscorable(Unscorable *u, const char *reason)
{
    u->total++;
    for (int i = 0; i < u->n; i++)
        if (strcmp(u->reason[i], reason) == 0) {
            u->count[i]++;
            return;
        }
    if (u->n == 16)
        return;
    snprintf(u->reason[u->n], sizeof u->reason[0], "%s", reason);
    u->count[u->n++] = 1;
}

static void copy_code(char *out, size_t cap, const char *s)
{
    if (s == out) {  /* in place: only an empty code changes */
        if (!*out)
            snprintf(out, cap, "---");
        return;
    }
    snprintf(out, cap, "%s", s && *s ? s : "---");
}

static int collect(const DyadEvent *ev, void *ctx)
{
    Produced *p = ctx;
    if (ev->sentence < p->first_sentence)
        return 0;
    int null = import_code_is_null(ev->code);
    if (null >= 2)
        p->discard = 1;
    if (null)
        return 0;
    if (p->require_dyad && (!ev->source.present || !ev->target.present || !*ev->source.code ||
                            !*ev->target.code))
        return 0;
    if (p->n == MAX_EVENTS)
        return 0;
    Triple *t = &p->ev[p->n++];
    copy_code(t->src, sizeof t->src, ev->source.present ? ev->source.code : NULL);
    copy_code(t->tgt, sizeof t->tgt, ev->target.present ? ev->target.code : NULL);
    copy_code(t->code, sizeof t->code, ev->code);
    return 0;
}

static int triple_eq(const Triple *a, const Triple *b)
{
    return strcmp(a->src, b->src) == 0 && strcmp(a->tgt, b->tgt) == 0 &&
           strcmp(a->code, b->code) == 0;
}

static int has(const Triple *v, int n, const Triple *t)
{
    for (int i = 0; i < n; i++)
        if (triple_eq(&v[i], t))
            return 1;
    return 0;
}

/* Same set of triples, duplicates ignored. */
static int same_set(const Triple *a, int na, const Triple *b, int nb)
{
    for (int i = 0; i < na; i++)
        if (!has(b, nb, &a[i]))
            return 0;
    for (int i = 0; i < nb; i++)
        if (!has(a, na, &b[i]))
            return 0;
    return 1;
}

static void print_triples(const char *label, const Triple *v, int n)
{
    printf("  %s:", label);
    if (n == 0)
        printf(" (none)");
    for (int i = 0; i < n; i++)
        printf("%s %s %s %s", i ? " |" : "", v[i].src, v[i].tgt, v[i].code);
    putchar('\n');
}

static int ignore_event(const DyadEvent *ev, void *ctx)
{
    (void)ev;
    (void)ctx;
    return 0;
}

/* Code one record and score it.  context: the sentences of its story before
 * it (TABARI's FORWARD), coded with it as one document for their actors and
 * pronouns but not scored; NULL when it stands alone. */
static void score(Run *r, const char *file, int line, const char *id, const char *date,
                  const char *context, const char *text, const Triple *exp, int n_exp,
                  int require_dyad)
{
    Produced p;
    memset(&p, 0, sizeof p);
    p.require_dyad = require_dyad;
    Buf story;
    buf_init(&story);
    if (context && *context) {
        char cerr[256];
        long n = dyad_code_text(r->w, id, date, context, strlen(context), 0, ignore_event, NULL,
                                cerr, sizeof cerr);
        p.first_sentence = n > 0 ? (int)n : 0;
        buf_puts(&story, context);
        buf_puts(&story, "\n\n");
        buf_puts(&story, text);
        buf_putc(&story, '\0');
        text = story.data;
    }
    char err[256] = "";
    long coded = dyad_code_text(r->w, id, date, text, strlen(text), 0, collect, &p, err, sizeof err);
    buf_free(&story);
    if (coded < 0) {
        printf("FAIL %s (%s:%d): cannot code: %s\n", id, file, line, err);
        r->failed++;
        return;
    }
    if (p.discard)
        p.n = 0;
    if (same_set(exp, n_exp, p.ev, p.n)) {
        r->passed++;
        if (r->verbose)
            printf("ok   %s\n", id);
        return;
    }
    r->failed++;
    printf("FAIL %s (%s:%d)\n", id, file, line);
    print_triples("expected", exp, n_exp);
    print_triples("produced", p.ev, p.n);
}

/* ------------------------------------------------------------------ TABARI */

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    Buf b;
    buf_init(&b);
    char tmp[65536];
    size_t n;
    while ((n = fread(tmp, 1, sizeof tmp, f)) > 0)
        buf_put(&b, tmp, n);
    fclose(f);
    buf_putc(&b, '\0');
    *len = b.len - 1;
    return b.data;
}

/* Latin-1 bytes (old TABARI files) to UTF-8 so the coder accepts the text. */
static char *to_utf8(const char *s)
{
    Buf b;
    buf_init(&b);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p < 0x80) {
            buf_putc(&b, (char)*p);
            continue;
        }
        /* keep valid UTF-8 sequences, re-encode lone high bytes */
        int len = (*p & 0xE0) == 0xC0 ? 2 : (*p & 0xF0) == 0xE0 ? 3 : (*p & 0xF8) == 0xF0 ? 4 : 0;
        int ok = len > 0;
        for (int k = 1; ok && k < len; k++)
            ok = (p[k] & 0xC0) == 0x80;
        if (ok) {
            buf_put(&b, (const char *)p, (size_t)len);
            p += len - 1;
        } else {
            buf_putc(&b, (char)(0xC0 | (*p >> 6)));
            buf_putc(&b, (char)(0x80 | (*p & 0x3F)));
        }
    }
    buf_putc(&b, '\0');
    return b.data;
}

/* Is this line a record header: 6 (or 8) digits, blanks, an id? */
static int header(const char *line, int yyyy)
{
    int n = 0;
    while (line[n] >= '0' && line[n] <= '9')
        n++;
    /* six digits, or eight under YYYY; a record written with one digit too many
     * ("9501201  ACTORSYN-01") is still a record, not part of the one before */
    if (n != 6 && n != 7 && !(yyyy && n == 8))
        return 0;
    return (line[n] == ' ' || line[n] == '\t') && line[n + 1] != '\0';
}

/* Options in effect while the TABARI suite runs. */
typedef struct TabOpts {
    int yyyy;           /* SET: YYYY = TRUE: dates have four-digit years */
    int fwd;            /* FORWARD: a story's records are coded as one document */
    DyadTabariOptions tabari; /* the options the coder honours (COMMA, COMPLEX, CODE BY,
                                 DEFAULT, CONVERT AGENT, MINIMUM WORDS) */
} TabOpts;

static void tab_option(TabOpts *o, const char *opt)
{
    char u[256];
    size_t k = 0;
    for (const char *p = opt; *p && k + 1 < sizeof u; p++)
        if (*p != ' ' && *p != '\t')
            u[k++] = (char)(*p >= 'a' && *p <= 'z' ? *p - 32 : *p);
    u[k] = '\0';
    /* COMMA, COMPLEX, DEFAULT, SET: CODE BY/ALL, CONVERT AGENT and MINIMUM WORDS: the coder's own
     * (sparse coding) */
    tabari_option_line(&o->tabari, opt);
    if (k >= 8 && memcmp(u, "FORWARD:", 8) == 0)
        o->fwd = !(k >= 3 && strcmp(u + k - 3, "OFF") == 0);
    else if (k >= 9 && memcmp(u, "SET:YYYY=", 9) == 0)
        o->yyyy = strcmp(u + 9, "TRUE") == 0;
    /* TIME SHIFT, OUTPUT: nothing they change reaches dyad's events */
}

static void tabari_date(const char *s, int yyyy, char out[11])
{
    size_t n = strspn(s, "0123456789");
    int32_t d = foreign_parse_date(s, yyyy && n == 8 ? 8 : 6);
    if (d == INT32_MIN)
        snprintf(out, 11, "1995-01-01");
    else
        kb_format_day(d, out);
}

/* A suite file as NUL-terminated UTF-8 (see to_utf8); NULL, reported, when it
 * cannot be read.  *base: its name without folders, which scores cite. */
static char *read_suite(const char *path, const char **base)
{
    size_t len;
    char *raw = read_all(path, &len);
    if (!raw) {
        fprintf(stderr, "dyad validate: %s: cannot read\n", path);
        return NULL;
    }
    char *data = to_utf8(raw);
    free(raw);
    const char *slash = strrchr(path, '/');
    *base = slash ? slash + 1 : path;
    return data;
}

/* The project's .options file, as the suite starts: each line an option. */
static void tabari_options_file(TabOpts *o, const char *path)
{
    FILE *f = path ? fopen(path, "r") : NULL;
    if (!f)
        return;
    char line[512];
    while (fgets(line, sizeof line, f))
        if (strncmp(line, "//", 2) != 0)
            tab_option(o, line);
    fclose(f);
}

static int run_tabari(Run *r, const char *path, const char *options_file)
{
    const char *base;
    char *data = read_suite(path, &base);
    if (!data)
        return -1;
    /* lines */
    size_t n_lines = 0, cap = 1024;
    char **lines = malloc(cap * sizeof *lines);
    for (char *p = data; *p;) {
        if (n_lines == cap)
            lines = realloc(lines, (cap *= 2) * sizeof *lines);
        lines[n_lines++] = p;
        char *nl = strchr(p, '\n');
        if (!nl)
            break;
        *nl = '\0';
        if (nl > p && nl[-1] == '\r')
            nl[-1] = '\0';
        p = nl + 1;
    }
    TabOpts opts;
    memset(&opts, 0, sizeof opts);
    dyad_tabari_defaults(&opts.tabari);
    opts.tabari.record_is_paragraph = 1; /* each record's text is one paragraph */
    tabari_options_file(&opts, options_file);
    int finished = 0;
    Buf story;          /* FORWARD: the story's records so far */
    buf_init(&story);
    char story_key[64] = "";
    for (size_t i = 0; i < n_lines; i++) {
        if (!header(lines[i], opts.yyyy))
            continue;
        size_t start = i;
        size_t end = i + 1;
        /* a record that switches four-digit years on ends at the first header
         * written with them (its comment is read below, after its end is known) */
        int yyyy_after = opts.yyyy;
        for (size_t k = start + 1; k < n_lines && !header(lines[k], opts.yyyy); k++) {
            const char *o = strstr(lines[k], "OPTION:");
            if (o) {
                char one[256];
                snprintf(one, sizeof one, "%.*s", (int)strcspn(o + 7, "}"), o + 7);
                TabOpts after = opts;
                tab_option(&after, one);
                yyyy_after = after.yyyy;
            }
            if (strstr(lines[k], "*/"))
                break;
        }
        while (end < n_lines && !header(lines[end], opts.yyyy) && !header(lines[end], yyyy_after))
            end++;
        /* header: date, id */
        char date[11], id[64];
        tabari_date(lines[start], opts.yyyy, date);
        const char *h = lines[start] + strspn(lines[start], "0123456789");
        h += strspn(h, " \t");
        snprintf(id, sizeof id, "%.*s", (int)strcspn(h, " \t"), h);
        /* text until the comment; the comment's {...} blocks */
        Buf text, comment;
        buf_init(&text);
        buf_init(&comment);
        int in_comment = 0;
        for (size_t k = start + 1; k < end; k++) {
            const char *l = lines[k];
            if (!in_comment && strncmp(l, "/*", 2) == 0)
                in_comment = 1;
            if (in_comment) {
                buf_puts(&comment, l);
                buf_putc(&comment, '\n');
            } else if (*l && *l != '#') {
                if (text.len)
                    buf_putc(&text, ' ');
                buf_puts(&text, l);
            }
        }
        buf_putc(&text, '\0');
        buf_putc(&comment, '\0');
        Triple exp[MAX_EVENTS];
        int n_exp = 0, any = 0, options = 0;
        int deactivated = 0;
        int rejected = 0; /* a "{+++}" block: TABARI rejects the record (COMPLEX, or a "+++" code) */
        for (char *b = strchr(comment.data, '{'); b; b = strchr(b + 1, '{')) {
            /* "-{ARN / GON / 064}": an expectation the suite has switched off
             * ("Currently doesn't work -- deactivated") */
            if (b > comment.data && b[-1] == '-') {
                deactivated = 1;
                continue;
            }
            char *e = strchr(b, '}');
            if (!e)
                e = b + strlen(b);
            char inner[256];
            snprintf(inner, sizeof inner, "%.*s", (int)(e - b - 1), b + 1);
            char *opt = strstr(inner, "OPTION:");
            if (opt) {
                tab_option(&opts, opt + 7);
                options = 1;
                continue;
            }
            char *s1 = strchr(inner, '/');
            char *s2 = s1 ? strchr(s1 + 1, '/') : NULL;
            if (!s2) {
                char t[16];
                if (sscanf(inner, " %15s", t) == 1 && import_code_is_null(t)) {
                    any = 1;
                    rejected |= strcmp(t, "+++") == 0;
                }
                continue;
            }
            *s1 = *s2 = '\0';
            if (n_exp == MAX_EVENTS)
                continue;
            Triple *t = &exp[n_exp];
            if (sscanf(inner, " %39s", t->src) == 1 && sscanf(s1 + 1, " %39s", t->tgt) == 1 &&
                sscanf(s2 + 1, " %11s", t->code) == 1) {
                n_exp++;
                any = 1;
            }
        }
        /* "{+++}" beside events: TABARI rejects the record as too complex, and
         * the events are what it codes with the complex filter turned off ("turn
         * off complex filter to get this to code").  Scored under the options
         * in force: with a COMPLEX limit set the record yields nothing. */
        const DyadTabariOptions *to = &opts.tabari;
        if (rejected && n_exp > 0 && (to->complex_verbs > 0 || to->complex_conj > 0 || to->no_actor_prior))
            n_exp = 0;
        if (finished)
            unscorable(&r->un, "after FINAL-01, the end of the standard records");
        else if (!any)
            unscorable(&r->un, options ? "option records"
                             : deactivated ? "expected coding switched off by the suite (-{...})"
                                           : "no expected coding");
        else {
            /* FORWARD: records whose ids differ only after the last '-' are the
             * sentences of one story ("FRWD-001-001", "FRWD-001-002") */
            char key[64];
            const char *dash = strrchr(id, '-');
            snprintf(key, sizeof key, "%.*s", dash ? (int)(dash - id) : (int)strlen(id), id);
            if (!opts.fwd || strcmp(key, story_key) != 0) {
                story.len = 0;
                snprintf(story_key, sizeof story_key, "%s", opts.fwd ? key : "");
            }
            buf_putc(&story, '\0');
            story.len--;
            dyad_worker_set_tabari(r->w, &opts.tabari);
            score(r, base, (int)start + 1, id, date, story.data, text.data, exp, n_exp, 0);
            if (opts.fwd) {
                if (story.len)
                    buf_puts(&story, "\n\n");
                buf_puts(&story, text.data);
            }
        }
        if (strncmp(id, "FINAL", 5) == 0)
            finished = 1;
        buf_free(&text);
        buf_free(&comment);
        i = end - 1;
    }
    buf_free(&story);
    free(lines);
    free(data);
    return 0;
}

/* ------------------------------------------------------------------ PETRARCH */

/* Value of attribute `name` in the tag text, quotes stripped; "" when absent. */
static void attr(const char *tag, const char *tag_end, const char *name, char *out, size_t cap)
{
    out[0] = '\0';
    size_t n = strlen(name);
    for (const char *p = tag; p && p < tag_end; p = strstr(p + 1, name)) {
        p = strstr(p, name);
        if (!p || p >= tag_end)
            return;
        if (p > tag && p[-1] != ' ' && p[-1] != '\t' && p[-1] != '\n')
            continue;
        const char *q = p + n;
        while (*q == ' ')
            q++;
        if (*q != '=')
            continue;
        q++;
        while (*q == ' ')
            q++;
        char quote = *q;
        if (quote != '"' && quote != '\'')
            return;
        const char *e = strchr(q + 1, quote);
        if (!e || e > tag_end)
            return;
        size_t k = 0;
        for (const char *c = q + 1; c < e && k + 1 < cap; c++)
            if (*c != '"' && *c != '\'' && *c != ' ')
                out[k++] = *c;
        out[k] = '\0';
        return;
    }
}

/* Text between <tag> and </tag> after p, or NULL. */
static char *element(const char *p, const char *limit, const char *tag, size_t *len)
{
    char open[64], close[64];
    snprintf(open, sizeof open, "<%s>", tag);
    snprintf(close, sizeof close, "</%s>", tag);
    const char *a = strstr(p, open);
    if (!a || a > limit)
        return NULL;
    a += strlen(open);
    const char *b = strstr(a, close);
    if (!b || b > limit)
        return NULL;
    *len = (size_t)(b - a);
    return (char *)a;
}

/* Remove <!-- --> comments in place (blanks keep line numbers). */
static void blank_comments(char *s)
{
    for (char *p = strstr(s, "<!--"); p; p = strstr(p, "<!--")) {
        char *e = strstr(p + 4, "-->");
        char *stop = e ? e + 3 : p + strlen(p);
        for (char *q = p; q < stop; q++)
            if (*q != '\n')
                *q = ' ';
        p = stop;
    }
}

static int line_of(const char *base, const char *p)
{
    int n = 1;
    for (const char *q = base; q < p; q++)
        n += *q == '\n';
    return n;
}

/* The dictionaries of <Environment>, relative to the file. */
static int petrarch_environment(const char *path, ImportSources *src)
{
    size_t len;
    char *data = read_all(path, &len);
    if (!data)
        return -1;
    blank_comments(data);
    char dir[4096];
    const char *slash = strrchr(path, '/');
    snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - path) : 1, slash ? path : ".");
    static const struct { const char *tag; int kind; } tags[] = {
        {"Verbfile", IMPORT_VERBS}, {"Actorfile", IMPORT_ACTORS},
        {"Agentfile", IMPORT_AGENTS}, {"Discardfile", IMPORT_DISCARDS}};
    size_t n;
    char *env = element(data, data + len, "Environment", &n);
    int found = 0;
    for (size_t i = 0; env && i < sizeof tags / sizeof tags[0]; i++) {
        size_t m;
        char *v = element(env, env + n, tags[i].tag, &m);
        if (!v)
            continue;
        char name[1024], full[5200];
        snprintf(name, sizeof name, "%.*s", (int)m, v);
        snprintf(full, sizeof full, "%s/%s", dir, name);
        import_sources_add_as(src, tags[i].kind, full);
        found++;
    }
    free(data);
    return found ? 0 : -1;
}

static int run_petrarch(Run *r, const char *path)
{
    const char *base;
    char *data = read_suite(path, &base);
    if (!data)
        return -1;
    size_t len = strlen(data);
    blank_comments(data);
    /* defaults of PETR_config.ini */
    int require_dyad = 1;
    int comma[6] = {2, 8, 0, 0, 2, 8}; /* min max bmin bmax emin emax */
    const int comma_default[6] = {2, 8, 0, 0, 2, 8};
    const char *comma_names[6] = {"comma_min", "comma_max", "comma_bmin", "comma_bmax",
                                  "comma_emin", "comma_emax"};
    const char *end = data + len;
    const char *sent = strstr(data, "<Sentences>");
    const char *p = sent ? sent : data;
    for (;;) {
        const char *s = strstr(p, "<Sentence ");
        const char *c = strstr(p, "<Config ");
        const char *stop = strstr(p, "<Stop>");
        const char *next = s;
        if (c && (!next || c < next))
            next = c;
        if (stop && (!next || stop < next))
            break;
        if (!next)
            break;
        const char *tag_end = strchr(next, '>');
        if (!tag_end)
            break;
        if (next == c) {
            char opt[64], val[64];
            attr(c, tag_end, "option", opt, sizeof opt);
            attr(c, tag_end, "value", val, sizeof val);
            if (strcmp(opt, "require_dyad") == 0)
                require_dyad = strcasecmp(val, "true") == 0;
            else if (strcmp(opt, "new_actor_length") == 0)
                dyad_worker_set_new_actor_length(r->w, atoi(val));
            for (int i = 0; i < 6; i++)
                if (strcmp(opt, comma_names[i]) == 0)
                    comma[i] = atoi(val);
            p = tag_end + 1;
            continue;
        }
        const char *close = strstr(tag_end, "</Sentence>");
        if (!close)
            close = end;
        char date[16], id[64], valid[16];
        attr(s, tag_end, "date", date, sizeof date);
        attr(s, tag_end, "id", id, sizeof id);
        attr(s, tag_end, "valid", valid, sizeof valid);
        Triple exp[MAX_EVENTS];
        int n_exp = 0, any = 0, error = 0;
        for (const char *e = strstr(tag_end, "<EventCoding"); e && e < close;
             e = strstr(e + 1, "<EventCoding")) {
            const char *ee = strchr(e, '>');
            if (!ee)
                break;
            char v[64];
            attr(e, ee, "error", v, sizeof v);
            if (v[0]) {
                error = 1;
                continue;
            }
            attr(e, ee, "noevents", v, sizeof v);
            if (v[0]) {
                any = 1;
                continue;
            }
            if (n_exp == MAX_EVENTS)
                continue;
            Triple *t = &exp[n_exp];
            attr(e, ee, "sourcecode", t->src, sizeof t->src);
            attr(e, ee, "targetcode", t->tgt, sizeof t->tgt);
            attr(e, ee, "eventcode", t->code, sizeof t->code);
            if (t->code[0]) {
                copy_code(t->src, sizeof t->src, t->src);
                copy_code(t->tgt, sizeof t->tgt, t->tgt);
                n_exp++;
                any = 1;
            }
        }
        size_t tl;
        char *text = element(tag_end, close, "Text", &tl);
        char iso[11] = "";
        int32_t d = strlen(date) == 8 ? foreign_parse_date(date, 8) : INT32_MIN;
        if (d != INT32_MIN)
            kb_format_day(d, iso);
        /* a rule whose max is 0 is off, and then its min does not matter */
        int comma_off = 0;
        for (int i = 0; i < 6; i += 2) {
            int on = comma[i + 1] != 0, def_on = comma_default[i + 1] != 0;
            comma_off |= on != def_on ||
                         (on && (comma[i] != comma_default[i] || comma[i + 1] != comma_default[i + 1]));
        }
        if (strcasecmp(valid, "true") != 0)
            unscorable(&r->un, "marked valid=\"false\"");
        else if (error)
            unscorable(&r->un, "error-handling tests");
        else if (!any || !text)
            unscorable(&r->un, "no expected coding");
        else if (comma_off)
            unscorable(&r->un, "coded under comma_* options dyad lacks");
        else {
            size_t pl;
            const char *parse = element(tag_end, close, "Parse", &pl);
            char *t = parse ? foreign_parse_words(parse, pl) : NULL;
            if (!t)
                t = strndup(text, tl);
            for (char *q = t; *q; q++)
                if (*q == '\n' || *q == '\r' || *q == '\t')
                    *q = ' ';
            score(r, base, line_of(data, s), id, iso[0] ? iso : NULL, NULL, t, exp, n_exp,
                  require_dyad);
            free(t);
        }
        p = close;
    }
    free(data);
    return 0;
}

/* ------------------------------------------------------------------ command */

static void usage(FILE *f)
{
    fputs("usage: dyad validate FILE [--tabari PROJECT|DIR|FILE]... [--petrarch CONFIG|DIR|FILE]...\n"
          "  FILE is TABARI's Validate.text (dictionaries from the Validate.project beside it)\n"
          "  or PETRARCH's PETR.UnitTest.records.xml (dictionaries from its <Environment>)\n"
          "  --model FILE     tagger model (default data/model/tagger.bin)\n"
          "  --cache DIR      where imported images are kept (default $XDG_CACHE_HOME/dyad)\n"
          "  --verbose        list passing records too\n",
          f);
}

int cli_validate(int argc, char **argv)
{
    const char *file = NULL, *cache = NULL;
    const char *tabari[16], *petrarch[16];
    int n_tab = 0, n_pet = 0, verbose = 0;
    char model[4096];
    data_path("model/tagger.bin", model, sizeof model);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--help") == 0) {
            usage(stdout);
            return 0;
        } else if (strcmp(a, "--verbose") == 0) {
            verbose = 1;
        } else if (a[0] == '-' && a[1] == '-' && !v) {
            fprintf(stderr, "dyad validate: %s needs a value\n", a);
            return 2;
        } else if (strcmp(a, "--tabari") == 0 && n_tab < 16) {
            tabari[n_tab++] = v;
            i++;
        } else if (strcmp(a, "--petrarch") == 0 && n_pet < 16) {
            petrarch[n_pet++] = v;
            i++;
        } else if (strcmp(a, "--model") == 0) {
            snprintf(model, sizeof model, "%s", v);
            i++;
        } else if (strcmp(a, "--cache") == 0) {
            cache = v;
            i++;
        } else if (a[0] == '-' && a[1] == '-') {
            fprintf(stderr, "dyad validate: unknown option '%s'\n", a);
            usage(stderr);
            return 2;
        } else {
            file = a;
        }
    }
    if (!file) {
        usage(stderr);
        return 2;
    }
    size_t fl = strlen(file);
    int is_petrarch = n_pet > 0 || (fl > 4 && strcasecmp(file + fl - 4, ".xml") == 0);
    ImportSources src;
    import_sources_init(&src, is_petrarch ? IMPORT_PETRARCH : IMPORT_TABARI);
    char path[4096];
    data_path("cameo/codebook.tsv", path, sizeof path);
    src.codebook = strdup(path);
    data_path("kb/sets.txt", path, sizeof path);
    src.grammar = strdup(path);
    int rc = 0;
    if (is_petrarch) {
        for (int i = 0; i < n_pet; i++)
            rc |= import_sources_add(&src, petrarch[i], stderr);
        if (n_pet == 0 && petrarch_environment(file, &src) != 0) {
            fprintf(stderr, "dyad validate: %s: no <Environment> naming the dictionaries; use --petrarch\n", file);
            rc = -1;
        }
    } else {
        for (int i = 0; i < n_tab; i++)
            rc |= import_sources_add(&src, tabari[i], stderr);
        if (n_tab == 0) {
            const char *slash = strrchr(file, '/');
            snprintf(path, sizeof path, "%.*s/Validate.project", slash ? (int)(slash - file) : 1,
                     slash ? file : ".");
            rc |= import_sources_add(&src, path, stderr);
        }
        /* the suite's own words extend the stem rules (TABARI matches stems on any word) */
        import_sources_add_as(&src, IMPORT_LEXICON, file);
    }
    if (rc != 0) {
        import_sources_free(&src);
        return 2;
    }
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    char *warn_text = NULL;
    size_t warn_len = 0;
    FILE *warn = open_memstream(&warn_text, &warn_len);
    char img[4200];
    ImportStats st;
    int cached = 0;
    rc = kb_import_image(&src, cache, img, sizeof img, warn, &st, &cached);
    fclose(warn);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double ms = ((double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9) * 1e3;
    if (rc != 0) {
        fputs(warn_text ? warn_text : "", stderr);
        fprintf(stderr, "dyad validate: the dictionaries could not be imported\n");
        free(warn_text);
        import_sources_free(&src);
        return 1;
    }
    if (cached)
        printf("dictionaries: %s (cached, %.0f ms)\n", img, ms);
    else
        printf("dictionaries: %s (imported in %.0f ms: %u actors, %u people, %u agents, %u sets, "
               "%u verbs, %u patterns, %u discards; %u constructs skipped, %u bad lines; "
               "warnings in %.*s.d/)\n",
               img, ms, st.actors, st.people, st.agents, st.sets, st.verbs, st.patterns, st.discards,
               st.skipped, st.bad_lines, (int)(strlen(img) - 4), img);
    if (!cached && warn_text) {
        /* keep the warnings beside the translation */
        char wpath[4300];
        snprintf(wpath, sizeof wpath, "%.*s.d/warnings.log", (int)(strlen(img) - 4), img);
        FILE *wf = fopen(wpath, "w");
        if (wf) {
            fputs(warn_text, wf);
            fclose(wf);
        }
    }
    free(warn_text);
    char err[1024];
    DyadCoder *coder = dyad_open(img, model, err, sizeof err);
    char *options_file = !is_petrarch && src.n[IMPORT_OPTIONS] > 0 ? strdup(src.files[IMPORT_OPTIONS][0])
                                                                   : NULL;
    import_sources_free(&src);
    if (!coder) {
        fprintf(stderr, "dyad: %s\n", err);
        free(options_file);
        return 1;
    }
    Run run;
    memset(&run, 0, sizeof run);
    run.w = dyad_worker_new(coder);
    run.verbose = verbose;
    rc = is_petrarch ? run_petrarch(&run, file) : run_tabari(&run, file, options_file);
    free(options_file);
    dyad_worker_free(run.w);
    dyad_close(coder);
    if (rc != 0)
        return 1;
    printf("%d records not scorable:", run.un.total);
    for (int i = 0; i < run.un.n; i++)
        printf("%s %d %s", i ? ";" : "", run.un.count[i], run.un.reason[i]);
    putchar('\n');
    printf("%d passed, %d failed\n", run.passed, run.failed);
    return 0;
}

/*
 * foreign.c: read TABARI and PETRARCH actor dictionaries; see foreign.h.
 *
 * Invariant: every returned name is lower case with single spaces, no trailing
 * underscore, so it compares directly with dyad's own phrases written out the
 * same way; `raw` keeps each name as written, for the importers' stem rules.  An
 * entry name runs to its first '[' (TABARI allows blanks inside names: "AL GORE").
 * A line that cannot be read is reported once and skipped; the rest
 * of the file still counts.
 */
#include "foreign.h"

#include <stdlib.h>
#include <string.h>

#include "kb.h"
#include "../base/xalloc.h"

int32_t foreign_parse_date(const char *s, size_t n)
{
    char iso[11];
    if (n == 6) {
        int yy = (s[0] - '0') * 10 + (s[1] - '0');
        snprintf(iso, sizeof iso, "%s%.2s-%.2s-%.2s", yy < 30 ? "20" : "19", s, s + 2, s + 4);
    } else if (n == 8) {
        snprintf(iso, sizeof iso, "%.4s-%.2s-%.2s", s, s + 4, s + 6);
    } else {
        return INT32_MIN;
    }
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return INT32_MIN;
    int32_t d = kb_parse_day(iso);
    /* the dictionaries hold days that do not exist ("040931", "000229", "...00"):
     * clamp the day into its month rather than lose the role */
    for (int day = 31; d == INT32_MIN && day >= 28; day--) {
        if (iso[5] == '0' && iso[6] == '0')
            iso[6] = '1';
        int dd = (iso[8] - '0') * 10 + (iso[9] - '0');
        if (dd == 0)
            iso[9] = '1';
        else if (dd >= day) {
            iso[8] = (char)('0' + day / 10);
            iso[9] = (char)('0' + day % 10);
        }
        d = kb_parse_day(iso);
    }
    return d;
}

/* NAME_WITH_UNDERSCORES_ -> "name with underscores" */
static char *normalize_name(const char *s, size_t n)
{
    char *out = malloc(n + 1);
    if (!out)
        abort();
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i] == '_' ? ' ' : s[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c + 32);
        if (c == ' ' && (k == 0 || out[k - 1] == ' '))
            continue;
        out[k++] = c;
    }
    while (k && out[k - 1] == ' ')
        k--;
    out[k] = '\0';
    return out;
}

static void add_name(ForeignActor *a, const char *s, size_t n)
{
    while (n && (*s == ' ' || *s == '\t'))
        s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    char *name = normalize_name(s, n);
    if (!*name) {
        free(name);
        return;
    }
    char *raw = malloc(n + 1);
    if (!raw)
        abort();
    memcpy(raw, s, n);
    raw[n] = '\0';
    a->names = xrealloc(a->names, sizeof *a->names * (size_t)(a->n_names + 1));
    a->raw = xrealloc(a->raw, sizeof *a->raw * (size_t)(a->n_names + 1));
    a->names[a->n_names] = name;
    a->raw[a->n_names++] = raw;
}

static const char *skip_blanks(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    return p;
}

/* A date between p and end, blanks around it allowed. */
static int32_t date_in(const char *p, const char *end)
{
    p = skip_blanks(p, end);
    while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
        end--;
    return foreign_parse_date(p, (size_t)(end - p));
}

/* Parse "[CODE ...]" at s (blanks allowed inside: "[ HOB < 950601]",
 * "[GOV 950601 - 990815]"); returns 0 on success. */
static int parse_role(const char *s, int line, ForeignRole *r)
{
    const char *end = strchr(s, ']');
    if (s[0] != '[' || !end)
        return -1;
    const char *p = skip_blanks(s + 1, end);
    size_t k = 0;
    while (p < end && *p != ' ' && *p != '\t' && k + 1 < sizeof r->code)
        r->code[k++] = *p++;
    r->code[k] = '\0';
    r->from = INT32_MIN;
    r->to = INT32_MAX;
    r->dated = 0;
    r->line = line;
    p = skip_blanks(p, end);
    if (p == end)
        return k ? 0 : -1;
    if (!k)
        return -1;
    r->dated = 1;
    if (*p == '>' || *p == '<') {
        char dir = *p++;
        int32_t d = date_in(p, end);
        if (d == INT32_MIN)
            return -1;
        if (dir == '>')
            r->from = d;
        else
            r->to = d;
        return 0;
    }
    const char *dash = memchr(p, '-', (size_t)(end - p));
    if (!dash)
        return -1;
    r->from = date_in(p, dash);
    r->to = date_in(dash + 1, end);
    return r->from == INT32_MIN || r->to == INT32_MIN ? -1 : 0;
}

static void add_role(ForeignActor *a, const ForeignRole *r)
{
    a->roles = xrealloc(a->roles, sizeof *a->roles * (size_t)(a->n_roles + 1));
    a->roles[a->n_roles++] = *r;
}

static int cmp_day(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return x < y ? -1 : x > y;
}

/* How far the file reaches: the date below which 99.5% of its dates fall, so one
 * mistyped year (2029 for 2009) does not stretch it. */
static int32_t reach(const ForeignActors *fa)
{
    size_t n = 0, cap = 1024;
    int32_t *days = malloc(cap * sizeof *days);
    if (!days)
        abort();
    for (size_t i = 0; i < fa->n; i++)
        for (int k = 0; k < fa->actors[i].n_roles; k++) {
            const ForeignRole *r = &fa->actors[i].roles[k];
            int32_t d[2] = {r->from, r->to};
            for (int j = 0; j < 2; j++) {
                if (!r->dated || d[j] == INT32_MIN || d[j] == INT32_MAX)
                    continue;
                if (n == cap)
                    days = xrealloc(days, (cap *= 2) * sizeof *days);
                days[n++] = d[j];
            }
        }
    int32_t last = INT32_MIN;
    if (n) {
        qsort(days, n, sizeof *days, cmp_day);
        last = days[n - 1 - n / 200];
    }
    free(days);
    return last;
}

char *foreign_line_start(char *line, int *in_comment, int resume)
{
    char *c = line;
    while (*c == ' ' || *c == '\t')
        c++;
    if (*in_comment || strncmp(c, "<!--", 4) == 0) {
        char *end = strstr(c, "-->");
        *in_comment = end == NULL;
        if (!end || !resume)
            return NULL;
        c = end + 3;
    }
    /* "<! -- NOTE -->": a comment typed with a blank after "<!"; any other "<!"
     * declaration is no section tag either.  Read as a section opener it would
     * hide every entry after it. */
    if (c[0] == '<' && c[1] == '!' && strchr(c, '>'))
        return NULL;
    return c;
}

ForeignActors *foreign_actors_read(const char *path, FILE *errors)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return NULL;
    ForeignActors *fa = calloc(1, sizeof *fa);
    if (!fa)
        abort();
    fa->path = path;
    fa->last_day = INT32_MIN;
    size_t cap = 0;
    char *line = NULL;
    size_t lcap = 0;
    int lineno = 0;
    ForeignActor *cur = NULL;
    int in_comment = 0;   /* inside <!-- ... --> */
    int in_section = 0;   /* inside <NOUN> ... </NOUN> and the like */
    while (getline(&line, &lcap, f) != -1) {
        lineno++;
        char *c = foreign_line_start(line, &in_comment, 0);
        if (!c)
            continue;
        if (c[0] == '<' && c != line)
            goto bad;
        if (c[0] == '<') {
            /* 1 <NOUN>, 2 <ADJECTIVE> (TABARI's word lists), 3 any other */
            in_section = c[1] == '/' ? 0 : strncmp(c, "<NOUN>", 6) == 0 ? 1
                                         : strncmp(c, "<ADJECTIVE>", 11) == 0 ? 2 : 3;
            continue;
        }
        if (in_section == 1 || in_section == 2) {
            size_t n = strcspn(c, " \t\r\n;");
            if (n) {
                int k = in_section - 1;
                fa->listed[k] = xrealloc(fa->listed[k], (fa->n_listed[k] + 1) * sizeof *fa->listed[k]);
                char *w = xmalloc(n + 1);
                memcpy(w, c, n);
                w[n] = '\0';
                fa->listed[k][fa->n_listed[k]++] = w;
            }
            continue;
        }
        if (in_section || strncmp(c, "~~", 2) == 0)
            continue;
        /* comments: ';' anywhere, '#' after the name but not inside a code
         * ("[### <890101]" is TABARI's discard code) */
        int in_code = 0;
        for (char *p = line; *p; p++) {
            in_code = *p == '[' ? 1 : *p == ']' ? 0 : in_code;
            if (*p == ';' || (*p == '#' && p > line && !in_code) || *p == '\n' || *p == '\r') {
                *p = '\0';
                break;
            }
        }
        if (line[0] == '#')
            continue;
        if (!*c)
            continue;
        int indented = c != line;
        char *br = strchr(c, '[');
        if (*c == '+' || (*c != '[' && !indented)) {
            int alias = *c == '+';
            if (alias && !cur)
                goto bad;
            if (!alias) {
                /* a new entry: NAME, maybe followed by [CODE] */
                if (fa->n == cap) {
                    cap = cap ? cap * 2 : 1024;
                    fa->actors = xrealloc(fa->actors, cap * sizeof *fa->actors);
                }
                cur = &fa->actors[fa->n++];
                memset(cur, 0, sizeof *cur);
                cur->line = lineno;
            }
            char *s0 = c + alias;
            char *e = br ? br : s0 + strlen(s0);
            add_name(cur, s0, (size_t)(e - s0));
        } else if (*c != '[') {
            goto bad;
        } else if (!cur) {
            goto bad;
        }
        /* every [ROLE] on the line */
        for (char *b = br; b; b = strchr(b + 1, '[')) {
            ForeignRole r;
            if (parse_role(b, lineno, &r) != 0)
                goto bad;
            add_role(cur, &r);
        }
        continue;
    bad:
        fa->bad_lines++;
        if (errors)
            fprintf(errors, "%s:%d: cannot read this line\n", path, lineno);
    }
    free(line);
    fclose(f);
    fa->last_day = reach(fa);
    return fa;
}

void foreign_actors_free(ForeignActors *fa)
{
    if (!fa)
        return;
    for (int k = 0; k < 2; k++) {
        for (size_t i = 0; i < fa->n_listed[k]; i++)
            free(fa->listed[k][i]);
        free(fa->listed[k]);
    }
    for (size_t i = 0; i < fa->n; i++) {
        for (int k = 0; k < fa->actors[i].n_names; k++) {
            free(fa->actors[i].names[k]);
            free(fa->actors[i].raw[k]);
        }
        free(fa->actors[i].names);
        free(fa->actors[i].raw);
        free(fa->actors[i].roles);
    }
    free(fa->actors);
    free(fa);
}

/* The words of a Penn Treebank parse ("(NP (DT the) (NN pact))"), written
 * back as text: PETRARCH codes the parse, not the <Text> beside it, and the
 * two differ where a record's text was cut or edited after it was parsed.
 * Brackets and quotes come back as themselves, and "n't", "'s" and
 * punctuation join the word before.  A malloc'd string, NULL when the parse
 * has no words. */
static int is_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

char *foreign_parse_words(const char *p, size_t len)
{
    static const char *const ptb[][2] = {{"-LRB-", "("}, {"-RRB-", ")"}, {"-LCB-", "{"},
                                         {"-RCB-", "}"}, {"-LSB-", "["}, {"-RSB-", "]"},
                                         {"``", "\""},   {"''", "\""}};
    char *out = xmalloc(len + 1), *o = out;
    const char *end = p + len;
    int after_open = 1;
    for (const char *q = p; q < end; q++) {
        if (*q != '(')
            continue;
        /* a leaf: "(TAG word)", no bracket inside */
        const char *tag = q + 1, *sp = tag;
        while (sp < end && !is_blank(*sp) && *sp != '(' && *sp != ')')
            sp++;
        if (sp >= end || !is_blank(*sp))
            continue;
        const char *w = sp;
        while (w < end && is_blank(*w))
            w++;
        const char *we = w;
        while (we < end && *we != ')' && *we != '(' && !is_blank(*we))
            we++;
        if (we >= end || *we != ')' || we == w)
            continue;
        const char *word = w;
        size_t wl = (size_t)(we - w);
        int close_quote = wl == 2 && memcmp(w, "''", 2) == 0, open_quote = wl == 2 && memcmp(w, "``", 2) == 0;
        for (size_t k = 0; k < sizeof ptb / sizeof ptb[0]; k++)
            if (strlen(ptb[k][0]) == wl && memcmp(w, ptb[k][0], wl) == 0) {
                word = ptb[k][1];
                wl = strlen(word);
            }
        int joins = close_quote || (wl == 1 && strchr(".,:;!?)]}%", word[0])) ||
                    (wl == 3 && memcmp(word, "n't", 3) == 0) || (word[0] == '\'' && wl <= 3);
        if (o > out && !joins && !after_open)
            *o++ = ' ';
        memcpy(o, word, wl);
        o += wl;
        after_open = open_quote || (wl == 1 && strchr("([{$", word[0]));
        q = we;
    }
    *o = '\0';
    if (o == out) {
        free(out);
        return NULL;
    }
    return out;
}

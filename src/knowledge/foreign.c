/*
 * foreign.c: read TABARI and PETRARCH actor dictionaries; see foreign.h.
 *
 * Invariant: every returned name is lower case with single spaces, no trailing
 * underscore, so it compares directly with dyad's own phrases written out the
 * same way.  A line that cannot be read is reported once and skipped; the rest
 * of the file still counts.
 */
#include "foreign.h"

#include <stdlib.h>
#include <string.h>

#include "kb.h"

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n);
    if (!q) {
        fputs("dyad: out of memory\n", stderr);
        abort();
    }
    return q;
}

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
    return kb_parse_day(iso);
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
    char *name = normalize_name(s, n);
    if (!*name) {
        free(name);
        return;
    }
    a->names = xrealloc(a->names, sizeof *a->names * (size_t)(a->n_names + 1));
    a->names[a->n_names++] = name;
}

/* Parse "[CODE ...]" at s; returns 0 on success. */
static int parse_role(const char *s, int line, ForeignRole *r)
{
    const char *end = strchr(s, ']');
    if (s[0] != '[' || !end)
        return -1;
    const char *p = s + 1;
    size_t k = 0;
    while (p < end && *p != ' ' && k + 1 < sizeof r->code)
        r->code[k++] = *p++;
    r->code[k] = '\0';
    r->from = INT32_MIN;
    r->to = INT32_MAX;
    r->dated = 0;
    r->line = line;
    while (p < end && *p == ' ')
        p++;
    if (p == end)
        return k ? 0 : -1;
    r->dated = 1;
    if (*p == '>' || *p == '<') {
        char dir = *p++;
        int32_t d = foreign_parse_date(p, (size_t)(end - p));
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
    r->from = foreign_parse_date(p, (size_t)(dash - p));
    r->to = foreign_parse_date(dash + 1, (size_t)(end - dash - 1));
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
    while (getline(&line, &lcap, f) != -1) {
        lineno++;
        char *c = line;
        /* comments: ';' anywhere, '#' after the name */
        for (char *p = line; *p; p++)
            if (*p == ';' || (*p == '#' && p > line) || *p == '\n' || *p == '\r') {
                *p = '\0';
                break;
            }
        if (line[0] == '#')
            continue;
        while (*c == ' ' || *c == '\t')
            c++;
        if (!*c)
            continue;
        int indented = c != line;
        if (*c == '+') {
            if (!cur)
                goto bad;
            char *e = c + 1;
            while (*e && *e != ' ' && *e != '\t' && *e != '[')
                e++;
            add_name(cur, c + 1, (size_t)(e - c - 1));
            continue;
        }
        if (*c == '[') {
            ForeignRole r;
            if (!cur || parse_role(c, lineno, &r) != 0)
                goto bad;
            add_role(cur, &r);
            continue;
        }
        if (indented)
            goto bad;
        /* a new entry: NAME, maybe followed by [CODE] */
        if (fa->n == cap) {
            cap = cap ? cap * 2 : 1024;
            fa->actors = xrealloc(fa->actors, cap * sizeof *fa->actors);
        }
        cur = &fa->actors[fa->n++];
        memset(cur, 0, sizeof *cur);
        cur->line = lineno;
        char *e = c;
        while (*e && *e != ' ' && *e != '\t' && *e != '[')
            e++;
        add_name(cur, c, (size_t)(e - c));
        char *br = strchr(e, '[');
        if (br) {
            ForeignRole r;
            if (parse_role(br, lineno, &r) == 0)
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
    for (size_t i = 0; i < fa->n; i++) {
        for (int k = 0; k < fa->actors[i].n_names; k++)
            free(fa->actors[i].names[k]);
        free(fa->actors[i].names);
        free(fa->actors[i].roles);
    }
    free(fa->actors);
    free(fa);
}

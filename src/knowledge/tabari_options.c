/*
 * tabari_options.c: TABARI's option lines into DyadTabariOptions; see
 * tabari_options.h for the lines read.
 *
 * Invariants: reads only its argument, which may be any bytes (a line of a
 * foreign file); writes only the fields of the options it is given, codes cut
 * to their size and always terminated; a line it does not recognise, or one
 * that is malformed, changes nothing.  No allocation, no global state.
 */
#include "tabari_options.h"

#include <stdio.h>
#include <string.h>

#define MAX_WORDS 32 /* words of one option line that are looked at */

/* An option line cut into upper-case words at blanks, '=' and ':', with a
 * bracketed "[CODE]" kept as one word. */
typedef struct Words {
    char w[MAX_WORDS][24]; /* the words, upper case, cut to fit */
    int n;                 /* how many */
} Words;

static void split(const char *line, Words *out)
{
    out->n = 0;
    const char *p = line;
    while (*p && out->n < MAX_WORDS) {
        while (*p == ' ' || *p == '\t' || *p == '=' || *p == ':' || *p == '\r' || *p == '\n')
            p++;
        if (!*p)
            break;
        const char *e = p;
        if (*p == '[') {
            while (*e && *e != ']')
                e++;
            if (*e)
                e++;
        } else {
            while (*e && *e != ' ' && *e != '\t' && *e != '=' && *e != ':' && *e != '[' &&
                   *e != '\r' && *e != '\n')
                e++;
        }
        size_t n = (size_t)(e - p), k = 0;
        char *w = out->w[out->n++];
        for (size_t i = 0; i < n && k + 1 < sizeof out->w[0]; i++)
            w[k++] = (char)(p[i] >= 'a' && p[i] <= 'z' ? p[i] - 32 : p[i]);
        w[k] = '\0';
        p = e;
    }
}

/* "[5]" or "5" as a number; -1 when it is neither. */
static int number(const char *s)
{
    if (*s == '[')
        s++;
    if (*s < '0' || *s > '9')
        return -1;
    int v = 0;
    for (; *s >= '0' && *s <= '9'; s++)
        if (v < 100000)
            v = v * 10 + (*s - '0');
    return v;
}

/* "[DEFSRC]" into code; 0 when the word is not bracketed. */
static int bracketed(const char *w, char *code, size_t cap)
{
    size_t n = strlen(w);
    if (n < 3 || w[0] != '[' || w[n - 1] != ']')
        return 0;
    snprintf(code, cap, "%.*s", (int)(n - 2), w + 1);
    return 1;
}

static int comma(DyadTabariOptions *o, const Words *ws)
{
    if (ws->n == 2 && strcmp(ws->w[1], "OFF") == 0) {
        o->comma_min = o->comma_emin = o->comma_bmin = 255;
        o->comma_max = o->comma_emax = o->comma_bmax = 0;
        return 1;
    }
    DyadTabariOptions t = *o;
    for (int i = 1; i + 1 < ws->n; i += 2) {
        int v = number(ws->w[i + 1]);
        int *f = strcmp(ws->w[i], "MIN") == 0    ? &t.comma_min
               : strcmp(ws->w[i], "MAX") == 0    ? &t.comma_max
               : strcmp(ws->w[i], "EMIN") == 0   ? &t.comma_emin
               : strcmp(ws->w[i], "EMAX") == 0   ? &t.comma_emax
               : strcmp(ws->w[i], "BMIN") == 0   ? &t.comma_bmin
               : strcmp(ws->w[i], "BMAX") == 0   ? &t.comma_bmax
                                                 : NULL;
        if (!f || v < 0)
            return 0;
        *f = v;
    }
    *o = t;
    return 1;
}

static int defaults(DyadTabariOptions *o, const Words *ws)
{
    if (ws->n == 2 && strcmp(ws->w[1], "OFF") == 0) {
        o->default_source[0] = o->default_target[0] = '\0';
        o->default_prior = o->default_after = 0;
        return 1;
    }
    DyadTabariOptions t = *o;
    for (int i = 1; i < ws->n; i++) {
        if (strcmp(ws->w[i], "SOURCE") == 0 && i + 1 < ws->n &&
            bracketed(ws->w[i + 1], t.default_source, sizeof t.default_source)) {
            i++;
            t.default_prior = i + 1 < ws->n && strcmp(ws->w[i + 1], "PRIOR") == 0;
            i += t.default_prior;
        } else if (strcmp(ws->w[i], "TARGET") == 0 && i + 1 < ws->n &&
                   bracketed(ws->w[i + 1], t.default_target, sizeof t.default_target)) {
            i++;
            t.default_after = i + 1 < ws->n && strcmp(ws->w[i + 1], "AFTER") == 0;
            i += t.default_after;
        } else {
            return 0;
        }
    }
    *o = t;
    return 1;
}

static int complexity(DyadTabariOptions *o, const Words *ws)
{
    DyadTabariOptions t = *o;
    t.complex_verbs = t.complex_conj = t.no_actor_prior = 0;
    for (int i = 1; i < ws->n; i++) {
        const char *w = ws->w[i];
        if ((strcmp(w, "VERBS") == 0 || strcmp(w, "CONJ") == 0) && i + 1 < ws->n &&
            number(ws->w[i + 1]) >= 0) {
            *(w[0] == 'V' ? &t.complex_verbs : &t.complex_conj) = number(ws->w[i + 1]);
            i++;
        } else if (strcmp(w, "NOACTPRIOR") == 0) {
            t.no_actor_prior = 1;
        } else if (strcmp(w, "EXPLAIN") != 0) {
            return 0; /* EXPLAIN only changes TABARI's screen */
        }
    }
    *o = t;
    return 1;
}

static int set(DyadTabariOptions *o, const Words *ws)
{
    char joined[96] = "";
    for (int i = 1; i < ws->n; i++)
        snprintf(joined + strlen(joined), sizeof joined - strlen(joined), "%s%s", i > 1 ? " " : "",
                 ws->w[i]);
    if (strcmp(joined, "CODE BY CLAUSE") == 0)
        o->code_by = 0;
    else if (strcmp(joined, "CODE BY SENTENCE") == 0)
        o->code_by = 1;
    else if (strcmp(joined, "CODE ALL") == 0)
        o->code_by = 2;
    else if (strcmp(joined, "CONVERT AGENT TRUE") == 0)
        o->convert_agent = 1;
    else if (strcmp(joined, "CONVERT AGENT FALSE") == 0)
        o->convert_agent = 0;
    else if (strncmp(joined, "MINIMUM WORDS ", 14) == 0 && ws->n >= 4 && number(ws->w[3]) >= 0)
        o->min_words = number(ws->w[3]);
    else
        return 0;
    return 1;
}

int tabari_option_line(DyadTabariOptions *o, const char *line)
{
    Words ws;
    split(line, &ws);
    if (ws.n == 0)
        return 0;
    if (strcmp(ws.w[0], "COMMA") == 0)
        return comma(o, &ws);
    if (strcmp(ws.w[0], "DEFAULT") == 0)
        return defaults(o, &ws);
    if (strcmp(ws.w[0], "COMPLEX") == 0)
        return complexity(o, &ws);
    if (strcmp(ws.w[0], "SET") == 0)
        return set(o, &ws);
    return 0;
}

/*
 * crosscheck.c: compare our people's dated roles with another dictionary's.
 *
 * Dates of office are facts, so they can be checked.  For every person that
 * both our knowledge base and a reference dictionary (TABARI's CountryInfo,
 * PETRARCH's Phoenix countries) know by the same full name, each dated office
 * of the reference in the years both cover (from 2000 to the date by which
 * 99.5% of the reference's dates fall) that one of our offices mostly overlaps
 * is a shared role.  It agrees when that office of ours has the same country
 * (renamed ISO codes, such as TMP for East Timor, count as their successor)
 * and first sector and starts and ends within 31 days of the reference's;
 * adjacent offices with the same code count as one (prime minister, then
 * president: one GOV span).
 *
 * The reference's boundaries are of two kinds.  Where it records a transition
 * (one role ends and another begins within days), the date is a fact, and ours
 * must be within 31 days either way.  Elsewhere it is where the reference's own
 * records of the person begin or stop: a first date is often a placeholder for
 * the start of its records (2003-01-01) and is not compared; a last date shows
 * the person still in office then, so ours may end later but not earlier.  An
 * open end ("[PAKGOV >991014]") bounds nothing.  Elite (ELI) periods, what lies
 * between offices, are not compared.
 *
 * Both references date offices to the month: of their 41,476 ranges, 84% start
 * on the first of a month and 70% end on the last (one even ends on the 31st of
 * November).  "[TUNGOV 051101-100228]" says the office was held in some part of
 * November 2005 and of February 2010, not on those days; so a boundary written
 * as a whole month is compared with the nearest day of that month, and ours
 * agrees when it is within 31 days of it.
 *
 * A disagreement is "explained" when our person's record carries a comment with
 * the word "crosscheck" saying why we are right.
 */
#include "crosscheck.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "../base/buf.h"
#include "../base/strmap.h"
#include "foreign.h"

#define DAY_2000 10957 /* 2000-01-01 */
#define TOLERANCE 31

typedef struct Span {
    char code[32];  /* actor code */
    int32_t from;   /* first day */
    int32_t to;     /* last day, INT32_MAX when open */
    int line;       /* reference line (for reference spans) */
} Span;

/* Person full names (two words or more) -> entity index. */
static void index_people(const Kb *kb, StrMap *names)
{
    Buf b;
    buf_init(&b);
    for (uint32_t i = 0; i < kb->n_phrases; i++) {
        const KbPhrase *p = &kb->phrases[i];
        if (p->kind != KB_PERSON || p->len < 2)
            continue;
        buf_clear(&b);
        for (int k = 0; k < p->len; k++) {
            if (k)
                buf_putc(&b, ' ');
            buf_puts(&b, kb_str(kb, kb->words[kb->ids[p->words + k]].text));
        }
        strmap_put(names, b.data, b.len, p->entity, NULL);
    }
    buf_free(&b);
}

/* Ids of people whose record mentions "crosscheck" in a comment. */
static void read_explanations(const char *dir, StrMap *explained)
{
    DIR *dp = opendir(dir);
    if (!dp)
        return;
    struct dirent *de;
    while ((de = readdir(dp))) {
        size_t n = strlen(de->d_name);
        if (n < 5 || strcmp(de->d_name + n - 4, ".txt") != 0)
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        FILE *f = fopen(path, "r");
        if (!f)
            continue;
        char *line = NULL, id[256] = "";
        size_t cap = 0;
        while (getline(&line, &cap, f) != -1) {
            if (strncmp(line, "person ", 7) == 0) {
                if (sscanf(line + 7, "%255s", id) != 1)
                    id[0] = '\0';
            } else if (line[0] != ' ' && line[0] != '#' && line[0] != '\n') {
                id[0] = '\0'; /* another record: comments no longer belong to the person */
            }
            const char *hash = strchr(line, '#');
            if (id[0] && hash && strstr(hash, "crosscheck"))
                strmap_put(explained, id, strlen(id), 1, NULL);
        }
        free(line);
        fclose(f);
    }
    closedir(dp);
}

static int cmp_span(const void *a, const void *b)
{
    const Span *x = a, *y = b;
    return x->from < y->from ? -1 : x->from > y->from;
}

/* Merge adjacent spans with the same code (sorted by start first). */
static int merge_spans(Span *s, int n)
{
    qsort(s, (size_t)n, sizeof *s, cmp_span);
    int k = 0;
    for (int i = 0; i < n; i++) {
        if (k && strcmp(s[k - 1].code, s[i].code) == 0 &&
            (s[k - 1].to == INT32_MAX || s[i].from <= s[k - 1].to + 2)) {
            if (s[k - 1].to != INT32_MAX && (s[i].to == INT32_MAX || s[i].to > s[k - 1].to))
                s[k - 1].to = s[i].to;
            continue;
        }
        s[k++] = s[i];
    }
    return k;
}

/* A reference office's start is a fact only where the reference says what the
 * person was just before (another role ends there); the first date it records
 * for someone is where its own knowledge begins ("[FRAGOV 030101-...]"). */
static int start_is_known(const ForeignActor *a, int32_t from)
{
    for (int r = 0; r < a->n_roles; r++) {
        const ForeignRole *x = &a->roles[r];
        if (x->dated && x->to != INT32_MAX && x->to >= from - 3 && x->to < from)
            return 1;
    }
    return 0;
}

/* Likewise an end is a fact only where the reference says what came next. */
static int end_is_known(const ForeignActor *a, int32_t to)
{
    if (to == INT32_MAX)
        return 0;
    for (int r = 0; r < a->n_roles; r++) {
        const ForeignRole *x = &a->roles[r];
        if (x->dated && x->from != INT32_MIN && x->from > to && x->from <= to + 3)
            return 1;
    }
    return 0;
}

/* ISO 3166 codes that were renamed: the same country under an older code. */
static const char *current_country(const char *code)
{
    static const char *const renamed[][2] = {{"TMP", "TLS"}, {"ROM", "ROU"}, {"ZAR", "COD"}};
    for (size_t i = 0; i < sizeof renamed / sizeof renamed[0]; i++)
        if (strncmp(code, renamed[i][0], 3) == 0)
            return renamed[i][1];
    return NULL;
}

static int same_code(const char *a, const char *b)
{
    const char *ca = current_country(a), *cb = current_country(b);
    if (ca || cb) {
        char x[8], y[8];
        snprintf(x, sizeof x, "%.3s%.3s", ca ? ca : a, strlen(a) > 3 ? a + 3 : "");
        snprintf(y, sizeof y, "%.3s%.3s", cb ? cb : b, strlen(b) > 3 ? b + 3 : "");
        return strcmp(x, y) == 0;
    }
    /* country and first sector: "TURGOVBUS" agrees with "TURGOV" */
    size_t na = strlen(a) < 6 ? strlen(a) : 6, nb = strlen(b) < 6 ? strlen(b) : 6;
    return na == nb && strncmp(a, b, na) == 0;
}

static void day_text(int32_t d, char out[11])
{
    if (d == INT32_MAX || d == INT32_MIN)
        snprintf(out, 11, "open");
    else
        kb_format_day(d, out);
}

/* First and last day of the month that holds day d. */
static void month_of(int32_t d, int32_t *first, int32_t *last)
{
    char t[11];
    kb_format_day(d, t);
    int y = atoi(t) % 10000, m = atoi(t + 5) % 100;
    char f[32];
    snprintf(f, sizeof f, "%04d-%02d-01", y, m);
    *first = kb_parse_day(f);
    snprintf(f, sizeof f, "%04d-%02d-01", m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1);
    *last = kb_parse_day(f) - 1;
}

/* Days from the reference's boundary to ours: to the nearest day of its month
 * when the reference writes the boundary as a whole month (the first of a month
 * for a start, the last for an end), else to the day itself. */
static int64_t boundary_gap(int32_t ours, int32_t ref, int is_start)
{
    int32_t first, last;
    month_of(ref, &first, &last);
    if (ref != (is_start ? first : last))
        return (int64_t)ours - ref;
    if (ours < first)
        return (int64_t)ours - first;
    if (ours > last)
        return (int64_t)ours - last;
    return 0;
}

static int check_file(const Kb *kb, const char *ref_path, const StrMap *names, const StrMap *explained,
                      FILE *out, CrossStats *st)
{
    ForeignActors *fa = foreign_actors_read(ref_path, NULL);
    if (!fa) {
        fprintf(out, "%s: cannot open\n", ref_path);
        return -1;
    }
    const char *base = strrchr(ref_path, '/') ? strrchr(ref_path, '/') + 1 : ref_path;
    char last[11];
    day_text(fa->last_day, last);
    fprintf(out, "# %s: %zu entries, dates up to %s\n", base, fa->n, last);
    for (size_t i = 0; i < fa->n; i++) {
        const ForeignActor *a = &fa->actors[i];
        int dated = 0;
        for (int r = 0; r < a->n_roles; r++)
            dated += a->roles[r].dated;
        if (!dated)
            continue;
        const uint32_t *ent = NULL;
        for (int k = 0; k < a->n_names && !ent; k++)
            ent = strmap_get(names, a->names[k], strlen(a->names[k]));
        if (!ent)
            continue;
        const KbEntity *e = &kb->entities[*ent];
        const char *id = kb_str(kb, e->id);
        st->people_shared++;
        /* reference offices, merged */
        Span ref[64];
        int nr = 0;
        for (int r = 0; r < a->n_roles && nr < 64; r++) {
            const ForeignRole *fr = &a->roles[r];
            if (!fr->dated || strlen(fr->code) < 6 || strcmp(fr->code + 3, "ELI") == 0)
                continue;
            /* compared on country and first sector, so merged on them too */
            snprintf(ref[nr].code, sizeof ref[nr].code, "%.6s", fr->code);
            ref[nr].from = fr->from == INT32_MIN ? DAY_2000 - 36500 : fr->from;
            ref[nr].to = fr->to;
            ref[nr].line = fr->line;
            nr++;
        }
        nr = merge_spans(ref, nr);
        /* our offices, merged */
        Span ours[64];
        int no = 0;
        for (uint32_t r = 0; r < e->n_roles && no < 64; r++) {
            const KbRole *kr = &kb->roles[e->first_role + r];
            snprintf(ours[no].code, sizeof ours[no].code, "%s", kb_str(kb, kr->code));
            ours[no].from = kr->from;
            ours[no].to = kr->to;
            ours[no].line = (int)kr->line;
            no++;
        }
        no = merge_spans(ours, no);
        for (int r = 0; r < nr; r++) {
            int32_t a0 = ref[r].from > DAY_2000 ? ref[r].from : DAY_2000;
            int32_t b0 = ref[r].to < fa->last_day ? ref[r].to : fa->last_day;
            if (a0 > b0)
                continue;
            /* our office overlapping it most; none: we say nothing of those years */
            const Span *o = NULL;
            int64_t best = 0;
            for (int k = 0; k < no; k++) {
                int64_t lo = ours[k].from > a0 ? ours[k].from : a0;
                int64_t hi = ours[k].to < b0 ? ours[k].to : b0;
                if (hi - lo + 1 > best) {
                    best = hi - lo + 1;
                    o = &ours[k];
                }
            }
            /* an office of ours that overlaps only a sliver of the reference's is
             * another office: we record nothing for those years */
            if (o) {
                int64_t ref_len = (int64_t)b0 - a0 + 1;
                int64_t whole = (o->to == INT32_MAX ? (int64_t)fa->last_day : (int64_t)o->to) - o->from + 1;
                if (2 * best < ref_len && 2 * best < whole)
                    o = NULL;
            }
            if (!o) {
                st->uncovered++;
                if (st->list_uncovered) {
                    char rf[11], rt[11];
                    day_text(ref[r].from, rf);
                    day_text(ref[r].to, rt);
                    fprintf(out, "%s:%d: %s: uncovered: reference %s %s..%s\n", base, ref[r].line, id,
                            ref[r].code, rf, rt);
                }
                continue;
            }
            st->roles_shared++;
            const char *why = NULL;
            char whybuf[128];
            if (!same_code(o->code, ref[r].code)) {
                why = "another country or sector";
            } else {
                int64_t ds = boundary_gap(o->from, ref[r].from, 1);
                int64_t de = o->to == INT32_MAX || ref[r].to == INT32_MAX ? INT64_MAX
                                                                         : boundary_gap(o->to, ref[r].to, 0);
                /* a transition the reference records is a fact, both ways; its
                 * last date for someone only shows them still in office */
                int start_fact = start_is_known(a, ref[r].from);
                int end_fact = end_is_known(a, ref[r].to);
                int has_end = ref[r].to != INT32_MAX && ref[r].to <= fa->last_day;
                if (ref[r].from >= DAY_2000 && start_fact && (ds > TOLERANCE || ds < -TOLERANCE)) {
                    snprintf(whybuf, sizeof whybuf, "starts %lld days %s", (long long)(ds < 0 ? -ds : ds),
                             ds < 0 ? "earlier" : "later");
                    why = whybuf;
                } else if (has_end && end_fact && de == INT64_MAX) {
                    why = "still open in ours";
                } else if (has_end && (de < -TOLERANCE || (end_fact && de > TOLERANCE && de != INT64_MAX))) {
                    snprintf(whybuf, sizeof whybuf, "ends %lld days %s", (long long)(de < 0 ? -de : de),
                             de < 0 ? "earlier" : "later");
                    why = whybuf;
                }
            }
            if (!why) {
                st->roles_agree++;
                continue;
            }
            st->disagreements++;
            int ok = strmap_get(explained, id, strlen(id)) != NULL;
            st->explained += ok;
            char rf[11], rt[11], of[11], ot[11];
            day_text(ref[r].from, rf);
            day_text(ref[r].to, rt);
            day_text(o->from, of);
            day_text(o->to, ot);
            fprintf(out, "%s:%d: %s: reference %s %s..%s, ours %s %s..%s: %s%s\n", base, ref[r].line, id,
                    ref[r].code, rf, rt, o->code, of, ot, why,
                    ok ? " [explained in our entry]" : "");
        }
    }
    foreign_actors_free(fa);
    return 0;
}

int kb_crosscheck(const Kb *kb, const char *people_dir, const char *const *refs, int n_refs, FILE *out,
                  CrossStats *st)
{
    int list_uncovered = st->list_uncovered;
    memset(st, 0, sizeof *st);
    st->list_uncovered = list_uncovered;
    StrMap names, explained;
    strmap_init(&names);
    strmap_init(&explained);
    index_people(kb, &names);
    read_explanations(people_dir, &explained);
    int rc = 0;
    for (int i = 0; i < n_refs; i++)
        if (check_file(kb, refs[i], &names, &explained, out, st) != 0)
            rc = -1;
    strmap_free(&names);
    strmap_free(&explained);
    return rc;
}

/*
 * petrarch.c: conventions of foreign dictionaries that dyad's own knowledge
 * base does not use (petrarch.h).
 *
 * PETRARCH codes a noun phrase by any actor word in it, whatever its head
 * ("the official news agency WFNA" is ---GOV, "Eriador's death toll" is ERI);
 * an entry may stand for several actors at once ("LORIEN [ELR/GAL]"), which
 * then act together as a compound does; a passive is one only with its "by"
 * phrase; and a verb's phrase takes in the infinitive under it, which codes
 * nothing of its own.
 *
 * An underscore in the text is a word break, as it is in the dictionaries
 * ("Dol_Amroth" is the entry "DOL AMROTH").
 *
 * Invariants: an actor split into several keeps its token span, its tokens
 * point to the first of them, and the compound chain (next, first) stays a
 * chain in text order; nothing is allocated per token, only one array per
 * sentence that holds such an actor.
 */
#include "petrarch.h"

#include <stdio.h>
#include <string.h>

#include "../language/tagset.h"

int petrarch_np_end(const Sentence *s, int end, int limit, int new_actors)
{
    /* "the official news agency WFNA" */
    while (end < limit && tag_is_noun(s->toks[end].tag))
        end++;
    /* "Eriador 's death and injury toll", "Caras Galadhon 's new mayor": the
     * possessed part ends on a noun */
    if (end + 1 < limit && s->toks[end].tag == TAG_POS) {
        int k = end + 1, last_noun = -1, cc = -1;
        while (k < limit) {
            uint8_t g = s->toks[k].tag;
            int joins = !new_actors && g == TAG_CC && last_noun == k - 1 && k + 1 < limit &&
                        tag_is_noun(s->toks[k + 1].tag);
            if (!tag_is_noun(g) && !tag_is_adj(g) && g != TAG_CD && !joins)
                break;
            if (tag_is_noun(g))
                last_noun = k;
            if (joins)
                cc = k;
            k++;
        }
        /* "Ithilen 's sheep and goats of Gondor": a conjunct with an "of"
         * phrase of its own is a noun phrase of its own */
        if (cc >= 0 && k < limit && tok_is(s, k, "of")) {
            last_noun = cc - 1;
            k = cc;
        }
        if (last_noun >= 0 && last_noun + 1 == k)
            end = k;
    }
    return end;
}

int petrarch_possessed_role(const Sentence *s, int pos, int role)
{
    if (pos >= role || s->toks[pos].tag != TAG_POS)
        return 0;
    for (int k = pos + 1; k < role; k++) {
        uint8_t g = s->toks[k].tag;
        if (!tag_is_adj(g) && g != TAG_RB && !(g == TAG_CC && tok_is(s, k, "and")))
            return 0;
    }
    return 1;
}

/* The last actor of the compound that starts at a, or -1 when a member's code
 * is not of the kind asked: roles alone ("---SEC") or plain countries (three
 * letters). */
static int chain_of(const Sentence *s, int a, int roles)
{
    int last = -1;
    for (int k = a; k >= 0; k = s->actors[k].next) {
        const char *c = s->actors[k].code;
        int ok = roles ? strncmp(c, "---", 3) == 0 && strlen(c) > 3 : strlen(c) == 3 && c[0] != '-';
        if (!ok)
            return -1;
        last = k;
    }
    return last;
}

/* "The ambassadors of Arnor, Osgiliath and Gondor": a role before "of" and the
 * first country of a list is each country's: the countries after it take its
 * sector. */
static void distribute_of_role(Sentence *s, int i)
{
    const Actor *x = &s->actors[i];
    size_t len = strlen(x->code);
    if (len <= 3 || len + 1 > CODE_MAX - 3 || x->code[0] == '-' || x->next < 0)
        return;
    int of = -1;
    for (int t = x->start; t + 1 < x->end; t++)
        if (tok_is(s, t, "of"))
            of = t;
    if (of < 0 || of == x->start)
        return;
    for (int k = x->next; k >= 0; k = s->actors[k].next) {
        Actor *y = &s->actors[k];
        if (strlen(y->code) != 3 || y->code[0] == '-')
            return;
    }
    for (int k = x->next; k >= 0; k = s->actors[k].next)
        memcpy(s->actors[k].code + 3, x->code + 3, len - 2);
}

void petrarch_distribute_roles(Sentence *s)
{
    for (int i = 0; i < s->n_actors; i++) {
        if (s->actors[i].first != i)
            continue;
        distribute_of_role(s, i);
        int last = chain_of(s, i, 1);
        if (last < 0)
            continue;
        int prep = s->actors[last].end;
        if (prep + 1 >= s->n_toks || !(tok_is(s, prep, "in") || tok_is(s, prep, "from")))
            continue;
        int c = s->toks[prep + 1].actor;
        if (c < 0 || s->actors[c].start != prep + 1 || s->actors[c].first != c)
            continue;
        int c_last = chain_of(s, c, 0);
        if (c_last < 0)
            continue;
        char list[CODE_MAX];
        size_t n = 0;
        int fits = 1;
        for (int r = i; r >= 0 && fits; r = s->actors[r].next)
            for (int k = c; k >= 0 && fits; k = s->actors[k].next) {
                const char *sector = s->actors[r].code + 3;
                fits = n + 4 + strlen(sector) < sizeof list;
                if (fits)
                    n += (size_t)snprintf(list + n, sizeof list - n, "%s%.3s%s", n ? "/" : "",
                                          s->actors[k].code, sector);
            }
        if (!fits)
            continue;
        /* the absorbed actors: no code, no tokens, no links */
        for (int r = s->actors[i].next; r >= 0;) {
            int nx = s->actors[r].next;
            s->actors[r].code[0] = '\0';
            s->actors[r].next = -1;
            s->actors[r].first = (int16_t)r;
            r = nx;
        }
        for (int k = c; k >= 0;) {
            int nx = s->actors[k].next;
            s->actors[k].code[0] = '\0';
            s->actors[k].next = -1;
            s->actors[k].first = (int16_t)k;
            k = nx;
        }
        Actor *x = &s->actors[i];
        memcpy(x->code, list, n + 1);
        x->end = s->actors[c_last].end;
        x->next = -1;
        for (int t = x->start; t < x->end; t++)
            s->toks[t].actor = (int16_t)i;
    }
}

/* Codes in "A/B/C". */
static int n_codes(const char *code)
{
    int n = 1;
    for (const char *p = code; *p; p++)
        n += *p == '/';
    return n;
}

/* The k-th code of "A/B/C" into out. */
static void nth_code(const char *code, int k, char *out)
{
    const char *p = code;
    for (int i = 0; i < k; i++)
        p = strchr(p, '/') + 1;
    size_t n = strcspn(p, "/");
    memcpy(out, p, n);
    out[n] = '\0';
}

void petrarch_split_multi_codes(Sentence *s, Arena *a)
{
    int extra = 0;
    for (int i = 0; i < s->n_actors; i++)
        extra += n_codes(s->actors[i].code) - 1;
    if (!extra)
        return;
    int n = s->n_actors + extra;
    Actor *out = arena_alloc(a, sizeof(Actor) * (size_t)(n + 1));
    int16_t *first_of = arena_alloc(a, sizeof(int16_t) * (size_t)(s->n_actors + 1)); /* old -> new */
    int16_t *last_of = arena_alloc(a, sizeof(int16_t) * (size_t)(s->n_actors + 1));  /* its last part */
    int k = 0;
    for (int i = 0; i < s->n_actors; i++) {
        const Actor *x = &s->actors[i];
        int parts = n_codes(x->code);
        first_of[i] = (int16_t)k;
        for (int p = 0; p < parts; p++) {
            out[k] = *x;
            nth_code(x->code, p, out[k].code);
            out[k].next = p + 1 < parts ? (int16_t)(k + 1) : -1;
            k++;
        }
        last_of[i] = (int16_t)(k - 1);
    }
    /* the old compound links, now from each actor's last part to the next's first */
    for (int i = 0; i < s->n_actors; i++) {
        const Actor *x = &s->actors[i];
        if (x->next >= 0)
            out[last_of[i]].next = first_of[x->next];
        for (int q = first_of[i]; q <= last_of[i]; q++)
            out[q].first = first_of[x->first];
    }
    for (int t = 0; t < s->n_toks; t++)
        if (s->toks[t].actor >= 0)
            s->toks[t].actor = first_of[s->toks[t].actor];
    s->actors = out;
    s->n_actors = n;
}

void petrarch_passive_by_agent(Sentence *s)
{
    for (int v = 0; v < s->n_vgs; v++) {
        VGroup *g = &s->vgs[v];
        int c_end = g->clause >= 0 ? s->clauses[g->clause].end : s->n_toks;
        int by = 0;
        for (int j = g->end; j < c_end && !by; j++)
            by = tok_is(s, j, "by");
        if (!by)
            g->passive = 0;
    }
}

void petrarch_govern_infinitives(Sentence *s)
{
    for (int i = 0; i < s->n_matches; i++) {
        Match *m = &s->matches[i];
        if (m->vg < 0 || s->vgs[m->vg].start == 0 || s->toks[s->vgs[m->vg].start - 1].tag != TAG_TO)
            continue;
        for (int j = 0; j < s->n_matches && !m->suppressed; j++) {
            const Match *k = &s->matches[j];
            if (k->vg >= 0 && k->vg < m->vg && k->clause == m->clause && k->anchor < m->anchor)
                m->suppressed = 1;
        }
    }
}

TxtToken *petrarch_split_underscores(const char *text, TxtToken *tt, size_t *n, Arena *a)
{
    /* pieces: runs between underscores, empty runs ("__", a leading '_') none */
    size_t total = 0;
    int any = 0;
    for (size_t i = 0; i < *n; i++) {
        size_t pieces = 0;
        int in = 0;
        for (uint32_t b = tt[i].start; b < tt[i].end; b++) {
            if (text[b] == '_')
                any = 1, in = 0;
            else if (!in)
                in = 1, pieces++;
        }
        /* a token of underscores only stays as it is */
        total += pieces ? pieces : 1;
    }
    if (!any)
        return tt;
    TxtToken *out = arena_alloc(a, (total ? total : 1) * sizeof *out);
    size_t k = 0;
    for (size_t i = 0; i < *n; i++) {
        uint32_t b = tt[i].start, e = tt[i].end;
        size_t before = k;
        while (b < e) {
            while (b < e && text[b] == '_')
                b++;
            uint32_t p = b;
            while (p < e && text[p] != '_')
                p++;
            if (p > b) {
                uint16_t f = txt_token_flags(text, b, p);
                if (k == before)
                    f |= tt[i].flags & TXT_TOK_SENT_START;
                out[k] = (TxtToken){b, p, f};
                k++;
            }
            b = p;
        }
        if (k == before)
            out[k++] = tt[i];
    }
    *n = k;
    return out;
}

/* A word that may stand in a noun phrase PETRARCH's new_actor_length codes. */
static int np_word(const Sentence *s, int i)
{
    uint8_t g = s->toks[i].tag;
    return s->toks[i].actor < 0 && !s->toks[i].hidden &&
           (g == TAG_DT || g == TAG_PRPS || tag_is_adj(g) || g == TAG_CD || g == TAG_POS || tag_is_noun(g));
}

/* The end of the noun-phrase words from i, ending on a noun; i when none. */
static int np_run_end(const Sentence *s, int i)
{
    int end = i;
    for (int k = i; k < s->n_toks && np_word(s, k); k++)
        if (tag_is_noun(s->toks[k].tag))
            end = k + 1;
    return end;
}

void petrarch_new_actors(Sentence *s, int max_words)
{
    for (int i = 0; i < s->n_toks; i++) {
        int end = np_run_end(s, i);
        if (end == i)
            continue;
        /* "the Ministry of Magic": one "of" phrase belongs to it */
        if (end + 1 < s->n_toks && tok_is(s, end, "of") && np_run_end(s, end + 1) > end + 1)
            end = np_run_end(s, end + 1);
        /* "the dispute with Osgiliath": a phrase whose prepositional phrase
         * names an actor is that actor's, as any actor word codes its phrase */
        int of_actor = end + 1 < s->n_toks && s->toks[end].tag == TAG_IN && s->toks[end + 1].actor >= 0;
        int words = 0;
        for (int k = i; k < end; k++)
            words += s->toks[k].tag != TAG_POS;
        if (words <= max_words && !of_actor) {
            Actor *act = actor_blank(s, i, end, i);
            act->from_text = 1;
            size_t n = 0;
            for (int k = i; k < end; k++) {
                if (s->toks[k].tag == TAG_POS)
                    continue;
                for (uint32_t b = s->toks[k].start; b < s->toks[k].end && n + 1 < sizeof act->code; b++) {
                    char c = s->text[b];
                    act->code[n++] = c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
                }
            }
            act->code[n] = '\0';
            for (int k = i; k < end; k++)
                s->toks[k].actor = (int16_t)s->n_actors;
            s->n_actors++;
        }
        i = end - 1;
    }
}

void petrarch_of_phrases(Sentence *s)
{
    for (int a = 0; a < s->n_actors; a++) {
        int of = s->actors[a].start - 1;
        if (of < 1 || !tok_is(s, of, "of") || s->toks[of - 1].actor >= 0 ||
            !tag_is_noun(s->toks[of - 1].tag) || s->toks[of - 1].tag == TAG_NNP)
            continue;
        int start = of - 1;
        while (start > 0 && s->toks[start - 1].actor < 0 &&
               (s->toks[start - 1].tag == TAG_DT || tag_is_adj(s->toks[start - 1].tag) ||
                s->toks[start - 1].tag == TAG_NN || s->toks[start - 1].tag == TAG_NNS))
            start--;
        /* only as a conjunct after another actor's phrase, so that pattern
         * words ("* phones of +") still find the actor at its own words */
        if (start < 2 || !(tok_is(s, start - 1, "and") || tok_is(s, start - 1, ",")) ||
            s->toks[start - 2].actor < 0)
            continue;
        s->actors[a].start = (uint16_t)start;
        for (int t = start; t <= of; t++)
            s->toks[t].actor = (int16_t)a;
    }
}

/* The mention that an "of" (or "from") phrase of a role names inside actor x:
 * an agent mention, "of" and maybe "the", then a country, a place or an
 * organisation.  -1 when none. */
static int role_of_mention(const Sentence *s, const Actor *x)
{
    for (int m = 0; m + 1 < s->n_mentions; m++) {
        const Mention *r = &s->mentions[m], *c = &s->mentions[m + 1];
        if (r->start < x->start || c->end > x->end || r->kind != KB_AGENT)
            continue;
        int of = r->end;
        if (of >= c->start || !(tok_is(s, of, "of") || tok_is(s, of, "from")))
            continue;
        if (!(c->start == of + 1 || (c->start == of + 2 && tok_is(s, of + 1, "the"))))
            continue;
        if (c->kind == KB_COUNTRY || c->kind == KB_ORG || c->kind == KB_CITY || c->kind == KB_CAPITAL)
            return m + 1;
    }
    return -1;
}

void petrarch_role_of_parts(const Kb *kb, Sentence *s, Arena *a)
{
    int extra = 0;
    for (int i = 0; i < s->n_actors; i++)
        extra += s->actors[i].code[0] && !s->actors[i].part && role_of_mention(s, &s->actors[i]) >= 0;
    if (!extra)
        return;
    Actor *out = arena_alloc(a, sizeof(Actor) * (size_t)(s->n_actors + extra + 1));
    memcpy(out, s->actors, sizeof(Actor) * (size_t)s->n_actors);
    int n = s->n_actors;
    for (int i = 0; i < s->n_actors; i++) {
        const Actor *x = &out[i];
        int m = x->code[0] && !x->part ? role_of_mention(s, x) : -1;
        if (m < 0)
            continue;
        const Mention *c = &s->mentions[m];
        Actor *p = &out[n];
        memset(p, 0, sizeof *p);
        p->start = p->name_start = c->start;
        p->end = x->end;
        p->entity = (int32_t)c->entity;
        p->kind = c->kind;
        p->part = 1;
        p->next = -1;
        p->first = (int16_t)n;
        snprintf(p->code, sizeof p->code, "%s", kb_str(kb, kb->entities[c->entity].code));
        n++;
    }
    s->actors = out;
    s->n_actors = n;
}

int petrarch_part_of(const Sentence *s, int a)
{
    for (int k = s->n_actors - 1; k >= 0 && s->actors[k].part; k--)
        if (s->toks[s->actors[k].start].actor == a)
            return k;
    return -1;
}

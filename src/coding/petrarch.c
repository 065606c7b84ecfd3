/*
 * petrarch.c: actor conventions of foreign dictionaries that dyad's own
 * knowledge base does not use (petrarch.h).
 *
 * PETRARCH codes a noun phrase by any actor word in it, whatever its head
 * ("the official news agency WFNA" is ---GOV, "Eriador's death toll" is ERI);
 * and an entry may stand for several actors at once ("LORIEN [ELR/GAL]"),
 * which then act together as a compound does.
 *
 * Invariants: an actor split into several keeps its token span, its tokens
 * point to the first of them, and the compound chain (next, first) stays a
 * chain in text order; nothing is allocated per token, only one array per
 * sentence that holds such an actor.
 */
#include "petrarch.h"

#include <string.h>

#include "../language/tagset.h"

int petrarch_np_end(const Sentence *s, int end, int limit)
{
    /* "the official news agency WFNA" */
    while (end < limit && tag_is_noun(s->toks[end].tag))
        end++;
    /* "Eriador 's death and injury toll", "Caras Galadhon 's new mayor": the
     * possessed part ends on a noun */
    if (end + 1 < limit && s->toks[end].tag == TAG_POS) {
        int k = end + 1, last_noun = -1;
        while (k < limit) {
            uint8_t g = s->toks[k].tag;
            int joins = g == TAG_CC && last_noun == k - 1 && k + 1 < limit &&
                        tag_is_noun(s->toks[k + 1].tag);
            if (!tag_is_noun(g) && !tag_is_adj(g) && g != TAG_CD && !joins)
                break;
            if (tag_is_noun(g))
                last_noun = k;
            k++;
        }
        if (last_noun >= 0 && last_noun + 1 == k)
            end = k;
    }
    return end;
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

/*
 * coref.c: coreference within one article.
 *
 * Pronouns ("he", "she", "him", "they", "it") become actors that take the code
 * of the person or group they most likely mean: first the nearest fitting actor
 * named earlier in the same sentence (a person for he/she, a group for they, a
 * body for it; not the one told, not a possessor, not across a quotation mark);
 * else, for he/she/him, the last person who was the subject of a clause, else
 * the last person named, and for they, the last group named.  A short name ("Raisi",
 * "Al Thani") takes the code of the earlier full mention whose last word it is,
 * and a person the knowledge base knows keeps the code the article first gave
 * them, so "Iranian President Ebrahim Raisi ... Raisi said" is IRNGOV twice even
 * when the dateline falls after his term.  A bare role ("the emir", "the
 * president") speaks for the state, body or person named after "for" ("a
 * spokesman for Afghan President Ghani"), belongs to its owner named earlier in
 * the sentence ("its navy", "their army"), else takes its country from the
 * last person named with that role, or else from a city or capital named in
 * the same sentence, or else from the country the story names most
 * (DocMemory.home, found by a first pass).
 *
 * The memory is per document: it starts empty with every document.
 */
#include <stdio.h>
#include <string.h>

#include "../language/tagset.h"
#include "analysis.h"

static void new_actor(Sentence *s, int start, int end, const char *code, int32_t entity, int person)
{
    Actor *a = &s->actors[s->n_actors];
    memset(a, 0, sizeof *a);
    a->start = (uint16_t)start;
    a->end = (uint16_t)end;
    a->name_start = (uint16_t)start;
    snprintf(a->code, CODE_MAX, "%s", code);
    a->entity = entity;
    a->kind = entity >= 0 ? KB_PERSON : 0;
    a->person = (uint8_t)person;
    a->pronoun = 1;
    a->next = -1;
    a->first = (int16_t)s->n_actors;
    for (int t = start; t < end; t++)
        s->toks[t].actor = (int16_t)s->n_actors;
    s->n_actors++;
}

/* Does actor p stand where a subject stands: not right after a verb, "to" or a
 * preposition ("accused Israeli troops of killing Palestinian civilians" has
 * two objects), though after a word that opens a clause ("after Russia
 * struck", "that Iran") it does? */
static int subject_position(const Sentence *s, const Actor *p)
{
    int b = p->start - 1;
    if (b < 0)
        return 1;
    uint8_t t = s->toks[b].tag;
    if (tag_is_verb(t) || t == TAG_TO)
        return 0;
    return t != TAG_IN || tok_opens_clause(s, b);
}

/* Does actor k fit a pronoun of this kind at token i (see nearest_before)?
 * 1 yes, 0 no, -1 it lies behind a quotation mark: nothing before it does. */
static int fits_pronoun(const Sentence *s, int k, int i, int kind)
{
    const Actor *p = &s->actors[k];
    if (p->end > i || p->modifier || p->pronoun || !p->code[0] || (kind != 2 && (p->next >= 0 || p->first != k)))
        return 0;
    for (int q = p->end; q < i; q++)
        if ((s->toks[q].flags & TXT_TOK_QUOTE) || s->toks[q].tag == TAG_LQUOTE || s->toks[q].tag == TAG_RQUOTE)
            return -1;
    uint8_t head = s->toks[p->end - 1].tag;
    int plural = head == TAG_NNS || head == TAG_NNPS;
    /* a body is a country, an organisation or a role with a sector headed by a
     * singular noun ("the military", not "the children") */
    int singular_role = strlen(p->code) > 3 && !p->person && !plural;
    int body = p->kind == KB_ORG || p->kind == KB_COUNTRY || p->kind == KB_CAPITAL || p->kind == KB_SEAT ||
               ((p->kind == KB_ADJECTIVE || p->kind == KB_AGENT) && singular_role);
    int fits = kind == 1 ? p->kind == KB_PERSON || (p->person && !plural)
             : kind == 2 ? body
                         : p->kind == KB_ORG || plural;
    if (!fits)
        return 0;
    /* a possessor is rarely meant: "Mandela backed Mr Brown's plan when he urged" */
    if (p->end < s->n_toks && s->toks[p->end].tag == TAG_POS)
        return 0;
    /* the one told: "told Lavrov he", "telling VOA they" (but "say China expands
     * its navy" is China's) */
    int before = p->start - 1;
    if (before >= 0 && (tok_is(s, before, "told") || tok_is(s, before, "tell") || tok_is(s, before, "tells") ||
                        tok_is(s, before, "telling")))
        return 0;
    return 1;
}

/* The actor a pronoun at token i most likely means among those named earlier
 * in its sentence, other than actor skip: kind 0 a group (an organisation or a
 * plural role), 1 a person (a name or a singular role of one), 2 a body for
 * "it"; -1 if none.  Not across a quotation mark ("'We urge the authorities
 * ...,' they said" is the speakers), nor the one told ("telling VOA they
 * agree", "told Lavrov he would" is the one telling), nor a possessor. */
static int nearest_before(const Sentence *s, int i, int kind, int skip)
{
    /* for a pronoun that is a subject ("he", "she", "they", "it" before its
     * verb) a subject first ("Hamas accused Israeli troops of killing
     * civilians and said they would retaliate" is Hamas), else the nearest
     * ("recognise the Taliban because they seized power"); an object, a
     * possessive or "four of them" takes the nearest ("imposed measures
     * against women, barring them") */
    int subject_pronoun = (tok_is(s, i, "he") || tok_is(s, i, "she") || tok_is(s, i, "they") ||
                           (tok_is(s, i, "it") && i + 1 < s->n_toks &&
                            (tag_is_verb(s->toks[i + 1].tag) || s->toks[i + 1].tag == TAG_MD))) &&
                          !(i > 0 && tok_is(s, i - 1, "of"));
    for (int pass = subject_pronoun ? 0 : 1; pass < 2; pass++)
        for (int k = s->n_actors - 1; k >= 0; k--) {
            if (k == skip)
                continue;
            int f = fits_pronoun(s, k, i, kind);
            if (f < 0)
                break;
            if (f && (pass == 1 || subject_position(s, &s->actors[k])))
                return k;
        }
    return -1;
}

/* The pronoun at token i stands for actor k of its sentence. */
static void pronoun_for(Sentence *s, int i, int k, int person)
{
    new_actor(s, i, i + 1, s->actors[k].code, s->actors[k].entity, person);
    s->actors[s->n_actors - 1].kind = s->actors[k].kind;
}

void coref_resolve(Sentence *s, const DocMemory *mem)
{
    /* bare roles */
    for (int i = 0; i < s->n_actors; i++) {
        Actor *a = &s->actors[i];
        if (!a->bare)
            continue;
        const char *from = NULL;
        /* "a spokesman for Afghan President Ghani", "an envoy for the Taliban":
         * one person speaking for the actor named after "for" */
        int after = a->end + 1 < s->n_toks && tok_is(s, a->end, "for") ? s->toks[a->end + 1].actor : -1;
        if (after < 0 && a->end + 2 < s->n_toks && tok_is(s, a->end, "for") && s->toks[a->end + 1].tag == TAG_DT)
            after = s->toks[a->end + 2].actor;
        /* a state, a body or a person, named: not "women", nor "women Jacqui Smith" */
        int for_whom = after >= 0 && s->actors[after].kind != KB_AGENT && !s->actors[after].bare &&
                       s->actors[after].code[0] &&
                       ((s->toks[s->actors[after].start].flags & TXT_TOK_CAP) ||
                        s->toks[s->actors[after].start].tag == TAG_DT);
        if (for_whom && a->person && s->toks[a->end - 1].tag == TAG_NN) {
            memcpy(a->code, s->actors[after].code, CODE_MAX); /* another actor: no overlap */
            a->bare = 0;
            continue;
        }
        /* "its navy", "their army", "his spokesman": the owner named earlier in
         * the sentence */
        int poss = s->toks[a->start].tag == TAG_PRPS ? a->start
                 : a->start > 0 && s->toks[a->start - 1].tag == TAG_PRPS ? a->start - 1 : -1;
        if (poss >= 0) {
            int kind = tok_is(s, poss, "its") ? 2 : tok_is(s, poss, "their") ? 0 : 1;
            int owner = nearest_before(s, poss, kind, -1);
            if (owner < 0 && kind == 0)
                owner = nearest_before(s, poss, 2, -1);
            if (owner >= 0 && !s->actors[owner].bare)
                from = s->actors[owner].code;
        }
        for (int k = mem->n - 1; k >= 0 && !from; k--)
            if (strlen(mem->code[k]) > 3 && strcmp(mem->code[k] + 3, a->code) == 0)
                from = mem->code[k];
        if (!from && strlen(mem->last_person_any) > 3 && strcmp(mem->last_person_any + 3, a->code) == 0)
            from = mem->last_person_any;
        /* "police arrested protesters in Tehran": the place gives the country */
        for (int k = 0; k < s->n_actors && !from; k++) {
            const Actor *p = &s->actors[k];
            if (p->kind == KB_CITY || p->kind == KB_CAPITAL)
                from = p->code;
        }
        /* else the country the whole story is about */
        if (!from && mem->home[0])
            from = mem->home;
        if (from) {
            char code[CODE_MAX];
            code_join(code, from, a->code);
            snprintf(a->code, CODE_MAX, "%s", code);
            a->bare = 0;
        } else if (s->tabari && s->tabari->convert_agent && strlen(a->code) + 1 < CODE_MAX) {
            /* TABARI's CONVERT AGENT: the role alone, marked "~" ("~REB") */
            memmove(a->code + 1, a->code, strlen(a->code) + 1);
            a->code[0] = '~';
            a->bare = 0;
        } else {
            a->code[0] = '\0';
        }
    }
    for (int i = 0; i < s->n_toks; i++) {
        Tok *t = &s->toks[i];
        if (t->actor >= 0)
            continue;
        if (t->tag == TAG_PRP) {
            if ((tok_is(s, i, "he") || tok_is(s, i, "him") || tok_is(s, i, "she") ||
                 tok_is(s, i, "her"))) {
                /* a person named earlier in the same sentence ("Judge X made
                 * his remarks as he sentenced"), else the story's */
                int subject_pronoun = tok_is(s, i, "he") || tok_is(s, i, "she");
                /* "him", "her" is not the subject of its own verb: "Putin said
                 * Trump had invited him" is Putin */
                int local = -1;
                if (!subject_pronoun) {
                    int k = i - 1;
                    while (k >= 0 && (tag_is_verb(s->toks[k].tag) || s->toks[k].tag == TAG_MD ||
                                      s->toks[k].tag == TAG_RB || s->toks[k].tag == TAG_TO))
                        k--;
                    local = k >= 0 && k < i - 1 ? s->toks[k].actor : -1;
                }
                int near = nearest_before(s, i, 1, local);
                if (near >= 0) {
                    pronoun_for(s, i, near, 1);
                    continue;
                }
                const char *code = mem->last_person[0] ? mem->last_person : mem->last_person_any;
                int32_t ent = mem->last_person[0] ? mem->last_person_entity : mem->last_person_any_entity;
                if (code[0])
                    new_actor(s, i, i + 1, code, ent, 1);
            } else if (tok_is(s, i, "they") || tok_is(s, i, "them")) {
                /* a group named earlier in the same sentence, nearest first: an
                 * organisation or a plural role ("... recognized the Taliban
                 * since they seized"), else the last group of the story */
                int near = nearest_before(s, i, 0, -1);
                if (near >= 0)
                    pronoun_for(s, i, near, 0);
                else if (mem->last_plural[0])
                    new_actor(s, i, i + 1, mem->last_plural, -1, 0);
            } else if (tok_is(s, i, "it")) {
                /* "Hamas said it had accepted", "the Israeli military said it killed":
                 * only an organisation, a country or a body (not one person) named
                 * earlier in the same sentence; "it" is too often a thing */
                /* "it is easy to", "it was clear that": nobody */
                if (i + 2 < s->n_toks && (tok_is(s, i + 1, "is") || tok_is(s, i + 1, "was")) &&
                    (s->toks[i + 2].tag == TAG_JJ || s->toks[i + 2].tag == TAG_RB))
                    continue;
                int near = nearest_before(s, i, 2, -1);
                if (near >= 0)
                    pronoun_for(s, i, near, 0);
            }
            continue;
        }
        /* short names: the last word of an earlier full mention */
        if ((t->tag == TAG_NNP || t->tag == TAG_NNPS) && (t->flags & TXT_TOK_CAP)) {
            uint64_t h = tok_hash(s, i);
            for (int k = mem->n - 1; k >= 0 && h; k--) {
                if (mem->surname[k] != h)
                    continue;
                int start = i;
                if (start > 0 && s->toks[start - 1].actor < 0 &&
                    (tok_is(s, start - 1, "al") || tok_is(s, start - 1, "bin")))
                    start--;
                new_actor(s, start, i + 1, mem->code[k], mem->entity[k], 1);
                s->actors[s->n_actors - 1].kind = KB_PERSON;
                s->actors[s->n_actors - 1].pronoun = 0;
                break;
            }
        }
    }
}

void coref_remember(const Sentence *s, DocMemory *mem)
{
    /* the last person and the last country or group named, in text order (actors
     * found by coreference come after the others in the array) */
    int last_person = -1, last_group = -1;
    for (int i = 0; i < s->n_actors; i++) {
        const Actor *a = &s->actors[i];
        if (!a->code[0] || a->modifier)
            continue;
        if (a->person && (last_person < 0 || a->start > s->actors[last_person].start))
            last_person = i;
        else if ((a->kind == KB_COUNTRY || a->kind == KB_ORG) &&
                 (last_group < 0 || a->start > s->actors[last_group].start))
            last_group = i;
    }
    if (last_person >= 0) {
        snprintf(mem->last_person_any, CODE_MAX, "%s", s->actors[last_person].code);
        mem->last_person_any_entity = s->actors[last_person].entity;
    }
    if (last_group >= 0)
        snprintf(mem->last_plural, CODE_MAX, "%s", s->actors[last_group].code);
    for (int i = 0; i < s->n_actors; i++) {
        const Actor *a = &s->actors[i];
        if (!a->code[0] || a->modifier)
            continue;
        /* a named person: one the knowledge base knows, or a role with a name
         * ("Iranian President Ebrahim Raisi") */
        const Tok *last = &s->toks[a->end - 1];
        int named = (last->tag == TAG_NNP || last->tag == TAG_NNPS) && (last->flags & TXT_TOK_CAP);
        if (a->pronoun || !a->person || !named)
            continue;
        uint64_t h = tok_hash(s, a->end - 1);
        int known = 0;
        for (int k = 0; k < mem->n; k++) {
            if (!((a->entity >= 0 && mem->entity[k] == a->entity) || (h && mem->surname[k] == h)))
                continue;
            known = 1;
            /* role words in the text beat the dated role of a bare name: a headline
             * "Raisi: ..." before "Iranian President Ebrahim Raisi" */
            if (a->from_text && !mem->from_text[k]) {
                snprintf(mem->code[k], CODE_MAX, "%s", a->code);
                mem->from_text[k] = 1;
            }
        }
        if (known || mem->n == DOC_MAX_ENTITIES)
            continue;
        mem->from_text[mem->n] = a->from_text;
        mem->entity[mem->n] = a->entity;
        snprintf(mem->code[mem->n], CODE_MAX, "%s", a->code);
        mem->surname[mem->n] = h;
        mem->n++;
    }
    /* the subject of the last clause with a person subject is who "he" means next */
    for (int v = 0; v < s->n_vgs; v++) {
        int subj = s->vgs[v].subject;
        if (subj < 0)
            continue;
        const Actor *a = &s->actors[subj];
        if (a->person && a->code[0]) {
            snprintf(mem->last_person, CODE_MAX, "%s", a->code);
            mem->last_person_entity = a->entity;
        }
    }
}

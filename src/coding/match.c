/*
 * match.c: verb and noun patterns against one parsed sentence.
 *
 * Every token whose lemma anchors patterns is tried: a verb only as the head of
 * its verb group, a noun only when tagged as a noun.  Elements after the anchor
 * are found left to right from the end of the verb group, elements before it
 * right to left from its start, each within MATCH_GAP skipped tokens and never
 * past the clause.  For each anchor the most specific pattern that matches is
 * kept; then, most specific first, a match whose anchor lies inside a kept
 * match's span is suppressed ("readiness to cooperate with +" beats "cooperate
 * with +").  Slots left open by the pattern are filled from the parse: the
 * source from the subject (or the "by" phrase of a passive), the target from
 * the direct object.
 *
 * Dictionaries written for other coders set options (kb.h KB_O_*) that change
 * this as those coders work: pattern words before '*' may be the verb's own
 * auxiliaries, slots take the next actor across prepositions, '^' passes a noun
 * phrase over, a block may be kept to one form of its verb ("verb leave @left"),
 * pattern words may have to be the form written, and the conventions of
 * petrarch.c (passives, infinitives) apply.
 *
 * With a trace file, every pattern tried is written there with the reason it
 * matched or not; that is what `dyad explain` shows.
 */
#include <stdio.h>
#include <string.h>

#include "../language/tagset.h"
#include "analysis.h"
#include "petrarch.h"

#define MATCH_GAP 6
#define PASSIVE_SUBJECT 32000 /* placeholder target: the passive verb's subject */

static int word_matches(const Kb *kb, const Tok *t, uint32_t w)
{
    if (!t->word)
        return 0;
    /* PETRARCH's pattern words are word forms: "RESOLUTION" is not "resolutions" */
    if (kb->options & KB_O_EXACT_WORDS)
        return t->word == w;
    return t->word == w || t->lemma == w || t->lemma == kb->words[w].lemma;
}

/* A literal word of a pattern at token i.  TABARI's dictionaries (KB_O_SPARSE)
 * match forms, not lemmas: a stem ("word~") any word it begins, else the form. */
static int elem_word_matches(const Kb *kb, const Sentence *s, int i, const KbElem *e)
{
    if (kb->options & KB_O_SPARSE) {
        /* a clause is scanned for every word of every pattern of the verb:
         * most tokens fail on their first letter, without a look at the word */
        unsigned char f = (unsigned char)s->text[s->toks[i].start], want = (unsigned char)e->first;
        if (f < 0x80 && want && want < 0x80 && (f >= 'A' && f <= 'Z' ? f + 32 : f) != want)
            return 0;
        return sparse_word_matches(kb, s, i, e->value, e->stem);
    }
    return word_matches(kb, &s->toks[i], e->value);
}

/* A word of a set's phrase at token i; TABARI's set members are stems. */
static int set_word_matches(const Kb *kb, const Sentence *s, int i, uint32_t w)
{
    if (kb->options & KB_O_SPARSE) /* a word written "kroner=" is not a stem */
        return sparse_word_matches(kb, s, i, w, !(kb->words[w].gram & KB_G_NOEND));
    return word_matches(kb, &s->toks[i], w);
}

/* Tokens spanned by the longest set phrase that starts at token i, 0 if none.
 * (Sparse coding: after a gap of the phrase, KbPhrase.gaps, its next word may
 * stand further on: TABARI's "AUSTRIAN FLORIN" in "austrian gold florin".) */
static int set_match_at(const Kb *kb, const Sentence *s, uint32_t set, int i, int limit)
{
    const KbSet *st = &kb->sets[set];
    int best = 0, best_words = 0;
    for (uint32_t k = 0; k < st->n_phrases; k++) {
        const KbPhrase *p = &kb->phrases[kb->set_phrases[st->first_phrase + k]];
        if (i + p->len > limit || p->len <= best_words)
            continue;
        int ok = 1, at = i;
        for (int q = 0; q < p->len && ok; q++, at++) {
            if (q > 0 && ((p->gaps >> (q - 1)) & 1) && (kb->options & KB_O_SPARSE))
                while (at < limit && !set_word_matches(kb, s, at, kb->ids[p->words + q]))
                    at++;
            ok = at < limit && set_word_matches(kb, s, at, kb->ids[p->words + q]);
        }
        if (ok) {
            best = at - i;
            best_words = p->len;
        }
    }
    return best;
}

/* Length of the set phrase that ends at token i (inclusive), 0 if none. */
static int set_match_ending(const Kb *kb, const Sentence *s, uint32_t set, int i, int lo)
{
    const KbSet *st = &kb->sets[set];
    int best = 0;
    for (uint32_t k = 0; k < st->n_phrases; k++) {
        const KbPhrase *p = &kb->phrases[kb->set_phrases[st->first_phrase + k]];
        int start = i - p->len + 1;
        if (start < lo || p->len <= best)
            continue;
        int ok = 1;
        for (int q = 0; q < p->len && ok; q++)
            ok = set_word_matches(kb, s, start + q, kb->ids[p->words + q]);
        if (ok)
            best = p->len;
    }
    return best;
}

/* May a slot skip this token on its way to the actor?  Only words inside a noun
 * phrase: "with both Iraq", "Turkey's readiness", "near the site of Iran's ...",
 * but not "reviews from US critics"
 * or "living in the US are now limited to one visit". */
static int np_internal(const Sentence *s, int i)
{
    const Tok *t = &s->toks[i];
    uint8_t g = t->tag;
    if (g == TAG_IN)
        return tok_is(s, i, "of"); /* "the burial site of Iran's commander" */
    return g == TAG_DT || g == TAG_PDT || tag_is_adj(g) || g == TAG_CD || g == TAG_PRPS ||
           g == TAG_POS || g == TAG_RB || g == TAG_NN || g == TAG_NNS || g == TAG_NNP ||
           g == TAG_NNPS || g == TAG_LQUOTE || g == TAG_RQUOTE ||
           g == TAG_LPAREN || g == TAG_RPAREN; /* "the European Union (EU) agree" */
}

/* Where the words of actor a's compound begin: "Iran and Qatar" at Iran.  An
 * actor that stands for another (a pronoun under sparse coding) begins at its
 * own words. */
static int compound_start(const Sentence *s, int a)
{
    int first = s->actors[a].first;
    for (int k = first; k >= 0; k = s->actors[k].next)
        if (k == a)
            return s->actors[first].start;
    return s->actors[a].start;
}

/* The compound's last member: a slot bound to "Iran and Qatar" ends after Qatar. */
static int compound_end(const Sentence *s, int a)
{
    while (s->actors[a].next >= 0)
        a = s->actors[a].next;
    return s->actors[a].end;
}

/* A word of a noun phrase that names nobody ("their Ent populations"). */
static int nominal_word(const Sentence *s, int i)
{
    uint8_t g = s->toks[i].tag;
    return g == TAG_DT || g == TAG_PDT || tag_is_adj(g) || g == TAG_CD || g == TAG_PRPS ||
           g == TAG_POS || tag_is_noun(g);
}

/* The end of the noun phrase that starts at token j, for '^': an actor phrase
 * (its whole compound) or a run of noun-phrase words ending on a noun; j when
 * no noun phrase starts there. */
static int np_skipped(const Kb *kb, const Sentence *s, int j, int c_end)
{
    int a = s->toks[j].actor;
    /* a phrase coded by any actor word in it takes in its determiner, which a
     * pattern word may have matched ("* their ^ about +": "their Ent populations") */
    if (a >= 0 && s->actors[a].start < j && (kb->options & KB_O_NP_ANY_ACTOR))
        return s->actors[a].end;
    if (a >= 0 && s->actors[a].start == j && (kb->options & KB_O_NP_ANY_ACTOR)) {
        /* "the parliament of Gondor": the role's own words ("the parliament") */
        int part = petrarch_part_of(s, a);
        if (part >= 0) {
            int of = s->actors[part].start - 1;
            return tok_is(s, of, "the") ? of - 1 : of;
        }
    }
    if (a >= 0)
        return s->actors[a].start == j ? compound_end(s, a) : j;
    int k = j, end = j;
    while (k < c_end && s->toks[k].actor < 0 && nominal_word(s, k)) {
        if (tag_is_noun(s->toks[k].tag))
            end = k + 1;
        k++;
    }
    /* "the Gondor": the run reaches an actor phrase, which is then the phrase */
    if (k < c_end && s->toks[k].actor >= 0 && s->actors[s->toks[k].actor].start == k && end == j)
        return compound_end(s, s->toks[k].actor);
    return end;
}

/* A '%' element found actor a: the first compound such an element finds is the
 * one whose members the events are among. */
static void bind_compound(const Sentence *s, int a, Match *m, int *wants)
{
    *wants = 1;
    int first = s->actors[a].first;
    if (m->compound < 0 && s->actors[first].next >= 0)
        m->compound = (int16_t)first;
}

/* Try one pattern; fills m and returns 1 on a match, else 0 with *why set.
 * passive: for a passive verb group, PASSIVE_SUBJECT when its subject is unknown
 * yet, else 0; a '+' right after the anchor then stands for the subject. */
static int try_pattern(const Kb *kb, const Sentence *s, const KbPattern *p, int a_start,
                       int a_end, int c_start, int c_end, int passive, Match *m, const char **why)
{
    /* TABARI's dictionaries (KB_O_SPARSE) read a pattern's words anywhere in
     * the clause, and a slot takes the next actor whatever stands between */
    int sparse = (kb->options & KB_O_SPARSE) != 0;
    int gap = sparse ? c_end - c_start : MATCH_GAP;
    const KbElem *el = kb->elems + p->first_elem;
    m->source = m->target = m->compound = -1;
    int wants_compound = 0; /* a '%' stands in the pattern */
    m->span_start = (uint16_t)a_start;
    m->span_end = (uint16_t)a_end;
    /* after the anchor */
    int pos = a_end;
    for (int k = p->anchor_at + 1; k < p->n_elems; k++) {
        const KbElem *e = &el[k];
        /* passive voice: the object of "* +" is the subject ("Iran was attacked by X") */
        if (passive && e->type == KB_E_TARGET && k == p->anchor_at + 1) {
            m->target = passive;
            continue;
        }
        int last = e->adjacent ? pos : pos + gap;
        if (last >= c_end)
            last = c_end - 1;
        int found = -1, len = 1;
        for (int j = pos; j <= last && found < 0; j++) {
            if (s->toks[j].hidden)
                continue;
            switch (e->type) {
            case KB_E_WORD:
                if (elem_word_matches(kb, s, j, e)) {
                    /* a phrasal verb's particle follows it, adverbs aside: "called
                     * (repeatedly) for", not "called a new victory for"; "send X to"
                     * keeps its object between */
                    int particle = k == p->anchor_at + 1 &&
                                   (s->toks[j].tag == TAG_RP || tok_is(s, j, "for") || tok_is(s, j, "on"));
                    int ok = 1;
                    for (int q = pos; particle && q < j; q++)
                        if (s->toks[q].tag != TAG_RB && s->toks[q].tag != TAG_RBR)
                            ok = 0;
                    if (ok)
                        found = j;
                }
                break;
            case KB_E_SET:
                if ((len = set_match_at(kb, s, e->value, j, c_end)) > 0)
                    found = j;
                break;
            case KB_E_SKIP: {
                if (sparse) {
                    /* TABARI: '^' passes over one actor */
                    int a = s->toks[j].actor;
                    if (a >= 0 && s->actors[a].start == j && s->actors[a].code[0]) {
                        found = j;
                        len = s->actors[a].end - j;
                    }
                    break;
                }
                int end = np_skipped(kb, s, j, c_end);
                if (end > j) {
                    found = j;
                    len = end - j;
                }
                break;
            }
            default: {
                int a = s->toks[j].actor;
                /* inside "the parliament of Gondor", at Gondor: its own actor */
                if (a >= 0 && s->actors[a].start != j && (kb->options & KB_O_NP_ANY_ACTOR)) {
                    int part = petrarch_part_of(s, a);
                    if (part >= 0 && s->actors[part].start == j)
                        a = part;
                }
                /* left the noun phrase: give up; other coders' slots take the
                 * next actor within the gap ("+ * money $": "received money from X") */
                if (j > pos && !np_internal(s, j - 1) && !(kb->options & KB_O_TARGET_FIRST_ACTOR))
                    j = last;
                else if (a >= 0 && s->actors[a].start == j && s->actors[a].code[0] != '\0') {
                    if (e->type == KB_E_SOURCE && s->actors[a].modifier)
                        continue;
                    found = j;
                    len = compound_end(s, a) - j;
                    if (e->type == KB_E_SOURCE)
                        m->source = s->actors[a].first;
                    else if (e->type == KB_E_TARGET)
                        m->target = s->actors[a].first;
                    else if (e->type == KB_E_SKIP)
                        len = s->actors[a].end - j; /* '^' passes over one actor */
                    else
                        bind_compound(s, a, m, &wants_compound);
                } else if (a >= 0 && s->actors[a].start == j && s->actors[a].unknown) {
                    found = j;
                    len = s->actors[a].end - j;
                }
            }
            }
        }
        if (found < 0) {
            *why = e->type == KB_E_TARGET ? "no target actor where '+' stands"
                 : e->type == KB_E_SOURCE ? "no source actor where '$' stands"
                 : e->type == KB_E_SKIP   ? "no noun phrase to pass over where '^' stands"
                                          : "a word after the anchor is missing";
            return 0;
        }
        pos = found + len;
        if (pos > m->span_end)
            m->span_end = (uint16_t)pos;
    }
    /* before the anchor, right to left; from the verb word itself when the
     * dictionary spells auxiliaries out ("- WILL NOT * [...]") */
    pos = (kb->options & KB_O_AUX_WORDS) ? m->anchor - 1 : a_start - 1;
    for (int k = p->anchor_at - 1; k >= 0; k--) {
        const KbElem *e = &el[k];
        /* an actor slot stands before the whole verb group, auxiliaries and all
         * ("% * [...]": "A and B have renewed") */
        if ((e->type == KB_E_SOURCE || e->type == KB_E_TARGET) && pos >= a_start)
            pos = a_start - 1;
        int adjacent = el[k + 1].adjacent;
        /* TABARI looks for a set member of several words before the verb as a
         * phrase of its own, across the '_' that joins it to the word after it
         * ("SURELY_&REFUSAL_AGAIN" with "will not" in "surely will not soon
         * again"); a one-word member keeps the join */
        int phrase_gap = adjacent && sparse && e->type == KB_E_SET;
        int lo = adjacent && !phrase_gap ? pos : pos - gap;
        if (lo < c_start)
            lo = c_start;
        int found = -1, len = 1;
        for (int j = pos; j >= lo && found < 0; j--) {
            if (s->toks[j].hidden)
                continue;
            switch (e->type) {
            case KB_E_WORD:
                if (elem_word_matches(kb, s, j, e))
                    found = j;
                break;
            case KB_E_SET:
                if ((len = set_match_ending(kb, s, e->value, j, c_start)) > 0 &&
                    (j == pos || !phrase_gap || len > 1))
                    found = j - len + 1;
                break;
            case KB_E_SKIP: {
                int a = s->toks[j].actor;
                if (sparse) {
                    /* TABARI: '^' passes over one actor */
                    if (a >= 0 && s->actors[a].end == j + 1 && s->actors[a].code[0])
                        found = s->actors[a].start;
                    break;
                }
                if (a >= 0 && s->actors[a].end == j + 1)
                    found = s->actors[s->actors[a].first].start;
                else if (tag_is_noun(s->toks[j].tag) && a < 0) {
                    /* a noun phrase that names nobody: back to its first word */
                    found = j;
                    while (found > lo && s->toks[found - 1].actor < 0 && nominal_word(s, found - 1))
                        found--;
                }
                break;
            }
            default: {
                int a = s->toks[j].actor;
                if (j < pos && !np_internal(s, j + 1) && !(kb->options & KB_O_TARGET_FIRST_ACTOR))
                    j = lo; /* left the noun phrase: give up (not for other coders' slots) */
                else if (a >= 0 && s->actors[a].end == j + 1 && s->actors[a].code[0] != '\0') {
                    int first = s->actors[a].first;
                    if (e->type == KB_E_SOURCE && s->actors[a].modifier)
                        continue;
                    found = compound_start(s, a);
                    if (e->type == KB_E_SOURCE)
                        m->source = (int16_t)first;
                    else if (e->type == KB_E_TARGET)
                        m->target = (int16_t)first;
                    else if (e->type == KB_E_SKIP)
                        found = s->actors[a].start; /* '^' passes over one actor */
                    else
                        bind_compound(s, a, m, &wants_compound);
                }
            }
            }
        }
        if (found < 0) {
            *why = e->type == KB_E_TARGET ? "no target actor where '+' stands"
                 : e->type == KB_E_SOURCE ? "no source actor where '$' stands"
                 : e->type == KB_E_SKIP   ? "no noun phrase to pass over where '^' stands"
                                          : "a word before the anchor is missing";
            return 0;
        }
        pos = found - 1;
        if (found < m->span_start)
            m->span_start = (uint16_t)found;
    }
    if (wants_compound && m->compound < 0) {
        *why = "no compound actor where '%' stands";
        return 0;
    }
    return 1;
}

/* The verb group whose clause a noun anchor belongs to: the nearest before it,
 * else the first after it. */
static int governing_vg(const Sentence *s, int tok)
{
    int c = s->toks[tok].clause;
    int best = -1;
    for (int v = 0; v < s->n_vgs; v++) {
        if (s->vgs[v].clause != c)
            continue;
        if (s->vgs[v].start <= tok)
            best = v;
        else if (best < 0)
            return v;
    }
    return best;
}

/* The actor after "by" in a passive: "was carried out by X". */
static int passive_agent(const Sentence *s, const VGroup *g, int c_end)
{
    for (int j = g->end; j < c_end && j <= g->end + 2; j++)
        if (tok_is(s, j, "by") && j + 1 < c_end && s->toks[j + 1].actor >= 0) {
            int a = s->toks[j + 1].actor;
            return s->actors[a].start == j + 1 ? s->actors[a].first : -1;
        }
    return -1;
}

/* The actor heading the object: "arrested protesters", or through "of" in the
 * same noun phrase, "arrested dozens of protesters", "condemned the killing of
 * Iranian diplomats"; never past another preposition ("the attack in Kerman"). */
static int direct_object(const Sentence *s, int from, int c_end)
{
    for (int j = from; j < c_end && j <= from + 5; j++) {
        int a = s->toks[j].actor;
        if (a >= 0 && s->actors[a].start == j && (j == from || tok_is(s, j - 1, "of")))
            return s->actors[a].first;
        if (!np_internal(s, j))
            break;
    }
    return -1;
}

static void fill_slots(const Kb *kb, const Sentence *s, int as_noun, Match *m,
                       int c_end)
{
    const VGroup *g = m->vg >= 0 ? &s->vgs[m->vg] : NULL;
    if (m->compound >= 0) {
        /* '%': the events are among the compound's members, each with each */
        m->source = m->target = m->compound;
        return;
    }
    if (m->target == PASSIVE_SUBJECT)
        m->target = g ? g->subject : -1;
    int has_source = m->source >= 0, has_target = m->target >= 0;
    int sparse = (kb->options & KB_O_SPARSE) != 0;
    if (!has_target && (kb->options & KB_O_TARGET_FIRST_ACTOR) && !sparse &&
        !(g && g->passive && !as_noun)) {
        /* other coders' dictionaries: the first actor after the anchor, up to a
         * comma past the pattern's words (", a senior official said" is a clause
         * of its own, not the verb's object) */
        int from = m->anchor_end;
        for (int j = from; j < s->n_toks && m->target < 0; j++) {
            if (s->toks[j].tag == TAG_COMMA && j >= m->span_end)
                break;
            /* PETRARCH takes the target from the verb's noun phrases: an
             * infinitive right after the verb is a clause, not one ("proposed
             * to take up the issue with X"); after an object it belongs to
             * that noun ("signed an accord to supply X") */
            if ((kb->options & KB_O_NP_ANY_ACTOR) && j == m->anchor_end && j >= m->span_end &&
                s->toks[j].tag == TAG_TO && j + 1 < s->n_toks && s->toks[j + 1].tag == TAG_VB)
                break;
            const Actor *at = s->toks[j].actor >= 0 ? &s->actors[s->toks[j].actor] : NULL;
            /* a pronoun for the subject itself is not its target ("X began to
             * question whether he has a future with Y": Y) */
            if (at && at->pronoun && g && g->subject >= 0 && strcmp(at->code, s->actors[g->subject].code) == 0)
                continue;
            if (at && at->code[0] && at->start == j)
                m->target = at->first;
        }
        has_target = m->target >= 0;
    }
    /* TABARI reads a passive as one only with its "by" agent ("Mordor was
     * reported to have reinforced ..." is Mordor's doing) */
    int passive = g && g->passive && !as_noun && (!sparse || passive_agent(s, g, c_end) >= 0);
    if (sparse && !passive) {
        /* TABARI: the first actor of the clause, and the first after the verb */
        if (!has_source)
            m->source = (int16_t)sparse_source(s, m->span_start, m->anchor, m->target);
        has_source = m->source >= 0;
        if (!has_target)
            m->target = (int16_t)sparse_target(s, m->anchor, m->anchor_end, m->source);
        sparse_defaults(s, m);
        has_source = m->source >= 0;
        has_target = m->target >= 0;
    }
    if (!has_source && g) {
        if (g->passive && !as_noun)
            m->source = (int16_t)passive_agent(s, g, c_end);
        else
            m->source = g->subject;
        /* "noted + *" on "X noted that Y regretted": the pattern made the
         * subject its target, so the source is the subject of the governing
         * clause its words reached back into */
        int up = m->span_start < s->clauses[m->clause].start ? s->toks[m->span_start].vg : -1;
        if (m->source >= 0 && m->source == m->target && up >= 0 && s->vgs[up].subject >= 0)
            m->source = s->vgs[up].subject;
    }
    if (!has_target && g && !as_noun) {
        if (g->passive)
            m->target = g->subject;
        else
        {
            /* the object follows the verb ("seized a British oil tanker"), or its
             * particle ("shot down an Iranian drone") */
            m->target = (int16_t)direct_object(s, g->end, c_end);
            if (m->target < 0 && m->span_end > g->end)
                m->target = (int16_t)direct_object(s, m->span_end, c_end);
        }
    }
    if (sparse && m->source < 0 && m->target >= 0)
        /* the pattern or the passive named only the target ("+ was * dead in X"):
         * TABARI's source is the first other actor after the verb */
        m->source = (int16_t)sparse_target(s, m->anchor, m->anchor_end, m->target);
}

static void trace_pattern(FILE *trace, const Kb *kb, const KbPattern *p, const char *verdict)
{
    if (!trace)
        return;
    fprintf(trace, "    %-5s %-40s %s:%u  %s\n", kb->codes[p->code].code, kb_str(kb, p->text),
            kb_str(kb, p->file), p->line, verdict);
}

/* Does the verb group hold a modal ("should", "can")? */
static int has_modal(const Sentence *s, const VGroup *g)
{
    for (int k = g->start; k < g->end; k++)
        if (s->toks[k].tag == TAG_MD)
            return 1;
    return 0;
}

void match_patterns_traced(const Kb *kb, Sentence *s, Arena *a, FILE *trace)
{
    if (kb->options & KB_O_PASSIVE_BY_AGENT)
        petrarch_passive_by_agent(s);
    if (kb->options & KB_O_NP_ANY_ACTOR)
        petrarch_role_of_parts(kb, s, a);
    s->matches = arena_alloc(a, sizeof(Match) * (size_t)(s->n_toks + 1));
    s->n_matches = 0;
    /* Under sparse coding a pattern's words are looked for all over the clause,
     * so each pattern tried costs a scan per word: the keys of the sentence's
     * words (kb_pair_key, of the text and of the word it was read as) rule out
     * at once the patterns with a word the sentence cannot hold. */
    uint64_t keys[KB_PAIR_KEYS / 64] = {0};
    if (kb->options & KB_O_SPARSE) {
        sparse_prepare(kb, s, a);
        for (int i = 0; i < s->n_toks; i++) {
            const Tok *t = &s->toks[i];
            int key = kb_pair_key(s->text + t->start, t->end - t->start);
            if (key >= 0)
                keys[key / 64] |= 1ull << (key % 64);
            const char *word = t->word ? kb_str(kb, kb->words[t->word].text) : "";
            if ((key = kb_pair_key(word, word[0] ? (word[1] ? 2 : 1) : 0)) >= 0)
                keys[key / 64] |= 1ull << (key % 64);
        }
    }
    for (int i = 0; i < s->n_toks; i++) {
        const Tok *t = &s->toks[i];
        uint32_t lemma = t->lemma;
        if (!lemma || !kb->words[lemma].n_patterns || t->hidden)
            continue;
        int sparse = (kb->options & KB_O_SPARSE) != 0; /* TABARI: no irrealis, no negation */
        if (s->clauses[t->clause].irrealis && !sparse) {
            if (trace)
                fprintf(trace, "  \"%.*s\": its clause says what someone wants, not what happened\n",
                        (int)(t->end - t->start), s->text + t->start);
            continue;
        }
        /* dictionaries that spell auxiliaries out ("- SHOULD HAVE * [...]") code
         * a modal themselves; an infinitive after a noun ("a place to visit")
         * is still no deed; TABARI reads no irrealis at all */
        if (t->vg >= 0 && s->vgs[t->vg].wished && s->vgs[t->vg].head == i && !sparse &&
            !((kb->options & KB_O_AUX_WORDS) && has_modal(s, &s->vgs[t->vg]))) {
            if (trace)
                fprintf(trace, "  \"%.*s\": wanted, feared, allowed, supposed or a condition, not a thing done\n",
                        (int)(t->end - t->start), s->text + t->start);
            continue;
        }
        const KbWord *w = &kb->words[lemma];
        int is_verb_head = t->vg >= 0 && s->vgs[t->vg].head == i;
        int is_noun = tag_is_noun(t->tag);
        if (trace)
            fprintf(trace, "  anchor \"%.*s\" (lemma %s, %s):\n", (int)(t->end - t->start),
                    s->text + t->start, kb_str(kb, w->text), tag_name(t->tag));
        /* a block written for this very form ("verb leave @left") replaces the
         * lemma's other blocks for it */
        int form_claimed = 0;
        for (uint32_t k = 0; k < w->n_patterns && !form_claimed; k++)
            form_claimed = kb->patterns[w->first_pattern + k].form == t->word;
        Match best;
        int have = 0;
        int sparse_start = 0, sparse_end = s->n_toks; /* TABARI: the anchor's conjunct clause */
        if (sparse)
            sparse_span(s, i, &sparse_start, &sparse_end);
        for (uint32_t k = 0; k < w->n_patterns; k++) {
            const KbPattern *p = &kb->patterns[w->first_pattern + k];
            int noun = (p->flags & KB_P_NOUN) != 0;
            /* other coders' verbs match the word anywhere: it then acts as a noun */
            int as_noun = noun || (!is_verb_head && (kb->options & KB_O_ANCHOR_ANY));
            if (noun ? !is_noun : !(is_verb_head || as_noun)) {
                trace_pattern(trace, kb, p, noun ? "no: the word is not a noun here"
                                                 : "no: the word is not the head of a verb group");
                continue;
            }
            if (p->form ? t->word != p->form : form_claimed) {
                trace_pattern(trace, kb, p, "no: the pattern is for another form of the word");
                continue;
            }
            noun = as_noun;
            if ((p->flags & KB_P_FORM) && t->word != kb->elems[p->first_elem + p->anchor_at].value) {
                trace_pattern(trace, kb, p, "no: the pattern is keyed on another form of the verb");
                continue;
            }
            int absent = 0;
            for (int q = 0; sparse && q < p->n_word_keys && !absent; q++)
                absent = !((keys[p->word_keys[q] / 64] >> (p->word_keys[q] % 64)) & 1);
            if (absent) {
                trace_pattern(trace, kb, p, "no: a word of the pattern is nowhere in the sentence");
                continue;
            }
            const char *not_verb = sparse && !(p->flags & KB_P_NOUN) ? sparse_not_verb(s, i) : NULL;
            if (not_verb) {
                trace_pattern(trace, kb, p, not_verb);
                continue;
            }
            Match m;
            memset(&m, 0, sizeof m);
            m.pattern = p;
            m.anchor = (uint16_t)i;
            m.clause = t->clause;
            m.vg = noun ? (int16_t)governing_vg(s, i) : t->vg;
            /* a noun's event is no more done than the verb it hangs on: "wants
             * to hold talks with X" is no talks (dictionaries that spell
             * auxiliaries out, and TABARI's, read no such thing) */
            if (noun && m.vg >= 0 && s->vgs[m.vg].wished && !sparse && !(kb->options & KB_O_AUX_WORDS)) {
                trace_pattern(trace, kb, p, "no: the verb the noun hangs on is wanted, not done");
                continue;
            }
            const VGroup *g = noun ? NULL : &s->vgs[t->vg];
            /* TABARI's patterns spell out the auxiliaries: the anchor is the word */
            int a_start = g && !sparse ? g->start : i;
            int a_end = g && !sparse ? g->end : i + 1;
            m.anchor_end = (uint16_t)a_end;
            m.negated = g && !sparse ? g->negated : 0;
            m.intent = g ? (g->modal || g->intent) : 0;
            if ((p->flags & KB_P_NEG) && !m.negated) {
                trace_pattern(trace, kb, p, "no: needs a negated verb");
                continue;
            }
            if (!(p->flags & KB_P_NEG) && m.negated) {
                trace_pattern(trace, kb, p, "no: the verb is negated");
                continue;
            }
            const Clause *c = &s->clauses[t->clause];
            /* a verb reaches into its own "that" clause: "demanded that Iran release" */
            int c_start = c->start, c_end = c->end;
            if (t->clause + 1 < s->n_clauses && s->clauses[t->clause + 1].start == c->end &&
                tok_is(s, c->end, "that"))
                c_end = s->clauses[t->clause + 1].end;
            /* and a PETRARCH pattern's words before the verb reach back over
             * "that" into the clause that governs it ("noted + *": "noted
             * that X regretted") */
            if ((kb->options & KB_O_AUX_WORDS) && t->clause > 0 && tok_is(s, c->start, "that") &&
                s->clauses[t->clause - 1].end == c->start)
                c_start = s->clauses[t->clause - 1].start;
            if (sparse) {
                c_start = sparse_start;
                c_end = sparse_end;
            }
            const char *why = "";
            int passive = g && g->passive && !noun ? PASSIVE_SUBJECT : 0;

            if (!try_pattern(kb, s, p, a_start, a_end, c_start, c_end, passive, &m, &why)) {
                if (trace) {
                    char buf[128];
                    snprintf(buf, sizeof buf, "no: %s", why);
                    trace_pattern(trace, kb, p, buf);
                }
                continue;
            }
            if ((p->flags & KB_P_AMONG) && (m.source < 0 || s->actors[m.source].next < 0)) {
                trace_pattern(trace, kb, p, "no: '%' needs a compound of actors");
                continue;
            }
            fill_slots(kb, s, noun, &m, c_end);
            if (m.source < 0 && m.target < 0) {
                trace_pattern(trace, kb, p, "no: neither source nor target is an actor");
                continue;
            }
            if (have && (sparse ? sparse_rank(kb, best.pattern) >= sparse_rank(kb, p)
                                : best.pattern->n_literals >= p->n_literals)) {
                trace_pattern(trace, kb, p, "matches, but a more specific pattern matched first");
                continue;
            }
            trace_pattern(trace, kb, p, "MATCH");
            best = m;
            have = 1;
        }
        if (have)
            s->matches[s->n_matches++] = best;
    }
    if (kb->options & KB_O_INFINITIVE_GOVERNED)
        petrarch_govern_infinitives(s);
    /* Most specific first; a match inside a kept match's span is suppressed. */
    for (int i = 1; i < s->n_matches; i++) {
        Match x = s->matches[i];
        int j = i - 1;
        while (j >= 0 && s->matches[j].pattern->n_literals < x.pattern->n_literals) {
            s->matches[j + 1] = s->matches[j];
            j--;
        }
        s->matches[j + 1] = x;
    }
    for (int i = 0; i < s->n_matches; i++) {
        Match *m = &s->matches[i];
        for (int j = 0; j < i && !m->suppressed; j++) {
            const Match *k = &s->matches[j];
            if (k->suppressed)
                continue;
            if (m->anchor >= k->span_start && m->anchor < k->span_end)
                m->suppressed = 1;
        }
        if (m->suppressed && trace)
            fprintf(trace, "  suppressed: \"%s\" at \"%.*s\" lies inside a more specific match\n",
                    kb_str(kb, m->pattern->text), (int)(s->toks[m->anchor].end - s->toks[m->anchor].start),
                    s->text + s->toks[m->anchor].start);
    }
    if (kb->options & KB_O_SPARSE)
        sparse_select(kb, s, trace);
}

void match_patterns(const Kb *kb, Sentence *s, Arena *a) { match_patterns_traced(kb, s, a, NULL); }

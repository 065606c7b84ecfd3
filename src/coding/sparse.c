/*
 * sparse.c: TABARI's sparse-parse conventions, for knowledge bases imported from
 * TABARI dictionaries (`option coding = sparse`, KB_O_SPARSE), and TABARI's
 * options (DyadTabariOptions) that go with them.
 *
 * TABARI does not parse.  It cuts a sentence into conjunct clauses at "and",
 * "but" and "or" (unless they join the actors of a compound, "A, B, and C"
 * too, or are words of a verb's phrase), leaves out short clauses set off by
 * commas (COMMA), reads every pronoun as the sentence's first actor, and in
 * each clause codes the first verb that yields both a source and a target: the
 * pattern's words are read anywhere in the clause, the source is the first
 * actor of the clause (or of the clause before, unless its verbs found no
 * event: then the first after the verb), the target the first other actor
 * after the verb (else the nearest before it, the later words of a phrase with
 * a gap too).  A discard pattern
 * drops the sentence; a record (TABARI codes one as a sentence; ours, a
 * paragraph) with too many verbs or conjunctions, or no actor before its first
 * verb, is not coded (COMPLEX); nor is one of fewer than MINIMUM WORDS; DEFAULT
 * supplies missing codes.  A blank in its phrases lets
 * other words stand in between ("DURTHANG ORC", sparse_gapped), a hyphen in
 * text is a blank, and "and" between two words of its <NOUN> or <ADJECTIVE>
 * list joins words, not clauses.  Its dictionaries are written for all that: a
 * second verb in a clause ("condemned an attack") is not an event of its own.
 *
 * match.c calls in here, only for such a knowledge base: sparse_prepare before
 * matching, the slot helpers while filling a match, sparse_select after; coder.c
 * calls sparse_remember after each sentence and sparse_reject_complex on each
 * paragraph.  dyad's own coding does not change.
 *
 * Invariants: matches are only marked suppressed, never added or reordered;
 * what sparse_prepare adds to a sentence (hidden tokens, conjunction marks, an
 * actor a pronoun and two for DEFAULT, all from the document's arena) is added
 * before matching and holds for the whole sentence; an actor added for a
 * pronoun stands for another through its `first`; nothing is global.
 */
#include <stdio.h>
#include <string.h>

#include "../language/tagset.h"
#include "analysis.h"

#define TABARI_MIN_WORDS 5 /* TABARI codes no sentence of fewer words by default */

void dyad_tabari_defaults(DyadTabariOptions *o)
{
    memset(o, 0, sizeof *o);
    /* TABARI leaves out inner and last comma clauses of 2 to 10 words; a first
     * clause is never left out (its minimum exceeds its maximum) */
    o->comma_min = o->comma_emin = 2;
    o->comma_max = o->comma_emax = 10;
    o->comma_bmin = 255;
    o->comma_bmax = 0;
    o->min_words = TABARI_MIN_WORDS;
}

uint32_t sparse_singular(const Kb *kb, const char *word, size_t len)
{
    if (len < 4 || (word[len - 1] != 's' && word[len - 1] != 'S'))
        return 0;
    uint32_t w = kb_word_fold(kb, word, len - 1);
    return w && !(kb->words[w].gram & KB_G_NOEND) ? w : 0;
}

uint32_t sparse_noun_ending(const Kb *kb, const char *word, size_t len)
{
    uint32_t w = sparse_singular(kb, word, len);
    return w && kb->words[w].max_phrase > 0 ? w : 0;
}

uint32_t sparse_stem_form(const Kb *kb, const char *word, size_t len)
{
    /* the word itself is not in the knowledge base: its proper prefixes only,
     * longest first, none longer than the longest stem (a hash probe each, for
     * unknown words alone) */
    size_t longest = len - (len > 0);
    if (longest > kb->longest_stem)
        longest = kb->longest_stem;
    for (size_t n = longest; n >= 3; n--) {
        uint32_t w = kb_word_fold(kb, word, n);
        if (w && (kb->words[w].gram & KB_G_STEM))
            return w;
    }
    return 0;
}

const KbPhrase *sparse_hyphened(const Kb *kb, const Sentence *s, int i)
{
    if (!(kb->options & KB_O_SPARSE))
        return NULL;
    const char *t = s->text + s->toks[i].start, *end = s->text + s->toks[i].end;
    if (!memchr(t, '-', (size_t)(end - t)))
        return NULL;
    uint32_t ids[KB_MAX_PHRASE];
    int n = 0;
    for (const char *p = t; p < end;) {
        const char *q = memchr(p, '-', (size_t)(end - p));
        if (!q)
            q = end;
        uint32_t w = q > p ? kb_word_fold(kb, p, (size_t)(q - p)) : 0;
        if (!w || n == KB_MAX_PHRASE)
            return NULL;
        ids[n++] = w;
        p = q + 1;
    }
    const KbPhrase *hit = n > 1 ? kb_phrase(kb, ids, (size_t)n) : NULL;
    return hit && hit->kind != KB_DISCARD && hit->kind != KB_SET_MEMBER ? hit : NULL;
}

/* TABARI's blank lets any words stand between a phrase's words; we look past
 * one gap, not over a comma (the words on each side of it adjacent), to the first place the
 * later words stand: enough for "Durthang ... rebel Orc forces" and "the
 * Prince of Dol Amroth".  Bounded by the longest such phrase the first word
 * starts, so a word that starts none costs one comparison. */
const KbPhrase *sparse_gapped(const Kb *kb, const Sentence *s, int i, int longer_than,
                              const uint8_t *taken, int *head, int *rest, int *rest_len)
{
    uint32_t w = s->toks[i].word;
    if (!(kb->options & KB_O_SPARSE) || !w || kb->words[w].max_gapped <= longer_than)
        return NULL;
    int max = kb->words[w].max_gapped;
    uint32_t ids[KB_MAX_PHRASE];
    const KbPhrase *best = NULL;
    for (int a = phrase_words_at(s, i, max - 1, ids); a >= 1; a--) {
        for (int p = i + a + 1; p < s->n_toks; p++) {
            /* nor past a comma: what a comma sets off TABARI may leave out,
             * and a phrase's tail there is no part of it ("Radagast, the
             * Brown wizard of renown,") */
            if (tok_is(s, p - 1, ","))
                break;
            if (taken && taken[p])
                continue;
            for (int b = phrase_words_at(s, p, max - a, ids + a); b >= 1; b--) {
                if (a + b <= longer_than || (best && a + b <= best->len))
                    break;
                const KbPhrase *hit = kb_phrase_gapped(kb, ids, (size_t)(a + b), a - 1);
                if (hit && hit->kind != KB_DISCARD) {
                    best = hit;
                    *head = a;
                    *rest = p;
                    *rest_len = b;
                    break;
                }
            }
        }
    }
    return best;
}

static const DyadTabariOptions *options(const Sentence *s)
{
    /* dyad_tabari_defaults, for a sentence coded without a worker's options */
    static const DyadTabariOptions defaults = {.comma_min = 2, .comma_max = 10, .comma_emin = 2,
                                               .comma_emax = 10, .comma_bmin = 255, .comma_bmax = 0,
                                               .min_words = TABARI_MIN_WORDS};
    return s->tabari ? s->tabari : &defaults;
}

/* Does the conjunction at token j join two members of one compound actor
 * ("Gondor and Osgiliath") rather than two clauses? */
static int joins_compound(const Sentence *s, int j)
{
    if (j == 0 || j + 1 >= s->n_toks)
        return 0;
    int before = s->toks[j - 1].actor;
    /* "A, B, and C": a conjunction after the list's comma joins its last member */
    if (before < 0 && j >= 2 && tok_is(s, j - 1, ","))
        before = s->toks[j - 2].actor;
    if (before < 0)
        return 0;
    for (int k = j + 1; k < s->n_toks && k <= j + 2; k++) {
        int after = s->toks[k].actor;
        if (after >= 0)
            return s->actors[before].next == after || s->actors[after].first == s->actors[before].first;
    }
    return 0;
}

/* Is token j, a conjunction, a word of a verb phrase the verb before it heads
 * ("SHOT_AND_WOUND": "shot and wounded")?  Its words then follow the verb. */
static int in_verb_phrase(const Kb *kb, const Sentence *s, int j)
{
    uint32_t lemma = j > 0 ? s->toks[j - 1].lemma : 0;
    if (!lemma)
        return 0;
    const KbWord *w = &kb->words[lemma];
    for (uint32_t k = 0; k < w->n_patterns; k++) {
        const KbPattern *p = &kb->patterns[w->first_pattern + k];
        const KbElem *e = &kb->elems[p->first_elem];
        int n = 0; /* the words that follow the anchor, adjacent, as in the text */
        for (int q = p->anchor_at + 1; q < p->n_elems && j + n < s->n_toks; q++, n++)
            if (e[q].type != KB_E_WORD || !e[q].adjacent || !sparse_word_matches(kb, s, j + n, e[q].value, e[q].stem))
                break;
        if (n >= 2 && s->toks[j].word == e[p->anchor_at + 1].value)
            return 1;
    }
    return 0;
}

/* Is token j a conjunction that starts a new conjunct clause?  Worked out once
 * a sentence, by sparse_prepare (Tok.conj). */
static int starts_conjunct(const Kb *kb, const Sentence *s, int j)
{
    return (tok_is(s, j, "and") || tok_is(s, j, "but") || tok_is(s, j, "or")) &&
           !joins_compound(s, j) && !in_verb_phrase(kb, s, j);
}

static int clause_conjunction(const Sentence *s, int j) { return s->toks[j].conj; }

void sparse_span(const Sentence *s, int anchor, int *start, int *end)
{
    *start = 0;
    *end = s->n_toks;
    for (int j = anchor - 1; j > 0; j--)
        if (clause_conjunction(s, j)) {
            *start = j + 1;
            break;
        }
    for (int j = anchor + 1; j < s->n_toks; j++)
        if (clause_conjunction(s, j)) {
            *end = j;
            break;
        }
}

/* The coded actor whose name starts at token j and is not hidden, -1 if none. */
static int coded_actor_at(const Sentence *s, int j)
{
    int a = s->toks[j].actor;
    if (a < 0 || s->toks[j].hidden || s->actors[a].start != j || !s->actors[a].code[0] ||
        s->actors[a].unknown)
        return -1;
    return a;
}

/* The coded actor whose phrase's later words, past a gap, start at token j
 * ("Durthang and an Orc leader": Orc), -1 if none.  Its words stand where they
 * are: an actor before the verb in its clause even when its first words are
 * in the clause before. */
static int gap_rest_at(const Sentence *s, int j)
{
    for (int a = 0; a < s->n_actors; a++)
        if (s->actors[a].rest_end && s->actors[a].rest == j && !s->toks[j].hidden && s->actors[a].code[0] &&
            !s->actors[a].unknown)
            return a;
    return -1;
}


/* The first coded actor in [lo, hi), by its compound's first; with `named`,
 * not a pronoun. */
static int first_actor_of(const Sentence *s, int lo, int hi, int named)
{
    for (int j = lo; j < hi; j++) {
        if (s->toks[j].hidden)
            continue;
        int a = s->toks[j].actor;
        if (a >= 0 && s->actors[a].start == j && s->actors[a].code[0] && !s->actors[a].unknown &&
            !(named && s->actors[a].pronoun))
            return s->actors[a].first;
    }
    return -1;
}

static int first_actor(const Sentence *s, int lo, int hi) { return first_actor_of(s, lo, hi, 0); }

static int codes(const Sentence *s, const Match *m);

/* Did every verb before token j that matched fail to yield an event (and one
 * did match)?  The matches of earlier words are in s->matches while later ones
 * are being filled. */
static int failed_before(const Sentence *s, int j)
{
    int failed = 0;
    for (int i = 0; i < s->n_matches; i++) {
        if (s->matches[i].anchor >= j)
            continue;
        if (codes(s, &s->matches[i]))
            return 0;
        failed = 1;
    }
    return failed;
}

int sparse_source(const Sentence *s, int from, int anchor, int target)
{
    /* the first actor of the conjunct clause before the pattern; a clause with
     * none before its verb shares the subject of the clause before it ("X
     * condemned ... and promised ..."), unless the verbs before found no
     * event for it: then the source is the first actor after the verb, the
     * target the next ("X alleged and acknowledged that ... Y ... in Z": Y, Z) */
    int hi = from;
    for (int j = from - 1; j >= 0; j--) {
        if (!clause_conjunction(s, j))
            continue;
        int a = first_actor(s, j + 1, hi);
        if (a >= 0)
            return a;
        if (failed_before(s, j))
            return sparse_target(s, anchor, anchor + 1, target);
        hi = j;
    }
    return first_actor(s, 0, hi);
}

int sparse_target(const Sentence *s, int anchor, int anchor_end, int source)
{
    int start, end;
    sparse_span(s, anchor, &start, &end);
    /* an actor with the source's code ("its embassy") is passed over: TABARI
     * compares codes, and a pronoun's is its antecedent's without the roles the
     * text gave it, so "their" after "the envoys of A, B and C" is taken, and
     * the compound acts among its members; a single actor never acts on itself */
    const char *again = source >= 0 ? s->actors[source].code : "";
    for (int j = anchor_end; j < end; j++) {
        int a = coded_actor_at(s, j);
        if (a >= 0 && strcmp(s->actors[a].code, again) != 0 &&
            !(s->actors[a].first == source && s->actors[source].next < 0))
            return s->actors[a].first;
    }
    /* none after the verb: the actor nearest before the verb in the clause,
     * after the source and not of its compound ("Ent crowds burned down its
     * embassy"); that actor alone, not the members of its list before it ("X,
     * with A and B, and C the chief of attacks": C) */
    if (source < 0 || s->actors[source].end <= s->actors[source].start)
        return -1;
    int lo = s->actors[source].end > start ? s->actors[source].end : start;
    for (int j = anchor - 1; j >= lo; j--) {
        int a = coded_actor_at(s, j);
        if (a < 0)
            a = gap_rest_at(s, j);
        if (a >= 0 && s->actors[a].first != s->actors[source].first && strcmp(s->actors[a].code, again) != 0)
            return a;
    }
    return -1;
}

void sparse_defaults(const Sentence *s, Match *m)
{
    const DyadTabariOptions *o = options(s);
    if (m->source < 0 && s->default_source >= 0) {
        if (!o->default_prior) {
            /* without PRIOR the source may follow the verb, and the target then
             * follows the source: "... ties with Gondor and Bree" is GON / BRE */
            int a = sparse_target(s, m->anchor, m->anchor_end, -1);
            if (a >= 0) {
                m->source = (int16_t)a;
                if (m->target == a) {
                    int next = s->actors[a].next;
                    m->target = (int16_t)(next >= 0 ? next : -1);
                }
            }
        }
        if (m->source < 0)
            m->source = s->default_source;
    }
    if (m->target < 0 && s->default_target >= 0) {
        if (!o->default_after && m->source >= 0 && s->actors[m->source].end > 0) {
            /* without AFTER the target may stand before the verb, after the source */
            int a = -1;
            for (int j = s->actors[m->source].start + 1; j < m->anchor && a < 0; j++) {
                int b = s->toks[j].actor;
                if (b >= 0 && b != m->source && s->actors[b].start == j && s->actors[b].code[0] &&
                    !s->toks[j].hidden)
                    a = b;
            }
            if (a >= 0)
                m->target = (int16_t)a;
        }
        if (m->target < 0)
            m->target = s->default_target;
    }
}

const char *sparse_not_verb(const Sentence *s, int i)
{
    const Tok *t = &s->toks[i];
    /* "security forces": a word of an actor's name is no verb */
    if (t->actor >= 0)
        return "no: the word is part of an actor's name";
    /* "the restore", "an accord": a determiner makes the word a noun */
    if (i > 0 && (tok_is(s, i - 1, "the") || tok_is(s, i - 1, "a") || tok_is(s, i - 1, "an")))
        return "no: a determiner before it makes it a noun";
    /* "about To Restore": a capital inside a sentence marks a name */
    if ((t->flags & TXT_TOK_CAP) && !(t->flags & TXT_TOK_ALLCAPS) && !(t->flags & TXT_TOK_SENT_START))
        return "no: a capital inside the sentence makes it a name";
    /* "plan's", "donate's": a word with a possessive ending is a noun */
    if (i + 1 < s->n_toks && s->toks[i + 1].start == t->end && tok_is(s, i + 1, "'s"))
        return "no: a possessive ending makes it a noun";
    return NULL;
}

int sparse_word_matches(const Kb *kb, const Sentence *s, int i, uint32_t w, int stem)
{
    const Tok *t = &s->toks[i];
    if (t->word == w)
        return 1;
    if (!stem)
        return 0;
    char first = s->text[t->start];
    if ((first >= 'A' && first <= 'Z' ? first + 32 : first) != kb->words[w].first)
        return 0; /* most words differ at once: no need to read the stem */
    const char *want = kb_str(kb, kb->words[w].text);
    const char *p = s->text + t->start;
    size_t n = t->end - t->start;
    for (size_t k = 0; want[k]; k++) {
        if (k == n)
            return 0; /* the stem is longer than the word */
        char c = (p[k] >= 'A' && p[k] <= 'Z') ? (char)(p[k] + 32) : p[k];
        if (c != want[k])
            return 0;
    }
    return 1;
}

/* Is the pattern's code one of TABARI's discards, "###" (too complex) or "+++"
 * (not news: sport, history...)? */
static int discard_code(const Kb *kb, const KbPattern *p)
{
    const char *c = kb->codes[p->code].code;
    return strcmp(c, "###") == 0 || strcmp(c, "+++") == 0;
}

int sparse_rank(const Kb *kb, const KbPattern *p)
{
    /* a pattern keyed on one form beats any other; then more literal words and
     * sets; then more literal words (a word is more specific than a set of
     * them); then more whole words (not stems); then more joined elements ("IN_*"
     * over "IN_ *"); then more elements ("$ *" over the bare verb); then the longer */
    int words = 0, exact = 0, joined = 0;
    for (int k = 0; k < p->n_elems; k++) {
        const KbElem *e = &kb->elems[p->first_elem + k];
        words += e->type == KB_E_WORD;
        exact += e->type == KB_E_WORD && !e->stem;
        joined += e->adjacent;
    }
    int len = (int)strlen(kb_str(kb, p->text));
    /* a discard ("###", "+++") beats everything: the sentence is not coded */
    return (discard_code(kb, p) ? 1 << 29 : 0) + ((p->flags & KB_P_FORM) ? 1 << 28 : 0) + (p->n_literals << 24) + (words << 20) +
           (exact << 16) + (joined << 12) + (p->n_elems << 7) + (len < 127 ? len : 127);
}

/* Is token j a comma that ends a clause, not one of a list of actors
 * ("Mordor, Rohan and Bree")? */
static int clause_comma(const Sentence *s, int j)
{
    if (!tok_is(s, j, ","))
        return 0;
    return !joins_compound(s, j);
}

/* Hide tokens [lo, hi) when they hold between min and max words. */
static void hide_if(Sentence *s, int lo, int hi, int min, int max)
{
    int words = 0;
    for (int j = lo; j < hi; j++)
        words += !(s->toks[j].flags & TXT_TOK_PUNCT);
    if (words < min || words > max)
        return;
    for (int j = lo; j < hi; j++)
        s->toks[j].hidden = 1;
}

/* An actor of no words with a DEFAULT code; its index, -1 when there is no code. */
static int16_t default_actor(Sentence *s, const char *code)
{
    if (!code[0])
        return -1;
    Actor *act = &s->actors[s->n_actors];
    memset(act, 0, sizeof *act);
    snprintf(act->code, sizeof act->code, "%s", code);
    act->entity = -1;
    act->next = -1;
    act->first = (int16_t)s->n_actors;
    return (int16_t)s->n_actors++;
}

/* A pronoun TABARI reads as the sentence's first actor. */
static int pronoun(const Sentence *s, int i)
{
    static const char *const words[] = {"he", "him", "his", "she", "her", "it", "its",
                                        "they", "them", "their"};
    uint8_t tag = s->toks[i].tag;
    if (tag != TAG_PRP && tag != TAG_PRPS)
        return 0;
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
        if (tok_is(s, i, words[k]))
            return 1;
    return 0;
}

/* Pronouns: TABARI takes every one for the first actor of its sentence ("X urged
 * Y to ... and Z asked him" is X), so a pronoun's actor is made to stand for that
 * actor (its compound, and its code without the roles the text gave it: TABARI
 * passes on the actor, not the agent), in place of coreference's guess. */
static void pronouns_to_first_actor(const Kb *kb, Sentence *s)
{
    int first = first_actor(s, 0, s->n_toks);
    for (int i = 0; i < s->n_toks; i++) {
        if (!pronoun(s, i) || s->toks[i].hidden)
            continue;
        /* before the sentence's first actor: the country of the sentence before's
         * ("Fornost's president appealed ...  He has also asked ...": FOR) */
        int own = first >= 0 && s->actors[first].start < i;
        if (!own && !(s->before && s->before[0]))
            continue;
        int p = s->toks[i].actor;
        if (p < 0) {
            p = s->n_actors++;
            memset(&s->actors[p], 0, sizeof s->actors[p]);
            s->actors[p].start = (uint16_t)i;
            s->actors[p].end = s->actors[p].name_start = (uint16_t)(i + 1);
            s->actors[p].entity = -1;
            s->actors[p].next = -1;
            s->actors[p].pronoun = 1;
            s->toks[i].actor = (int16_t)p;
        } else if (!s->actors[p].pronoun) {
            continue;
        }
        if (own && p == first)
            continue;
        if (own) {
            const Actor *f = &s->actors[first];
            if (f->from_text && f->entity >= 0 && (f->kind == KB_COUNTRY || f->kind == KB_ADJECTIVE ||
                                                  f->kind == KB_CAPITAL || f->kind == KB_CITY))
                snprintf(s->actors[p].code, sizeof s->actors[p].code, "%s",
                         kb_str(kb, kb->entities[f->entity].code));
            else
                memcpy(s->actors[p].code, s->actors[first].code, sizeof s->actors[p].code);
            s->actors[p].first = (int16_t)first;
        } else {
            snprintf(s->actors[p].code, sizeof s->actors[p].code, "%.3s", s->before);
            s->actors[p].first = (int16_t)p;
        }
    }
}

void sparse_remember(const Sentence *s, DocMemory *mem)
{
    /* the first actor named: a pronoun forwards what it stood for only when the
     * sentence names none ("they ... its neighbor Ithilen": Ithilen) */
    int first = first_actor_of(s, 0, s->n_toks, 1);
    if (first < 0)
        first = first_actor(s, 0, s->n_toks);
    snprintf(mem->sparse_first, sizeof mem->sparse_first, "%.3s",
             first >= 0 ? s->actors[first].code : "");
}

/* The set named `name`, UINT32_MAX when there is none. */
static uint32_t set_named(const Kb *kb, const char *name)
{
    for (uint32_t k = 0; k < kb->n_sets; k++)
        if (strcmp(kb_str(kb, kb->sets[k].name), name) == 0)
            return k;
    return UINT32_MAX;
}

/* Is token i a one-word member of the set? */
static int listed(const Kb *kb, const Sentence *s, uint32_t set, int i)
{
    if (set == UINT32_MAX || i < 0 || i >= s->n_toks)
        return 0;
    const KbSet *st = &kb->sets[set];
    for (uint32_t k = 0; k < st->n_phrases; k++) {
        const KbPhrase *p = &kb->phrases[kb->set_phrases[st->first_phrase + k]];
        if (p->len == 1 && sparse_word_matches(kb, s, i, kb->ids[p->words], 1))
            return 1;
    }
    return 0;
}

void sparse_prepare(const Kb *kb, Sentence *s, Arena *a)
{
    const DyadTabariOptions *o = options(s);
    /* TABARI's noun and adjective lists: "and" between two nouns ("sheep and
     * goats") or two adjectives ("awful and evil minister") joins words */
    uint32_t nouns = set_named(kb, KB_SET_TABARI_NOUNS), adjectives = set_named(kb, KB_SET_TABARI_ADJECTIVES);
    for (int j = 0; j < s->n_toks; j++) {
        int after = j + 1; /* "sheep and evil awful goats": adjectives before the noun */
        while (listed(kb, s, adjectives, after))
            after++;
        s->toks[j].conj = (uint8_t)(starts_conjunct(kb, s, j) &&
                                    !(listed(kb, s, nouns, j - 1) && listed(kb, s, nouns, after)) &&
                                    !(listed(kb, s, adjectives, j - 1) && listed(kb, s, adjectives, j + 1)));
    }
    /* TABARI leaves out a clause set off by commas when it is short enough: an
     * aside ("Gollum, centre of a row between X, called on ...") or a trailing
     * attribution (", a senior official said on Saturday") */
    int prev = -1;
    for (int j = 0; j < s->n_toks; j++) {
        if (!clause_comma(s, j))
            continue;
        if (prev < 0)
            hide_if(s, 0, j + 1, o->comma_bmin, o->comma_bmax);
        else
            hide_if(s, prev, j, o->comma_min, o->comma_max);
        prev = j;
    }
    if (prev >= 0)
        hide_if(s, prev, s->n_toks, o->comma_emin, o->comma_emax);
    /* room for an actor a pronoun, and two of no words for DEFAULT */
    int room = s->n_actors + 2;
    for (int j = 0; j < s->n_toks; j++)
        room += pronoun(s, j);
    Actor *more = arena_alloc(a, sizeof(Actor) * (size_t)room);
    if (s->n_actors)
        memcpy(more, s->actors, sizeof(Actor) * (size_t)s->n_actors);
    s->actors = more;
    pronouns_to_first_actor(kb, s);
    s->default_source = default_actor(s, o->default_source);
    s->default_target = default_actor(s, o->default_target);
}

/* Is actor a one TABARI would code: named, with a code? */
static int coded_actor(const Sentence *s, int a)
{
    return a >= 0 && s->actors[a].code[0] && !s->actors[a].unknown;
}

/* Would the match give an event?  TABARI codes only a source and a target. */
static int codes(const Sentence *s, const Match *m)
{
    return coded_actor(s, m->source) && coded_actor(s, m->target) &&
           (m->source != m->target || m->compound >= 0 || s->actors[m->source].next >= 0);
}

static void suppress(const Kb *kb, Match *m, FILE *trace, const char *why)
{
    m->suppressed = 1;
    if (trace)
        fprintf(trace, "  suppressed: \"%s\": %s\n", kb_str(kb, m->pattern->text), why);
}

/* Is token j a verb with a code of its own (a bare "*" pattern), as TABARI
 * counts verbs for its complexity limit? */
static int coded_verb(const Kb *kb, const Sentence *s, int j)
{
    const Tok *t = &s->toks[j];
    if (!t->lemma || sparse_not_verb(s, j))
        return 0;
    const KbWord *w = &kb->words[t->lemma];
    for (uint32_t k = 0; k < w->n_patterns; k++) {
        const KbPattern *p = &kb->patterns[w->first_pattern + k];
        if ((p->flags & KB_P_NOUN) || p->n_literals > 0 || p->n_elems != 1)
            continue;
        if (!(p->flags & KB_P_FORM) || kb->elems[p->first_elem].value == t->word)
            return 1;
    }
    return 0;
}

/* What TABARI's complexity filter counts in the sentence: verbs, clause
 * conjunctions, words, and whether an actor stands before the first verb that
 * matched. */
static void tally(const Kb *kb, Sentence *s)
{
    SparseTally *t = &s->tally;
    memset(t, 0, sizeof *t);
    t->first_verb = -1;
    for (int j = 0; j < s->n_toks; j++) {
        t->conj += clause_conjunction(s, j);
        t->verbs += coded_verb(kb, s, j);
        /* words as TABARI counts them: "Gondor's" is one */
        char c = s->text[s->toks[j].start];
        t->words += (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }
    for (int i = 0; i < s->n_matches; i++)
        if (t->first_verb < 0 || s->matches[i].anchor < t->first_verb)
            t->first_verb = s->matches[i].anchor;
    t->actor_prior = t->first_verb >= 0 && first_actor(s, 0, t->first_verb) >= 0;
    t->any_actor = first_actor(s, 0, s->n_toks) >= 0;
}

/* Is the record of n sentences too complex for TABARI's options: too few words,
 * too many verbs or clause conjunctions, or no actor before its first verb that
 * matched?  The reason, or NULL. */
static const char *too_complex(const Sentence *sents, int n)
{
    const DyadTabariOptions *o = options(&sents[0]);
    int verbs = 0, conj = 0, words = 0, prior = -1, actor_before = 0;
    for (int k = 0; k < n; k++) {
        const SparseTally *t = &sents[k].tally;
        verbs += t->verbs;
        conj += t->conj;
        words += t->words;
        if (prior < 0 && t->first_verb >= 0)
            prior = actor_before || t->actor_prior;
        actor_before |= t->any_actor;
    }
    if (words < o->min_words)
        return "the record has too few words (MINIMUM WORDS)";
    if (o->complex_verbs > 0 && verbs >= o->complex_verbs)
        return "the record has too many verbs (COMPLEX VERBS)";
    if (o->complex_conj > 0 && conj >= o->complex_conj)
        return "the record has too many conjunctions (COMPLEX CONJ)";
    if (o->no_actor_prior && prior == 0)
        return "no actor before the first verb (COMPLEX NOACTPRIOR)";
    return NULL;
}

void sparse_reject_complex(const Kb *kb, Sentence *sents, int n, FILE *trace)
{
    const char *complex = n > 0 ? too_complex(sents, n) : NULL;
    for (int k = 0; complex && k < n; k++)
        for (int i = 0; i < sents[k].n_matches; i++)
            if (!sents[k].matches[i].suppressed)
                suppress(kb, &sents[k].matches[i], trace, complex);
}

void sparse_select(const Kb *kb, Sentence *s, FILE *trace)
{
    tally(kb, s);
    for (int i = 0; i < s->n_matches; i++)
        if (!s->matches[i].suppressed && discard_code(kb, s->matches[i].pattern)) {
            /* TABARI drops a sentence a discard pattern matches */
            s->discarded = 1;
            if (trace)
                fprintf(trace, "  discarded: \"%s\" codes %s\n", kb_str(kb, s->matches[i].pattern->text),
                        kb->codes[s->matches[i].pattern->code].code);
            return;
        }
    int code_by = options(s)->code_by; /* 0 clause, 1 sentence, 2 all */
    const Match *dominant = NULL;      /* a kept "031!" match: the sentence's only event */
    /* conjunct clause of each anchor: how many clause conjunctions precede it */
    int clause = -1;       /* conjunct clause being decided */
    int coded = 0;         /* it has its coded verb */
    Match *weak = NULL;    /* its first weak match, kept only when nothing else codes */
    for (;;) {
        /* the leftmost match not yet decided */
        int best = -1;
        for (int i = 0; i < s->n_matches; i++) {
            const Match *m = &s->matches[i];
            if (m->suppressed || m->sparse_seen)
                continue;
            if (best < 0 || m->anchor < s->matches[best].anchor)
                best = i;
        }
        Match *m = best >= 0 ? &s->matches[best] : NULL;
        int conj = 0;
        for (int j = 0; m && j < m->anchor && code_by == 0; j++)
            conj += clause_conjunction(s, j);
        if (!m || conj != clause) {
            /* the clause before is decided: its weak match stays only if nothing coded */
            if (weak && coded)
                suppress(kb, weak, trace, "a subordinate code, and another verb of its clause coded");
            if (!m)
                break;
            clause = conj;
            coded = 0;
            weak = NULL;
        }
        m->sparse_seen = 1;
        if (!codes(s, m)) {
            suppress(kb, m, trace, "TABARI codes only a source and a target");
        } else if (coded && code_by != 2) {
            suppress(kb, m, trace, "its conjunct clause has coded a verb already");
        } else if (m->pattern->flags & KB_P_WEAK) {
            if (weak)
                suppress(kb, m, trace, "a second subordinate code in its clause");
            else
                weak = m;
        } else {
            coded = 1;
            if ((m->pattern->flags & KB_P_DOMINANT) && !dominant)
                dominant = m;
        }
    }
    for (int i = 0; i < s->n_matches && dominant; i++)
        if (&s->matches[i] != dominant && !s->matches[i].suppressed)
            suppress(kb, &s->matches[i], trace, "another verb of the sentence is dominant");
}

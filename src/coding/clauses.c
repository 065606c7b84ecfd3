/*
 * clauses.c: shallow parsing, from tagged tokens to verb groups and clauses.
 *
 * A verb group is a run of auxiliaries, modals, negations, adverbs and verbs
 * ("will never undermine", "was carried out", "vowed to retaliate", "is ready
 * to send"); its head is the last verb.  Clauses are cut at subordinators,
 * relative pronouns, semicolons and quotation marks, and after a reporting verb
 * ("said the attack ..."); a stretch with no verb of its own joins the clause before it,
 * so "Raisi said in a phone call with X" stays one clause.
 *
 * The tagger's noun after a modal or "did not" ("will not even ever clash") is
 * read as the verb it is.  The subject of a verb group is the actor phrase just
 * before it in its clause, skipping adverbs, appositions, a bracketed aside and
 * a short aside between commas ("the minister, in remarks on Monday, urged"); a verb after "and" shares the subject of
 * the verb before ("Qatar is assured ... and stands united with ...").  The
 * speaker of a clause is the subject of the reporting verb that introduces it.
 */
#include <string.h>

#include "../language/tagset.h"
#include "analysis.h"

static int is_be(const Sentence *s, int i)
{
    static const char *const forms[] = {"be", "is", "are", "was", "were", "been", "being", "am", "'s", "'re"};
    for (size_t k = 0; k < sizeof forms / sizeof forms[0]; k++)
        if (tok_is(s, i, forms[k]))
            return 1;
    return 0;
}

static int is_auxiliary(const Sentence *s, int i)
{
    static const char *const forms[] = {"have", "has", "had", "having", "do", "does", "did",
                                        "get", "gets", "got", "ca", "wo"};
    if (s->toks[i].tag == TAG_MD || is_be(s, i))
        return 1;
    for (size_t k = 0; k < sizeof forms / sizeof forms[0]; k++)
        if (tok_is(s, i, forms[k]))
            return 1;
    return 0;
}

static int is_negation(const Tok *t) { return (t->gram & KB_G_NEGATION) != 0; }

/* May token i continue (or start) a verb group? */
static int verbal(const Sentence *s, int i)
{
    const Tok *t = &s->toks[i];
    /* a name is not a verb, whatever the tagger says ("Trump", "Said") */
    return (tag_is_verb(t->tag) || t->tag == TAG_MD) && t->actor < 0;
}

static int adverbial(const Sentence *s, int i)
{
    const Tok *t = &s->toks[i];
    /* "are either harassed or ...": "either" inside a verb group */
    return t->tag == TAG_RB || t->tag == TAG_RBR || is_negation(t) || tok_is(s, i, "either") ||
           (t->tag == TAG_DT && (tok_is(s, i, "once") || tok_is(s, i, "again")));
}

/* "the Israeli strikes", "the Russian attacks": a verb form right after a
 * determiner and a country's adjective is a noun, whatever the tagger says. */
static int noun_after_adjective(const Sentence *s, int i)
{
    if (i < 2 || s->toks[i].actor >= 0)
        return 0;
    int a = s->toks[i - 1].actor;
    if (a < 0)
        return 0;
    const Actor *x = &s->actors[a];
    /* the actor is the determiner and the adjective alone, nothing more */
    return x->end == i && x->name_start == i - 1 && x->kind == KB_ADJECTIVE && strlen(x->code) == 3 &&
           s->toks[x->start].tag == TAG_DT;
}

static void find_verb_groups(Sentence *s, Arena *a)
{
    s->vgs = arena_alloc(a, sizeof(VGroup) * (size_t)(s->n_toks + 1));
    s->n_vgs = 0;
    for (int i = 0; i < s->n_toks; i++)
        s->toks[i].vg = -1;
    int i = 0;
    while (i < s->n_toks) {
        if (!verbal(s, i) || noun_after_adjective(s, i)) {
            i++;
            continue;
        }
        VGroup *g = &s->vgs[s->n_vgs];
        memset(g, 0, sizeof *g);
        g->start = (uint16_t)i;
        g->subject = -1;
        g->clause = -1;
        /* negations just before belong to the group: "never undermine", "nor does" */
        while (g->start > 0 && s->toks[g->start - 1].vg < 0 && is_negation(&s->toks[g->start - 1]))
            g->start--;
        int j = i;
        int last_verb = i;
        int chained = 0; /* the next verb follows "to": it continues the group */
        for (;;) {
            /* auxiliaries chain ("will have been told"); a main verb ends the run, so
             * "stands united" is "stands" with a complement */
            while (j < s->n_toks && (verbal(s, j) || adverbial(s, j))) {
                if (verbal(s, j)) {
                    if (j > last_verb && !chained && !is_auxiliary(s, last_verb))
                        break;
                    last_verb = j;
                    chained = 0;
                }
                j++;
            }
            /* "to" + verb continues the chain after an auxiliary or a word of intent or
             * failure ("vowed to retaliate", "fail to undermine", "has to go"); after
             * another verb it starts a group of its own ("refused | to meet") */
            const Tok *lv = &s->toks[last_verb];
            if (j + 1 < s->n_toks && s->toks[j].tag == TAG_TO && s->toks[j + 1].tag == TAG_VB &&
                (is_auxiliary(s, last_verb) || (lv->gram & (KB_G_INTENT | KB_G_FAIL | KB_G_MODAL)))) {
                /* "is to hold talks": what is planned; "has to go": what must
                 * be, not what was ("had to use tear gas" reports a deed) */
                if (last_verb == i && is_be(s, last_verb) && !tok_is(s, last_verb, "being"))
                    g->intent = 1;
                else if (last_verb == i && (tok_is(s, last_verb, "has") || tok_is(s, last_verb, "have")))
                    g->wished = 1;
                j++;
                chained = 1;
                continue;
            }
            /* "are likely to find": a guess, no deed ("were supposed to sign" is
             * the WISH set's "suppose") */
            if (j + 2 < s->n_toks && (tok_is(s, j, "likely") || tok_is(s, j, "unlikely")) &&
                s->toks[j + 1].tag == TAG_TO && s->toks[j + 2].tag == TAG_VB && is_auxiliary(s, last_verb)) {
                g->wished = 1;
                j += 2;
                chained = 1;
                continue;
            }
            /* "is ready to send": an intent adjective between */
            if (j + 2 < s->n_toks && (s->toks[j].gram & KB_G_INTENT) && s->toks[j + 1].tag == TAG_TO &&
                s->toks[j + 2].tag == TAG_VB) {
                g->intent = 1;
                j += 2;
                chained = 1;
                continue;
            }
            break;
        }
        /* trailing adverbs are not part of the group */
        g->end = (uint16_t)(last_verb + 1);
        g->head = (uint16_t)last_verb;
        for (int k = g->start; k < g->end; k++) {
            const Tok *t = &s->toks[k];
            if (is_negation(t))
                g->negated = 1;
            if (k != g->head && (t->gram & KB_G_FAIL))
                g->negated = 1;
            if (t->tag == TAG_MD || (k != g->head && (t->gram & KB_G_MODAL))) {
                /* "will", "would", "shall": what someone means to do; "should",
                 * "must", "could", "may", "can": what someone thinks might or ought
                 * to happen, which is no event */
                if (tok_is(s, k, "will") || tok_is(s, k, "would") || tok_is(s, k, "shall") ||
                    tok_is(s, k, "'ll") || tok_is(s, k, "wo") || tok_is(s, k, "'d"))
                    g->modal = 1;
                else
                    g->wished = 1;
            }
            if (k != g->head && (t->gram & KB_G_INTENT))
                g->intent = 1;
            s->toks[k].vg = (int16_t)s->n_vgs;
        }
        /* "readiness to cooperate": an intent noun right before "to" */
        if (g->start >= 2 && s->toks[g->start - 1].tag == TAG_TO && (s->toks[g->start - 2].gram & KB_G_INTENT))
            g->intent = 1;
        if (s->toks[g->head].tag == TAG_VBN)
            for (int k = g->start; k < g->head; k++)
                if (is_be(s, k) || tok_is(s, k, "got"))
                    g->passive = 1;
        if (s->toks[g->head].gram & KB_G_SAY)
            g->say = 1;
        g->tense = 'n';
        for (int k = g->start; k < g->end; k++) {
            if (tok_is(s, k, "will") || tok_is(s, k, "shall") || tok_is(s, k, "'ll") || tok_is(s, k, "wo") ||
                (tok_is(s, k, "going") && k + 1 < g->end && s->toks[k + 1].tag == TAG_TO)) {
                g->tense = 'f';
                break;
            }
            if (s->toks[k].tag == TAG_VBD || tok_is(s, k, "had"))
                g->tense = 'p';
        }
        /* an inverted auxiliary lends its negation and modality to the verb after
         * the subject: "nor does she kill", "will they attack" */
        if (s->n_vgs > 0) {
            VGroup *prev = &s->vgs[s->n_vgs - 1];
            if (is_auxiliary(s, prev->head) && g->start > prev->end && g->start - prev->end <= 3) {
                g->negated |= prev->negated;
                g->modal |= prev->modal;
            }
        }
        s->n_vgs++;
        i = g->end > i ? g->end : i + 1;
    }
}

static int is_boundary_word(const Sentence *s, int i)
{
    static const char *const words[] = {"that", "which", "who", "whom", "whose", "while", "because",
                                        "although", "though", "whereas", "if", "unless", "since"};
    const Tok *t = &s->toks[i];
    if (tok_is(s, i, ";"))
        return 1;
    if (tok_is(s, i, "that") && t->tag == TAG_DT)
        return 0; /* "that attack" */
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
        if (tok_is(s, i, words[k]))
            return 1;
    return 0;
}

int tok_opens_clause(const Sentence *s, int i)
{
    static const char *const temporal[] = {"after", "before", "as", "when", "until", "once"};
    if (is_boundary_word(s, i))
        return 1;
    for (size_t k = 0; k < sizeof temporal / sizeof temporal[0]; k++)
        if (tok_is(s, i, temporal[k]))
            return 1;
    return 0;
}

static int nominal(uint8_t tag)
{
    return tag_is_noun(tag) || tag_is_adj(tag) || tag == TAG_DT || tag == TAG_CD || tag == TAG_PRPS ||
           tag == TAG_POS;
}

static int is_day(const Sentence *s, int i)
{
    static const char *const days[] = {"monday", "tuesday", "wednesday", "thursday", "friday",
                                       "saturday", "sunday", "yesterday", "today", "tonight"};
    for (size_t k = 0; k < sizeof days / sizeof days[0]; k++)
        if (tok_is(s, i, days[k]))
            return 1;
    return 0;
}

/* Verbs whose infinitive is an intention: "offered to supply", "agreed to send". */
static int is_intent_governor(const Sentence *s, int i)
{
    static const char *const lemmas[] = {"offer", "offered", "offers", "offering", "agree", "agreed",
                                         "agrees", "agreeing", "volunteer", "volunteered"};
    if (s->toks[i].gram & KB_G_INTENT)
        return 1;
    for (size_t k = 0; k < sizeof lemmas / sizeof lemmas[0]; k++)
        if (tok_is(s, i, lemmas[k]))
            return 1;
    return 0;
}

/* Does "for" at token f open a deed rather than a wish: "it took hours for
 * police to disperse"? */
static int for_done(const Sentence *s, int f)
{
    static const char *const time_words[] = {"hours", "days", "weeks", "months", "years", "minutes", "time",
                                             "long"};
    if (f == 0)
        return 0;
    if (s->toks[f - 1].tag == TAG_CD)
        return 1;
    for (size_t k = 0; k < sizeof time_words / sizeof time_words[0]; k++)
        if (tok_is(s, f - 1, time_words[k]))
            return 1;
    for (int k = f - 1; k >= 0 && k >= f - 3; k--)
        if (tok_is(s, k, "took") || tok_is(s, k, "take") || tok_is(s, k, "takes") || tok_is(s, k, "taking"))
            return 1;
    return 0;
}

static int find_subject(Sentence *s, int vgi, int clause_start)
{
    const VGroup *g = &s->vgs[vgi];
    int i = g->start - 1;
    /* a participle after a comma shares the subject before it: "Protesters
     * marched in Yangon, demanding ..." */
    if (vgi > 0 && i >= clause_start && s->toks[g->head].tag == TAG_VBG && g->head == g->start &&
        s->toks[i].tag == TAG_COMMA)
        return -2;
    /* an infinitive: "urged Israel to accept" (the object acts), "refused to meet"
     * (the subject of the verb before) */
    if (i >= clause_start && s->toks[i].tag == TAG_TO) {
        int a = i - 1 >= clause_start ? s->toks[i - 1].actor : -1;
        if (a >= 0 && !s->actors[a].modifier)
            return s->actors[a].first;
        return vgi > 0 ? -2 : -1;
    }
    while (i >= clause_start) {
        const Tok *t = &s->toks[i];
        if (t->actor >= 0 && s->actors[t->actor].modifier)
            return -1; /* "Iranian oil exports rose": nobody acts */
        if (t->actor >= 0) {
            int a = t->actor;
            int before = s->actors[a].start - 1;
            /* "thousands of people", "dozens of protesters": the people act ("X,
             * one of the critics," is an apposition, not a count) */
            int counted = before - 1 >= clause_start && tok_is(s, before, "of") &&
                          ((s->toks[before - 1].tag == TAG_CD && !tok_is(s, before - 1, "one")) ||
                           tok_is(s, before - 1, "thousands") ||
                           tok_is(s, before - 1, "hundreds") || tok_is(s, before - 1, "dozens") ||
                           tok_is(s, before - 1, "millions") || tok_is(s, before - 1, "scores") ||
                           tok_is(s, before - 1, "tens"));
            /* an actor inside a prepositional phrase is not the subject: look past
             * it ("Ukrainian troops near Kyiv were attacked"); but "before",
             * "after", "until", "when", "as" or "once" just before an actor that a finite
             * verb follows opens a clause of its own ("... before Russia invaded",
             * not "went after the companies using") */
            uint8_t verb_tag = s->toks[g->start].tag;
            int opens_clause = before >= clause_start && s->actors[a].end == g->start &&
                               (verb_tag == TAG_VBD || verb_tag == TAG_VBZ || verb_tag == TAG_VBP ||
                                verb_tag == TAG_MD) &&
                               tok_opens_clause(s, before);
            if (!counted && !opens_clause && before >= clause_start &&
                (s->toks[before].tag == TAG_IN || s->toks[before].tag == TAG_TO) && !is_boundary_word(s, before)) {
                i = before - 1;
                continue;
            }
            return s->actors[a].first;
        }
        /* an aside between commas, two to eight words naming nobody: "Arnor's
         * foreign minister, in remarks published on Monday, urged" */
        if (t->tag == TAG_COMMA) {
            int open = i - 1, words = 0, named = 0;
            while (open > clause_start && s->toks[open].tag != TAG_COMMA && words <= 8) {
                named |= s->toks[open].actor >= 0;
                words++;
                open--;
            }
            if (s->toks[open].tag == TAG_COMMA && words >= 2 && words <= 8 && !named &&
                open - 1 >= clause_start && s->toks[open - 1].actor >= 0) {
                i = open - 1;
                continue;
            }
        }
        /* an aside in brackets: "the European Union (EU) agreed" */
        if (t->tag == TAG_RPAREN) {
            int open = i - 1;
            while (open > clause_start && open > i - 8 && s->toks[open].tag != TAG_LPAREN)
                open--;
            if (s->toks[open].tag == TAG_LPAREN) {
                i = open - 1;
                continue;
            }
        }
        /* a participle aside: "Rubio, speaking to reporters, warned" */
        if ((t->tag == TAG_VBG || t->tag == TAG_VBN) && i - 1 > clause_start && s->toks[i - 1].tag == TAG_COMMA) {
            i -= 2;
            continue;
        }
        if (t->tag == TAG_RB || t->tag == TAG_COMMA || t->tag == TAG_RBR || t->tag == TAG_RBS || tok_is(s, i, "once") ||
            tok_is(s, i, "again") || t->tag == TAG_RQUOTE || t->tag == TAG_LQUOTE ||
            (t->flags & TXT_TOK_QUOTE)) {
            i--;
            continue;
        }
        /* an adverbial phrase: "at first", "in turn", "at once" */
        if (t->tag == TAG_IN && i + 1 < g->start && !is_boundary_word(s, i) &&
            (s->toks[i + 1].tag == TAG_RB || tok_is(s, i + 1, "first") || tok_is(s, i + 1, "once") ||
             tok_is(s, i + 1, "turn") || tok_is(s, i + 1, "least"))) {
            i--;
            continue;
        }
        if (t->tag == TAG_CC && i > clause_start && vgi > 0)
            return -2; /* coordination: share the previous subject */
        /* a prepositional phrase between the subject and its finite verb: "Trump
         * on Thursday threatened", "the minister in a statement said"; a bare
         * participle ("the night following") has no subject to look for */
        uint8_t first_tag = s->toks[g->start].tag;
        int finite = first_tag == TAG_VBD || first_tag == TAG_VBZ || first_tag == TAG_VBP ||
                     first_tag == TAG_MD;
        if (finite && nominal(t->tag)) {
            int k = i;
            while (k > clause_start && k > i - 6 && (nominal(s->toks[k].tag) || s->toks[k].tag == TAG_VBG) &&
                   s->toks[k].actor < 0)
                k--;
            if ((s->toks[k].tag == TAG_IN || s->toks[k].tag == TAG_TO) && !is_boundary_word(s, k)) {
                i = k - 1;
                continue;
            }
            /* a participle and its object after the subject: "protesters carrying
             * banners marched", "the Group of Seven leading democracies urged" */
            if (s->toks[k].actor >= 0 && k + 1 < i && s->toks[k + 1].tag == TAG_VBG) {
                i = k;
                continue;
            }
            /* a bare day: "Trump Thursday threatened" */
            if (is_day(s, i)) {
                i--;
                continue;
            }
        }
        return -1;
    }
    return -1;
}

/* Adverbs the tagger often takes for verbs or nouns ("will not even/VB ever"). */
static int slippery_adverb(const Sentence *s, int i)
{
    return tok_is(s, i, "even") || tok_is(s, i, "ever") || tok_is(s, i, "just") ||
           tok_is(s, i, "still");
}

/* "will not even ever clash", "did not clash": after a modal or a form of "do"
 * and any adverbs, a singular noun is the tagger's slip for the bare verb (no
 * determiner can stand between them), and "even", "ever" there are adverbs.
 * Retagged (VB, RB) so the verb heads the group. */
static void retag_bare_verbs(Sentence *s)
{
    for (int i = 1; i < s->n_toks; i++) {
        Tok *t = &s->toks[i];
        if ((t->tag != TAG_NN && t->tag != TAG_VB) || t->actor >= 0 || slippery_adverb(s, i))
            continue;
        int k = i - 1;
        while (k > 0 && (s->toks[k].tag == TAG_RB || is_negation(&s->toks[k]) || slippery_adverb(s, k)))
            k--;
        int after_modal = s->toks[k].tag == TAG_MD;
        int after_do = k < i - 1 && (tok_is(s, k, "did") || tok_is(s, k, "does") || tok_is(s, k, "do"));
        if (!after_modal && !after_do)
            continue;
        t->tag = TAG_VB;
        for (int q = k + 1; q < i; q++)
            if (slippery_adverb(s, q))
                s->toks[q].tag = TAG_RB;
    }
}

void clauses_find(Sentence *s, Arena *a)
{
    retag_bare_verbs(s);
    find_verb_groups(s, a);
    s->clauses = arena_calloc(a, (size_t)(s->n_toks + 1), sizeof(Clause));
    s->n_clauses = 0;
    /* Cut points. */
    int start = 0;
    int addressee = 0;     /* a reporting verb's addressee was just passed */
    int relative_of = -1;  /* inside ", which ...": the actor before it, or -2 for none */
    int resumes = -1;      /* the clause starting at this cut resumes after a relative clause */
    int pending_resume = -1; /* ... carried to the clause that starts at `start` */
    for (int i = 0; i <= s->n_toks; i++) {
        int cut = i == s->n_toks;
        if (!cut && i > start && is_boundary_word(s, i)) {
            cut = 1;
            /* ", which ... ," / ", who ... ,": the sentence resumes after it */
            if ((tok_is(s, i, "which") || tok_is(s, i, "who")) && s->toks[i - 1].tag == TAG_COMMA) {
                int a = i >= 2 ? s->toks[i - 2].actor : -1;
                relative_of = a >= 0 ? s->actors[a].first : -2;
                /* and the relative clause's own verb has that actor as subject:
                 * "Oman, which had mediated ..." */
                resumes = a >= 0 ? relative_of : -1;
            }
        }
        if (!cut && relative_of != -1 && i > start && s->toks[i - 1].tag == TAG_COMMA && verbal(s, i)) {
            cut = 1;
            resumes = relative_of;
            relative_of = -1;
        }
        /* a quotation ends or begins a clause: "...," Raisi said */
        if (!cut && i > start && (s->toks[i - 1].flags & TXT_TOK_QUOTE) && !s->toks[i - 1].in_quote &&
            !(s->toks[i].flags & TXT_TOK_PUNCT))
            cut = 1;
        if (!cut && i > start && (s->toks[i].flags & TXT_TOK_QUOTE) && s->toks[i].in_quote)
            cut = 1;
        /* after a reporting verb followed by a new subject ("said the attack ..."),
         * but not before its addressee ("told Trump in a call they had ..."): then
         * before the first pronoun or actor that a verb follows */
        if (!cut && i > start && s->toks[i - 1].vg >= 0 && s->vgs[s->toks[i - 1].vg].say &&
            s->vgs[s->toks[i - 1].vg].end == i && s->toks[i].tag != TAG_IN &&
            s->toks[i].tag != TAG_TO && !tok_is(s, i, ",") && !tok_is(s, i, ".")) {
            int a = s->toks[i].actor;
            int after = a >= 0 && s->actors[a].start == i ? s->actors[a].end : -1;
            if (after >= 0 && after < s->n_toks && !verbal(s, after)) {
                addressee = 1;
            } else {
                /* a noun phrase with no verb after it is the verb's object, not
                 * a reported clause: "reaffirmed their support for Kyiv" */
                int k = i;
                while (k < s->n_toks && k < i + 8 && nominal(s->toks[k].tag))
                    k++;
                cut = k == i || k >= s->n_toks || verbal(s, k) || !(s->toks[k].tag == TAG_IN || s->toks[k].tag == TAG_TO);
            }
        }
        if (!cut && addressee && i > start && s->toks[i - 1].vg < 0 && i + 1 < s->n_toks &&
            (s->toks[i].tag == TAG_PRP ||
             (s->toks[i].actor >= 0 && s->toks[i].actor != s->toks[i - 1].actor)) &&
            verbal(s, i + 1)) {
            cut = 1;
        }
        if (cut)
            addressee = 0;
        if (!cut)
            continue;
        /* A stretch without a verb joins the clause before it. */
        int has_vg = 0;
        for (int k = start; k < i; k++)
            if (s->toks[k].vg >= 0)
                has_vg = 1;
        if (!has_vg && s->n_clauses > 0) {
            s->clauses[s->n_clauses - 1].end = (uint16_t)i;
        } else if (i > start) {
            Clause *c = &s->clauses[s->n_clauses++];
            c->start = (uint16_t)start;
            c->end = (uint16_t)i;
            c->first_vg = -1;
            c->speaker = -1;
            c->resumes = (int16_t)pending_resume;
        }
        pending_resume = resumes;
        resumes = -1;
        start = i;
    }
    /* A verbless first stretch ("In a phone call with X, Raisi said") joins the next. */
    if (s->n_clauses >= 2) {
        int has_vg = 0;
        for (int k = s->clauses[0].start; k < s->clauses[0].end; k++)
            if (s->toks[k].vg >= 0)
                has_vg = 1;
        if (!has_vg) {
            s->clauses[1].start = s->clauses[0].start;
            memmove(s->clauses, s->clauses + 1, sizeof(Clause) * (size_t)(s->n_clauses - 1));
            s->n_clauses--;
        }
    }
    for (int c = 0; c < s->n_clauses; c++)
        for (int k = s->clauses[c].start; k < s->clauses[c].end; k++)
            s->toks[k].clause = (int16_t)c;
    /* Subjects and speakers. */
    for (int v = 0; v < s->n_vgs; v++) {
        VGroup *g = &s->vgs[v];
        g->clause = s->toks[g->head].clause;
        Clause *c = &s->clauses[g->clause];
        if (c->first_vg < 0)
            c->first_vg = (int16_t)v;
        int subj = find_subject(s, v, c->start);
        if (subj == -1 && c->first_vg == (int16_t)v && c->resumes >= 0)
            subj = c->resumes;
        /* shared subject: the latest verb before, in the clause, that has one ("expressed
         * sorrow over lives lost and urged": not "lost") */
        if (subj == -2) {
            subj = -1;
            int u = v - 1;
            for (; u >= 0 && subj < 0; u--)
                if (s->vgs[u].clause == g->clause)
                    subj = s->vgs[u].subject;
            /* a bare infinitive after "and" shares the first verb's auxiliaries:
             * "must boost cooperation and hold talks" is no more done than the
             * boosting, "will visit and meet" is as meant; "did not attack Kyiv
             * and shelled Kharkiv" is another verb of its own */
            const VGroup *first = u + 1 >= 0 && u + 1 < v ? &s->vgs[u + 1] : NULL;
            if (first && first->clause == g->clause && g->start == g->head && s->toks[g->head].tag == TAG_VB &&
                g->start > 0 && (tok_is(s, g->start - 1, "and") || tok_is(s, g->start - 1, "or"))) {
                g->wished |= first->wished;
                g->modal |= first->modal;
                g->negated |= first->negated;
            }
            /* "have been blocked or harassed": the second participle is as passive */
            if (first && first->clause == g->clause && first->passive && g->start == g->head &&
                s->toks[g->head].tag == TAG_VBN && g->start > 0 &&
                (tok_is(s, g->start - 1, "or") || tok_is(s, g->start - 1, "and")))
                g->passive = 1;
        }
        g->subject = (int16_t)subj;
        /* a subject of its own right after a wish, no "that" between, is what is
         * wished or feared: "I'm hoping the administration will reach out",
         * "Seoul fears Pyongyang will test" ("hoped that" is below); not a
         * subject after the wish's object or a comma ("wants a ceasefire, but
         * Hamas fired") */
        if (subj >= 0 && v > 0) {
            const VGroup *u = &s->vgs[v - 1];
            int k = u->end; /* determiners and adjectives may stand before it: "hope the new government" */
            while (k < s->actors[subj].start && (s->toks[k].tag == TAG_DT || s->toks[k].tag == TAG_JJ ||
                                                 s->toks[k].tag == TAG_PRPS || tok_is(s, k, "ex")))
                k++;
            if (u->clause == g->clause && (s->toks[u->head].gram & KB_G_WISH) && u->subject != subj &&
                k == s->actors[subj].start && s->actors[subj].start < g->start)
                g->wished = 1;
        }
    }
    /* An infinitive after a wish or an appeal is wanted, not done: "urged Israel
     * to accept", "asked them to leave". */
    for (int v = 0; v < s->n_vgs; v++) {
        VGroup *g = &s->vgs[v];
        int to = g->start - 1; /* "to", adverbs aside: "need to either destroy" */
        while (to > 0 && adverbial(s, to))
            to--;
        if (to < 1 || !(s->toks[to].tag == TAG_TO || (tok_is(s, to, "to") && s->toks[g->head].tag == TAG_VB)))
            continue;
        const Tok *before = &s->toks[to - 1];
        const VGroup *prev = v > 0 ? &s->vgs[v - 1] : NULL;
        if (prev && prev->clause == g->clause && (s->toks[prev->head].gram & KB_G_WISH))
            g->wished = 1;
        /* "will decide whether to begin talks": an open question */
        else if (tok_is(s, to - 1, "whether"))
            g->wished = 1;
        /* a chain of infinitives stays wanted: "want to continue to sell" */
        else if (prev && prev->clause == g->clause && prev->wished && prev->end == to)
            g->wished = 1;
        /* after a noun it is a purpose or a plan, not a deed ("a duty to
         * investigate", "steps to meet", "a demand for Turkey to recognise"),
         * unless the noun is an intention ("readiness to cooperate") */
        else if (tag_is_noun(before->tag) && before->actor < 0 && !(before->gram & KB_G_INTENT))
            g->wished = 1;
        /* "a proposal for the Council to lift", "waiting for Kyiv to accept":
         * what someone would have an actor do (not "it took hours for police
         * to disperse them": that happened) */
        else if (before->actor >= 0 && s->actors[before->actor].start > 0 &&
                 tok_is(s, s->actors[before->actor].start - 1, "for") && !for_done(s, s->actors[before->actor].start - 1))
            g->wished = 1;
        /* after "offered", "agreed": an intention */
        else if (prev && prev->end == to && is_intent_governor(s, prev->head))
            g->intent = 1;
        /* after a negated verb, not done either: "did not agree to attack",
         * "can't afford to defend" */
        if (prev && prev->clause == g->clause && prev->end == to && prev->negated)
            g->negated = 1;
    }
    /* ... and so is a bare infinitive joined to it: "threatened to close or
     * suspend", "urged them to stop and withdraw" */
    for (int v = 1; v < s->n_vgs; v++) {
        VGroup *g = &s->vgs[v];
        const VGroup *prev = &s->vgs[v - 1];
        if (prev->clause == g->clause && g->start == g->head && s->toks[g->head].tag == TAG_VB &&
            s->toks[prev->head].tag == TAG_VB && prev->end == g->start - 1 &&
            (tok_is(s, g->start - 1, "and") || tok_is(s, g->start - 1, "or"))) {
            g->wished |= prev->wished;
            g->intent |= prev->intent;
            g->negated |= prev->negated;
        }
    }
    /* A gerund after "of" or "for" is a charge or a reason, not a deed the
     * sentence reports ("convicted of planting bombs", "suspended for allegedly
     * suggesting"): the verb it hangs on carries the event. */
    for (int v = 0; v < s->n_vgs; v++) {
        VGroup *g = &s->vgs[v];
        if (g->start != g->head || s->toks[g->head].tag != TAG_VBG)
            continue;
        int k = g->start - 1;
        while (k >= 0 && (s->toks[k].tag == TAG_RB || s->toks[k].tag == TAG_RBR))
            k--;
        if (k >= 0 && (tok_is(s, k, "of") || tok_is(s, k, "for")))
            g->wished = 1;
        /* ... and the gerunds listed after it: "accused them of killing, raping
         * and looting" */
        const VGroup *prev = v > 0 ? &s->vgs[v - 1] : NULL;
        if (k >= 0 && prev && prev->wished && s->toks[prev->head].tag == TAG_VBG &&
            (s->toks[k].tag == TAG_COMMA || tok_is(s, k, "and") || tok_is(s, k, "or")) && prev->end >= k - 1)
            g->wished = 1;
    }
    /* A clause opened by "if" or "unless" is a condition, not a deed, up to the
     * comma that ends it: "if North Korea conducts a test, Seoul will respond"
     * (the answer keeps its own modal) */
    for (int v = 0; v < s->n_vgs; v++) {
        VGroup *g = &s->vgs[v];
        int first = s->clauses[g->clause].start;
        if (!(tok_is(s, first, "if") || tok_is(s, first, "unless")))
            continue;
        int comma = first;
        while (comma < g->start && s->toks[comma].tag != TAG_COMMA)
            comma++;
        if (comma == g->start)
            g->wished = 1;
    }
    /* A "that" clause after a verb that does not report ("demanded that", "hoped
     * that") tells what someone wants, not what happened. */
    for (int c = 1; c < s->n_clauses; c++) {
        int first = s->clauses[c].start;
        if (!(tok_is(s, first, "that") || tok_is(s, first, "whether") || tok_is(s, first, "if")))
            continue;
        int v = -1;
        for (int k = first - 1; v < 0 && k >= s->clauses[c - 1].start; k--)
            if (s->toks[k].vg >= 0)
                v = s->toks[k].vg;
        /* ... and after a denial: "did not mean that Libya had cut its ties" */
        if ((s->toks[first - 1].gram & KB_G_WISH) ||
            (v >= 0 && ((s->toks[s->vgs[v].head].gram & KB_G_WISH) || s->vgs[v].negated)))
            s->clauses[c].irrealis = 1;
    }
    /* An attribution at the end, ", the Israeli military said.", reports all
     * that comes before it. */
    for (int v = s->n_vgs - 1; v >= 0; v--) {
        const VGroup *g = &s->vgs[v];
        if (!g->say || g->subject < 0)
            continue;
        int before = s->actors[g->subject].start - 1;
        int tail = s->n_toks - g->end;
        if (before > 0 && s->toks[before].tag == TAG_COMMA && tail <= 4 && s->actors[g->subject].end <= g->start)
            for (int c = 0; c < s->n_clauses; c++)
                if (s->clauses[c].speaker < 0)
                    s->clauses[c].speaker = g->subject;
        break;
    }
    /* A clause after a reporting verb is reported by that verb's subject; so is a
     * quotation before it: "...," he emphasized. */
    for (int v = 0; v < s->n_vgs; v++) {
        const VGroup *g = &s->vgs[v];
        if (!g->say || g->subject < 0)
            continue;
        for (int c = g->clause + 1; c < s->n_clauses; c++)
            s->clauses[c].speaker = g->subject;
        int first = s->clauses[g->clause].start;
        if (first > 0 && (s->toks[first - 1].flags & TXT_TOK_QUOTE))
            for (int c = 0; c < g->clause; c++)
                if (s->clauses[c].speaker < 0)
                    s->clauses[c].speaker = g->subject;
    }
    /* A pronoun no earlier actor explained, as the subject of a reported clause,
     * is the one who reports it: "Police said they arrested 15 people", "'We
     * condemn this attack,' the ministry said". */
    for (int v = 0; v < s->n_vgs; v++) {
        VGroup *g = &s->vgs[v];
        int c = g->clause;
        if (g->subject >= 0 || g->say || c < 0 || s->clauses[c].speaker < 0 || g->start == 0)
            continue;
        int p = g->start - 1;
        if (s->toks[p].tag != TAG_PRP || s->toks[p].actor >= 0 || p < s->clauses[c].start)
            continue;
        int we = tok_is(s, p, "we") || tok_is(s, p, "i");
        int they = tok_is(s, p, "they");
        if (we ? s->toks[p].in_quote : they)
            g->subject = s->clauses[c].speaker;
    }
}

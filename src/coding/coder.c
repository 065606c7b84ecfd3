/*
 * coder.c: the pipeline, from a document to events; the public API of dyad.h.
 *
 * A DyadCoder owns the two read-only mappings (knowledge base and tagger model);
 * a DyadWorker owns one arena, reset at the start of every document, from which
 * every stage allocates.  Nothing here is global, so workers on different
 * threads share one coder freely.
 *
 * Event assembly: each kept match gives one event per (source, target) pair of
 * its compound actors, both ways for [sym] patterns (a '%' pattern with no
 * target: each member of its compound source with each other); a modal or intent word
 * turns an action into its intent (03x) or threat (13x); an event needs an
 * actor on at least one side and never has the same actor on both.  Within a
 * sentence an event is emitted once per (source code, target code, event code).
 * Events are written after the whole document is analyzed, so that a story
 * found to be sport or markets at its end can be dropped whole.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dyad.h"

#include "../language/tagger.h"
#include "../language/tagset.h"
#include "analysis.h"
#include "coder.h"
#include "petrarch.h"

/* A story with this many sentences holding a discard phrase (or one in its
 * headline) is sport, entertainment or markets, and yields no event. */
#define DOC_DISCARD_SENTENCES 2

struct DyadCoder {
    Kb *kb;          /* knowledge base image */
    Tagger *tagger;  /* tagger model */
};

struct DyadWorker {
    const DyadCoder *coder; /* shared, read-only */
    Arena arena;            /* reset per document */
    long discarded;         /* documents found to be sport, entertainment or markets */
    DyadTabariOptions tabari; /* TABARI's options, for sparse coding */
    int new_actor_length;     /* PETRARCH's new_actor_length, 0: off */
};

DyadCoder *dyad_open(const char *kb_path, const char *model_path, char *err, size_t errlen)
{
    Kb *kb = kb_load(kb_path, err, errlen);
    if (!kb)
        return NULL;
    Tagger *t = tagger_load(model_path, err, errlen);
    if (!t) {
        kb_free(kb);
        return NULL;
    }
    DyadCoder *c = calloc(1, sizeof *c);
    if (!c) {
        kb_free(kb);
        tagger_free(t);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    c->kb = kb;
    c->tagger = t;
    return c;
}

void dyad_close(DyadCoder *c)
{
    if (!c)
        return;
    kb_free(c->kb);
    tagger_free(c->tagger);
    free(c);
}

const Kb *coder_kb(const DyadCoder *c) { return c->kb; }

DyadWorker *dyad_worker_new(const DyadCoder *coder)
{
    DyadWorker *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    w->coder = coder;
    dyad_tabari_defaults(&w->tabari);
    arena_init(&w->arena, 256 * 1024);
    return w;
}

void dyad_worker_free(DyadWorker *w)
{
    if (!w)
        return;
    arena_free(&w->arena);
    free(w);
}

Arena *worker_arena(DyadWorker *w) { return &w->arena; }

void dyad_worker_set_tabari(DyadWorker *w, const DyadTabariOptions *o) { w->tabari = *o; }

void dyad_worker_set_new_actor_length(DyadWorker *w, int words) { w->new_actor_length = words > 0 ? words : 0; }

long worker_discarded(const DyadWorker *w) { return w->discarded; }

/* The intent (03x) or threat (13x) an action becomes under "will", "vowed to" ... */
static const char *intent_code(const char *code)
{
    static const struct { const char *prefix, *intent; } map[] = {
        {"061", "0311"}, {"062", "0312"}, {"063", "0313"}, {"064", "0314"}, {"06", "031"},
        {"071", "0331"}, {"072", "0332"}, {"073", "0333"}, {"074", "0334"}, {"07", "033"},
        {"0831", "0341"}, {"0832", "0342"}, {"0833", "0343"}, {"0834", "0344"}, {"083", "034"},
        {"081", "0351"}, {"082", "0352"}, {"084", "0353"}, {"085", "0354"}, {"086", "0355"},
        {"087", "0356"}, {"08", "035"},
        {"045", "039"}, {"046", "036"}, {"04", "036"}, {"05", "032"},
        {"14", "133"}, {"15", "138"}, {"161", "1313"}, {"163", "1312"}, {"16", "131"},
        {"172", "132"}, {"175", "137"}, {"17", "130"}, {"18", "138"}, {"19", "138"}, {"20", "138"},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strncmp(code, map[i].prefix, strlen(map[i].prefix)) == 0)
            return map[i].intent;
    return code;
}

static const char *kind_name(int kind)
{
    switch (kind) {
    case KB_COUNTRY: return "country";
    case KB_ADJECTIVE: return "adjective";
    case KB_CAPITAL: return "capital";
    case KB_SEAT: return "seat";
    case KB_CITY: return "city";
    case KB_PERSON: return "person";
    case KB_ORG: return "org";
    case KB_AGENT: return "agent";
    default: return "";
    }
}

/* Fill a public actor from an actor phrase, with offsets into the original. */
static void fill_actor(const DocCtx *d, const Sentence *s, int a, DyadActor *out)
{
    memset(out, 0, sizeof *out);
    if (a < 0)
        return;
    const Actor *act = &s->actors[a];
    const Kb *kb = d->kb;
    /* an actor of no words (TABARI's DEFAULT codes) stands at the sentence's start */
    TxtSpan sp = act->end > act->start
                     ? (TxtSpan){s->toks[act->start].start, s->toks[act->end - 1].end}
                     : (TxtSpan){s->span.start, s->span.start};
    TxtSpan o = txt_norm_to_orig(d->norm, sp);
    out->present = 1;
    out->code = act->code;
    out->text = d->raw + o.start;
    out->text_len = o.end - o.start;
    out->start = o.start;
    out->end = o.end;
    out->entry_id = act->entity >= 0 ? kb_str(kb, kb->entities[act->entity].id) : "";
    out->entry_kind = act->unknown ? "unknown" : act->pronoun ? "pronoun" : kind_name(act->kind);
}

/* Sectors that carry arms: whoever else "attacks" is speaking. */
static int armed(const char *code)
{
    static const char *const sectors[] = {"MIL", "REB", "INS", "COP", "SEP", "RAD", "CRM", "SPY", "PKO"};
    for (size_t i = 3; i + 3 <= strlen(code); i += 3)
        for (size_t k = 0; k < sizeof sectors / sizeof sectors[0]; k++)
            if (strncmp(code + i, sectors[k], 3) == 0)
                return 1;
    /* transnational militant groups: IMGISI, IMGAQD */
    return strncmp(code, "IMG", 3) == 0;
}

/* Where an unidentified hand struck: the first place named after "in", "at" or
 * "near" past the match, before a comma or the end of its clause ("gunmen
 * stormed a hotel in the Somali city of Beledweyne": SOM).  The attack is an
 * event against that country, as a bombing "in Kerman" is one against Iran;
 * -1 when no place is named. */
static int struck_place(const Sentence *s, const Match *m)
{
    int end = m->clause >= 0 ? s->clauses[m->clause].end : s->n_toks;
    for (int j = m->span_end; j < end && !tok_is(s, j, ","); j++) {
        if (!tok_is(s, j, "in") && !tok_is(s, j, "at") && !tok_is(s, j, "near"))
            continue;
        /* "in the Somali city of", "near the northern town of" */
        for (int k = j + 1; k < end && k <= j + 5 && !tok_is(s, k, ","); k++) {
            int a = s->toks[k].actor;
            if (a < 0)
                continue;
            const Actor *act = &s->actors[a];
            int place = act->kind == KB_COUNTRY || act->kind == KB_CITY || act->kind == KB_CAPITAL ||
                        act->kind == KB_ADJECTIVE;
            if (place && act->code[0] && strlen(act->code) == 3)
                return act->first;
            break;
        }
    }
    return -1;
}

typedef struct Seen {
    char src[CODE_MAX], tgt[CODE_MAX], code[8]; /* the key of one emitted event */
} Seen;

static int emit_one(const DocCtx *d, const Sentence *s, const Match *m, int src, int tgt,
                    const char *code, Seen *seen, int *n_seen, int max_seen)
{
    /* a role whose country stayed unknown ("the local people") is nobody */
    if (src >= 0 && !s->actors[src].code[0] && !s->actors[src].unknown)
        src = -1;
    if (tgt >= 0 && !s->actors[tgt].code[0] && !s->actors[tgt].unknown)
        tgt = -1;
    /* the code emitted, after an intent or a reverse event rewrote it */
    int ci = kb_code_index(d->kb, code);
    if (ci < 0)
        return 0;
    const KbCode *kc = &d->kb->codes[ci];
    /* a strike with no actor struck is against the place named: by an unknown
     * hand, or by an armed one abroad through a pattern that names the weapon or
     * the force ("a Ukrainian drone struck a refinery in Russia's Krasnodar
     * region": RUS; not "the army killed militants near the Afghan border") */
    int tgt_known = tgt >= 0 && !s->actors[tgt].unknown && s->actors[tgt].code[0];
    if (!tgt_known && src >= 0 && kc->quad == 4 &&
        (s->actors[src].unknown ||
         (s->actors[src].code[0] && armed(s->actors[src].code) && m->pattern->anchor_at > 0))) {
        int place = struck_place(s, m);
        if (place >= 0 && strncmp(s->actors[place].code, s->actors[src].code, 3) != 0)
            tgt = place;
    }
    const char *sc = src >= 0 ? s->actors[src].code : "";
    const char *tc = tgt >= 0 ? s->actors[tgt].code : "";
    int src_real = src >= 0 && !s->actors[src].unknown && sc[0];
    int tgt_real = tgt >= 0 && !s->actors[tgt].unknown && tc[0];
    if (!src_real && !tgt_real)
        return 0;
    /* "Trump attacked the newspaper": someone without arms attacks in words */
    int state = strlen(sc) == 3 && strcmp(sc, "IGO") != 0 && strcmp(sc, "NGO") != 0; /* a country */
    /* a military alliance (NATO), not any international body ("the European
     * Parliament clashed with the Commission" is in words) */
    int alliance = strncmp(sc, "IGO", 3) == 0 && code_holds(sc + 3, "NAT");
    /* a government as a body commands forces ("the Taliban government"); a
     * president or a minister speaks */
    int one_person = src >= 0 && (s->actors[src].kind == KB_PERSON || s->actors[src].person);
    int ruling_body = src >= 0 && !one_person && strlen(sc) == 6 && strcmp(sc + 3, "GOV") == 0;
    if ((m->pattern->flags & KB_P_VERBAL) && src_real && !state && !alliance && !ruling_body && !armed(sc)) {
        ci = kb_code_index(d->kb, "111");
        if (ci < 0)
            return 0;
        kc = &d->kb->codes[ci];
        code = kc->code;
    }
    /* With no target, only what can be done to nobody in particular is an event:
     * a statement, an appeal, an intent, a protest, a threat, an arrest ("police detained
     * dozens"), a resignation; not a meeting, an agreement, aid or a cut in
     * relations; and an armed attack only by someone armed ("Tories attack
     * plans" is a criticism). */
    if (!tgt_real) {
        int root = kc->root;
        /* nor the intention of what needs a party: "will visit Auschwitz",
         * "will host a reception" */
        int acted = d->kb->codes[m->pattern->code].root;
        if ((root >= 4 && root <= 7) || root == 16 || (acted >= 4 && acted <= 7) || acted == 16)
            return 0;
        /* ... and no armed attack by someone unarmed; nor the intention of one
         * by a body that neither rules nor bears arms ("the bank will kill the
         * merger"), though a state's or a government's threat with nobody
         * named is one ("Iran vowed to retaliate") */
        if (root >= 18 && src_real && !armed(sc))
            return 0;
        if (m->intent && acted >= 18 && src_real && !armed(sc) && !state && !alliance && !ruling_body)
            return 0;
    }
    /* With no source, only an attack by an unidentified hand is an event: the
     * subject is an unknown actor ("gunmen killed"), or the pattern itself names
     * the agentless act ("&BLAST * place in +").  "Floods killed 50" is not. */
    if (!src_real) {
        int unknown_subject = src >= 0 && s->actors[src].unknown;
        if (kc->quad != 4 ||
            !(unknown_subject || m->pattern->anchor_at > 0))
            return 0;
    }
    if (src_real && tgt_real && strcmp(sc, tc) == 0)
        return 0;
    for (int i = 0; i < *n_seen; i++)
        if (strcmp(seen[i].src, sc) == 0 && strcmp(seen[i].tgt, tc) == 0 && strcmp(seen[i].code, code) == 0)
            return 0;
    if (*n_seen < max_seen) {
        snprintf(seen[*n_seen].src, CODE_MAX, "%s", sc);
        snprintf(seen[*n_seen].tgt, CODE_MAX, "%s", tc);
        snprintf(seen[*n_seen].code, 8, "%s", code);
        (*n_seen)++;
    }
    const Kb *kb = d->kb;
    const KbCode *k = kc;
    DyadEvent ev;
    memset(&ev, 0, sizeof ev);
    ev.doc = d->doc_id;
    ev.sentence = d->sentence_index;
    ev.date = d->date;
    fill_actor(d, s, src, &ev.source);
    fill_actor(d, s, tgt, &ev.target);
    ev.code = k->code;
    ev.root = k->root;
    ev.quad = k->quad;
    ev.goldstein = k->goldstein;
    ev.name = kb_str(kb, k->name);
    const Tok *at = &s->toks[m->anchor];
    TxtSpan vs = txt_norm_to_orig(d->norm, (TxtSpan){at->start, at->end});
    ev.verb_text = d->raw + vs.start;
    ev.verb_len = vs.end - vs.start;
    ev.verb_start = vs.start;
    ev.verb_end = vs.end;
    ev.rule_file = kb_str(kb, m->pattern->file);
    ev.rule_line = m->pattern->line;
    ev.rule_text = kb_str(kb, m->pattern->text);
    ev.negated = (m->pattern->flags & KB_P_NEG) != 0;
    int speaker = m->clause >= 0 ? s->clauses[m->clause].speaker : -1;
    if (speaker >= 0 && speaker != src)
        fill_actor(d, s, speaker, &ev.speaker);
    TxtSpan ss = txt_norm_to_orig(d->norm, s->span);
    ev.text = d->raw + ss.start;
    ev.text_len = ss.end - ss.start;
    ev.issues = s->issues ? s->issues : "";
    return d->emit(&ev, d->ctx) ? -1 : 1;
}

/* A compound acting among itself ("A and B agree", "A and B held talks", "A and
 * B accused each other"): each member of the compound source with each member
 * after it, and back when both_ways ([sym], "each other") or with the paired
 * code.  Events or -1. */
static int emit_among(const DocCtx *d, const Sentence *s, const Match *m, const char *code, int both_ways,
                      Seen *seen, int *n_seen, int max_seen)
{
    int n = 0;
    for (int a = m->source; a >= 0; a = s->actors[a].next)
        for (int b = s->actors[a].next; b >= 0; b = s->actors[b].next) {
            int r = emit_one(d, s, m, a, b, code, seen, n_seen, max_seen);
            if (r >= 0 && both_ways)
                r = (n += r, emit_one(d, s, m, b, a, code, seen, n_seen, max_seen));
            else if (r >= 0 && m->pattern->rev_code)
                r = (n += r, emit_one(d, s, m, b, a, d->kb->codes[m->pattern->rev_code - 1].code,
                                      seen, n_seen, max_seen));
            if (r < 0)
                return -1;
            n += r;
        }
    return n;
}

int coder_emit_events(const DocCtx *d, const Sentence *s)
{
    if (s->discarded || s->dropped)
        return 0;
    Seen seen[256];
    int n_seen = 0, n = 0;
    for (int i = 0; i < s->n_matches; i++) {
        const Match *m = &s->matches[i];
        if (m->suppressed)
            continue;
        const KbCode *k = &d->kb->codes[m->pattern->code];
        const char *code = k->code;
        if (m->intent && !(m->pattern->flags & KB_P_NOINTENT))
            code = intent_code(code);
        /* "Armenia and Azerbaijan held talks", "India and Pakistan exchanged
         * fire": a symmetric act of a compound with no other party is among
         * its members */
        int compound_source = m->source >= 0 && s->actors[m->source].next >= 0;
        int no_party = m->target < 0 || !s->actors[m->target].code[0];
        /* "Israel and Hamas accused each other": among them, whatever the pattern */
        int reciprocal = 0;
        for (int k = m->anchor_end; compound_source && k + 1 < s->n_toks && k <= m->anchor_end + 2; k++)
            reciprocal |= (tok_is(s, k, "each") && tok_is(s, k + 1, "other")) ||
                          (tok_is(s, k, "one") && tok_is(s, k + 1, "another"));
        if ((m->target < 0 && (m->pattern->flags & KB_P_AMONG)) ||
            (no_party && ((m->pattern->flags & KB_P_SYM) || reciprocal) && compound_source)) {
            int r = emit_among(d, s, m, code, (m->pattern->flags & KB_P_SYM) || reciprocal, seen, &n_seen, 256);
            if (r < 0)
                return -1;
            n += r;
            continue;
        }
        /* each source of a compound with each target of a compound */
        for (int a = m->source; ; a = s->actors[a].next) {
            for (int b = m->target; ; b = s->actors[b].next) {
                int r = emit_one(d, s, m, a, b, code, seen, &n_seen, 256);
                if (r < 0)
                    return -1;
                n += r;
                /* the other side of a meeting only one side means to hold has
                 * said nothing ("Iran will meet the Saudi delegation") */
                if ((m->pattern->flags & KB_P_SYM) && code == k->code) {
                    r = emit_one(d, s, m, b, a, code, seen, &n_seen, 256);
                    if (r < 0)
                        return -1;
                    n += r;
                }
                if (m->pattern->rev_code) {
                    /* a paired event: a visit (042) and its hosting (043) */
                    r = emit_one(d, s, m, b, a, d->kb->codes[m->pattern->rev_code - 1].code, seen,
                                 &n_seen, 256);
                    if (r < 0)
                        return -1;
                    n += r;
                }
                if (b < 0 || s->actors[b].next < 0)
                    break;
            }
            if (a < 0 || s->actors[a].next < 0)
                break;
        }
    }
    return n;
}

/* Tokens, tags, knowledge-base words, quotes: the sentence before any coding. */
/* "earthquake-hit", "war-torn", "Iran-backed": a hyphened word ending in a
 * participle is an adjective, whatever the tagger made of it after "to"; a
 * verb the knowledge base knows whole ("test-fired") stays a verb. */
static int participle_compound(const Kb *kb, const char *text, const Tok *t)
{
    const char *w = text + t->start;
    size_t n = t->end - t->start;
    size_t dash = 0;
    for (size_t k = 1; k + 1 < n; k++)
        if (w[k] == '-')
            dash = k;
    if (!dash || (t->lemma && kb->words[t->lemma].n_patterns))
        return 0;
    const char *p = w + dash + 1;
    size_t m = n - dash - 1;
    static const char *const irregular[] = {"hit", "torn", "ridden", "stricken", "made", "held", "run",
                                            "led", "built", "won", "struck", "shaken", "hidden"};
    if (m > 3 && p[m - 2] == 'e' && p[m - 1] == 'd')
        return 1;
    for (size_t k = 0; k < sizeof irregular / sizeof irregular[0]; k++)
        if (strlen(irregular[k]) == m && strncasecmp(p, irregular[k], m) == 0)
            return 1;
    return 0;
}

/* Headlines drop articles and fool the tagger: "G7 urges Russia to accept
 * ceasefire" comes out with no verb at all.  In a sentence with no finite verb,
 * the first "noun" or "adverb" that is a verb the knowledge base has patterns
 * for, after a name or noun and before an object, is that verb. */
/* A verb the knowledge base has verb patterns for. */
static int has_verb_patterns(const Kb *kb, uint32_t lemma)
{
    const KbWord *w = &kb->words[lemma];
    for (uint32_t k = 0; k < w->n_patterns; k++)
        if (!(kb->patterns[w->first_pattern + k].flags & KB_P_NOUN))
            return 1;
    return 0;
}

/* "offered to host talks": after a verb and "to", a word the tagger made a
 * noun, with an object after it, is the infinitive. */
static void infinitive_verb(const Kb *kb, Sentence *s)
{
    for (int i = 2; i + 1 < s->n_toks; i++) {
        Tok *t = &s->toks[i];
        uint8_t next = s->toks[i + 1].tag;
        if ((t->tag == TAG_NN || t->tag == TAG_NNS) && t->lemma && s->toks[i - 1].tag == TAG_TO &&
            tag_is_verb(s->toks[i - 2].tag) &&
            (next == TAG_DT || next == TAG_PRPS || next == TAG_JJ || tag_is_noun(next)) &&
            has_verb_patterns(kb, t->lemma))
            t->tag = TAG_VB;
    }
}

static void headline_verb(const Kb *kb, Sentence *s)
{
    for (int i = 0; i < s->n_toks; i++) {
        uint8_t t = s->toks[i].tag;
        if (t == TAG_VBD || t == TAG_VBZ || t == TAG_VBP || t == TAG_MD)
            return;
    }
    for (int i = 1; i + 1 < s->n_toks; i++) {
        Tok *t = &s->toks[i];
        /* a plural noun ("urges"), a singular one or an adverb that is an
         * inflected verb ("condemns"), or an adverb ("kill") */
        int candidate = t->tag == TAG_NNS || t->tag == TAG_RB || (t->tag == TAG_NN && t->lemma != t->word);
        if (!candidate || !t->lemma || !tag_is_noun(s->toks[i - 1].tag))
            continue;
        uint8_t next = s->toks[i + 1].tag;
        if (!(next == TAG_NNP || next == TAG_NNPS || next == TAG_DT || next == TAG_TO || next == TAG_PRP ||
              next == TAG_PRPS || next == TAG_CD || next == TAG_JJ || next == TAG_NN || next == TAG_NNS))
            continue;
        if (has_verb_patterns(kb, t->lemma)) {
            t->tag = t->lemma == t->word ? TAG_VBP : TAG_VBZ;
            return;
        }
    }
}

void coder_prepare(const DyadCoder *c, Sentence *s, const char *text, TxtSpan span, Arena *a)
{
    memset(s, 0, sizeof *s);
    s->text = text;
    s->span = span;
    size_t n;
    TxtToken *tt = txt_tokenize(text, span, a, &n);
    if (c->kb->options & KB_O_UNDERSCORE_SPACE)
        tt = petrarch_split_underscores(text, tt, &n, a);
    if (n > 2000)
        n = 2000; /* txt_sentences caps sentences; this bounds int16 indices regardless */
    s->n_toks = (int)n;
    s->toks = arena_calloc(a, n + 1, sizeof(Tok));
    uint8_t *tags = arena_alloc(a, n + 1);
    tagger_tag(c->tagger, text, tt, n, tags);
    int quote = 0;
    for (size_t i = 0; i < n; i++) {
        Tok *t = &s->toks[i];
        t->start = tt[i].start;
        t->end = tt[i].end;
        t->flags = tt[i].flags;
        t->tag = tags[i];
        t->actor = t->vg = -1;
        if (t->flags & TXT_TOK_QUOTE)
            quote = !quote;
        t->in_quote = (uint8_t)quote;
        t->word = kb_word_fold(c->kb, text + t->start, t->end - t->start);
        if (!t->word && (c->kb->options & KB_O_SPARSE))
            t->word = sparse_noun_ending(c->kb, text + t->start, t->end - t->start);
        if (!t->word && (c->kb->options & KB_O_SPARSE))
            t->word = sparse_stem_form(c->kb, text + t->start, t->end - t->start);
        if (t->word) {
            t->lemma = c->kb->words[t->word].lemma;
            t->gram = c->kb->words[t->word].gram | c->kb->words[t->lemma].gram;
        }
        if (tag_is_verb(t->tag) && participle_compound(c->kb, text, t))
            t->tag = TAG_JJ;
    }
    headline_verb(c->kb, s);
    infinitive_verb(c->kb, s);
}

void coder_analyze(const DyadCoder *c, Sentence *s, DocMemory *mem, Arena *a, FILE *trace)
{
    /* TABARI's options reach only a knowledge base imported from its dictionaries */
    s->tabari = (c->kb->options & KB_O_SPARSE) ? mem->tabari : NULL;
    actors_find(c->kb, s, mem, a);
    issues_find(c->kb, s, a);
    coref_resolve(s, mem);
    clauses_find(s, a);
    coref_remember(s, mem);
    s->before = mem->sparse_first;
    match_patterns_traced(c->kb, s, a, trace);
    if (c->kb->options & KB_O_SPARSE)
        sparse_remember(s, mem);
}

void coder_memory_init(DocMemory *mem, const char *date)
{
    memset(mem, 0, sizeof *mem);
    mem->last_person_entity = mem->last_person_any_entity = -1;
    /* INT32_MIN: undated (or a bad date); people then take their latest office */
    mem->day = date && *date ? kb_parse_day(date) : INT32_MIN;
}

/* How often each country is named in a document. */
#define TALLY_MAX 32
typedef struct CountryTally {
    char code[TALLY_MAX][4]; /* country codes seen */
    int count[TALLY_MAX];    /* how often */
    int n;                   /* distinct codes */
} CountryTally;

static void tally_countries(CountryTally *t, const Sentence *s)
{
    for (int i = 0; i < s->n_actors; i++) {
        const Actor *a = &s->actors[i];
        if (a->bare || a->unknown || strlen(a->code) < 3 || a->kind == KB_ORG || a->kind == 0)
            continue;
        int k = 0;
        while (k < t->n && strncmp(t->code[k], a->code, 3) != 0)
            k++;
        if (k == t->n) {
            if (t->n == TALLY_MAX)
                continue;
            snprintf(t->code[t->n++], 4, "%.3s", a->code);
        }
        t->count[k]++;
    }
}

/* The story's country: named at least twice, and twice as often as any other. */
static void home_country(const CountryTally *t, char out[4])
{
    int best = -1, second = 0;
    for (int k = 0; k < t->n; k++) {
        if (best < 0 || t->count[k] > t->count[best]) {
            if (best >= 0)
                second = t->count[best];
            best = k;
        } else if (t->count[k] > second) {
            second = t->count[k];
        }
    }
    out[0] = '\0';
    if (best >= 0 && t->count[best] >= 2 && t->count[best] >= 2 * second)
        snprintf(out, 4, "%s", t->code[best]);
}

long coder_code_doc(DyadWorker *w, const TxtDoc *doc, DyadEmit emit, void *ctx, char *err,
                    size_t errlen)
{
    const DyadCoder *c = w->coder;
    Arena *a = &w->arena;
    TxtNorm norm;
    TxtError terr;
    if (txt_normalize(doc->raw, doc->raw_len, a, &norm, &terr) != 0) {
        snprintf(err, errlen, "byte %ld: %s", terr.byte, terr.msg);
        return -1;
    }
    DocMemory mem;
    coder_memory_init(&mem, doc->date);
    mem.tabari = &w->tabari;
    mem.new_actor_length = w->new_actor_length;
    DocCtx d = {c->kb, &norm, doc->raw, doc->id, doc->date, 0, emit, ctx};
    /* First pass: tokens, tags and actors of every sentence.  Whether the story is
     * sport, entertainment or markets is known only at its end (such a story
     * yields no event), and so is the country the story is about, which a role
     * named without one ("the government", "the chancellor") belongs to. */
    size_t cap = 64, n_sent = 0;
    Sentence *sents_all = arena_alloc(a, cap * sizeof *sents_all);
    /* where each paragraph's sentences begin: TABARI's record is a paragraph */
    size_t *para_first = arena_alloc(a, (doc->n_paras + 1) * sizeof *para_first);
    int discarded = 0, headline_discarded = 0;
    DocMemory first_pass = mem;
    CountryTally tally = {{{0}}, {0}, 0};
    for (size_t p = 0; p < doc->n_paras; p++) {
        TxtSpan para = {txt_orig_to_norm(&norm, doc->paras[p].start),
                        txt_orig_to_norm(&norm, doc->paras[p].end)};
        size_t ns;
        TxtSpan *sents = txt_sentences(norm.text, para, a, &ns);
        para_first[p] = n_sent;
        for (size_t k = 0; k < ns; k++) {
            if (n_sent == cap) {
                Sentence *bigger = arena_alloc(a, 2 * cap * sizeof *bigger);
                memcpy(bigger, sents_all, cap * sizeof *bigger);
                sents_all = bigger;
                cap *= 2;
            }
            Sentence *s = &sents_all[n_sent++];
            coder_prepare(c, s, norm.text, sents[k], a);
            actors_find(c->kb, s, &first_pass, a);
            tally_countries(&tally, s);
            discarded += s->discarded;
            if (p == 0 && doc->has_headline)
                headline_discarded |= s->discarded;
        }
    }
    if (headline_discarded || discarded >= DOC_DISCARD_SENTENCES) {
        w->discarded++;
        return (long)n_sent;
    }
    home_country(&tally, mem.home);
    /* Second pass, in order: everything else, with what earlier sentences told. */
    para_first[doc->n_paras] = n_sent;
    for (size_t k = 0; k < n_sent; k++)
        coder_analyze(c, &sents_all[k], &mem, a, NULL);
    /* TABARI's complexity limits count over its record: a sentence of ours, or
     * a paragraph when the record is one (its validation suite's records) */
    if ((c->kb->options & KB_O_SPARSE) && w->tabari.record_is_paragraph)
        for (size_t p = 0; p < doc->n_paras; p++)
            sparse_reject_complex(c->kb, &sents_all[para_first[p]], (int)(para_first[p + 1] - para_first[p]),
                                  NULL);
    else if (c->kb->options & KB_O_SPARSE)
        for (size_t k = 0; k < n_sent; k++)
            sparse_reject_complex(c->kb, &sents_all[k], 1, NULL);
    for (size_t k = 0; k < n_sent; k++) {
        d.sentence_index = (int)k;
        if (coder_emit_events(&d, &sents_all[k]) < 0)
            break;
    }
    return (long)n_sent;
}

long dyad_code_text(DyadWorker *w, const char *doc_id, const char *date, const char *text,
                    size_t len, int has_headline, DyadEmit emit, void *ctx, char *err,
                    size_t errlen)
{
    arena_reset(&w->arena);
    TxtDoc doc;
    memset(&doc, 0, sizeof doc);
    doc.file = "";
    doc.id = doc_id ? doc_id : "";
    snprintf(doc.date, sizeof doc.date, "%s", date ? date : "");
    doc.raw = text;
    doc.raw_len = len;
    doc.has_headline = has_headline;
    /* paragraphs at blank lines */
    size_t cap = 16, n = 0;
    TxtSpan *paras = arena_alloc(&w->arena, cap * sizeof *paras);
    size_t i = 0;
    while (i < len) {
        while (i < len && (text[i] == '\n' || text[i] == '\r' || text[i] == ' ' || text[i] == '\t'))
            i++;
        if (i >= len)
            break;
        size_t start = i;
        while (i < len) {
            if (text[i] == '\n') {
                size_t j = i + 1;
                while (j < len && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r'))
                    j++;
                if (j >= len || text[j] == '\n')
                    break;
            }
            i++;
        }
        if (n == cap) {
            TxtSpan *bigger = arena_alloc(&w->arena, 2 * cap * sizeof *paras);
            memcpy(bigger, paras, cap * sizeof *paras);
            paras = bigger;
            cap *= 2;
        }
        paras[n++] = (TxtSpan){(uint32_t)start, (uint32_t)i};
    }
    doc.paras = paras;
    doc.n_paras = n;
    return coder_code_doc(w, &doc, emit, ctx, err, errlen);
}

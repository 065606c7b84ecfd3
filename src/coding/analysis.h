/*
 * analysis.h: what the coder knows about one sentence, stage by stage.
 *
 * The stages fill one Sentence in order: tokens and tags (text, language), then
 * actor phrases (actors.c), coreference (coref.c), verb groups and clauses
 * (clauses.c), and pattern matches (match.c).  Everything lives in the document's
 * arena; indices, not pointers, link the parts, and -1 means "none".
 */
#ifndef DYAD_ANALYSIS_H
#define DYAD_ANALYSIS_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "dyad.h"

#include "../base/arena.h"
#include "../knowledge/kb.h"
#include "../text/text.h"

#define CODE_MAX 32

typedef struct Tok {
    uint32_t start, end; /* bytes in the normalized text */
    uint32_t word;       /* knowledge-base word id of the lower-case form, 0 if unknown */
    uint32_t lemma;      /* word id of its lemma, 0 if unknown */
    uint16_t flags;      /* TXT_TOK_* */
    uint16_t gram;       /* KB_G_* bits of the word or its lemma */
    uint8_t tag;         /* Penn tag */
    uint8_t in_quote;    /* inside quotation marks */
    uint8_t hidden;      /* left out of sparse coding: in a comma clause TABARI drops */
    uint8_t conj;        /* sparse coding: a conjunction that starts a conjunct clause */
    int16_t actor;       /* actor phrase covering it */
    int16_t vg;          /* verb group containing it */
    int16_t clause;      /* clause it belongs to */
} Tok;

/* A run of words that names something in the knowledge base. */
typedef struct Mention {
    uint16_t start, end;       /* tokens [start, end) */
    uint8_t kind;              /* KB_* entity kind */
    uint32_t entity;           /* entity index */
    uint32_t sub;              /* PETRARCH: 1 + the entity of an agent phrase that starts
                                  inside this agent phrase ("opposition group" in "main
                                  opposition group"), 0 when none */
    uint16_t rest, rest_end;   /* sparse coding: the later words of a phrase with a gap
                                  ("Durthang ... Orc"), tokens [rest, rest_end); 0, 0 */
} Mention;

/* A noun phrase that names an actor, with its resolved code. */
typedef struct Actor {
    uint16_t start, end;       /* tokens [start, end), determiners included */
    uint16_t name_start;       /* first token of the naming words (after determiners) */
    char code[CODE_MAX];       /* CAMEO code; "" for an unidentified actor */
    int32_t entity;            /* main entity (person, org, country), -1 if none */
    uint8_t kind;              /* kind of the main entity, 0 for pronouns and unknowns */
    uint8_t person;            /* refers to one person (for he/she) */
    uint8_t pronoun;           /* a pronoun resolved by coreference */
    uint8_t unknown;           /* an unidentified actor ("gunmen") */
    uint8_t from_text;         /* the code came from role words in the text */
    uint8_t modifier;          /* modifies a noun ("a British tanker"): a target, never a subject */
    uint8_t bare;              /* a role with no country yet ("the emir"): code is sectors only */
    uint8_t part;              /* PETRARCH: the actor after "of" in a role's phrase ("the
                                  parliament of X": X), appended for the pattern matcher
                                  only; no token points to it (petrarch_role_of_parts) */
    int16_t next;              /* next actor of a compound ("Iran and Qatar") */
    int16_t first;             /* first actor of its compound (itself if alone) */
    uint16_t rest, rest_end;   /* sparse coding: its phrase's later words, past a gap; 0, 0 */
} Actor;

typedef struct VGroup {
    uint16_t start, end;       /* tokens [start, end) */
    uint16_t head;             /* the main verb */
    uint8_t negated;           /* not, never, n't, fail to ... */
    uint8_t modal;             /* will, would, shall: an intention */
    uint8_t intent;            /* vow to, ready to, readiness to ... */
    uint8_t passive;           /* be + past participle */
    uint8_t say;               /* a reporting verb */
    char tense;                /* 'p' past, 'n' present, 'f' future ("will", "is going to") */
    uint8_t wished;            /* not a deed: an infinitive after a wish, an appeal or a noun
                                  ("urged Israel to accept"), or under "should", "must", "may" */
    int16_t subject;           /* actor index of the subject, -1 */
    int16_t clause;            /* clause it heads */
} VGroup;

typedef struct Clause {
    uint16_t start, end;       /* tokens [start, end) */
    int16_t first_vg;          /* its first verb group, -1 */
    int16_t speaker;           /* actor who reports it, -1 */
    uint8_t irrealis;          /* a wish or demand, not a report: "urged that Iran release" */
    int16_t resumes;           /* the subject when none is found: the antecedent of a
                                  relative clause ("Oman, which ...") or of the sentence
                                  resuming after it ("..., denounced"); -1 */
} Clause;

/* A pattern that matched. */
typedef struct Match {
    const KbPattern *pattern;  /* what matched */
    uint16_t anchor;           /* anchor token */
    uint16_t anchor_end;       /* one past the anchor's last token (verb group end) */
    uint16_t span_start, span_end; /* tokens covered by the match */
    int16_t source, target;    /* actor indices, -1 for none */
    int16_t vg;                /* verb group of the anchor, -1 */
    int16_t clause;            /* clause of the anchor */
    uint8_t negated;           /* the anchor is negated */
    uint8_t intent;            /* the anchor is under a modal or an intent word */
    uint8_t suppressed;        /* lost to a more specific match */
    uint8_t sparse_seen;       /* already weighed by sparse_select */
    int16_t compound;          /* the compound a '%' bound: events among its members; -1 */
} Match;

/* What TABARI's complexity filter and MINIMUM WORDS count in a sentence (sparse
 * coding), added up over the sentences of a record by sparse_reject_complex. */
typedef struct SparseTally {
    int verbs;                 /* verbs with a code of their own */
    int conj;                  /* conjunctions that start a conjunct clause */
    int words;                 /* words as TABARI counts them ("Gondor's" is one) */
    int first_verb;            /* token of the first verb a pattern matched, -1 if none */
    int actor_prior;           /* a coded actor stands before that verb */
    int any_actor;             /* the sentence names a coded actor */
} SparseTally;

typedef struct Sentence {
    const char *text;          /* the document's normalized text */
    TxtSpan span;              /* the sentence in it */
    Tok *toks;                 /* tokens */
    int n_toks;                /* count */
    Mention *mentions;         /* knowledge-base phrases found */
    int n_mentions;            /* count */
    Actor *actors;             /* actor phrases */
    int n_actors;              /* count */
    VGroup *vgs;               /* verb groups */
    int n_vgs;                 /* count */
    Clause *clauses;           /* clauses */
    int n_clauses;             /* count */
    Match *matches;            /* pattern matches */
    int n_matches;             /* count */
    const DyadTabariOptions *tabari; /* TABARI's options for sparse coding, NULL: defaults */
    int16_t default_source;    /* sparse coding: the actor standing for DEFAULT SOURCE, -1 */
    int16_t default_target;    /* sparse coding: the actor standing for DEFAULT TARGET, -1 */
    const char *before;        /* sparse coding: the country of the sentence before's first
                                  actor, for a pronoun with none before it; "" if none */
    int discarded;             /* a discard phrase was found (counts toward the document's) */
    int dropped;               /* sparse coding: an actor's code on the date is a discard;
                                  this sentence alone is not coded (TABARI drops the record) */
    TxtSpan discard;           /* the first discard phrase, in the normalized text */
    const char *issues;        /* issue categories named, "A,B" in order, "" if none */
    SparseTally tally;         /* sparse coding: counted by sparse_select */
} Sentence;

/* What the coder remembers across the sentences of one document. */
#define DOC_MAX_ENTITIES 64
typedef struct DocMemory {
    int32_t entity[DOC_MAX_ENTITIES];        /* entities seen, in order (-1: a person the
                                                knowledge base does not know) */
    char code[DOC_MAX_ENTITIES][CODE_MAX];   /* the code each was first given */
    uint64_t surname[DOC_MAX_ENTITIES];      /* hash of its last name word, lower case */
    uint8_t from_text[DOC_MAX_ENTITIES];     /* the code came from role words in the text */
    int n;                                   /* entries */
    char last_person[CODE_MAX];              /* code of the last person named as a subject */
    int32_t last_person_entity;              /* and their entity, -1 */
    char last_person_any[CODE_MAX];          /* code of the last person named anywhere */
    int32_t last_person_any_entity;          /* and their entity */
    char last_plural[CODE_MAX];              /* last country or group, for "they" */
    int32_t day;                             /* document date, days since 1970, INT32_MIN if none */
    char home[4];                            /* the country the story is about, "" if unclear */
    const DyadTabariOptions *tabari;         /* the worker's TABARI options, NULL: defaults */
    int new_actor_length;                    /* PETRARCH's new_actor_length (petrarch.h), 0: off */
    char sparse_first[4];                    /* sparse coding: the country of the last
                                                sentence's first actor, "" if none */
} DocMemory;

/* Word ids of the known words from token i on, at most max of them (the
 * candidates for a phrase starting there); returns how many. */
int phrase_words_at(const Sentence *s, int i, int max, uint32_t *ids);

/* The actor after the last of s->actors, cleared, over tokens [start, end)
 * named from name_start, alone in its compound; the caller fills it in and
 * counts it in s->n_actors. */
Actor *actor_blank(Sentence *s, int start, int end, int name_start);

/* Stages, in order. */
void actors_find(const Kb *kb, Sentence *s, DocMemory *mem, Arena *a);
void coref_resolve(Sentence *s, const DocMemory *mem);
void clauses_find(Sentence *s, Arena *a);
/* Does token i open a clause of its own: "that", "which", "because", "if",
 * "while", ... or "after", "before", "as", "when", "until", "once"? */
int tok_opens_clause(const Sentence *s, int i);
void coref_remember(const Sentence *s, DocMemory *mem);
void match_patterns(const Kb *kb, Sentence *s, Arena *a);
void issues_find(const Kb *kb, Sentence *s, Arena *a);
/* TABARI reads a word with a plural ending as the word ("Estonias"): the id of
 * the word without its final "s" when that word starts an actor phrase, else 0. */
uint32_t sparse_noun_ending(const Kb *kb, const char *word, size_t len);
/* TABARI reads a verb's form-list word without '_' as a stem: the id of the
 * longest such form (KB_G_STEM) that begins the word, 0 when none does. */
uint32_t sparse_stem_form(const Kb *kb, const char *word, size_t len);
/* The id of a word without its final "s" ("radios": radio), 0 when there is none
 * or the word takes no ending. */
uint32_t sparse_singular(const Kb *kb, const char *word, size_t len);
/* TABARI reads a hyphen as a blank: the phrase whose words are the parts of
 * token i ("Al-Gore": al gore), NULL if none or not under sparse coding. */
const KbPhrase *sparse_hyphened(const Kb *kb, const Sentence *s, int i);
/* A TABARI actor phrase with a blank ("DURTHANG ORC") whose later words stand
 * further on in the sentence, starting at token i and longer than
 * `longer_than` words; NULL if none.  Its first *head words are at i, the rest
 * at [*rest, *rest + *rest_len), tokens not yet `taken` (may be NULL). */
const KbPhrase *sparse_gapped(const Kb *kb, const Sentence *s, int i, int longer_than,
                              const uint8_t *taken, int *head, int *rest, int *rest_len);
/* TABARI's conventions (KB_O_SPARSE), before matching: hide the comma clauses
 * its options leave out. */
void sparse_prepare(const Kb *kb, Sentence *s, Arena *a);
/* TABARI's DEFAULT option on a match whose slots are filled: a source after the
 * verb (unless PRIOR), a target before it (unless AFTER), else the default codes. */
void sparse_defaults(const Sentence *s, Match *m);
/* After a sentence is matched: remember its first actor's country for the
 * pronouns of the next (TABARI's forwarding). */
void sparse_remember(const Sentence *s, DocMemory *mem);
/* TABARI's conventions (KB_O_SPARSE): one coded verb a conjunct clause; counts
 * s->tally for the complexity filter. */
void sparse_select(const Kb *kb, Sentence *s, FILE *trace);
/* TABARI's complexity filter (COMPLEX, MINIMUM WORDS) over one record, the n
 * sentences from sents (TABARI codes a record as one sentence, so its limits
 * count over all of them): when the record is too complex every match of its
 * sentences is suppressed.  After sparse_select on each. */
void sparse_reject_complex(const Kb *kb, Sentence *sents, int n, FILE *trace);
/* The tokens a pattern anchored at token anchor may read: its conjunct clause. */
void sparse_span(const Sentence *s, int anchor, int *start, int *end);
/* The source of a pattern without '$' that starts at token from and is
 * anchored at token anchor: the first actor of the conjunct clause before it,
 * or of a clause before that shares it; -1 if none.  target: the pattern's own
 * target ('+'), -1 if none, never taken for the source. */
int sparse_source(const Sentence *s, int from, int anchor, int target);
/* The target of a pattern without '+' anchored at [anchor, anchor_end): the
 * first actor after the verb in its conjunct clause that is not the source
 * again, -1 if none. */
int sparse_target(const Sentence *s, int anchor, int anchor_end, int source);
/* Why token i, where a verb pattern would anchor, is no verb to TABARI ("no: ..."),
 * or NULL when it is one. */
const char *sparse_not_verb(const Sentence *s, int i);
/* Does token i spell word w (a word id): as its beginning when stem, else whole? */
int sparse_word_matches(const Kb *kb, const Sentence *s, int i, uint32_t w, int stem);
/* How specific a pattern is to TABARI: higher wins among those that match. */
int sparse_rank(const Kb *kb, const KbPattern *p);
/* The same, writing every pattern tried and why it matched or not to trace. */
void match_patterns_traced(const Kb *kb, Sentence *s, Arena *a, FILE *trace);

/* out = the first three letters of country, then sectors; cut to CODE_MAX - 1. */
static inline void code_join(char out[CODE_MAX], const char *country, const char *sectors)
{
    size_t n = 0;
    for (; n < 3 && country[n]; n++)
        out[n] = country[n];
    for (size_t k = 0; sectors[k] && n < CODE_MAX - 1; k++)
        out[n++] = sectors[k];
    out[n] = '\0';
}

/* Does code hold sector at a three-letter boundary ("OSTGOV" holds GOV;
 * "KONGMU" does not hold NGM)? */
static inline int code_holds(const char *code, const char *sector)
{
    size_t n = strlen(code), k = strlen(sector);
    for (size_t i = 0; i + k <= n; i += 3)
        if (strncmp(code + i, sector, k) == 0)
            return 1;
    return 0;
}

/* hash_bytes of a token's lower-case text, 0 when it is too long. */
uint64_t tok_hash(const Sentence *s, int i);

/* Lower-case a token into buf (size >= 64); returns its length, 0 if too long. */
size_t tok_lower(const Sentence *s, int i, char *buf, size_t cap);
/* Does token i spell word (lower case)?  Inline, so the length of a literal
 * word is known at compile time and most calls end at the length test. */
static inline int tok_is(const Sentence *s, int i, const char *word)
{
    size_t n = s->toks[i].end - s->toks[i].start;
    if (strlen(word) != n)
        return 0;
    const char *p = s->text + s->toks[i].start;
    for (size_t k = 0; k < n; k++) {
        char c = (p[k] >= 'A' && p[k] <= 'Z') ? (char)(p[k] + 32) : p[k];
        if (c != word[k])
            return 0;
    }
    return 1;
}

#endif
